// The one format sniff: which image format the bytes start with (magic
// numbers, never a file name or a claimed content type), decided in one table
// for the archive (media/) and the renderer (thumbnails/). Pure, thread-safe.
//
// Accepted are the formats both libraries' trusted loaders read: JPEG, PNG,
// classic TIFF, WebP, HEIF and AVIF. BigTIFF ("II+\0", "MM\0+") is refused:
// the metadata library the archive reads every original with does not read
// it, so an original the archive cannot describe is never rendered either.
#pragma once

#include <cstddef>
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

// "jpeg", "png", "tiff", "webp", "heif", "avif"; "unknown".
const char* ImageFormatName(ImageFormat format);

}  // namespace base
