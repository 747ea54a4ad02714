#include "test_images.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include "thumbnails/init.h"

namespace thumbnails_test {

namespace {

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "test fixture failed: %s: %s\n", what, vips_error_buffer());
  std::abort();
}

std::string TakeBuffer(void* buf, size_t len) {
  std::string bytes(static_cast<char*>(buf), len);
  g_free(buf);
  return bytes;
}

}  // namespace

void EnsureInit() {
  static bool done = [] {
    auto status = thumbnails::Init(thumbnails::Settings{});
    if (!status.ok()) {
      std::fprintf(stderr, "Init failed: %s\n", status.error().message.c_str());
      std::abort();
    }
    return true;
  }();
  (void)done;
}

Image FromPixels(const std::vector<uint8_t>& pixels, int width, int height, int bands) {
  VipsImage* image = vips_image_new_from_memory_copy(pixels.data(), pixels.size(), width, height,
                                                     bands, VIPS_FORMAT_UCHAR);
  if (!image) Die("new_from_memory_copy");
  image->Type = bands >= 3 ? VIPS_INTERPRETATION_sRGB : VIPS_INTERPRETATION_B_W;
  return Image(image);
}

Image Quadrants(int width, int height) {
  const Rgb colours[4] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 0}};
  std::vector<uint8_t> px(size_t(width) * height * 3);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const Rgb& c = colours[(y >= height / 2 ? 2 : 0) + (x >= width / 2 ? 1 : 0)];
      uint8_t* p = &px[(size_t(y) * width + x) * 3];
      p[0] = uint8_t(c.r), p[1] = uint8_t(c.g), p[2] = uint8_t(c.b);
    }
  return FromPixels(px, width, height, 3);
}

Image PhotoLike(int width, int height) {
  std::mt19937 random(42);
  std::vector<uint8_t> px(size_t(width) * height * 3);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      uint8_t* p = &px[(size_t(y) * width + x) * 3];
      int noise = int(random() % 24);
      p[0] = uint8_t(std::min(255, x * 200 / width + noise));
      p[1] = uint8_t(std::min(255, y * 200 / height + noise));
      p[2] = uint8_t(std::min(255, 128 + int(60 * std::sin(x / 37.0 + y / 53.0)) + noise / 2));
    }
  return FromPixels(px, width, height, 3);
}

Image Flat(int width, int height, Rgb c) {
  std::vector<uint8_t> px(size_t(width) * height * 3);
  for (size_t i = 0; i < px.size(); i += 3)
    px[i] = uint8_t(c.r), px[i + 1] = uint8_t(c.g), px[i + 2] = uint8_t(c.b);
  return FromPixels(px, width, height, 3);
}

std::string SaveJpeg(VipsImage* image, int quality, int orientation) {
  VipsImage* copy = nullptr;
  if (vips_copy(image, &copy, nullptr) != 0) Die("copy");
  Image owned(copy);
  if (orientation > 0) vips_image_set_int(copy, VIPS_META_ORIENTATION, orientation);
  void* buf = nullptr;
  size_t len = 0;
  if (vips_jpegsave_buffer(copy, &buf, &len, "Q", quality, nullptr) != 0) Die("jpegsave");
  return TakeBuffer(buf, len);
}

std::string SavePng(VipsImage* image) {
  void* buf = nullptr;
  size_t len = 0;
  if (vips_pngsave_buffer(image, &buf, &len, nullptr) != 0) Die("pngsave");
  return TakeBuffer(buf, len);
}

std::string SaveTiff(VipsImage* image) {
  void* buf = nullptr;
  size_t len = 0;
  if (vips_tiffsave_buffer(image, &buf, &len, nullptr) != 0) Die("tiffsave");
  return TakeBuffer(buf, len);
}

std::string SaveWebp(VipsImage* image) {
  void* buf = nullptr;
  size_t len = 0;
  if (vips_webpsave_buffer(image, &buf, &len, "lossless", TRUE, nullptr) != 0) Die("webpsave");
  return TakeBuffer(buf, len);
}

Image Decode(const std::string& bytes) {
  VipsImage* lazy = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  if (!lazy) Die("new_from_buffer");
  Image owned(lazy);
  VipsImage* memory = vips_image_copy_memory(lazy);
  if (!memory) Die("copy_memory");
  return Image(memory);
}

std::vector<double> PixelAt(VipsImage* image, int x, int y) {
  double* values = nullptr;
  int n = 0;
  if (vips_getpoint(image, &values, &n, x, y, nullptr) != 0) Die("getpoint");
  std::vector<double> out(values, values + n);
  g_free(values);
  return out;
}

double ColourDistance(VipsImage* image, int x, int y, Rgb want) {
  std::vector<double> got = PixelAt(image, x, y);
  if (got.size() < 3) got.resize(3, got.empty() ? 0 : got[0]);
  return std::max({std::abs(got[0] - want.r), std::abs(got[1] - want.g),
                   std::abs(got[2] - want.b)});
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace thumbnails_test
