// Editing photos: one or many at once (one transaction), their history and
// reverting an entry; deleting a photo from the catalog (admin).
#include <cstdio>
#include <map>
#include <string>

#include "http/api.h"
#include "http/json_body.h"
#include "http/request_params.h"
#include "http/status_map.h"
#include "http/views.h"

namespace gallery::http {

namespace {

using nlohmann::json;

json HistoryJson(const media::HistoryEntry& e) {
  return {{"id", e.id}, {"field", e.field}, {"old_value", e.old_value},
          {"new_value", e.new_value}, {"who", e.who}, {"at", e.at}};
}

// An "album" entry (the photo joined or left it) also carries the album's
// titles, so the page can name it in its language: {slug, title} with a
// null title when the album is gone.
void AddAlbumTitle(media::Catalog& catalog, std::map<std::string, json>* titles, json* entry) {
  const std::string slug = (*entry)["old_value"].get<std::string>().empty()
                               ? (*entry)["new_value"].get<std::string>()
                               : (*entry)["old_value"].get<std::string>();
  auto known = titles->find(slug);
  if (known == titles->end()) {
    auto album = catalog.GetAlbum(slug);
    known = titles->emplace(slug, album.ok() ? json(album->title) : json(nullptr)).first;
  }
  (*entry)["album"] = {{"slug", slug}, {"title", known->second}};
}

}  // namespace

void Api::RefreshText(std::int64_t id) {
  media::Status s = archive().RefreshEmbeddedText(id);
  if (!s.ok()) {
    std::fprintf(stderr, "photo %lld: renditions keep their old text: %s\n",
                 static_cast<long long>(id), s.ToString().c_str());
  }
}

HttpResponse Api::EditPhoto(const HttpRequest& req) {
  auto id = ParseId(req.Param("id"));
  if (!id) return ErrorResponse(ApiError::kNotFound, "no photo '" + req.Param("id") + "'");
  json body;
  if (auto bad = ParseJsonObject(req, &body)) return *bad;
  media::PhotoEdit edit;
  if (auto bad = ReadPhotoEdit(body, &edit)) return *bad;
  media::Status s = catalog().EditPhoto(*id, edit, req.principal.name);
  if (!s.ok()) return ErrorFromStatus(s);
  RefreshText(*id);
  auto photo = catalog().GetPhoto(*id);
  if (!photo.ok()) return ErrorFromStatus(photo.status());
  return JsonResponse(PhotoJson(*photo, true));
}

HttpResponse Api::EditPhotos(const HttpRequest& req) {
  json body;
  if (auto bad = ParseJsonObject(req, &body)) return *bad;
  std::vector<std::int64_t> ids;
  media::PhotoEdit edit;
  if (auto bad = ReadBulkEdit(body, &ids, &edit)) return *bad;
  media::Status s = catalog().EditPhotos(ids, edit, req.principal.name);
  if (!s.ok()) return ErrorFromStatus(s);
  for (std::int64_t id : ids) RefreshText(id);
  return JsonResponse({{"updated", ids.size()}});
}

HttpResponse Api::PhotoHistory(const HttpRequest& req) {
  auto id = ParseId(req.Param("id"));
  if (!id) return ErrorResponse(ApiError::kNotFound, "no photo '" + req.Param("id") + "'");
  auto history = catalog().PhotoHistory(*id);
  if (!history.ok()) return ErrorFromStatus(history.status());
  json items = json::array();
  std::map<std::string, json> album_titles;
  for (const auto& e : *history) {
    json entry = HistoryJson(e);
    if (e.field == "album") AddAlbumTitle(catalog(), &album_titles, &entry);
    items.push_back(std::move(entry));
  }
  return JsonResponse({{"items", items}});
}

HttpResponse Api::RevertEdit(const HttpRequest& req) {
  auto id = ParseId(req.Param("id"));
  auto entry = ParseId(req.Param("entry"));
  if (!id || !entry) return ErrorResponse(ApiError::kNotFound, "no such history entry");
  media::Status s = catalog().RevertEdit(*id, *entry, req.principal.name);
  if (!s.ok()) return ErrorFromStatus(s);
  RefreshText(*id);
  auto photo = catalog().GetPhoto(*id);
  if (!photo.ok()) return ErrorFromStatus(photo.status());
  return JsonResponse(PhotoJson(*photo, true));
}

HttpResponse Api::DeletePhoto(const HttpRequest& req) {
  auto id = ParseId(req.Param("id"));
  if (!id) return ErrorResponse(ApiError::kNotFound, "no photo '" + req.Param("id") + "'");
  auto sha = catalog().DeletePhoto(*id, req.principal.name);
  if (!sha.ok()) return ErrorFromStatus(sha.status());
  // Its image-service regions and pyramid go now (a restore makes them again).
  if (ctx_.iiif_cache) (void)ctx_.iiif_cache->Remove(*sha);
  if (ctx_.pyramids) (void)ctx_.pyramids->Remove(*sha);
  return JsonResponse({{"deleted", *id}, {"sha256", *sha}});
}

HttpResponse Api::ListTrash(const HttpRequest&) {
  auto trash = catalog().ListDeletedPhotos();
  if (!trash.ok()) return ErrorFromStatus(trash.status());
  nlohmann::json items = nlohmann::json::array();
  for (const media::DeletedPhoto& d : *trash) {
    items.push_back({{"id", d.id}, {"sha256", d.sha256}, {"filename", d.original_filename},
                     {"deleted_at", d.deleted_at}, {"deleted_by", d.deleted_by}});
  }
  return JsonResponse({{"items", items}});
}

HttpResponse Api::EmptyTrash(const HttpRequest&) {
  // Only the catalog's rows go here: the files stay until `gallery gc`, which
  // removes them with the archive to itself, so that no upload of the same
  // bytes can race the removal.
  auto purged = catalog().PurgeDeletedPhotos();
  if (!purged.ok()) return ErrorFromStatus(purged.status());
  return JsonResponse({{"purged", purged->size()}});
}

HttpResponse Api::RestorePhoto(const HttpRequest& req) {
  auto id = ParseId(req.Param("id"));
  if (!id) return ErrorResponse(ApiError::kNotFound, "no deleted photo '" + req.Param("id") + "'");
  media::Status s = catalog().RestorePhoto(*id);
  if (!s.ok()) return ErrorFromStatus(s);
  auto photo = catalog().GetPhoto(*id);
  if (!photo.ok()) return ErrorFromStatus(photo.status());
  return JsonResponse(PhotoJson(*photo, true));
}

}  // namespace gallery::http
