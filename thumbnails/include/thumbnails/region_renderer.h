// One rectangle of a photo, as the picture is shown (EXIF orientation
// applied first), scaled, mirrored, turned by quarter turns, in colour, grey
// or black and white, encoded as JPEG, PNG or WebP: what a deep-zoom viewer
// or an image-service client asks for.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "thumbnails/error.h"
#include "thumbnails/source_format.h"

namespace thumbnails {

enum class RegionFormat { kJpeg, kPng, kWebp };
enum class RegionTone { kColor, kGray, kBitonal };

struct RegionRequest {
  // The rectangle, in pixels of the displayed picture (after orientation).
  int x = 0, y = 0, width = 0, height = 0;
  // Its size once scaled, before mirroring and turning.
  int out_width = 0, out_height = 0;
  bool mirror = false;  // flipped left to right, then turned
  int rotation = 0;     // 0, 90, 180 or 270 degrees clockwise
  RegionTone tone = RegionTone::kColor;
  RegionFormat format = RegionFormat::kJpeg;
};

struct RegionImage {
  int width = 0;  // after turning
  int height = 0;
  std::string bytes;  // the encoded file, with no metadata
};

// Renders `request` from the original `bytes` (sniffed here). The header is
// read first and every check runs before a pixel is decoded: the pixel limit
// of the original (kTooLarge), the rectangle inside the displayed picture,
// sizes of at least 1, a rotation of 0/90/180/270 (kInvalidArgument), and an
// output of at most `max_output_pixels` (kTooLarge). The decode then uses
// shrink-on-load: never at more than the scale the output needs. Errors as
// the other renderers (kUnsupported, kCorrupt, kInternal). Thread-safe.
Result<RegionImage> RenderRegion(std::string_view bytes, const RegionRequest& request,
                                 std::int64_t max_output_pixels);

// A tiled pyramid of the original `bytes`, made once per photo so that a
// region later reads only the tiles it needs: the picture as shown (EXIF
// orientation applied), 8-bit sRGB, a TIFF of kPyramidTile px tiles,
// JPEG-compressed at kPyramidQuality, one page per halving. Decodes the
// whole original (about 3 bytes a pixel in memory). Errors: those of
// RenderRegion, and kUnsupported for a picture with alpha (render those from
// the original). Thread-safe.
constexpr int kPyramidTile = 512;
constexpr int kPyramidQuality = 90;
Result<std::string> MakePyramid(std::string_view bytes);

// Renders `request` from `pyramid`, which MakePyramid made from a picture
// shown as shown_width x shown_height, with RenderRegion's checks first and
// the same pixels (within JPEG's rounding): from the smallest level that
// still covers the output, only the tiles the rectangle touches. The file is
// read with the trusted TIFF loader and the pixel limit; a pyramid that is
// damaged, truncated or not of that picture is kCorrupt.
Result<RegionImage> RenderRegionFromPyramid(std::string_view pyramid, int shown_width, int shown_height,
                                            const RegionRequest& request, std::int64_t max_output_pixels);

// The file extension and media type of a region format ("jpg", "image/jpeg").
const char* RegionFormatExtension(RegionFormat format);
const char* RegionFormatMimeType(RegionFormat format);

}  // namespace thumbnails
