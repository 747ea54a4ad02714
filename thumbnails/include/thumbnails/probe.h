// What an image is, from its header alone: no pixel is decoded.
#pragma once

#include <string_view>

#include "thumbnails/error.h"
#include "thumbnails/source_format.h"

namespace thumbnails {

struct ProbeInfo {
  SourceFormat format = SourceFormat::kJpeg;
  int stored_width = 0;   // as the pixels are stored
  int stored_height = 0;
  int orientation = 1;    // EXIF orientation 1..8 (1 when absent or invalid)
  int width = 0;          // as displayed, after orientation (swapped for 5..8)
  int height = 0;
};

// Reads the header of `bytes` with the loader of `format`, as the caller
// sniffed it once (base::SniffFormat): the bytes are not sniffed again, and
// bytes that are not of that format fail to load (kCorrupt).
// Errors: kUnsupported (kUnknown, or a format not accepted), kCorrupt (header
// unreadable), kTooLarge when width × height exceeds the pixel limit (the
// message carries the dimensions), kInternal before Init. `bytes` is only
// read during the call. Thread-safe.
Result<ProbeInfo> Probe(SourceFormat format, std::string_view bytes);

// The same for bytes nobody has sniffed yet: SniffSourceFormat, then Probe.
Result<ProbeInfo> Probe(std::string_view bytes);

}  // namespace thumbnails
