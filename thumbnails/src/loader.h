// Private: the buffer loader of each accepted format, and reading a header
// with it. Used by the probe (headers only) and the decoder.
#pragma once

#include <string_view>

#include "thumbnails/error.h"
#include "thumbnails/probe.h"
#include "vips_support.h"

namespace thumbnails {

// The name of the image library's buffer loader of `format`
// ("jpegload_buffer", ...); "" for kUnknown.
const char* LoaderName(SourceFormat format);

// Ok when `image` was loaded by the loader of `format`; kUnsupported naming
// both otherwise.
Result<void> CheckLoader(VipsImage* image, SourceFormat format);

// The header of `bytes` read by the buffer loader of `format` (no pixels
// decoded). The image refers to `bytes`, which must outlive it.
Result<ImagePtr> LoadHeader(SourceFormat format, std::string_view bytes);

}  // namespace thumbnails
