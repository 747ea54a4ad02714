// Private: the pixel dimensions of a rendition, computed in one place so every
// path (one decode or several) gives the same sizes.
#pragma once

#include "thumbnails/rendition_spec.h"

namespace thumbnails {

struct PixelSize {
  int width = 0;
  int height = 0;
};

// Fits width×height inside box×box, aspect kept, never enlarged.
PixelSize FitInside(int width, int height, int box);
// The side of a square rendition: `size`, or the shorter side when smaller.
int SquareSide(int width, int height, int size);
// The output size of `spec` for an original displayed as width×height.
PixelSize RenditionSize(const RenditionSpec& spec, int width, int height);

}  // namespace thumbnails
