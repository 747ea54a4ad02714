// Media: renditions from the cache (rendered on the workers when missing),
// originals with the catalog's current text written in (Range requests),
// XMP sidecars.
#include <cctype>
#include <fstream>
#include <sstream>

#include "http/access.h"
#include "http/api.h"
#include "http/byte_range.h"
#include "http/request_params.h"
#include "http/status_map.h"
#include "http/views.h"
#include "thumbnails/rendition_spec.h"

namespace gallery::http {

namespace {

const char kImmutable[] = "max-age=31536000, immutable";

HttpResponse NoMedia(const HttpRequest& req) {
  return ErrorResponse(ApiError::kNotFound, "no media at " + req.path);
}

std::optional<std::string> ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string MimeOfFormat(const std::string& format) {
  if (format == "jpeg") return "image/jpeg";
  if (format == "png" || format == "tiff" || format == "webp" || format == "heic" ||
      format == "avif") {
    return "image/" + format;
  }
  return "application/octet-stream";
}

// The user's filename made safe for a quoted header parameter: letters,
// digits, '.', '-' and '_' only, never starting with a dot (no "..", no
// hidden file when saved).
std::string SafeFilename(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    out += (std::isalnum(c) || c == '.' || c == '-' || c == '_') ? static_cast<char>(c) : '_';
  }
  out.erase(0, out.find_first_not_of('.'));
  return out.empty() ? "photo" : out;
}

}  // namespace

bool NotModified(const HttpRequest& req, const std::string& etag) {
  std::string inm = req.Header("If-None-Match");
  return !inm.empty() && (inm == "*" || inm.find(etag) != std::string::npos);
}

// Current URLs (their `v` changes with every edit and whenever who may see
// the photo changes) of photos anyone may see are cacheable by anyone for a
// year; of others only by the asking browser. Any other URL is revalidated.
std::string MediaCacheControl(media::Catalog& catalog, const std::string& v, const media::Photo& photo,
                              bool depends_on_location) {
  auto as_public = catalog.GetPhoto(photo.id, media::Audience::Public());
  bool is_public = as_public.ok() &&
                   (!depends_on_location || as_public->location_shown == photo.location_shown);
  return MediaCacheControlOf(is_public, v, photo);
}

std::string MediaCacheControlOf(bool is_public, const std::string& v, const media::Photo& photo) {
  if (v != MediaVersion(photo)) return is_public ? "no-cache" : "private, no-cache";
  return std::string(is_public ? "public, " : "private, ") + kImmutable;
}

bool PhotoIsPublic(media::Catalog& catalog, const media::Photo& photo) {
  return catalog.GetPhoto(photo.id, media::Audience::Public()).ok();
}

std::optional<media::Photo> Api::VisiblePhoto(const HttpRequest& req) {
  auto id = ParseId(req.Param("id"));
  if (!id) return std::nullopt;
  auto photo = catalog().GetPhoto(*id, AudienceOf(req.principal));
  if (!photo.ok()) return std::nullopt;
  return std::move(photo.value());
}

HttpResponse Api::GetRendition(const HttpRequest& req) {
  std::string file = req.Param("file");
  std::size_t dot = file.rfind('.');
  if (dot == std::string::npos) return NoMedia(req);
  std::string name = file.substr(0, dot), ext = file.substr(dot + 1);
  if (!thumbnails::FindRendition(name) || (ext != "webp" && ext != "jpg")) return NoMedia(req);
  auto format = ext == "webp" ? thumbnails::Format::kWebp : thumbnails::Format::kJpeg;
  auto photo = VisiblePhoto(req);
  if (!photo) return NoMedia(req);
  std::string etag = "\"" + photo->sha256.substr(0, 20) + "-v" + std::to_string(photo->version) +
                     "-" + file + "\"";
  HttpResponse r;
  r.headers = {{"ETag", etag}, {"Cache-Control", MediaCacheControl(catalog(), req.Query("v"), *photo)}};
  if (NotModified(req, etag)) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  auto cached = archive().renditions().Path(photo->sha256, name, format);
  if (cached.ok() && archive().renditions().Has(photo->sha256, name, format)) {
    return RenditionAnswer(std::move(r), cached.value(), format);
  }
  // Not made yet (`large`, or a format not made at ingest): rendered on an
  // image worker, which answers.
  return Deferred([this, r, p = *photo, name, format]() mutable {
    return RenditionAnswer(std::move(r), archive().EnsureRendition(p, name, format), format);
  });
}

HttpResponse Api::RenditionAnswer(HttpResponse r, const media::Result<std::string>& path,
                                  thumbnails::Format format) {
  if (!path.ok()) return ErrorFromStatus(path.status());
  auto bytes = ReadWhole(path.value());
  if (!bytes) return ErrorResponse(ApiError::kIoError, "cannot read the rendition");
  r.content_type = thumbnails::FormatMimeType(format);
  r.body = std::move(*bytes);
  return r;
}

HttpResponse Api::GetOriginal(const HttpRequest& req) {
  auto photo = VisiblePhoto(req);
  if (!photo) return NoMedia(req);
  // Those who may not know where it was taken get other bytes: no GPS.
  std::string etag = "\"" + photo->sha256.substr(0, 20) + "-v" + std::to_string(photo->version) +
                     (photo->location_shown ? "" : "-n") + "\"";
  HttpResponse r;
  r.headers = {{"ETag", etag},
               {"Cache-Control", MediaCacheControl(catalog(), req.Query("v"), *photo, /*depends_on_location=*/true)},
               {"Accept-Ranges", "bytes"},
               {"Content-Disposition",
                "attachment; filename=\"" + SafeFilename(photo->original_filename) + "\""}};
  if (NotModified(req, etag)) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  auto original = archive().originals().Read(photo->sha256);
  if (!original.ok()) return ErrorFromStatus(original.status());
  auto copy = media::OriginalForDownload(*original, photo->meta, photo->location_shown);
  if (!copy.ok()) return ErrorFromStatus(copy.status());
  std::string bytes = std::move(copy.value());
  r.content_type = MimeOfFormat(photo->meta.format);
  // RFC 9110 13.1.5: a Range under an If-Range that does not name the
  // current bytes (a strong ETag match; a date never matches, as there is
  // no Last-Modified) is ignored and the whole original sent.
  std::string if_range = req.Header("If-Range");
  bool range_applies = if_range.empty() || if_range == etag;
  RangeRequest range = ParseRange(range_applies ? req.Header("Range") : "", bytes.size());
  if (range.kind == RangeRequest::kUnsatisfiable) {
    HttpResponse e = ErrorResponse(ApiError::kRangeNotSatisfiable,
                                   "the original has " + std::to_string(bytes.size()) + " bytes");
    e.headers.emplace_back("Content-Range", "bytes */" + std::to_string(bytes.size()));
    return e;
  }
  if (range.kind == RangeRequest::kPartial) {
    r.status = 206;
    r.headers.emplace_back("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                                std::to_string(range.last) + "/" +
                                                std::to_string(bytes.size()));
    r.body = bytes.substr(range.first, range.last - range.first + 1);
    return r;
  }
  r.body = std::move(bytes);
  return r;
}

HttpResponse Api::GetSidecar(const HttpRequest& req) {
  auto photo = VisiblePhoto(req);
  if (!photo) return NoMedia(req);
  HttpResponse r;
  r.content_type = "application/rdf+xml";
  r.headers = {{"Cache-Control", MediaCacheControl(catalog(), req.Query("v"), *photo)},
               {"Content-Disposition",
                "attachment; filename=\"" + SafeFilename(photo->original_filename) + ".xmp\""}};
  r.body = media::XmpSidecar(photo->meta);
  return r;
}

}  // namespace gallery::http
