// Helpers for the thumbnails tests: images made with the image library at
// test time, encoded in the accepted formats, and read back.
#pragma once

#include <vips/vips.h>

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "thumbnails/error.h"

namespace thumbnails_test {

// Owns one reference to an image (drops it with the library's unref).
inline void Unref(VipsImage* image) { g_object_unref(image); }
using Image = std::unique_ptr<VipsImage, std::integral_constant<decltype(&Unref), &Unref>>;

struct Rgb {
  int r, g, b;
};

// Calls thumbnails::Init with the default settings (once per process).
void EnsureInit();

// An 8-bit image of `bands` bands from row-major pixels. Aborts the test
// binary on failure (a fixture that cannot be built is a broken test).
Image FromPixels(const std::vector<uint8_t>& pixels, int width, int height, int bands);
// Four quadrants: top-left red, top-right green, bottom-left blue,
// bottom-right yellow.
Image Quadrants(int width, int height);
// A photo-like image (gradients and noise) that compresses like a photo.
Image PhotoLike(int width, int height);
// One flat colour.
Image Flat(int width, int height, Rgb colour);

// Encoders; `orientation` > 0 is written as the EXIF orientation.
std::string SaveJpeg(VipsImage* image, int quality = 90, int orientation = 0);
std::string SavePng(VipsImage* image);
std::string SaveTiff(VipsImage* image);
std::string SaveWebp(VipsImage* image);

// Decodes an encoded image fully into memory (aborts on failure).
Image Decode(const std::string& bytes);
// The pixel at (x, y), one value per band.
std::vector<double> PixelAt(VipsImage* image, int x, int y);
// The largest difference between the first three bands at (x, y) and `want`.
double ColourDistance(VipsImage* image, int x, int y, Rgb want);

std::string ReadFile(const std::string& path);

}  // namespace thumbnails_test
