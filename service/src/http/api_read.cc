// Reading: meetings, albums, photos, credits, tags. What the asker may see
// is decided by the catalog's audience rule inside each query (AudienceOf);
// nothing is filtered here. Page cursors are sealed (cursor_seal.h) and bound
// to the asker's audience, the route and its filters.
#include "http/access.h"
#include "http/api.h"
#include "http/request_params.h"
#include "http/status_map.h"
#include "http/views.h"

namespace gallery::http {

namespace {

nlohmann::json NextCursor(const std::string& cursor) {
  return cursor.empty() ? nlohmann::json(nullptr) : nlohmann::json(cursor);
}

// What a cursor is bound to: who asks, the route, and every filter given.
std::string CursorContext(const HttpRequest& req, std::initializer_list<const char*> filters) {
  std::string context = AudienceKey(req.principal) + '\n' + req.path;
  for (const char* name : filters) context += std::string("\n") + name + "=" + req.Query(name);
  return context;
}

HttpResponse BadCursor() {
  return ErrorResponse(ApiError::kInvalidArgument,
                       "cursor: not a cursor of this listing (made for another listing, other filters or "
                       "another visitor)");
}

}  // namespace

std::optional<HttpResponse> Api::Authorize(HttpRequest& req, Access access) {
  if (auto failed = Authenticate(catalog(), req)) return failed;
  return CheckAccess(req.principal, access);
}

std::optional<HttpResponse> Api::OpenCursor(const HttpRequest& req, const std::string& context,
                                            std::string* cursor) {
  std::string sealed = req.Query("cursor");
  if (sealed.empty()) return std::nullopt;
  auto opened = cursors_.Open(sealed, context);
  if (!opened) return BadCursor();
  *cursor = std::move(*opened);
  return std::nullopt;
}

HttpResponse Api::ListMeetings(const HttpRequest& req) {
  auto meetings = catalog().ListMeetings(AudienceOf(req.principal));
  if (!meetings.ok()) return ErrorFromStatus(meetings.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& m : *meetings) items.push_back(MeetingJson(m));
  return JsonResponse({{"items", items}});
}

HttpResponse Api::GetMeeting(const HttpRequest& req) {
  const media::Audience audience = AudienceOf(req.principal);
  auto meeting = catalog().GetMeeting(req.Param("slug"), audience);
  if (!meeting.ok()) return ErrorFromStatus(meeting.status());
  auto albums = catalog().ListAlbums(meeting->slug, audience);
  if (!albums.ok()) return ErrorFromStatus(albums.status());
  nlohmann::json j = MeetingJson(*meeting), list = nlohmann::json::array();
  for (const auto& a : *albums) list.push_back(AlbumJson(a));
  j["albums"] = list;
  return JsonResponse(j);
}

HttpResponse Api::ListAlbums(const HttpRequest& req) {
  media::AlbumFilter filter;
  if (auto bad = ParseLimit(req, &filter.limit)) return *bad;
  filter.meeting_slug = req.Query("meeting");
  filter.credit = req.Query("credit");
  filter.audience = AudienceOf(req.principal);
  const std::string context = CursorContext(req, {"meeting", "credit"});
  if (auto bad = OpenCursor(req, context, &filter.cursor)) return *bad;
  auto page = catalog().ListAlbumPage(filter);
  if (!page.ok()) return ErrorFromStatus(page.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& a : page->albums) items.push_back(AlbumJson(a));
  return JsonResponse({{"items", items}, {"next_cursor", NextCursor(cursors_.Seal(page->next_cursor, context))}});
}

HttpResponse Api::GetAlbum(const HttpRequest& req) {
  auto album = catalog().GetAlbum(req.Param("slug"), AudienceOf(req.principal));
  if (!album.ok()) return ErrorFromStatus(album.status());
  return JsonResponse(AlbumJson(*album));
}

HttpResponse Api::ListAlbumPhotos(const HttpRequest& req) {
  media::PhotoFilter filter;
  filter.album_slug = req.Param("slug");
  return PhotoPage(req, filter, CursorContext(req, {}));
}

HttpResponse Api::ListPhotos(const HttpRequest& req) {
  media::PhotoFilter filter;
  filter.meeting_slug = req.Query("meeting");
  filter.album_slug = req.Query("album");
  filter.credit = req.Query("credit");
  filter.tag = req.Query("tag");
  filter.text = req.Query("q");
  filter.taken_from = req.Query("from");
  filter.taken_to = req.Query("to");
  return PhotoPage(req, filter, CursorContext(req, {"meeting", "album", "credit", "tag", "q", "from", "to"}));
}

HttpResponse Api::PhotoPage(const HttpRequest& req, media::PhotoFilter filter, const std::string& context) {
  if (auto bad = ParseLimit(req, &filter.limit)) return *bad;
  if (auto bad = OpenCursor(req, context, &filter.cursor)) return *bad;
  filter.audience = AudienceOf(req.principal);
  auto page = catalog().ListPhotos(filter);
  if (!page.ok()) return ErrorFromStatus(page.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : page->photos) items.push_back(PhotoJson(p, IsEditor(req.principal)));
  nlohmann::json body = nlohmann::json::object();  // moved in, not copied
  body["items"] = std::move(items);
  body["next_cursor"] = NextCursor(cursors_.Seal(page->next_cursor, context));
  return JsonResponse(body);
}

HttpResponse Api::GetPhoto(const HttpRequest& req) {
  auto id = ParseId(req.Param("id"));
  if (!id) return ErrorResponse(ApiError::kNotFound, "no photo '" + req.Param("id") + "'");
  auto photo = catalog().GetPhoto(*id, AudienceOf(req.principal));
  if (!photo.ok()) return ErrorFromStatus(photo.status());
  return JsonResponse(PhotoJson(*photo, IsEditor(req.principal)));
}

// The scope of a facet list: the photos a grid of /api/photos with these
// query parameters shows (meeting, album, q), counted for the asker.
media::PhotoFilter FacetScope(const HttpRequest& req) {
  media::PhotoFilter scope;
  scope.meeting_slug = req.Query("meeting");
  scope.album_slug = req.Query("album");
  scope.text = req.Query("q");
  scope.audience = AudienceOf(req.principal);
  return scope;
}

HttpResponse Api::ListCredits(const HttpRequest& req) {
  auto credits = catalog().ListCreditsIn(FacetScope(req));
  if (!credits.ok()) return ErrorFromStatus(credits.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : *credits) items.push_back({{"credit", c.credit}, {"photo_count", c.photo_count}});
  return JsonResponse({{"items", items}});
}

HttpResponse Api::ListTags(const HttpRequest& req) {
  auto tags = catalog().ListTagsIn(FacetScope(req));
  if (!tags.ok()) return ErrorFromStatus(tags.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& t : *tags) items.push_back({{"tag", t.tag}, {"photo_count", t.photo_count}});
  return JsonResponse({{"items", items}});
}

}  // namespace gallery::http
