#include "thumbnails/rendition_spec.h"

namespace thumbnails {

const char* FormatExtension(Format f) { return f == Format::kWebp ? "webp" : "jpg"; }
const char* FormatMimeType(Format f) { return f == Format::kWebp ? "image/webp" : "image/jpeg"; }
base::ImageFormat FormatImageFormat(Format f) {
  return f == Format::kWebp ? base::ImageFormat::kWebp : base::ImageFormat::kJpeg;
}

const std::vector<RenditionSpec>& RenditionTable() {
  // name, size, fit, made at ingest, WebP quality, JPEG quality, WebP effort
  static const std::vector<RenditionSpec> table = {
      {"tile", 256, Fit::kSquareCrop, true, 75, 82, 2},
      {"small", 480, Fit::kInside, true, 78, 84, 2},
      {"medium", 1280, Fit::kInside, true, 80, 86, 2},
      {"large", 2560, Fit::kInside, false, 82, 88, 2},
  };
  return table;
}

const RenditionSpec* FindRendition(const std::string& name) {
  for (const auto& spec : RenditionTable())
    if (spec.name == name) return &spec;
  return nullptr;
}

}  // namespace thumbnails
