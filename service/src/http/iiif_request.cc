#include "http/iiif_request.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace gallery::http {

namespace {

bool Refuse(IiifRefusal* refusal, ApiError error, std::string message) {
  if (refusal) *refusal = IiifRefusal{error, std::move(message)};
  return false;
}

// A whole number of at most nine digits.
std::optional<int> ParseInt(std::string_view text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// A decimal number written as digits with at most one point (no sign, no
// exponent), at most 16 characters.
std::optional<double> ParseDecimal(std::string_view text) {
  if (text.empty() || text.size() > 16) return std::nullopt;
  int digits = 0, points = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') ++digits;
    else if (c == '.') ++points;
    else return std::nullopt;
  }
  if (digits == 0 || points > 1) return std::nullopt;
  return std::strtod(std::string(text).c_str(), nullptr);
}

std::vector<std::string_view> SplitCommas(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t comma = text.find(',', start);
    parts.push_back(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) return parts;
    start = comma + 1;
  }
}

bool ParseRegion(std::string_view text, IiifRegion* region, IiifRefusal* refusal) {
  const std::string why = "region '" + std::string(text) + "': ";
  if (text == "full") return region->kind = IiifRegion::kFull, true;
  if (text == "square") return region->kind = IiifRegion::kSquare, true;
  const bool percent = text.rfind("pct:", 0) == 0;
  std::vector<std::string_view> parts = SplitCommas(percent ? text.substr(4) : text);
  if (parts.size() != 4) {
    return Refuse(refusal, ApiError::kInvalidArgument,
                  why + "expected full, square, x,y,w,h or pct:x,y,w,h");
  }
  double values[4];
  for (int i = 0; i < 4; ++i) {
    std::optional<double> v;
    if (percent) v = ParseDecimal(parts[i]);
    else if (auto n = ParseInt(parts[i])) v = *n;
    if (!v) {
      return Refuse(refusal, ApiError::kInvalidArgument,
                    why + (percent ? "each value is a decimal number of at least 0"
                                   : "each value is a whole number of pixels of at least 0"));
    }
    values[i] = *v;
  }
  if (values[2] <= 0 || values[3] <= 0) {
    return Refuse(refusal, ApiError::kInvalidArgument, why + "the width and height must be more than 0");
  }
  if (percent && (values[0] > 100 || values[1] > 100 || values[2] > 100 || values[3] > 100)) {
    return Refuse(refusal, ApiError::kInvalidArgument, why + "a percentage is at most 100");
  }
  *region = IiifRegion{percent ? IiifRegion::kPercent : IiifRegion::kPixels, values[0], values[1], values[2],
                       values[3]};
  return true;
}

bool ParseSize(std::string_view text, IiifSize* size, IiifRefusal* refusal) {
  const std::string why = "size '" + std::string(text) + "': ";
  IiifSize out;
  if (!text.empty() && text.front() == '^') {
    out.upscale = true;
    text.remove_prefix(1);
  }
  if (text == "max") {
    out.kind = IiifSize::kMax;
    *size = out;
    return true;
  }
  if (text.rfind("pct:", 0) == 0) {
    auto n = ParseDecimal(text.substr(4));
    if (!n || *n <= 0) {
      return Refuse(refusal, ApiError::kInvalidArgument, why + "pct:n takes a decimal number more than 0");
    }
    if (*n > 100 && !out.upscale) {
      return Refuse(refusal, ApiError::kInvalidArgument, why + "more than 100% needs ^ (upscaling)");
    }
    out.kind = IiifSize::kPercent;
    out.percent = *n;
    *size = out;
    return true;
  }
  const bool best_fit = !text.empty() && text.front() == '!';
  if (best_fit) text.remove_prefix(1);
  std::vector<std::string_view> parts = SplitCommas(text);
  const char* forms = "expected max, w,, ,h, pct:n, w,h or !w,h (each with an optional leading ^)";
  if (parts.size() != 2 || (parts[0].empty() && parts[1].empty())) {
    return Refuse(refusal, ApiError::kInvalidArgument, why + forms);
  }
  std::optional<int> w = parts[0].empty() ? std::optional<int>(0) : ParseInt(parts[0]);
  std::optional<int> h = parts[1].empty() ? std::optional<int>(0) : ParseInt(parts[1]);
  if (!w || !h) return Refuse(refusal, ApiError::kInvalidArgument, why + "sizes are whole numbers of pixels");
  if ((!parts[0].empty() && *w == 0) || (!parts[1].empty() && *h == 0)) {
    return Refuse(refusal, ApiError::kInvalidArgument, why + "a width or height of 0");
  }
  if (best_fit && (parts[0].empty() || parts[1].empty())) {
    return Refuse(refusal, ApiError::kInvalidArgument, why + "!w,h needs both a width and a height");
  }
  out.w = *w;
  out.h = *h;
  out.kind = best_fit ? IiifSize::kBestFit
             : parts[1].empty() ? IiifSize::kWidth
             : parts[0].empty() ? IiifSize::kHeight
                                : IiifSize::kExact;
  *size = out;
  return true;
}

bool ParseRotation(std::string_view text, bool* mirror, int* rotation, IiifRefusal* refusal) {
  const std::string why = "rotation '" + std::string(text) + "': ";
  *mirror = !text.empty() && text.front() == '!';
  if (*mirror) text.remove_prefix(1);
  auto degrees = ParseDecimal(text);
  if (!degrees || *degrees > 360) {
    return Refuse(refusal, ApiError::kInvalidArgument, why + "expected degrees from 0 to 360, with an optional leading !");
  }
  for (int turn : {0, 90, 180, 270, 360}) {
    if (*degrees == turn) {
      *rotation = turn % 360;
      return true;
    }
  }
  return Refuse(refusal, ApiError::kNotImplemented, why + "only 0, 90, 180 and 270 degrees are supported");
}

bool ParseQualityFormat(std::string_view text, IiifQuality* quality, IiifFormat* format, IiifRefusal* refusal) {
  const std::size_t dot = text.rfind('.');
  if (dot == std::string_view::npos) {
    return Refuse(refusal, ApiError::kInvalidArgument,
                  "'" + std::string(text) + "': expected {quality}.{format}, e.g. default.jpg");
  }
  const std::string_view q = text.substr(0, dot), f = text.substr(dot + 1);
  if (q == "default") *quality = IiifQuality::kDefault;
  else if (q == "color") *quality = IiifQuality::kColor;
  else if (q == "gray") *quality = IiifQuality::kGray;
  else if (q == "bitonal") *quality = IiifQuality::kBitonal;
  else {
    return Refuse(refusal, ApiError::kInvalidArgument,
                  "quality '" + std::string(q) + "': expected default, color, gray or bitonal");
  }
  if (f == "jpg") *format = IiifFormat::kJpg;
  else if (f == "png") *format = IiifFormat::kPng;
  else if (f == "webp") *format = IiifFormat::kWebp;
  else if (f == "tif" || f == "gif" || f == "jp2" || f == "pdf") {
    return Refuse(refusal, ApiError::kNotImplemented,
                  "format '" + std::string(f) + "': not made here; jpg, png and webp are");
  } else {
    return Refuse(refusal, ApiError::kInvalidArgument,
                  "format '" + std::string(f) + "': expected jpg, png or webp");
  }
  return true;
}

int Round(double v) { return static_cast<int>(std::floor(v + 0.5)); }

}  // namespace

std::optional<IiifRequest> ParseIiifRequest(std::string_view region, std::string_view size,
                                            std::string_view rotation, std::string_view quality_format,
                                            IiifRefusal* refusal) {
  IiifRequest r;
  if (!ParseRegion(region, &r.region, refusal) || !ParseSize(size, &r.size, refusal) ||
      !ParseRotation(rotation, &r.mirror, &r.rotation, refusal) ||
      !ParseQualityFormat(quality_format, &r.quality, &r.format, refusal)) {
    return std::nullopt;
  }
  return r;
}

std::optional<IiifPlan> ResolveIiifRequest(const IiifRequest& request, int width, int height,
                                           const IiifLimits& limits, IiifRefusal* refusal) {
  IiifPlan plan;
  plan.mirror = request.mirror;
  plan.rotation = request.rotation;
  plan.quality = request.quality;
  plan.format = request.format;
  // The region, cut to the image.
  const IiifRegion& region = request.region;
  double x = 0, y = 0, w = width, h = height;
  if (region.kind == IiifRegion::kSquare) {
    const int side = std::min(width, height);
    x = (width - side) / 2;
    y = (height - side) / 2;
    w = h = side;
  } else if (region.kind == IiifRegion::kPixels) {
    x = region.x, y = region.y, w = region.w, h = region.h;
  } else if (region.kind == IiifRegion::kPercent) {
    x = Round(region.x * width / 100), y = Round(region.y * height / 100);
    w = Round(region.w * width / 100), h = Round(region.h * height / 100);
  }
  if (x >= width || y >= height || w < 1 || h < 1) {
    Refuse(refusal, ApiError::kInvalidArgument,
           "region: nothing of the image (" + std::to_string(width) + "×" + std::to_string(height) +
               ") is inside it");
    return std::nullopt;
  }
  plan.x = static_cast<int>(x), plan.y = static_cast<int>(y);
  plan.w = static_cast<int>(std::min(w, width - x)), plan.h = static_cast<int>(std::min(h, height - y));
  // The size.
  const IiifSize& size = request.size;
  const double rw = plan.w, rh = plan.h;
  double out_w = rw, out_h = rh;
  switch (size.kind) {
    case IiifSize::kMax: {
      double scale = size.upscale ? 1e9 : 1.0;
      if (limits.max_width > 0) scale = std::min(scale, limits.max_width / rw);
      if (limits.max_height > 0) scale = std::min(scale, limits.max_height / rh);
      if (limits.max_area > 0) scale = std::min(scale, std::sqrt(static_cast<double>(limits.max_area) / (rw * rh)));
      if (scale >= 1e9) scale = 1.0;  // ^max without limits: the region's size
      out_w = std::floor(rw * scale), out_h = std::floor(rh * scale);
      break;
    }
    case IiifSize::kWidth: out_w = size.w, out_h = Round(rh * size.w / rw); break;
    case IiifSize::kHeight: out_w = Round(rw * size.h / rh), out_h = size.h; break;
    case IiifSize::kPercent: out_w = Round(rw * size.percent / 100), out_h = Round(rh * size.percent / 100); break;
    case IiifSize::kExact: out_w = size.w, out_h = size.h; break;
    case IiifSize::kBestFit: {
      double scale = std::min(size.w / rw, size.h / rh);
      if (!size.upscale) scale = std::min(scale, 1.0);
      out_w = std::min<double>(size.w, Round(rw * scale)), out_h = std::min<double>(size.h, Round(rh * scale));
      break;
    }
  }
  const std::string asked = "size: " + std::to_string(static_cast<long long>(out_w)) + "×" +
                            std::to_string(static_cast<long long>(out_h)) + " asked of a region of " +
                            std::to_string(plan.w) + "×" + std::to_string(plan.h);
  if (out_w < 1 || out_h < 1) {
    Refuse(refusal, ApiError::kInvalidArgument, asked + ": a width or height of 0");
    return std::nullopt;
  }
  if (!size.upscale && (out_w > rw || out_h > rh)) {
    Refuse(refusal, ApiError::kInvalidArgument, asked + ": larger than the region needs ^ (upscaling)");
    return std::nullopt;
  }
  if ((limits.max_width > 0 && out_w > limits.max_width) || (limits.max_height > 0 && out_h > limits.max_height) ||
      (limits.max_area > 0 && out_w * out_h > static_cast<double>(limits.max_area))) {
    Refuse(refusal, ApiError::kInvalidArgument,
           asked + ": beyond this server's limits (maxWidth " + std::to_string(limits.max_width) + ", maxHeight " +
               std::to_string(limits.max_height) + ", maxArea " + std::to_string(limits.max_area) + ")");
    return std::nullopt;
  }
  plan.out_w = static_cast<int>(out_w);
  plan.out_h = static_cast<int>(out_h);
  return plan;
}

}  // namespace gallery::http
