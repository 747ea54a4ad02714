// The rendition table: the sizes the gallery shows, as data in one place.
#pragma once

#include <string>
#include <vector>

#include "base/format_sniff.h"

namespace thumbnails {

enum class Fit {
  kSquareCrop,  // exactly size×size, smart crop (attention)
  kInside,      // fits inside size×size, aspect kept
};

enum class Format { kWebp, kJpeg };
const char* FormatExtension(Format f);  // "webp", "jpg"
const char* FormatMimeType(Format f);   // "image/webp", "image/jpeg"
base::ImageFormat FormatImageFormat(Format f);  // the base layer's kWebp, kJpeg

struct RenditionSpec {
  std::string name;     // "tile", "small", "medium", "large"
  int size = 0;         // the bounding square's side, in pixels
  Fit fit = Fit::kInside;
  bool made_at_ingest = false;  // grid sizes: from one decode at import
  int webp_quality = 0;
  int jpeg_quality = 0;
  // WebP encoder effort 0..6: higher is smaller and slower. Every size uses 2:
  // measured on 12 MP photos, 4 took twice the encoding time of 2 for 1-3%
  // fewer bytes (effort 0 would save another third on medium for 16% more).
  int webp_effort = 2;
};

// Every rendition, smallest first.
const std::vector<RenditionSpec>& RenditionTable();
// The spec named `name`, or nullptr.
const RenditionSpec* FindRendition(const std::string& name);

}  // namespace thumbnails
