// Private: resampling images already decoded (into memory or lazily).
#pragma once

#include "geometry.h"
#include "thumbnails/error.h"
#include "vips_support.h"

namespace thumbnails {

// `in` resized to exactly `size` (lanczos3), premultiplied while resampling
// when it has alpha so transparent pixels do not bleed colour. The result is
// lazy: it computes from `in` when read. Returns a new reference to `in` when
// it already has that size.
Result<ImagePtr> ResizeTo(VipsImage* in, PixelSize size);

// A side×side square of `in` (whose shorter side is at least `side`): `in`
// resized to cover the square, then cut where the picture draws attention.
// Lazy, like ResizeTo.
Result<ImagePtr> SquareFrom(VipsImage* in, int side);

}  // namespace thumbnails
