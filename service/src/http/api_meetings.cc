// Writing meetings: create, update (slug, title, description, place, dates,
// default credit, location, cover photo), delete (only once it has no photos;
// its albums stay, without the meeting), and the meeting's edit history.
#include "http/api.h"
#include "http/json_body.h"
#include "http/status_map.h"
#include "http/views.h"

namespace gallery::http {

using nlohmann::json;

HttpResponse Api::CreateMeeting(const HttpRequest& req) {
  json body;
  if (auto bad = ParseJsonObject(req, &body)) return *bad;
  media::Meeting meeting;
  CoverChange no_cover;
  if (auto bad = ReadMeetingFields(body, true, &meeting, &no_cover)) return *bad;
  media::Status s = catalog().CreateMeeting(meeting);
  if (!s.ok()) return ErrorFromStatus(s);
  auto created = catalog().GetMeeting(meeting.slug);
  if (!created.ok()) return ErrorFromStatus(created.status());
  HttpResponse r = JsonResponse(MeetingJson(*created), 201);
  r.headers.emplace_back("Location", "/api/meetings/" + created->slug);
  return r;
}

HttpResponse Api::UpdateMeeting(const HttpRequest& req) {
  auto meeting = catalog().GetMeeting(req.Param("slug"));
  if (!meeting.ok()) return ErrorFromStatus(meeting.status());
  json body;
  if (auto bad = ParseJsonObject(req, &body)) return *bad;
  if (body.empty()) return BadField("body", "nothing to change");
  media::Meeting changed = *meeting;
  CoverChange cover;
  if (auto bad = ReadMeetingFields(body, false, &changed, &cover)) return *bad;
  if (cover.given && cover.id) {
    auto photo = catalog().GetPhoto(*cover.id);
    if (!photo.ok() || photo->meeting_slug != meeting->slug) {
      return BadField("cover_photo_id", "photo " + std::to_string(*cover.id) + " is not one of the meeting's photos");
    }
  }
  if (cover.given) changed.cover_photo_id = cover.id;
  media::Status s = catalog().UpdateMeeting(meeting->slug, changed, req.principal.name);
  if (!s.ok()) return ErrorFromStatus(s);
  auto updated = catalog().GetMeeting(changed.slug);
  if (!updated.ok()) return ErrorFromStatus(updated.status());
  return JsonResponse(MeetingJson(*updated));
}

HttpResponse Api::DeleteMeeting(const HttpRequest& req) {
  media::Status s = catalog().DeleteMeeting(req.Param("slug"));
  if (!s.ok()) return ErrorFromStatus(s);
  return NoContent();
}

HttpResponse Api::MeetingHistory(const HttpRequest& req) {
  auto history = catalog().MeetingHistory(req.Param("slug"));
  if (!history.ok()) return ErrorFromStatus(history.status());
  json items = json::array();
  for (const auto& e : *history) items.push_back(HistoryEntryJson(e));
  return JsonResponse({{"items", items}});
}

}  // namespace gallery::http
