#include "resample.h"

#include <algorithm>

namespace thumbnails {

namespace {

ImagePtr Ref(VipsImage* image) {
  g_object_ref(image);
  return ImagePtr(image);
}

}  // namespace

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

}  // namespace thumbnails
