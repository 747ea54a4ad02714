// Private: encoding an 8-bit sRGB image to a rendition file.
#pragma once

#include <string>

#include "thumbnails/error.h"
#include "thumbnails/rendition_spec.h"
#include "vips_support.h"

namespace thumbnails {

// `image` encoded as `format` at the spec's quality, with every piece of
// metadata stripped. JPEG flattens alpha on white; WebP keeps it.
// Errors: kInternal naming the encoder. `image` is not modified.
Result<std::string> Encode(VipsImage* image, Format format, const RenditionSpec& spec);

}  // namespace thumbnails
