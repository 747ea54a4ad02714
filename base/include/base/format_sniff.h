// The one format sniff: which image format the bytes start with (magic
// numbers, never a file name or a claimed content type), decided in one table
// for the archive (media/) and the renderer (thumbnails/). Pure, thread-safe.
//
// Accepted are the formats both libraries' trusted loaders read: JPEG, PNG,
// classic TIFF, WebP, HEIC and AVIF. BigTIFF ("II+\0", "MM\0+") is refused:
// the metadata library the archive reads every original with does not read
// it, so an original the archive cannot describe is never rendered either.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace base {

enum class ImageFormat { kUnknown, kJpeg, kPng, kTiff, kWebp, kHeif, kAvif };

struct SniffResult {
  // The accepted format, or kUnknown.
  ImageFormat format = ImageFormat::kUnknown;
  // When not accepted but recognised: what the bytes are, in words ("GIF
  // image", "BigTIFF image", "MP4 video (brand 'isom')", "SVG drawing", ...);
  // empty when unrecognised.
  std::string refused;
};

// Decides from the first bytes of a file. A JPEG is recognised from its SOI
// marker alone (a damaged first segment is still a JPEG). Callers decide
// what too-short input means to them.
SniffResult SniffFormat(std::string_view bytes);

// How many times SniffFormat has run on the calling thread: lets a test see
// that a path which is handed a format does not sniff the bytes again.
std::uint64_t SniffsOnThisThread();

// The one name of each format, in the catalog, the API and every message:
// "jpeg", "png", "tiff", "webp", "heic" (any HEIF image that is not AVIF),
// "avif"; "unknown".
const char* ImageFormatName(ImageFormat format);
// The format of one of those names (as the catalog stores it); kUnknown for
// any other text.
ImageFormat ImageFormatFromName(std::string_view name);

}  // namespace base
