// Private: removing metadata chunks from an encoded WebP file.
#pragma once

#include <string>

#include "thumbnails/error.h"

namespace thumbnails {

// Removes the EXIF, XMP and ICC chunks of the WebP file `webp` and clears
// their flags in its extended header, leaving the image data (and alpha)
// untouched. The encoder of this library version writes an EXIF block even
// when asked to strip. Errors: kInternal when `webp` is not a well-formed
// WebP container.
Result<std::string> StripWebpMetadata(const std::string& webp);

}  // namespace thumbnails
