#include "decode.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "base/byte_reader.h"
#include "loader.h"
#include "resample.h"

namespace thumbnails {

namespace {

// True when `profile` is the common sRGB profile (its version 2 description
// is "sRGB IEC61966-2.1", as cameras and editors embed it): transforming its
// pixels to sRGB would change nothing but cost about a tenth of the decode.
bool IsStandardSrgb(const unsigned char* profile, size_t size) {
  static const char kName[] = "sRGB IEC61966-2.1";
  const std::string_view name(kName, sizeof(kName));  // with its NUL
  const base::ByteReader r(profile, size);
  const uint32_t tags = r.Be32At(128).value_or(0);
  for (uint32_t i = 0; i < tags && 132 + 12 * (size_t(i) + 1) <= size; ++i) {
    const size_t entry = 132 + 12 * size_t(i);
    if (r.BytesAt(entry, 4) != "desc") continue;
    const uint32_t offset = *r.Be32At(entry + 4), length = *r.Be32At(entry + 8);
    // type "desc", reserved, ASCII count, then the name and its NUL
    if (offset > size || length > size - offset || length < 12 + name.size()) return false;
    return r.BytesAt(offset, 4) == "desc" && r.Be32At(offset + 8) == name.size() &&
           r.BytesAt(offset + 12, name.size()) == name;
  }
  return false;
}

// `image` without its ICC profile, pixel values unchanged.
ImagePtr WithoutProfile(ImagePtr image) {
  VipsImage* out = nullptr;
  if (vips_copy(image.get(), &out, nullptr) != 0) {
    vips_error_clear();
    return image;
  }
  ImagePtr untagged(out);
  vips_image_remove(untagged.get(), VIPS_META_ICC_NAME);
  return untagged;
}

// Pixel values transformed from the embedded ICC profile to sRGB (left as they
// are when the profile is the standard sRGB one). An unusable profile (broken,
// or for another colour space than the pixels') is dropped and the values are
// taken as they are.
ImagePtr ApplyEmbeddedProfile(ImagePtr image) {
  if (!vips_image_get_typeof(image.get(), VIPS_META_ICC_NAME)) return image;
  const void* profile = nullptr;
  size_t profile_size = 0;
  if (image->Bands == 3 && image->BandFmt == VIPS_FORMAT_UCHAR &&
      vips_image_get_blob(image.get(), VIPS_META_ICC_NAME, &profile, &profile_size) == 0 &&
      IsStandardSrgb(static_cast<const unsigned char*>(profile), profile_size))
    return WithoutProfile(std::move(image));
  VipsImage* out = nullptr;
  if (vips_icc_transform(image.get(), &out, "srgb", "embedded", TRUE, "intent",
                         VIPS_INTENT_RELATIVE, nullptr) == 0) {
    ImagePtr transformed(out);
    vips_image_remove(transformed.get(), VIPS_META_ICC_NAME);
    return transformed;
  }
  vips_error_clear();
  return WithoutProfile(std::move(image));
}

// 8-bit sRGB, three bands plus alpha when present: embedded profiles applied,
// greyscale, 16-bit and linear images converted.
Result<ImagePtr> ToSrgb8(ImagePtr image) {
  image = ApplyEmbeddedProfile(std::move(image));
  VipsImage* in = image.get();
  if (vips_image_guess_interpretation(in) != VIPS_INTERPRETATION_sRGB ||
      in->BandFmt != VIPS_FORMAT_UCHAR) {
    VipsImage* out = nullptr;
    if (vips_colourspace(in, &out, VIPS_INTERPRETATION_sRGB, nullptr) != 0)
      return VipsFailure(Error::kUnsupported, "colourspace to sRGB");
    image.reset(out);
  }
  if (image->BandFmt != VIPS_FORMAT_UCHAR) {
    VipsImage* out = nullptr;
    if (vips_cast_uchar(image.get(), &out, nullptr) != 0)
      return VipsFailure(Error::kInternal, "cast to 8 bits");
    image.reset(out);
  }
  if (image->Bands != 3 && image->Bands != 4)
    return Error{Error::kUnsupported, "colourspace to sRGB: unexpected " +
                                          std::to_string(image->Bands) + "-band result"};
  return image;
}

// The largest scale libjpeg decodes at (1/1, 1/2, 1/4, 1/8) whose result
// still covers `cover` in both directions (rounded down, so a 1-pixel image
// is never shrunk to nothing).
int JpegShrink(const ProbeInfo& source, PixelSize cover) {
  int shrink = 1;
  for (int s = 2; s <= 8; s *= 2)
    if (source.width / s >= cover.width && source.height / s >= cover.height) shrink = s;
  return shrink;
}

// `size` as the pixels are stored: swapped when the orientation turns the
// picture by a quarter.
PixelSize Stored(const ProbeInfo& source, PixelSize size) {
  return source.orientation >= 5 ? PixelSize{size.height, size.width} : size;
}

// `image` turned upright by its EXIF orientation (the orientation is then
// removed from its metadata).
Result<ImagePtr> Upright(ImagePtr image) {
  VipsImage* out = nullptr;
  if (vips_autorot(image.get(), &out, nullptr) != 0)
    return VipsFailure(Error::kInternal, "rotate upright");
  return ImagePtr(out);
}

// `image` (as stored) resized to `stored`, then turned upright.
Result<ImagePtr> ResizeThenUpright(ImagePtr image, PixelSize stored) {
  auto resized = ResizeTo(image.get(), stored);
  if (!resized.ok()) return resized.error();
  return Upright(std::move(resized.value()));
}

// `image` turned upright, then cut to a side×side square where it draws
// attention.
Result<ImagePtr> UprightThenSquare(ImagePtr image, int side) {
  auto upright = Upright(std::move(image));
  if (!upright.ok()) return upright.error();
  return SquareFrom(upright.value().get(), side);
}

// A JPEG decoded at the largest libjpeg scale that still covers the
// rendition, into memory, then resampled: this is cheaper than the generic
// thumbnail operation on the same file (measured: 55-65 ms against 90-140 ms
// for a 12 MP photo to 1280 px), which resamples while it decodes, strip by
// strip.
Result<ImagePtr> DecodeJpeg(std::string_view bytes, const ProbeInfo& source, PixelSize size,
                            bool square_crop) {
  PixelSize cover = size;
  if (square_crop) {
    double scale = double(size.width) / std::min(source.width, source.height);
    cover = {std::max(size.width, int(source.width * scale + 0.5)),
             std::max(size.height, int(source.height * scale + 0.5))};
  }
  VipsImage* raw = nullptr;
  void* data = const_cast<char*>(bytes.data());
  const std::string what = "decode with jpegload_buffer";
  if (vips_jpegload_buffer(data, bytes.size(), &raw, "shrink", JpegShrink(source, cover), "access",
                           VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_ERROR, nullptr) != 0)
    return VipsFailure(Error::kCorrupt, what);
  ImagePtr lazy(raw);
  // Decoding happens here: a truncated or malformed file fails now.
  ImagePtr decoded(vips_image_copy_memory(lazy.get()));
  if (!decoded) return VipsFailure(Error::kCorrupt, what);
  lazy.reset();
  Result<ImagePtr> shaped = square_crop ? UprightThenSquare(std::move(decoded), size.width)
                                        : ResizeThenUpright(std::move(decoded), Stored(source, size));
  if (!shaped.ok()) return shaped.error();
  return ToSrgb8(std::move(shaped.value()));
}

// The loader of `source.format` with its scaled decode set for a `region`
// (displayed) that will be resized to `size`. Lazy: nothing is decoded yet.
Result<ImagePtr> LoadScaledFor(std::string_view bytes, const ProbeInfo& source, PixelRect region,
                               PixelSize size) {
  void* data = const_cast<char*>(bytes.data());
  VipsImage* raw = nullptr;
  int status = -1;
  switch (source.format) {
    case SourceFormat::kJpeg: {
      int shrink = 1;
      for (int s = 2; s <= 8; s *= 2)
        if (region.width / s >= size.width && region.height / s >= size.height) shrink = s;
      status = vips_jpegload_buffer(data, bytes.size(), &raw, "shrink", shrink, "fail_on",
                                    VIPS_FAIL_ON_ERROR, nullptr);
      break;
    }
    case SourceFormat::kWebp: {
      double scale = std::max(double(size.width) / region.width, double(size.height) / region.height);
      status = vips_webpload_buffer(data, bytes.size(), &raw, "scale", std::min(1.0, scale), "fail_on",
                                    VIPS_FAIL_ON_ERROR, nullptr);
      break;
    }
    case SourceFormat::kPng:
      status = vips_pngload_buffer(data, bytes.size(), &raw, "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
      break;
    case SourceFormat::kTiff:
      status = vips_tiffload_buffer(data, bytes.size(), &raw, "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
      break;
    case SourceFormat::kHeif:
    case SourceFormat::kAvif:
      status = vips_heifload_buffer(data, bytes.size(), &raw, "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
      break;
    case SourceFormat::kUnknown:
      return Error{Error::kUnsupported, "no accepted image format given for these bytes"};
  }
  if (status != 0) return VipsFailure(Error::kCorrupt, std::string("decode with ") + LoaderName(source.format));
  return ImagePtr(raw);
}

}  // namespace

Result<ImagePtr> DecodeRegion(std::string_view bytes, const ProbeInfo& source, PixelRect region,
                              PixelSize size) {
  if (region.width < 1 || region.height < 1 || size.width < 1 || size.height < 1 || region.x < 0 ||
      region.y < 0 || region.x + region.width > source.width || region.y + region.height > source.height)
    return Error{Error::kInvalidArgument, "region: not inside the image"};
  auto loaded = LoadScaledFor(bytes, source, region, size);
  if (!loaded.ok()) return loaded.error();
  auto upright = Upright(std::move(loaded.value()));
  if (!upright.ok()) return upright.error();
  VipsImage* shown = upright.value().get();
  // The rectangle at the decoded scale, rounded outwards.
  const double fx = double(shown->Xsize) / source.width, fy = double(shown->Ysize) / source.height;
  const int left = std::min(shown->Xsize - 1, int(region.x * fx));
  const int top = std::min(shown->Ysize - 1, int(region.y * fy));
  const int right = std::min(shown->Xsize, std::max(left + 1, int(std::ceil((region.x + region.width) * fx))));
  const int bottom = std::min(shown->Ysize, std::max(top + 1, int(std::ceil((region.y + region.height) * fy))));
  VipsImage* cut = nullptr;
  if (vips_extract_area(shown, &cut, left, top, right - left, bottom - top, nullptr) != 0)
    return VipsFailure(Error::kInternal, "cut the region");
  auto srgb = ToSrgb8(ImagePtr(cut));
  if (!srgb.ok()) return srgb.error();
  auto resized = ResizeTo(srgb.value().get(), size);
  if (!resized.ok()) return resized.error();
  // Decoding happens here: a truncated or malformed file fails now.
  VipsImage* memory = vips_image_copy_memory(resized.value().get());
  if (!memory) return VipsFailure(Error::kCorrupt, std::string("decode with ") + LoaderName(source.format));
  return ImagePtr(memory);
}

Result<ImagePtr> DecodeToSize(std::string_view bytes, const ProbeInfo& source, PixelSize size,
                              bool square_crop) {
  if (source.format == SourceFormat::kJpeg) {
    auto image = DecodeJpeg(bytes, source, size, square_crop);
    if (!image.ok()) return image.error();
    VipsImage* memory = vips_image_copy_memory(image.value().get());
    if (!memory) return VipsFailure(Error::kInternal, "resize");
    return ImagePtr(memory);
  }
  VipsImage* raw = nullptr;
  void* data = const_cast<char*>(bytes.data());
  // The loader must stop on truncated or damaged data. The thumbnail
  // operation's own fail_on does not reach the loader in this library version;
  // the option string does.
  const char* loader_options = "fail_on=error";
  int status = square_crop
      ? vips_thumbnail_buffer(data, bytes.size(), &raw, size.width, "height", size.height,
                              "crop", VIPS_INTERESTING_ATTENTION, "fail_on", VIPS_FAIL_ON_ERROR,
                              "option_string", loader_options, nullptr)
      : vips_thumbnail_buffer(data, bytes.size(), &raw, size.width, "height", size.height,
                              "size", VIPS_SIZE_FORCE, "fail_on", VIPS_FAIL_ON_ERROR,
                              "option_string", loader_options, nullptr);
  std::string what = std::string("decode with ") + LoaderName(source.format);
  if (status != 0) return VipsFailure(Error::kCorrupt, what);
  ImagePtr image(raw);
  if (auto checked = CheckLoader(image.get(), source.format); !checked.ok())
    return checked.error();
  auto srgb = ToSrgb8(std::move(image));
  if (!srgb.ok()) return srgb.error();
  // Decoding happens here: a truncated or malformed file fails now.
  VipsImage* memory = vips_image_copy_memory(srgb.value().get());
  if (!memory) return VipsFailure(Error::kCorrupt, what);
  return ImagePtr(memory);
}

Result<std::string> EncodePyramid(std::string_view bytes, const ProbeInfo& source, int tile, int quality) {
  auto loaded = LoadScaledFor(bytes, source, PixelRect{0, 0, source.width, source.height},
                              PixelSize{source.width, source.height});
  if (!loaded.ok()) return loaded.error();
  auto upright = Upright(std::move(loaded.value()));
  if (!upright.ok()) return upright.error();
  auto srgb = ToSrgb8(std::move(upright.value()));
  if (!srgb.ok()) return srgb.error();
  if (srgb.value()->Bands != 3)
    return Error{Error::kUnsupported, "pyramid: a picture with alpha is rendered from its original"};
  void* buffer = nullptr;
  size_t length = 0;
  // Decoding happens here: a truncated or malformed original fails now.
  if (vips_tiffsave_buffer(srgb.value().get(), &buffer, &length, "tile", TRUE, "tile_width", tile,
                           "tile_height", tile, "pyramid", TRUE, "compression",
                           VIPS_FOREIGN_TIFF_COMPRESSION_JPEG, "Q", quality, "strip", TRUE, nullptr) != 0)
    return VipsFailure(Error::kCorrupt, std::string("pyramid from ") + LoaderName(source.format));
  std::string out(static_cast<const char*>(buffer), length);
  g_free(buffer);
  return out;
}

Result<ImagePtr> DecodePyramidRegion(std::string_view pyramid, PixelSize shown, PixelRect region, PixelSize size) {
  if (region.width < 1 || region.height < 1 || size.width < 1 || size.height < 1 || region.x < 0 ||
      region.y < 0 || region.x + region.width > shown.width || region.y + region.height > shown.height)
    return Error{Error::kInvalidArgument, "region: not inside the image"};
  void* data = const_cast<char*>(pyramid.data());
  auto load = [&](int page) -> Result<ImagePtr> {
    VipsImage* raw = nullptr;
    if (vips_tiffload_buffer(data, pyramid.size(), &raw, "page", page, "fail_on", VIPS_FAIL_ON_ERROR, nullptr) != 0)
      return VipsFailure(Error::kCorrupt, "pyramid: tiffload_buffer page " + std::to_string(page));
    ImagePtr image(raw);
    if (image->Bands != 3 || image->BandFmt != VIPS_FORMAT_UCHAR)
      return Error{Error::kCorrupt, "pyramid: page " + std::to_string(page) + " is not 8-bit RGB"};
    return image;
  };
  auto first = load(0);
  if (!first.ok()) return first.error();
  const int pages = vips_image_get_n_pages(first.value().get());
  if (first.value()->Xsize != shown.width || first.value()->Ysize != shown.height ||
      std::int64_t(shown.width) * shown.height > MaxPixels() || pages < 1 || pages > 30)
    return Error{Error::kCorrupt, "pyramid: " + std::to_string(first.value()->Xsize) + "x" +
                                      std::to_string(first.value()->Ysize) + " in " + std::to_string(pages) +
                                      " pages, the picture is " + std::to_string(shown.width) + "x" +
                                      std::to_string(shown.height)};
  // The smallest level that still covers `size` (each level halves).
  int page = 0;
  while (page + 1 < pages && region.width / (2 << page) >= size.width && region.height / (2 << page) >= size.height)
    ++page;
  ImagePtr level = std::move(first.value());
  if (page > 0) {
    auto loaded = load(page);
    if (!loaded.ok()) return loaded.error();
    level = std::move(loaded.value());
    const int expect_w = shown.width >> page, expect_h = shown.height >> page;
    if (std::abs(level->Xsize - expect_w) > 1 || std::abs(level->Ysize - expect_h) > 1)
      return Error{Error::kCorrupt, "pyramid: page " + std::to_string(page) + " is " + std::to_string(level->Xsize) +
                                        "x" + std::to_string(level->Ysize)};
  }
  // The rectangle at the level's scale, rounded outwards.
  VipsImage* in = level.get();
  const double fx = double(in->Xsize) / shown.width, fy = double(in->Ysize) / shown.height;
  const int left = std::min(in->Xsize - 1, int(region.x * fx));
  const int top = std::min(in->Ysize - 1, int(region.y * fy));
  const int right = std::min(in->Xsize, std::max(left + 1, int(std::ceil((region.x + region.width) * fx))));
  const int bottom = std::min(in->Ysize, std::max(top + 1, int(std::ceil((region.y + region.height) * fy))));
  VipsImage* cut = nullptr;
  if (vips_extract_area(in, &cut, left, top, right - left, bottom - top, nullptr) != 0)
    return VipsFailure(Error::kInternal, "cut the region");
  auto resized = ResizeTo(ImagePtr(cut).get(), size);
  if (!resized.ok()) return resized.error();
  // Only the tiles the rectangle touches are decoded, here.
  VipsImage* memory = vips_image_copy_memory(resized.value().get());
  if (!memory) return VipsFailure(Error::kCorrupt, "pyramid: read tiles");
  return ImagePtr(memory);
}

}  // namespace thumbnails
