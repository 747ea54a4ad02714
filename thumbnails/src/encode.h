// Private: encoding an 8-bit sRGB image to a rendition file.
#pragma once

#include <string>

#include "thumbnails/error.h"
#include "thumbnails/region_renderer.h"
#include "thumbnails/rendition_spec.h"
#include "vips_support.h"

namespace thumbnails {

// `image` encoded as `format` at the spec's quality, with every piece of
// metadata stripped. JPEG flattens alpha on white; WebP keeps it.
// Errors: kInternal naming the encoder. `image` is not modified.
Result<std::string> Encode(VipsImage* image, Format format, const RenditionSpec& spec);

// `image` (8-bit, 1 to 4 bands) encoded as a region's file, every piece of
// metadata stripped: JPEG at quality 85 (alpha flattened on white), PNG,
// WebP at quality 80.
Result<std::string> EncodeRegion(VipsImage* image, RegionFormat format);

}  // namespace thumbnails
