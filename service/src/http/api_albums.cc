// Writing albums: create, update (title, description, meeting, visibility,
// default credit, cover photo, slug), delete (never its photos), add,
// remove and reorder photos, and the album's edit history.
#include <algorithm>

#include "http/api.h"
#include "http/json_body.h"
#include "http/status_map.h"
#include "http/views.h"

namespace gallery::http {

namespace {

using nlohmann::json;

// Applies the fields of `body` to *album; the 400 answer naming the first
// field it refuses (by its form, or a meeting or cover the catalog does not
// have). `creating`: the slug is required and no cover is taken.
std::optional<HttpResponse> ApplyAlbumFields(media::Catalog& catalog, const json& body, bool creating,
                                             media::Album* album) {
  CoverChange cover;
  if (auto bad = ReadAlbumFields(body, creating, album, &cover)) return bad;
  if (body.contains("meeting") && !album->meeting_slug.empty() &&
      !catalog.GetMeeting(album->meeting_slug).ok()) {
    return BadField("meeting", "no meeting '" + album->meeting_slug + "'");
  }
  if (cover.given && cover.id) {
    auto photo = catalog.GetPhoto(*cover.id);
    const auto& in = photo.ok() ? photo->album_slugs : std::vector<std::string>();
    if (std::find(in.begin(), in.end(), album->slug) == in.end()) {
      return BadField("cover_photo_id", "photo " + std::to_string(*cover.id) + " is not in the album");
    }
  }
  if (cover.given) album->cover_photo_id = cover.id;
  return std::nullopt;
}

// A catalog refusal of a request's content: InvalidArgument stays 400;
// NotFound of something the body named becomes a 400 naming `field`.
HttpResponse BodyRefused(const media::Status& s, const std::string& field) {
  if (s.code() == media::Status::Code::kNotFound) return BadField(field, s.message());
  return ErrorFromStatus(s);
}

}  // namespace

HttpResponse Api::CreateAlbum(const HttpRequest& req) {
  json body;
  if (auto bad = ParseJsonObject(req, &body)) return *bad;
  media::Album album;
  if (auto bad = ApplyAlbumFields(catalog(), body, true, &album)) return *bad;
  media::Status s = catalog().CreateAlbum(album);
  if (!s.ok()) return BodyRefused(s, "meeting");
  auto created = catalog().GetAlbum(album.slug);
  if (!created.ok()) return ErrorFromStatus(created.status());
  HttpResponse r = JsonResponse(AlbumJson(*created), 201);
  r.headers.emplace_back("Location", "/api/albums/" + created->slug);
  return r;
}

HttpResponse Api::UpdateAlbum(const HttpRequest& req) {
  auto album = catalog().GetAlbum(req.Param("slug"));
  if (!album.ok()) return ErrorFromStatus(album.status());
  json body;
  if (auto bad = ParseJsonObject(req, &body)) return *bad;
  if (body.empty()) return BadField("body", "nothing to change");
  media::Album changed = *album;
  if (auto bad = ApplyAlbumFields(catalog(), body, false, &changed)) return *bad;
  media::Status s = catalog().UpdateAlbum(album->slug, changed, req.principal.name);
  if (!s.ok()) return BodyRefused(s, "cover_photo_id");
  auto updated = catalog().GetAlbum(changed.slug);
  if (!updated.ok()) return ErrorFromStatus(updated.status());
  return JsonResponse(AlbumJson(*updated));
}

HttpResponse Api::DeleteAlbum(const HttpRequest& req) {
  media::Status s = catalog().DeleteAlbum(req.Param("slug"));
  if (!s.ok()) return ErrorFromStatus(s);
  return NoContent();
}

namespace {

// The album named in the path and the body's {"ids": [...]}; the error answer
// (404, 400) when either is wrong.
std::optional<HttpResponse> ReadAlbumAndIds(media::Catalog& catalog, const HttpRequest& req,
                                            media::Album* album, std::vector<std::int64_t>* ids) {
  auto found = catalog.GetAlbum(req.Param("slug"));
  if (!found.ok()) return ErrorFromStatus(found.status());
  *album = std::move(found.value());
  json body;
  if (auto bad = ParseJsonObject(req, &body)) return bad;
  if (auto bad = RejectUnknownFields(body, {"ids"})) return bad;
  return ReadIds(body, ids);
}

// The album as it is after a membership change that gave `s`.
HttpResponse AlbumAfterChange(media::Catalog& catalog, const std::string& slug, const media::Status& s) {
  if (!s.ok()) return BodyRefused(s, "ids");
  auto updated = catalog.GetAlbum(slug);
  if (!updated.ok()) return ErrorFromStatus(updated.status());
  return JsonResponse(AlbumJson(*updated));
}

}  // namespace

HttpResponse Api::AddAlbumPhotos(const HttpRequest& req) {
  media::Album album;
  std::vector<std::int64_t> ids;
  if (auto bad = ReadAlbumAndIds(catalog(), req, &album, &ids)) return *bad;
  return AlbumAfterChange(catalog(), album.slug, catalog().AddToAlbum(album.slug, ids, req.principal.name));
}

HttpResponse Api::RemoveAlbumPhotos(const HttpRequest& req) {
  media::Album album;
  std::vector<std::int64_t> ids;
  if (auto bad = ReadAlbumAndIds(catalog(), req, &album, &ids)) return *bad;
  return AlbumAfterChange(catalog(), album.slug, catalog().RemoveFromAlbum(album.slug, ids, req.principal.name));
}

HttpResponse Api::ReorderAlbum(const HttpRequest& req) {
  media::Album album;
  std::vector<std::int64_t> ids;
  if (auto bad = ReadAlbumAndIds(catalog(), req, &album, &ids)) return *bad;
  media::Status s = catalog().ReorderAlbum(album.slug, ids);
  if (s.code() == media::Status::Code::kInvalidArgument) {
    return BadField("ids", "must be every photo of the album exactly once, in the new order (" +
                               s.message() + ")");
  }
  if (!s.ok()) return BodyRefused(s, "ids");
  return JsonResponse({{"slug", album.slug}, {"ids", ids}});
}

HttpResponse Api::AlbumHistory(const HttpRequest& req) {
  auto history = catalog().AlbumHistory(req.Param("slug"));
  if (!history.ok()) return ErrorFromStatus(history.status());
  json items = json::array();
  for (const auto& e : *history) items.push_back(HistoryEntryJson(e));
  return JsonResponse({{"items", items}});
}

}  // namespace gallery::http
