#include "encode.h"

#include "webp_metadata.h"

namespace thumbnails {

namespace {

// A view of `image` without any metadata: the strip option alone leaves EXIF
// and ICC data in WebP files with this library version.
Result<ImagePtr> WithoutMetadata(VipsImage* image) {
  VipsImage* out = nullptr;
  if (vips_copy(image, &out, nullptr) != 0) return VipsFailure(Error::kInternal, "copy");
  ImagePtr bare(out);
  gchar** fields = vips_image_get_fields(bare.get());
  for (gchar** f = fields; f && *f; ++f) vips_image_remove(bare.get(), *f);
  g_strfreev(fields);
  return bare;
}

Result<ImagePtr> FlattenOnWhite(VipsImage* image) {
  VipsImage* out = nullptr;
  double white[] = {255, 255, 255};
  VipsArrayDouble* background = vips_array_double_new(white, 3);
  int status = vips_flatten(image, &out, "background", background, nullptr);
  vips_area_unref(VIPS_AREA(background));
  if (status != 0) return VipsFailure(Error::kInternal, "flatten alpha on white");
  return ImagePtr(out);
}

Result<std::string> SavePng(VipsImage* image) {
  void* buf = nullptr;
  size_t len = 0;
  if (vips_pngsave_buffer(image, &buf, &len, "compression", 6, "strip", TRUE, nullptr) != 0)
    return VipsFailure(Error::kInternal, "pngsave_buffer");
  std::string bytes(static_cast<char*>(buf), len);
  g_free(buf);
  return bytes;
}

Result<std::string> SaveJpeg(VipsImage* image, int quality) {
  ImagePtr flat;
  if (vips_image_hasalpha(image)) {
    auto flattened = FlattenOnWhite(image);
    if (!flattened.ok()) return flattened.error();
    flat = std::move(flattened.value());
    image = flat.get();
  }
  void* buf = nullptr;
  size_t len = 0;
  if (vips_jpegsave_buffer(image, &buf, &len, "Q", quality, "strip", TRUE, "optimize_coding",
                           TRUE, nullptr) != 0)
    return VipsFailure(Error::kInternal, "jpegsave_buffer");
  std::string bytes(static_cast<char*>(buf), len);
  g_free(buf);
  return bytes;
}

Result<std::string> SaveWebp(VipsImage* image, int quality, int effort) {
  void* buf = nullptr;
  size_t len = 0;
  if (vips_webpsave_buffer(image, &buf, &len, "Q", quality, "effort", effort, "strip", TRUE,
                           nullptr) != 0)
    return VipsFailure(Error::kInternal, "webpsave_buffer");
  std::string bytes(static_cast<char*>(buf), len);
  g_free(buf);
  return StripWebpMetadata(bytes);
}

}  // namespace

Result<std::string> Encode(VipsImage* image, Format format, const RenditionSpec& spec) {
  auto bare = WithoutMetadata(image);
  if (!bare.ok()) return bare.error();
  return format == Format::kJpeg ? SaveJpeg(bare.value().get(), spec.jpeg_quality)
                                 : SaveWebp(bare.value().get(), spec.webp_quality, spec.webp_effort);
}

Result<std::string> EncodeRegion(VipsImage* image, RegionFormat format) {
  auto bare = WithoutMetadata(image);
  if (!bare.ok()) return bare.error();
  switch (format) {
    case RegionFormat::kJpeg: return SaveJpeg(bare.value().get(), 85);
    case RegionFormat::kPng: return SavePng(bare.value().get());
    case RegionFormat::kWebp: return SaveWebp(bare.value().get(), 80, 2);
  }
  return Error{Error::kInvalidArgument, "no such region format"};
}

}  // namespace thumbnails
