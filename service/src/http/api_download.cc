// GET /api/albums/{slug}/download: a ZIP of the album's originals, in album
// order, each with the catalog's current text written in where its format
// allows (else its bytes as stored). The archive is streamed as it is
// built, one original in memory at a time, on a thread of its own; at most
// kMaxDownloads run at once (503 beyond). Private albums answer 404 to
// whoever may not see them; embargoed photos are left out for the public.
#include <sys/stat.h>

#include <atomic>
#include <cstdio>
#include <ctime>
#include <memory>

#include "http/access.h"
#include "http/api.h"
#include "http/status_map.h"
#include "http/zip_stream.h"

namespace gallery::http {

namespace {

constexpr int kMaxDownloads = 4;
constexpr std::size_t kPiece = 1 << 20;

std::atomic<int> active_downloads{0};

// "YYYY-MM-DDTHH:MM:SSZ" as a time; now when it does not parse.
std::time_t ParseUtc(const std::string& s) {
  std::tm tm{};
  if (s.size() < 19 || !strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return std::time(nullptr);
  return timegm(&tm);
}

// The album's photos `audience` may have, in album order.
media::Result<std::vector<media::Photo>> AlbumPhotos(media::Catalog& catalog, const std::string& slug,
                                                     const media::Audience& audience) {
  std::vector<media::Photo> out;
  media::PhotoFilter filter;
  filter.album_slug = slug;
  filter.limit = 500;
  filter.audience = audience;
  do {
    auto page = catalog.ListPhotos(filter);
    if (!page.ok()) return page.status();
    for (auto& p : page->photos) out.push_back(std::move(p));
    filter.cursor = page->next_cursor;
  } while (!filter.cursor.empty());
  return out;
}

// The original of `photo` as a download hands it out (the catalog's text
// written in where it can be, the location removed unless the asker may know
// it); nullopt (logged) when there is nothing that may be sent.
std::optional<std::string> OriginalWithText(Archive& archive, const media::Photo& photo) {
  auto original = archive.originals().Read(photo.sha256);
  if (!original.ok()) {
    std::fprintf(stderr, "download: photo %lld left out: %s\n", static_cast<long long>(photo.id),
                 original.status().ToString().c_str());
    return std::nullopt;
  }
  auto copy = media::OriginalForDownload(*original, photo.meta, photo.location_shown);
  if (copy.ok()) return std::move(copy.value());
  std::fprintf(stderr, "download: photo %lld left out: %s\n", static_cast<long long>(photo.id),
               copy.status().ToString().c_str());
  return std::nullopt;
}

}  // namespace

HttpResponse Api::DownloadAlbum(const HttpRequest& req) {
  const media::Audience audience = AudienceOf(req.principal);
  auto album = catalog().GetAlbum(req.Param("slug"), audience);
  if (!album.ok()) return ErrorFromStatus(album.status());
  auto photos = AlbumPhotos(catalog(), album->slug, audience);
  if (!photos.ok()) return ErrorFromStatus(photos.status());
  for (const auto& p : *photos) {
    media::Status has = archive().originals().Has(p.sha256);
    if (has.code() == media::Status::Code::kNotFound) {
      return ErrorResponse(ApiError::kIoError, "the original of photo " + std::to_string(p.id) + " is missing");
    }
    if (!has.ok()) return ErrorFromStatus(has);
  }
  if (++active_downloads > kMaxDownloads) {
    --active_downloads;
    HttpResponse busy = ErrorResponse(ApiError::kBusy, "too many downloads at once; retry shortly");
    busy.headers.emplace_back("Retry-After", "5");
    return busy;
  }
  // Released when the producer below is destroyed, whether or not it ran.
  std::shared_ptr<void> slot(nullptr, [](void*) { --active_downloads; });
  HttpResponse r;
  r.content_type = "application/zip";
  r.headers = {{"Content-Disposition", "attachment; filename=\"" + album->slug + ".zip\""},
               {"Cache-Control", "no-store"}};
  r.stream = [this, slot, list = std::move(photos.value())](
                 const std::function<bool(std::string_view)>& write) {
    ZipStreamWriter zip([&write](std::string_view bytes) {
      for (std::size_t at = 0; at < bytes.size(); at += kPiece) {
        if (!write(bytes.substr(at, kPiece))) return false;
      }
      return true;
    });
    for (const media::Photo& photo : list) {
      auto bytes = OriginalWithText(archive(), photo);
      if (!bytes) continue;
      if (!zip.Add(photo.original_filename, *bytes, ParseUtc(photo.uploaded_at))) {
        std::fprintf(stderr, "download: archive ends early: %s\n", zip.error().c_str());
        break;
      }
    }
    zip.Finish();
  };
  return r;
}

}  // namespace gallery::http
