#include "thumbnails/region_renderer.h"

#include "decode.h"
#include "encode.h"
#include "thumbnails/probe.h"
#include "vips_support.h"

namespace thumbnails {

namespace {

Result<void> Check(const ProbeInfo& source, const RegionRequest& r, std::int64_t max_output_pixels) {
  const std::string shown = std::to_string(source.width) + "x" + std::to_string(source.height);
  if (r.width < 1 || r.height < 1 || r.x < 0 || r.y < 0 || r.x >= source.width || r.y >= source.height ||
      r.width > source.width - r.x || r.height > source.height - r.y)
    return Error{Error::kInvalidArgument,
                 "region " + std::to_string(r.x) + "," + std::to_string(r.y) + "," + std::to_string(r.width) +
                     "," + std::to_string(r.height) + " is not inside the picture of " + shown};
  if (r.out_width < 1 || r.out_height < 1)
    return Error{Error::kInvalidArgument, "region output of " + std::to_string(r.out_width) + "x" +
                                              std::to_string(r.out_height) + ": a side of 0"};
  if (std::int64_t(r.out_width) * r.out_height > max_output_pixels)
    return Error{Error::kTooLarge, "region output of " + std::to_string(r.out_width) + "x" +
                                       std::to_string(r.out_height) + " is over the limit of " +
                                       std::to_string(max_output_pixels) + " pixels"};
  if (r.rotation != 0 && r.rotation != 90 && r.rotation != 180 && r.rotation != 270)
    return Error{Error::kInvalidArgument,
                 "rotation " + std::to_string(r.rotation) + ": only 0, 90, 180 and 270 degrees"};
  return {};
}

// The image an operation made into `*out` (its status 0), or its failure.
Result<ImagePtr> Took(int status, VipsImage* const* out, const char* what) {
  if (status != 0) return VipsFailure(Error::kInternal, what);
  return ImagePtr(*out);
}

Result<ImagePtr> FlattenOnWhite(VipsImage* image) {
  VipsImage* out = nullptr;
  const int colours = image->Bands - 1;
  double white[3] = {255, 255, 255};
  VipsArrayDouble* background = vips_array_double_new(white, colours);
  int status = vips_flatten(image, &out, "background", background, nullptr);
  vips_area_unref(VIPS_AREA(background));
  if (status != 0) return VipsFailure(Error::kInternal, "flatten alpha on white");
  VipsImage* cast = nullptr;
  ImagePtr flat(out);
  return Took(vips_cast_uchar(flat.get(), &cast, nullptr), &cast, "cast to 8 bits");
}

// The tone asked for: colour as it is, grey (one band, plus alpha), or
// black and white (one band of 0 and 255, alpha flattened on white first).
Result<ImagePtr> Tone(ImagePtr image, RegionTone tone) {
  if (tone == RegionTone::kColor) return image;
  if (tone == RegionTone::kBitonal && vips_image_hasalpha(image.get())) {
    auto flat = FlattenOnWhite(image.get());
    if (!flat.ok()) return flat.error();
    image = std::move(flat.value());
  }
  VipsImage* out = nullptr;
  auto grey = Took(vips_colourspace(image.get(), &out, VIPS_INTERPRETATION_B_W, nullptr), &out,
                   "colourspace to grey");
  if (!grey.ok() || tone == RegionTone::kGray) return grey;
  return Took(vips_moreeq_const1(grey.value().get(), &out, 128, nullptr), &out, "threshold to black and white");
}

VipsAngle Angle(int rotation) {
  switch (rotation) {
    case 90: return VIPS_ANGLE_D90;
    case 180: return VIPS_ANGLE_D180;
    case 270: return VIPS_ANGLE_D270;
    default: return VIPS_ANGLE_D0;
  }
}

// The decoded region `image` (already the output size) mirrored, turned,
// toned and encoded as `request` asks.
Result<RegionImage> Finish(ImagePtr image, const RegionRequest& request) {
  if (request.format == RegionFormat::kJpeg && vips_image_hasalpha(image.get())) {
    auto flat = FlattenOnWhite(image.get());
    if (!flat.ok()) return flat.error();
    image = std::move(flat.value());
  }
  VipsImage* out = nullptr;
  if (request.mirror) {
    auto flipped = Took(vips_flip(image.get(), &out, VIPS_DIRECTION_HORIZONTAL, nullptr), &out, "mirror");
    if (!flipped.ok()) return flipped.error();
    image = std::move(flipped.value());
  }
  if (request.rotation != 0) {
    auto turned = Took(vips_rot(image.get(), &out, Angle(request.rotation), nullptr), &out, "rotate");
    if (!turned.ok()) return turned.error();
    image = std::move(turned.value());
  }
  auto toned = Tone(std::move(image), request.tone);
  if (!toned.ok()) return toned.error();
  auto encoded = EncodeRegion(toned.value().get(), request.format);
  if (!encoded.ok()) return encoded.error();
  return RegionImage{toned.value()->Xsize, toned.value()->Ysize, std::move(encoded.value())};
}

}  // namespace

Result<RegionImage> RenderRegion(std::string_view bytes, const RegionRequest& request,
                                 std::int64_t max_output_pixels) {
  auto source = Probe(bytes);
  if (!source.ok()) return source.error();
  if (auto checked = Check(source.value(), request, max_output_pixels); !checked.ok()) return checked.error();
  auto decoded = DecodeRegion(bytes, source.value(),
                              PixelRect{request.x, request.y, request.width, request.height},
                              PixelSize{request.out_width, request.out_height});
  if (!decoded.ok()) return decoded.error();
  return Finish(std::move(decoded.value()), request);
}

Result<RegionImage> RenderRegionFromPyramid(std::string_view pyramid, int shown_width, int shown_height,
                                            const RegionRequest& request, std::int64_t max_output_pixels) {
  if (!IsInitialized()) return NotInitialized();
  ProbeInfo shown;
  shown.width = shown_width, shown.height = shown_height;
  if (auto checked = Check(shown, request, max_output_pixels); !checked.ok()) return checked.error();
  auto decoded = DecodePyramidRegion(pyramid, PixelSize{shown_width, shown_height},
                                     PixelRect{request.x, request.y, request.width, request.height},
                                     PixelSize{request.out_width, request.out_height});
  if (!decoded.ok()) return decoded.error();
  return Finish(std::move(decoded.value()), request);
}

Result<std::string> MakePyramid(std::string_view bytes) {
  auto source = Probe(bytes);
  if (!source.ok()) return source.error();
  return EncodePyramid(bytes, source.value(), kPyramidTile, kPyramidQuality);
}

const char* RegionFormatExtension(RegionFormat format) {
  switch (format) {
    case RegionFormat::kJpeg: return "jpg";
    case RegionFormat::kPng: return "png";
    case RegionFormat::kWebp: return "webp";
  }
  return "";
}

const char* RegionFormatMimeType(RegionFormat format) {
  switch (format) {
    case RegionFormat::kJpeg: return "image/jpeg";
    case RegionFormat::kPng: return "image/png";
    case RegionFormat::kWebp: return "image/webp";
  }
  return "";
}

}  // namespace thumbnails
