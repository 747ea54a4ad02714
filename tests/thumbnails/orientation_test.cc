// Every EXIF orientation comes out upright.
#include <gtest/gtest.h>

#include "test_images.h"
#include "thumbnails/renderer.h"

namespace thumbnails {
namespace {

using thumbnails_test::Image;
using thumbnails_test::Rgb;

Image Rotate(VipsImage* in, VipsAngle angle) {
  VipsImage* out = nullptr;
  EXPECT_EQ(vips_rot(in, &out, angle, nullptr), 0);
  return Image(out);
}

Image FlipH(VipsImage* in) {
  VipsImage* out = nullptr;
  EXPECT_EQ(vips_flip(in, &out, VIPS_DIRECTION_HORIZONTAL, nullptr), 0);
  return Image(out);
}

Image FlipV(VipsImage* in) {
  VipsImage* out = nullptr;
  EXPECT_EQ(vips_flip(in, &out, VIPS_DIRECTION_VERTICAL, nullptr), 0);
  return Image(out);
}

// How a camera stores `upright` when it writes `orientation`: the inverse of
// the transform a viewer applies, worked out by hand from the EXIF definition
// of which stored row and column are the visual top and left.
Image Stored(VipsImage* upright, int orientation) {
  switch (orientation) {
    case 2: return FlipH(upright);
    case 3: return Rotate(upright, VIPS_ANGLE_D180);
    case 4: return FlipV(upright);
    case 5: return FlipH(Rotate(upright, VIPS_ANGLE_D90).get());   // transpose
    case 6: return Rotate(upright, VIPS_ANGLE_D270);
    case 7: return FlipH(Rotate(upright, VIPS_ANGLE_D270).get());  // transverse
    case 8: return Rotate(upright, VIPS_ANGLE_D90);
    default: g_object_ref(upright); return Image(upright);
  }
}

void ExpectUpright(const Rendition& rendition, int orientation) {
  Image out = thumbnails_test::Decode(rendition.bytes);
  int w = out->Xsize, h = out->Ysize;
  int x0 = w / 8, x1 = w - 1 - w / 8, y0 = h / 8, y1 = h - 1 - h / 8;
  const Rgb red{255, 0, 0}, green{0, 255, 0}, blue{0, 0, 255}, yellow{255, 255, 0};
  std::string where = rendition.name + " orientation " + std::to_string(orientation);
  EXPECT_LT(thumbnails_test::ColourDistance(out.get(), x0, y0, red), 40) << where;
  EXPECT_LT(thumbnails_test::ColourDistance(out.get(), x1, y0, green), 40) << where;
  EXPECT_LT(thumbnails_test::ColourDistance(out.get(), x0, y1, blue), 40) << where;
  EXPECT_LT(thumbnails_test::ColourDistance(out.get(), x1, y1, yellow), 40) << where;
}

TEST(Orientation, AllEightOrientationsComeOutUpright) {
  thumbnails_test::EnsureInit();
  Image upright = thumbnails_test::Quadrants(1600, 1000);
  for (int orientation = 1; orientation <= 8; ++orientation) {
    Image stored = Stored(upright.get(), orientation);
    std::string jpeg = thumbnails_test::SaveJpeg(stored.get(), 92, orientation);
    auto set = RenderIngestSet(jpeg, {Format::kJpeg});
    ASSERT_TRUE(set.ok()) << set.error().message;
    EXPECT_EQ(set.value().source.orientation, orientation) << "the tag was not written";
    for (const auto& r : set.value().renditions) {
      if (r.name == "tile") continue;  // a square crop of the middle shows no corners
      ExpectUpright(r, orientation);
      if (r.name == "medium") {
        EXPECT_EQ(r.width, 1280);
        EXPECT_EQ(r.height, 800);
      }
    }
    auto large = RenderOne(jpeg, *FindRendition("large"), Format::kWebp);
    ASSERT_TRUE(large.ok()) << large.error().message;
    EXPECT_EQ(large.value().width, 1600);
    EXPECT_EQ(large.value().height, 1000);
    ExpectUpright(large.value(), orientation);
  }
}

}  // namespace
}  // namespace thumbnails
