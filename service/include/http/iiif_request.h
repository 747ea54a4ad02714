// The IIIF Image API 3.0 request
// {region}/{size}/{rotation}/{quality}.{format}, parsed (Parse) and then
// resolved against one image's displayed size and the server's limits
// (Resolve) into what to cut, how large to make it, and how to turn it.
// Every refusal names its part and says why, with the status the
// specification gives it: 400 for a malformed or impossible request, 501 for
// a valid one this server does not do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http/http_types.h"

namespace gallery::http {

struct IiifRegion {
  enum Kind { kFull, kSquare, kPixels, kPercent } kind = kFull;
  double x = 0, y = 0, w = 0, h = 0;  // pixels or percent, as given
};

struct IiifSize {
  // max, w, (kWidth), ,h (kHeight), pct:n, w,h (kExact), !w,h (kBestFit)
  enum Kind { kMax, kWidth, kHeight, kPercent, kExact, kBestFit } kind = kMax;
  bool upscale = false;  // the leading ^
  int w = 0, h = 0;
  double percent = 0;
};

enum class IiifQuality { kDefault, kColor, kGray, kBitonal };
enum class IiifFormat { kJpg, kPng, kWebp };

struct IiifRequest {
  IiifRegion region;
  IiifSize size;
  bool mirror = false;  // the leading ! of the rotation: mirrored, then turned
  int rotation = 0;     // 0, 90, 180 or 270, clockwise
  IiifQuality quality = IiifQuality::kDefault;
  IiifFormat format = IiifFormat::kJpg;
};

// A refusal: the API error (kInvalidArgument 400, kNotImplemented 501) and
// the message naming the part.
struct IiifRefusal {
  ApiError error;
  std::string message;
};

// The server's limits, as info.json states them.
struct IiifLimits {
  int max_width = 0;
  int max_height = 0;
  std::int64_t max_area = 0;
};

// What to do to the displayed image (orientation applied): cut the
// rectangle (x, y, w, h), scale it to out_w × out_h, mirror, turn.
struct IiifPlan {
  int x = 0, y = 0, w = 0, h = 0;
  int out_w = 0, out_h = 0;
  bool mirror = false;
  int rotation = 0;
  IiifQuality quality = IiifQuality::kDefault;
  IiifFormat format = IiifFormat::kJpg;
};

// Parses the four path segments after the identifier (already split on
// '/', each percent-decoded). Never reads an image.
std::optional<IiifRequest> ParseIiifRequest(std::string_view region, std::string_view size,
                                            std::string_view rotation, std::string_view quality_format,
                                            IiifRefusal* refusal);

// `request` against an image of width × height (as displayed) and `limits`:
// the region cut to the image (400 when it is empty or wholly outside), the
// size (400 when it is zero, larger than the region without ^, or beyond the
// limits).
std::optional<IiifPlan> ResolveIiifRequest(const IiifRequest& request, int width, int height,
                                           const IiifLimits& limits, IiifRefusal* refusal);

}  // namespace gallery::http
