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

// The displayed rectangle `region` of `bytes` (already probed as `source`;
// inside its displayed size) made upright, converted to 8-bit sRGB (alpha
// kept) and resized to exactly `size`, in memory. The decode is at the
// smallest scale that still covers `size` (JPEG: libjpeg's 1/2, 1/4, 1/8;
// WebP: its scaled decode); orientation is applied before the cut, so the
// rectangle is in the coordinates of the picture as shown. Errors: kCorrupt
// (truncated or malformed), kUnsupported.
struct PixelRect {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
};
Result<ImagePtr> DecodeRegion(std::string_view bytes, const ProbeInfo& source, PixelRect region,
                              PixelSize size);

// A tiled pyramid of `bytes` (already probed as `source`): the picture as
// shown (upright), 8-bit sRGB, in a TIFF of `tile` px JPEG-compressed tiles
// (quality `quality`) with every halving as a further page, metadata
// stripped. Decodes the whole original once. Errors: kUnsupported for a
// picture with alpha (a JPEG tile cannot keep it), kCorrupt, kInternal.
Result<std::string> EncodePyramid(std::string_view bytes, const ProbeInfo& source, int tile, int quality);

// The displayed rectangle `region` of the pyramid `pyramid` (made by
// EncodePyramid for a picture of `shown` px), resized to exactly `size`, in
// memory. Reads the page of the smallest level that still covers `size`, and
// of it only the tiles the rectangle touches. Through the TIFF buffer loader
// with fail_on=error; the first page must be `shown` (within the pixel limit)
// and every page 3 bands of 8 bits, else kCorrupt, as for damaged tiles.
Result<ImagePtr> DecodePyramidRegion(std::string_view pyramid, PixelSize shown, PixelRect region, PixelSize size);

}  // namespace thumbnails
