#include "geometry.h"

#include <algorithm>
#include <cmath>

namespace thumbnails {

PixelSize FitInside(int width, int height, int box) {
  if (width <= box && height <= box) return {width, height};
  if (width >= height) {
    int h = static_cast<int>(std::lround(double(height) * box / width));
    return {box, std::max(1, h)};
  }
  int w = static_cast<int>(std::lround(double(width) * box / height));
  return {std::max(1, w), box};
}

int SquareSide(int width, int height, int size) { return std::min({size, width, height}); }

PixelSize RenditionSize(const RenditionSpec& spec, int width, int height) {
  if (spec.fit == Fit::kSquareCrop) {
    int side = SquareSide(width, height, spec.size);
    return {side, side};
  }
  return FitInside(width, height, spec.size);
}

}  // namespace thumbnails
