#include "thumbnails/renderer.h"

#include <algorithm>

#include "decode.h"
#include "encode.h"
#include "geometry.h"
#include "vips_support.h"

namespace thumbnails {

namespace {

ImagePtr Ref(VipsImage* image) {
  g_object_ref(image);
  return ImagePtr(image);
}

// `in` resized to exactly `size`, premultiplied while resampling when it has
// alpha so transparent pixels do not bleed colour.
Result<ImagePtr> ResizeTo(VipsImage* in, PixelSize size) {
  if (in->Xsize == size.width && in->Ysize == size.height) return Ref(in);
  double hscale = double(size.width) / in->Xsize, vscale = double(size.height) / in->Ysize;
  bool alpha = vips_image_hasalpha(in);
  VipsImage* t[4] = {};
  ImagePtr pre, resized, unpre;
  if (alpha) {
    if (vips_premultiply(in, &t[0], nullptr) != 0)
      return VipsFailure(Error::kInternal, "premultiply");
    pre.reset(t[0]);
  }
  if (vips_resize(alpha ? pre.get() : in, &t[1], hscale, "vscale", vscale, nullptr) != 0)
    return VipsFailure(Error::kInternal, "resize");
  resized.reset(t[1]);
  if (!alpha) return resized;
  if (vips_unpremultiply(resized.get(), &t[2], nullptr) != 0)
    return VipsFailure(Error::kInternal, "unpremultiply");
  unpre.reset(t[2]);
  if (vips_cast_uchar(unpre.get(), &t[3], nullptr) != 0)
    return VipsFailure(Error::kInternal, "cast to 8 bits");
  return ImagePtr(t[3]);
}

// A side×side square of `in` (whose shorter side is at least `side`), resized
// to cover the square, then cut where the picture draws attention.
Result<ImagePtr> SquareFrom(VipsImage* in, int side) {
  double scale = double(side) / std::min(in->Xsize, in->Ysize);
  PixelSize cover{std::max(side, int(in->Xsize * scale + 0.5)),
                  std::max(side, int(in->Ysize * scale + 0.5))};
  auto resized = ResizeTo(in, cover);
  if (!resized.ok()) return resized.error();
  VipsImage* out = nullptr;
  if (vips_smartcrop(resized.value().get(), &out, side, side, "interesting",
                     VIPS_INTERESTING_ATTENTION, nullptr) != 0)
    return VipsFailure(Error::kInternal, "smartcrop");
  return ImagePtr(out);
}

Result<Rendition> EncodeRendition(VipsImage* image, const RenditionSpec& spec, Format format) {
  auto bytes = Encode(image, format, spec);
  if (!bytes.ok()) return bytes.error();
  return Rendition{spec.name, format, image->Xsize, image->Ysize, std::move(bytes.value())};
}

// The rendition `spec` made from `base` (the in-memory decode), or from a
// decode of its own when `base` is too small for it (a square cut from a very
// long panorama).
Result<ImagePtr> DeriveFrom(VipsImage* base, std::string_view bytes, const ProbeInfo& source,
                            const RenditionSpec& spec) {
  PixelSize size = RenditionSize(spec, source.width, source.height);
  if (spec.fit == Fit::kInside) return ResizeTo(base, size);
  if (std::min(base->Xsize, base->Ysize) >= size.width) return SquareFrom(base, size.width);
  return DecodeToSize(bytes, source, size, /*square_crop=*/true);
}

}  // namespace

Result<Rendition> RenderOne(std::string_view bytes, const RenditionSpec& spec, Format format) {
  auto source = Probe(bytes);
  if (!source.ok()) return source.error();
  PixelSize size = RenditionSize(spec, source.value().width, source.value().height);
  auto image = DecodeToSize(bytes, source.value(), size, spec.fit == Fit::kSquareCrop);
  if (!image.ok()) return image.error();
  return EncodeRendition(image.value().get(), spec, format);
}

Result<IngestSet> RenderIngestSet(std::string_view bytes, const std::vector<Format>& formats) {
  if (formats.empty())
    return Error{Error::kInvalidArgument, "RenderIngestSet: no output format requested"};
  auto source = Probe(bytes);
  if (!source.ok()) return source.error();
  const ProbeInfo& info = source.value();
  int base_box = 0;
  for (const auto& spec : RenditionTable())
    if (spec.made_at_ingest) base_box = std::max(base_box, spec.size);
  auto base = DecodeToSize(bytes, info, FitInside(info.width, info.height, base_box), false);
  if (!base.ok()) return base.error();
  IngestSet set{info, {}};
  for (const auto& spec : RenditionTable()) {
    if (!spec.made_at_ingest) continue;
    auto image = DeriveFrom(base.value().get(), bytes, info, spec);
    if (!image.ok()) return image.error();
    for (Format format : formats) {
      auto rendition = EncodeRendition(image.value().get(), spec, format);
      if (!rendition.ok()) return rendition.error();
      set.renditions.push_back(std::move(rendition.value()));
    }
  }
  return set;
}

}  // namespace thumbnails
