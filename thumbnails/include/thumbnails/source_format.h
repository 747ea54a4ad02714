// The accepted input formats, recognised from the bytes only (never from a
// file name or a claimed content type).
#pragma once

#include <string_view>

#include "base/format_sniff.h"
#include "thumbnails/error.h"

namespace thumbnails {

// The base layer's format: an ingest sniffs once and hands it to Probe and
// the renderers. Its names are base::ImageFormatName's.
using SourceFormat = base::ImageFormat;

// The accepted format whose signature starts `bytes`, as the base layer's one
// sniff (base/format_sniff.h) decides it for the archive too.
// Errors: kUnsupported naming the format for recognised but refused ones
// (GIF, SVG, PDF, PSD, BMP, HTML, BigTIFF, the image library's own format,
// JPEG XL, JPEG 2000, other ISO-BMFF brands) and for unrecognised bytes; kCorrupt for
// input too short to carry any signature. Pure function, thread-safe.
Result<SourceFormat> SniffSourceFormat(std::string_view bytes);

}  // namespace thumbnails
