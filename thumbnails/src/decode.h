// Private: decoding with the loader of the sniffed format.
#pragma once

#include <string_view>

#include "geometry.h"
#include "thumbnails/error.h"
#include "thumbnails/probe.h"
#include "vips_support.h"

namespace thumbnails {

// Decodes `bytes` (already probed as `source`) with shrink-on-load straight to
// `size` (displayed orientation), upright, as 8-bit sRGB (with alpha when the
// original has it), and copies the result to memory: the returned image owns
// its pixels. With `square_crop`, `size` must be square and the crop follows
// what draws attention. Truncated or malformed input fails with kCorrupt.
Result<ImagePtr> DecodeToSize(std::string_view bytes, const ProbeInfo& source, PixelSize size,
                              bool square_crop);

}  // namespace thumbnails
