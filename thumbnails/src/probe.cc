#include "thumbnails/probe.h"

#include <cstdint>
#include <string>

#include "loader.h"
#include "vips_support.h"

namespace thumbnails {

namespace {

Result<void> CheckPixelLimit(int width, int height) {
  int64_t pixels = int64_t(width) * int64_t(height);
  int64_t limit = MaxPixels();
  if (width > 0 && height > 0 && pixels <= limit) return {};
  if (width <= 0 || height <= 0)
    return Error{Error::kCorrupt, "header declares an empty image (" + std::to_string(width) +
                                      "x" + std::to_string(height) + ")"};
  return Error{Error::kTooLarge,
               "image of " + std::to_string(width) + "x" + std::to_string(height) + " (" +
                   std::to_string(pixels / 1'000'000) + " megapixels) is over the limit of " +
                   std::to_string(limit) + " pixels"};
}

}  // namespace

Result<ProbeInfo> Probe(std::string_view bytes) {
  if (!IsInitialized()) return NotInitialized();
  auto format = SniffSourceFormat(bytes);
  if (!format.ok()) return format.error();
  return Probe(format.value(), bytes);
}

Result<ProbeInfo> Probe(SourceFormat format, std::string_view bytes) {
  if (!IsInitialized()) return NotInitialized();
  auto header = LoadHeader(format, bytes);
  if (!header.ok()) return header.error();
  VipsImage* image = header.value().get();
  ProbeInfo info;
  info.format = format;
  info.stored_width = vips_image_get_width(image);
  info.stored_height = vips_image_get_height(image);
  info.orientation = vips_image_get_orientation(image);
  bool swap = vips_image_get_orientation_swap(image);
  info.width = swap ? info.stored_height : info.stored_width;
  info.height = swap ? info.stored_width : info.stored_height;
  if (auto limit = CheckPixelLimit(info.stored_width, info.stored_height); !limit.ok())
    return limit.error();
  return info;
}

}  // namespace thumbnails
