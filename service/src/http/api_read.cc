// Reading: meetings, albums, photos, credits, tags. Private albums and their
// photos, and embargoed photos, do not exist for those who may not see them.
#include <algorithm>

#include "http/access.h"
#include "http/api.h"
#include "http/request_params.h"
#include "http/status_map.h"
#include "http/views.h"

namespace gallery::http {

namespace {

// The answer for an album the asker may not see: word for word the one for
// an album that does not exist, so that a refusal does not confirm a name.
HttpResponse AlbumNotFound(const std::string& slug) {
  return ErrorFromStatus(media::Status::NotFound("album '" + slug + "' not found"));
}

nlohmann::json NextCursor(const std::string& cursor) {
  return cursor.empty() ? nlohmann::json(nullptr) : nlohmann::json(cursor);
}

// Whether the album holds a photo with `credit` that `principal` may see:
// embargoed photos count only for editors, as in the photo listings.
bool AlbumHasCredit(media::Catalog& catalog, const Principal& principal, const std::string& album,
                    const std::string& credit) {
  media::PhotoFilter f;
  f.album_slug = album;
  f.credit = credit;
  f.include_embargoed = IsEditor(principal);
  f.limit = 1;
  auto page = catalog.ListPhotos(f);
  return page.ok() && !page->photos.empty();
}

}  // namespace

std::optional<HttpResponse> Api::Authorize(HttpRequest& req, Access access) {
  if (auto failed = Authenticate(catalog(), req)) return failed;
  return CheckAccess(req.principal, access);
}

HttpResponse Api::ListMeetings(const HttpRequest& req) {
  auto meetings = catalog().ListMeetings();
  if (!meetings.ok()) return ErrorFromStatus(meetings.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& m : *meetings) items.push_back(MeetingJson(m, IsEditor(req.principal)));
  return JsonResponse({{"items", items}});
}

HttpResponse Api::GetMeeting(const HttpRequest& req) {
  auto meeting = catalog().GetMeeting(req.Param("slug"));
  if (!meeting.ok()) return ErrorFromStatus(meeting.status());
  auto albums = catalog().ListAlbums(meeting->slug);
  if (!albums.ok()) return ErrorFromStatus(albums.status());
  const bool all = IsEditor(req.principal);
  nlohmann::json j = MeetingJson(*meeting, all), list = nlohmann::json::array();
  for (const auto& a : *albums) {
    if (ListsAlbum(req.principal, a)) list.push_back(AlbumJson(a, all));
  }
  j["albums"] = list;
  return JsonResponse(j);
}

// Albums in catalog order; the cursor is the last slug of the previous page.
HttpResponse Api::ListAlbums(const HttpRequest& req) {
  int limit = 0;
  if (auto bad = ParseLimit(req, &limit)) return *bad;
  auto albums = catalog().ListAlbums(req.Query("meeting"));
  if (!albums.ok()) return ErrorFromStatus(albums.status());
  std::string cursor = req.Query("cursor"), credit = req.Query("credit");
  bool started = cursor.empty();
  nlohmann::json items = nlohmann::json::array();
  std::string next;
  for (const auto& a : *albums) {
    if (!started) {
      started = a.slug == cursor;
      continue;
    }
    if (!ListsAlbum(req.principal, a)) continue;
    if (!credit.empty() && !AlbumHasCredit(catalog(), req.principal, a.slug, credit)) continue;
    if (static_cast<int>(items.size()) == limit) {
      next = items.back().at("slug").get<std::string>();
      break;
    }
    items.push_back(AlbumJson(a, IsEditor(req.principal)));
  }
  if (!started) return ErrorResponse(400, "invalid_argument", "unknown cursor");
  return JsonResponse({{"items", items}, {"next_cursor", NextCursor(next)}});
}

HttpResponse Api::GetAlbum(const HttpRequest& req) {
  auto album = catalog().GetAlbum(req.Param("slug"));
  if (!album.ok()) return ErrorFromStatus(album.status());
  if (!CanSeeAlbum(req.principal, *album)) return AlbumNotFound(album->slug);
  return JsonResponse(AlbumJson(*album, IsEditor(req.principal)));
}

HttpResponse Api::ListAlbumPhotos(const HttpRequest& req) {
  auto album = catalog().GetAlbum(req.Param("slug"));
  if (!album.ok()) return ErrorFromStatus(album.status());
  if (!CanSeeAlbum(req.principal, *album)) return AlbumNotFound(album->slug);
  media::PhotoFilter filter;
  filter.album_slug = album->slug;
  return PhotoPage(req, filter, true);
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
  bool album_checked = false;
  if (!filter.album_slug.empty()) {
    auto album = catalog().GetAlbum(filter.album_slug);
    if (!album.ok()) return ErrorFromStatus(album.status());
    if (!CanSeeAlbum(req.principal, *album)) return AlbumNotFound(album->slug);
    album_checked = true;
  }
  return PhotoPage(req, filter, album_checked);
}

HttpResponse Api::PhotoPage(const HttpRequest& req, media::PhotoFilter filter, bool album_checked) {
  if (auto bad = ParseLimit(req, &filter.limit)) return *bad;
  filter.cursor = req.Query("cursor");
  filter.include_embargoed = IsEditor(req.principal);
  auto page = catalog().ListPhotos(filter);
  if (!page.ok()) return ErrorFromStatus(page.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : Visible(req, std::move(page->photos), album_checked)) {
    items.push_back(PhotoJson(p, IsEditor(req.principal)));
  }
  nlohmann::json body = nlohmann::json::object();  // moved in, not copied
  body["items"] = std::move(items);
  body["next_cursor"] = NextCursor(page->next_cursor);
  return JsonResponse(body);
}

std::vector<media::Photo> Api::Visible(const HttpRequest& req, std::vector<media::Photo> photos,
                                       bool album_checked) {
  if (IsEditor(req.principal) || album_checked) return photos;
  auto albums = catalog().ListAlbums("");
  bool any_private = !albums.ok() || std::any_of(albums->begin(), albums->end(), [](const auto& a) {
    return a.visibility == media::Visibility::kPrivate;
  });
  if (!any_private) return photos;
  std::vector<media::Photo> out;
  for (auto& p : photos) {
    auto full = catalog().GetPhoto(p.id);
    if (full.ok() && CanSeePhoto(catalog(), req.principal, *full)) out.push_back(std::move(p));
  }
  return out;
}

HttpResponse Api::GetPhoto(const HttpRequest& req) {
  auto id = ParseId(req.Param("id"));
  if (!id) return ErrorResponse(404, "not_found", "no photo '" + req.Param("id") + "'");
  auto photo = catalog().GetPhoto(*id);
  if (!photo.ok()) return ErrorFromStatus(photo.status());
  if (!CanSeePhoto(catalog(), req.principal, *photo)) {
    // Word for word the answer for a photo that does not exist.
    return ErrorFromStatus(media::Status::NotFound("photo " + std::to_string(*id) + " not found"));
  }
  if (!IsEditor(req.principal)) {
    // The albums it is also in that the asker may not see are not named.
    auto& slugs = photo->album_slugs;
    slugs.erase(std::remove_if(slugs.begin(), slugs.end(),
                               [&](const std::string& slug) {
                                 auto album = catalog().GetAlbum(slug);
                                 return !album.ok() || !CanSeeAlbum(req.principal, *album);
                               }),
                slugs.end());
  }
  return JsonResponse(PhotoJson(*photo, IsEditor(req.principal)));
}

HttpResponse Api::ListCredits(const HttpRequest& req) {
  auto credits = catalog().ListCredits(req.Query("meeting"), AudienceOf(req.principal));
  if (!credits.ok()) return ErrorFromStatus(credits.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : *credits) items.push_back({{"credit", c.credit}, {"photo_count", c.photo_count}});
  return JsonResponse({{"items", items}});
}

HttpResponse Api::ListTags(const HttpRequest& req) {
  auto tags = catalog().ListTags(req.Query("meeting"), AudienceOf(req.principal));
  if (!tags.ok()) return ErrorFromStatus(tags.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& t : *tags) items.push_back({{"tag", t.tag}, {"photo_count", t.photo_count}});
  return JsonResponse({{"items", items}});
}

}  // namespace gallery::http
