// IIIF Image API 3.0 (compliance level 2): a photo's info.json, its regions
// rendered on the image workers, and the base URI's redirect. The same
// access as /media/: a photo the asker may not see is 404, share links open
// the photos of their album.
#include <algorithm>
#include <chrono>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "http/access.h"
#include "http/api.h"
#include "http/iiif_common.h"
#include "http/iiif_request.h"
#include "http/request_params.h"
#include "http/status_map.h"
#include "http/views.h"
#include "thumbnails/region_renderer.h"

namespace gallery::http {

namespace {

const char kImageContext[] = "http://iiif.io/api/image/3/context.json";
constexpr int kTileSize = 512;
static_assert(kTileSize == thumbnails::kPyramidTile, "the pyramid's tiles are the tiles info.json offers");
// The version a photo's pyramid is stored under: its layout's (tiles,
// quality, pages), not the photo's, since an edit changes no pixel. A new
// layout here makes every pyramid again, the old files dropped.
constexpr std::int64_t kPyramidLayout = 1;

HttpResponse NoImage(const HttpRequest& req) {
  return ErrorResponse(ApiError::kNotFound, "no image at " + req.path);
}

std::string ImageServiceId(const HttpRequest& req, const std::string& public_url, std::int64_t id) {
  return IiifOrigin(req, public_url) + "/iiif/3/" + std::to_string(id);
}

// The headers every IIIF answer about `photo` carries: anyone's page may
// read a photo anyone may see.
void AddCors(HttpResponse& r, bool is_public) {
  if (is_public) r.headers.emplace_back("Access-Control-Allow-Origin", "*");
}

thumbnails::RegionFormat RegionFormatOf(IiifFormat format) {
  switch (format) {
    case IiifFormat::kPng: return thumbnails::RegionFormat::kPng;
    case IiifFormat::kWebp: return thumbnails::RegionFormat::kWebp;
    case IiifFormat::kJpg: break;
  }
  return thumbnails::RegionFormat::kJpeg;
}

thumbnails::RegionTone RegionToneOf(IiifQuality quality) {
  switch (quality) {
    case IiifQuality::kGray: return thumbnails::RegionTone::kGray;
    case IiifQuality::kBitonal: return thumbnails::RegionTone::kBitonal;
    case IiifQuality::kDefault:
    case IiifQuality::kColor: break;
  }
  return thumbnails::RegionTone::kColor;
}

thumbnails::RegionRequest RegionRequestOf(const IiifPlan& plan) {
  thumbnails::RegionRequest r;
  r.x = plan.x, r.y = plan.y, r.width = plan.w, r.height = plan.h;
  r.out_width = plan.out_w, r.out_height = plan.out_h;
  r.mirror = plan.mirror;
  r.rotation = plan.rotation;
  r.tone = RegionToneOf(plan.quality);
  r.format = RegionFormatOf(plan.format);
  return r;
}

const char* QualityName(IiifQuality quality) {
  switch (quality) {
    case IiifQuality::kColor: return "color";
    case IiifQuality::kGray: return "gray";
    case IiifQuality::kBitonal: return "bitonal";
    case IiifQuality::kDefault: break;
  }
  return "default";
}

// The plan in one canonical line: two requests that resolve to the same
// pixels share it (the ETag's and the cache's name of the answer).
std::string CanonicalPlan(const IiifPlan& p) {
  return std::to_string(p.x) + "," + std::to_string(p.y) + "," + std::to_string(p.w) + "," +
         std::to_string(p.h) + "-" + std::to_string(p.out_w) + "," + std::to_string(p.out_h) + "-" +
         (p.mirror ? "m" : "r") + std::to_string(p.rotation) + "-" + QualityName(p.quality) + "." +
         thumbnails::RegionFormatExtension(RegionFormatOf(p.format));
}

HttpResponse ErrorFromRender(const thumbnails::Error& error) {
  switch (error.kind) {
    case thumbnails::Error::kInvalidArgument:
    case thumbnails::Error::kTooLarge: return ErrorResponse(ApiError::kInvalidArgument, error.message);
    case thumbnails::Error::kCorrupt: return ErrorResponse(ApiError::kCorrupt, error.message);
    case thumbnails::Error::kUnsupported: return ErrorResponse(ApiError::kUnsupportedMediaType, error.message);
    default: break;
  }
  return ErrorResponse(ApiError::kInternal, "rendering the region failed: " + error.message);
}

// The full image's sizes at every halving down to 64 px on the longer side
// (at least the smallest), within the limits; smallest first.
nlohmann::json Sizes(int width, int height) {
  nlohmann::json sizes = nlohmann::json::array();
  for (int f = 1; f <= 1 << 20; f *= 2) {
    const int w = std::max(1, (width + f - 1) / f), h = std::max(1, (height + f - 1) / f);
    const bool within = w <= kIiifLimits.max_width && h <= kIiifLimits.max_height &&
                        std::int64_t(w) * h <= kIiifLimits.max_area;
    if (within) sizes.insert(sizes.begin(), nlohmann::json{{"width", w}, {"height", h}});
    if (std::max(w, h) <= 64 || (w == 1 && h == 1)) break;
  }
  return sizes;
}

// 1, 2, 4, ... up to the first factor at which the whole image is one tile.
nlohmann::json ScaleFactors(int width, int height) {
  nlohmann::json factors = nlohmann::json::array();
  for (int f = 1; f <= 1 << 20; f *= 2) {
    factors.push_back(f);
    if ((std::max(width, height) + f - 1) / f <= kTileSize) break;
  }
  return factors;
}

}  // namespace

std::string IiifOrigin(const HttpRequest& req, const std::string& public_url) {
  if (!public_url.empty()) return public_url;
  std::string host = req.Header("Host");
  bool clean = !host.empty() && host.size() <= 255;
  for (unsigned char c : host) {
    if (!std::isalnum(c) && c != '.' && c != '-' && c != ':' && c != '[' && c != ']') clean = false;
  }
  if (!clean) host = "localhost";
  return std::string(req.Header("X-Forwarded-Proto") == "https" ? "https" : "http") + "://" + host;
}

media::Result<std::string> ParsePublicUrl(const std::string& text) {
  const auto bad = [&](const std::string& why) {
    return media::Status::InvalidArgument("--public-url '" + text + "': " + why);
  };
  const std::size_t scheme = text.rfind("https://", 0) == 0 ? 8 : text.rfind("http://", 0) == 0 ? 7 : 0;
  if (scheme == 0) return bad("must start with http:// or https://");
  if (text.size() > 2000) return bad("longer than 2000 characters");
  const std::size_t slash = text.find('/', scheme);
  const std::string host = text.substr(scheme, slash == std::string::npos ? std::string::npos : slash - scheme);
  if (host.empty()) return bad("no host");
  for (unsigned char c : host) {
    if (!std::isalnum(c) && c != '.' && c != '-' && c != ':' && c != '[' && c != ']')
      return bad("the host may hold only letters, digits, '.', '-', ':' and brackets");
  }
  std::string path = slash == std::string::npos ? "" : text.substr(slash);
  for (unsigned char c : path) {
    if (!std::isalnum(c) && !std::strchr("/-._~%!$&'()*+,;=:@", c))
      return bad("the path may not hold '" + std::string(1, char(c)) + "' (no query, fragment or spaces)");
  }
  while (!path.empty() && path.back() == '/') path.pop_back();
  return text.substr(0, scheme) + host + path;
}

bool IsHttpUri(const std::string& text) {
  return text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0;
}

HttpResponse Api::IiifBase(const HttpRequest& req) {
  auto photo = VisiblePhoto(req);
  if (!photo) return NoImage(req);
  HttpResponse r;
  r.status = 303;
  r.content_type.clear();
  r.headers = {{"Location", ImageServiceId(req, ctx_.public_url, photo->id) + "/info.json"}};
  AddCors(r, PhotoIsPublic(catalog(), *photo));
  return r;
}

HttpResponse Api::IiifInfo(const HttpRequest& req) {
  auto photo = VisiblePhoto(req);
  if (!photo) return NoImage(req);
  const int width = photo->meta.width, height = photo->meta.height;
  nlohmann::json info = {
      {"@context", kImageContext},
      {"id", ImageServiceId(req, ctx_.public_url, photo->id)},
      {"type", "ImageService3"},
      {"protocol", "http://iiif.io/api/image"},
      {"profile", "level2"},
      {"width", width},
      {"height", height},
      {"maxWidth", kIiifLimits.max_width},
      {"maxHeight", kIiifLimits.max_height},
      {"maxArea", kIiifLimits.max_area},
      {"sizes", Sizes(width, height)},
      {"tiles", nlohmann::json::array({{{"width", kTileSize}, {"scaleFactors", ScaleFactors(width, height)}}})},
      {"extraFormats", {"webp"}},
      {"extraQualities", {"gray", "bitonal"}},
      {"extraFeatures", {"mirroring", "rotationBy90s", "sizeUpscaling"}},
  };
  if (IsHttpUri(photo->meta.usage_terms)) info["rights"] = photo->meta.usage_terms;
  HttpResponse r;
  const bool is_public = PhotoIsPublic(catalog(), *photo);
  r.content_type = req.Header("Accept").find("application/ld+json") != std::string::npos
                       ? std::string("application/ld+json;profile=\"") + kImageContext + "\""
                       : "application/json";
  r.headers = {{"Cache-Control", is_public ? "no-cache" : "private, no-cache"}, {"Vary", "Accept, Host"}};
  AddCors(r, is_public);
  r.body = info.dump();
  return r;
}

HttpResponse Api::IiifImage(const HttpRequest& req) {
  auto photo = VisiblePhoto(req);
  if (!photo) return NoImage(req);
  const bool is_public = PhotoIsPublic(catalog(), *photo);
  IiifRefusal refusal;
  auto request = ParseIiifRequest(req.Param("region"), req.Param("size"), req.Param("rotation"),
                                  req.Param("quality_format"), &refusal);
  std::optional<IiifPlan> plan;
  if (request) plan = ResolveIiifRequest(*request, photo->meta.width, photo->meta.height, kIiifLimits, &refusal);
  if (!plan) {
    HttpResponse e = ErrorResponse(refusal.error, refusal.message);
    AddCors(e, is_public);
    return e;
  }
  const std::string name = CanonicalPlan(*plan);
  const std::string etag =
      "\"" + photo->sha256.substr(0, 20) + "-v" + std::to_string(photo->version) + "-" + name + "\"";
  HttpResponse r;
  r.headers = {{"ETag", etag}, {"Cache-Control", MediaCacheControlOf(is_public, req.Query("v"), *photo)}};
  AddCors(r, is_public);
  if (NotModified(req, etag)) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  thumbnails::RegionCache* cache = ctx_.iiif_cache;
  if (cache) {
    if (auto hit = cache->Get(photo->sha256, photo->version, name)) {
      r.content_type = thumbnails::RegionFormatMimeType(RegionFormatOf(plan->format));
      r.body = std::move(*hit);
      return r;
    }
  }
  return Deferred([this, r, cache, name, sha = photo->sha256, version = photo->version, plan = *plan,
                   width = photo->meta.width, height = photo->meta.height]() mutable {
    std::optional<std::string> original;  // read at most once
    auto read_original = [&]() -> media::Status {
      if (original) return media::Status::OK();
      auto read = archive().originals().Read(sha);
      if (!read.ok()) return read.status();
      original = std::move(read.value());
      return media::Status::OK();
    };
    std::optional<thumbnails::RegionImage> image;
    if (ctx_.pyramids && std::int64_t(width) * height >= ctx_.pyramid_min_pixels)
      image = RenderFromPyramid(sha, kPyramidLayout, width, height, RegionRequestOf(plan), read_original, original);
    if (!image) {
      if (media::Status read = read_original(); !read.ok()) return ErrorFromStatus(read);
      auto rendered = thumbnails::RenderRegion(*original, RegionRequestOf(plan), kIiifLimits.max_area);
      if (!rendered.ok()) return ErrorFromRender(rendered.error());
      image = std::move(rendered.value());
    }
    if (cache) {
      // A region that cannot be kept is still answered.
      if (auto kept = cache->Put(sha, version, name, image->bytes); !kept.ok())
        std::fprintf(stderr, "gallery: region cache: %s\n", kept.error().message.c_str());
    }
    r.content_type = thumbnails::RegionFormatMimeType(RegionFormatOf(plan.format));
    r.body = std::move(image->bytes);
    return r;
  });
}

std::optional<thumbnails::RegionImage> Api::RenderFromPyramid(const std::string& sha, std::int64_t version,
                                                             int width, int height,
                                                             const thumbnails::RegionRequest& request,
                                                             const std::function<media::Status()>& read_original,
                                                             const std::optional<std::string>& original) {
  // Made here on the first region that is not cached, on this image worker;
  // whoever asks for the same photo meanwhile waits for this making.
  auto make = [&]() -> thumbnails::Result<std::string> {
    if (media::Status read = read_original(); !read.ok())
      return thumbnails::Error{thumbnails::Error::kIOError, "reading the original: " + read.message()};
    const auto started = std::chrono::steady_clock::now();
    auto made = thumbnails::MakePyramid(*original);
    if (made.ok())
      std::fprintf(stderr, "gallery: pyramid of %s v%lld made: %zu bytes in %lld ms\n", sha.c_str(),
                   static_cast<long long>(version), made.value().size(),
                   static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                              std::chrono::steady_clock::now() - started)
                                              .count()));
    return made;
  };
  auto pyramid = ctx_.pyramids->Get(sha, version, make);
  if (!pyramid.ok()) {
    // Answered from the original; a making that failed is not retried.
    if (pyramid.error().kind != thumbnails::Error::kUnsupported)
      std::fprintf(stderr, "gallery: no pyramid of %s, rendering from the original: %s\n", sha.c_str(),
                   pyramid.error().message.c_str());
    return std::nullopt;
  }
  auto image = thumbnails::RenderRegionFromPyramid(pyramid.value()->bytes(), width, height, request,
                                                   kIiifLimits.max_area);
  if (image.ok()) return std::move(image.value());
  // A damaged pyramid goes and is made again on the next region; this one
  // comes from the original (which also reports a bad request as it should).
  if (image.error().kind == thumbnails::Error::kCorrupt) {
    std::fprintf(stderr, "gallery: the pyramid of %s is damaged, rendering from the original: %s\n", sha.c_str(),
                 image.error().message.c_str());
    ctx_.pyramids->Discard(sha, version);
  }
  return std::nullopt;
}

}  // namespace gallery::http
