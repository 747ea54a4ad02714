// One rectangle of a photo, scaled, mirrored, turned, toned and encoded,
// checked against the pixels of a four-colour test pattern.
#include <gtest/gtest.h>

#include <chrono>

#include "test_images.h"
#include "thumbnails/region_renderer.h"

namespace thumbnails {
namespace {

using namespace std::string_literals;
using thumbnails_test::Image;
using thumbnails_test::Rgb;

const Rgb kRed{255, 0, 0}, kGreen{0, 255, 0}, kBlue{0, 0, 255}, kYellow{255, 255, 0};
constexpr std::int64_t kNoLimit = 100'000'000;

class RegionRendererTest : public ::testing::Test {
 protected:
  void SetUp() override {
    thumbnails_test::EnsureInit();
    // 400×200: red | green over blue | yellow.
    jpeg_ = thumbnails_test::SaveJpeg(thumbnails_test::Quadrants(400, 200).get(), 95);
  }

  static RegionRequest Full(int w = 400, int h = 200) {
    RegionRequest r;
    r.width = r.out_width = w;
    r.height = r.out_height = h;
    return r;
  }

  static Image Render(const std::string& bytes, const RegionRequest& r) {
    auto out = RenderRegion(bytes, r, kNoLimit);
    EXPECT_TRUE(out.ok()) << (out.ok() ? "" : out.error().message);
    if (!out.ok()) return nullptr;
    Image image = thumbnails_test::Decode(out.value().bytes);
    EXPECT_EQ(image->Xsize, out.value().width);
    EXPECT_EQ(image->Ysize, out.value().height);
    return image;
  }

  // The colours near the four corners of `image`, in reading order.
  static void ExpectCorners(VipsImage* image, Rgb tl, Rgb tr, Rgb bl, Rgb br, const std::string& what) {
    ASSERT_NE(image, nullptr) << what;
    int w = image->Xsize, h = image->Ysize;
    int x0 = w / 8, x1 = w - 1 - w / 8, y0 = h / 8, y1 = h - 1 - h / 8;
    EXPECT_LT(thumbnails_test::ColourDistance(image, x0, y0, tl), 40) << what << " top left";
    EXPECT_LT(thumbnails_test::ColourDistance(image, x1, y0, tr), 40) << what << " top right";
    EXPECT_LT(thumbnails_test::ColourDistance(image, x0, y1, bl), 40) << what << " bottom left";
    EXPECT_LT(thumbnails_test::ColourDistance(image, x1, y1, br), 40) << what << " bottom right";
  }

  std::string jpeg_;
};

TEST_F(RegionRendererTest, FullRegionKeepsThePattern) {
  Image out = Render(jpeg_, Full());
  ASSERT_TRUE(out);
  EXPECT_EQ(out->Xsize, 400);
  EXPECT_EQ(out->Ysize, 200);
  ExpectCorners(out.get(), kRed, kGreen, kBlue, kYellow, "full");
}

TEST_F(RegionRendererTest, RegionsCutTheRightQuadrant) {
  struct Case {
    int x, y;
    Rgb want;
  } cases[] = {{0, 0, kRed}, {200, 0, kGreen}, {0, 100, kBlue}, {200, 100, kYellow}};
  for (const Case& c : cases) {
    RegionRequest r = Full(200, 100);
    r.x = c.x, r.y = c.y;
    Image out = Render(jpeg_, r);
    ASSERT_TRUE(out);
    EXPECT_EQ(out->Xsize, 200);
    EXPECT_EQ(out->Ysize, 100);
    ExpectCorners(out.get(), c.want, c.want, c.want, c.want, "region at " + std::to_string(c.x) + "," +
                                                                 std::to_string(c.y));
  }
  // Straddling the middle: half red, half green on top.
  RegionRequest r = Full(200, 100);
  r.x = 100;
  Image out = Render(jpeg_, r);
  ExpectCorners(out.get(), kRed, kGreen, kRed, kGreen, "straddling");
}

TEST_F(RegionRendererTest, SizesScaleDownAndUp) {
  RegionRequest r = Full();
  r.out_width = 50, r.out_height = 25;  // shrink-on-load at 1/8
  Image small = Render(jpeg_, r);
  ASSERT_TRUE(small);
  EXPECT_EQ(small->Xsize, 50);
  EXPECT_EQ(small->Ysize, 25);
  ExpectCorners(small.get(), kRed, kGreen, kBlue, kYellow, "1/8");
  r.out_width = 123, r.out_height = 77;  // distorted, as w,h asks
  Image odd = Render(jpeg_, r);
  ASSERT_TRUE(odd);
  EXPECT_EQ(odd->Xsize, 123);
  EXPECT_EQ(odd->Ysize, 77);
  r = Full(100, 50);
  r.out_width = 300, r.out_height = 150;  // upscaled
  Image big = Render(jpeg_, r);
  ASSERT_TRUE(big);
  EXPECT_EQ(big->Xsize, 300);
  ExpectCorners(big.get(), kRed, kRed, kRed, kRed, "upscaled red quadrant");
}

TEST_F(RegionRendererTest, MirrorThenTurnClockwise) {
  struct Case {
    bool mirror;
    int rotation;
    Rgb tl, tr, bl, br;
  } cases[] = {
      {false, 90, kBlue, kRed, kYellow, kGreen},   {false, 180, kYellow, kBlue, kGreen, kRed},
      {false, 270, kGreen, kYellow, kRed, kBlue},  {true, 0, kGreen, kRed, kYellow, kBlue},
      {true, 90, kYellow, kGreen, kBlue, kRed},    {true, 180, kBlue, kYellow, kRed, kGreen},
      {true, 270, kRed, kBlue, kGreen, kYellow},
  };
  for (const Case& c : cases) {
    RegionRequest r = Full();
    r.mirror = c.mirror, r.rotation = c.rotation;
    Image out = Render(jpeg_, r);
    ASSERT_TRUE(out);
    const bool quarter = c.rotation % 180 != 0;
    EXPECT_EQ(out->Xsize, quarter ? 200 : 400);
    EXPECT_EQ(out->Ysize, quarter ? 400 : 200);
    ExpectCorners(out.get(), c.tl, c.tr, c.bl, c.br,
                  (c.mirror ? "!" : "") + std::to_string(c.rotation));
  }
}

TEST_F(RegionRendererTest, OrientationIsAppliedBeforeTheCut) {
  // The pattern stored turned a quarter counter-clockwise, tagged 6 (shown
  // turned clockwise): displayed it is the 400×200 pattern again.
  Image upright = thumbnails_test::Quadrants(400, 200);
  VipsImage* stored = nullptr;
  ASSERT_EQ(vips_rot(upright.get(), &stored, VIPS_ANGLE_D270, nullptr), 0);
  Image stored_image(stored);
  std::string tagged = thumbnails_test::SaveJpeg(stored_image.get(), 95, 6);
  RegionRequest r = Full(200, 100);
  r.x = 200;  // the green quadrant as shown
  Image out = Render(tagged, r);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->Xsize, 200);
  EXPECT_EQ(out->Ysize, 100);
  ExpectCorners(out.get(), kGreen, kGreen, kGreen, kGreen, "orientation 6");
  RegionRequest beyond = Full(400, 200);
  beyond.y = 1;  // the stored size (200×400) would allow it; the shown one does not
  auto refused = RenderRegion(tagged, beyond, kNoLimit);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, Error::kInvalidArgument);
}

TEST_F(RegionRendererTest, GreyAndBitonal) {
  RegionRequest r = Full();
  r.format = RegionFormat::kPng;
  r.tone = RegionTone::kGray;
  Image grey = Render(jpeg_, r);
  ASSERT_TRUE(grey);
  EXPECT_EQ(grey->Bands, 1);
  const double red = thumbnails_test::PixelAt(grey.get(), 50, 50)[0];
  const double yellow = thumbnails_test::PixelAt(grey.get(), 350, 150)[0];
  EXPECT_GT(red, 30);
  EXPECT_LT(red, 140);
  EXPECT_GT(yellow, 200);
  r.tone = RegionTone::kBitonal;
  Image bitonal = Render(jpeg_, r);
  ASSERT_TRUE(bitonal);
  EXPECT_EQ(bitonal->Bands, 1);
  for (int y = 0; y < 200; y += 9)
    for (int x = 0; x < 400; x += 13) {
      const double v = thumbnails_test::PixelAt(bitonal.get(), x, y)[0];
      ASSERT_TRUE(v == 0 || v == 255) << x << "," << y << ": " << v;
    }
  EXPECT_EQ(thumbnails_test::PixelAt(bitonal.get(), 350, 150)[0], 255);  // yellow is light
  EXPECT_EQ(thumbnails_test::PixelAt(bitonal.get(), 50, 150)[0], 0);     // blue is dark
}

TEST_F(RegionRendererTest, FormatsByMagicBytes) {
  RegionRequest r = Full(100, 100);
  r.format = RegionFormat::kJpeg;
  auto jpg = RenderRegion(jpeg_, r, kNoLimit);
  ASSERT_TRUE(jpg.ok());
  EXPECT_EQ(jpg.value().bytes.substr(0, 3), "\xff\xd8\xff"s);
  r.format = RegionFormat::kPng;
  auto png = RenderRegion(jpeg_, r, kNoLimit);
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(png.value().bytes.substr(0, 8), "\x89PNG\r\n\x1a\n"s);
  r.format = RegionFormat::kWebp;
  auto webp = RenderRegion(jpeg_, r, kNoLimit);
  ASSERT_TRUE(webp.ok());
  EXPECT_EQ(webp.value().bytes.substr(0, 4), "RIFF");
  EXPECT_EQ(webp.value().bytes.substr(8, 4), "WEBP");
  EXPECT_STREQ(RegionFormatExtension(RegionFormat::kWebp), "webp");
  EXPECT_STREQ(RegionFormatMimeType(RegionFormat::kPng), "image/png");
}

TEST_F(RegionRendererTest, OtherSourceFormats) {
  Image pattern = thumbnails_test::Quadrants(400, 200);
  for (const auto& [name, bytes] : {std::pair<std::string, std::string>{"png", thumbnails_test::SavePng(pattern.get())},
                                    {"webp", thumbnails_test::SaveWebp(pattern.get())},
                                    {"tiff", thumbnails_test::SaveTiff(pattern.get())}}) {
    RegionRequest r = Full(200, 100);
    r.x = 200, r.y = 100;
    r.out_width = 40, r.out_height = 20;
    Image out = Render(bytes, r);
    ASSERT_TRUE(out) << name;
    EXPECT_EQ(out->Xsize, 40) << name;
    ExpectCorners(out.get(), kYellow, kYellow, kYellow, kYellow, name);
  }
}

// A JPEG cut in half: its header reads, its decode fails (kCorrupt), so a
// refusal of another kind shows nothing was decoded.
TEST_F(RegionRendererTest, RefusalsComeBeforeAnyDecode) {
  std::string whole = thumbnails_test::SaveJpeg(thumbnails_test::PhotoLike(2400, 1600).get());
  std::string bomb = whole.substr(0, whole.size() / 2);
  RegionRequest ok = Full(2400, 1600);
  ok.out_width = 240, ok.out_height = 160;
  auto decoded = RenderRegion(bomb, ok, kNoLimit);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().kind, Error::kCorrupt) << decoded.error().message;

  const auto start = std::chrono::steady_clock::now();
  RegionRequest too_big = Full(2400, 1600);  // 3.8 MP out, over a 1 MP cap
  auto refused = RenderRegion(bomb, too_big, 1'000'000);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, Error::kTooLarge) << refused.error().message;
  RegionRequest outside = Full(100, 100);
  outside.x = 2350;
  auto outside_refused = RenderRegion(bomb, outside, kNoLimit);
  ASSERT_FALSE(outside_refused.ok());
  EXPECT_EQ(outside_refused.error().kind, Error::kInvalidArgument);
  EXPECT_NE(outside_refused.error().message.find("2400x1600"), std::string::npos);
  RegionRequest turned = Full(100, 100);
  turned.rotation = 45;
  auto turned_refused = RenderRegion(bomb, turned, kNoLimit);
  ASSERT_FALSE(turned_refused.ok());
  EXPECT_EQ(turned_refused.error().kind, Error::kInvalidArgument);
  RegionRequest empty = Full(100, 100);
  empty.out_width = 0;
  auto empty_refused = RenderRegion(bomb, empty, kNoLimit);
  ASSERT_FALSE(empty_refused.ok());
  EXPECT_EQ(empty_refused.error().kind, Error::kInvalidArgument);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(100));
}

// A header claiming 65500×65500 is over the original's pixel limit: refused
// from the header, at once.
TEST_F(RegionRendererTest, PixelBombHeaderIsRefusedAtOnce) {
  std::string jpeg = thumbnails_test::SaveJpeg(thumbnails_test::PhotoLike(16, 16).get());
  size_t sof = jpeg.find("\xff\xc0"s);
  ASSERT_NE(sof, std::string::npos);
  jpeg[sof + 5] = jpeg[sof + 7] = char(0xff);
  jpeg[sof + 6] = jpeg[sof + 8] = char(0xdc);
  const auto start = std::chrono::steady_clock::now();
  RegionRequest tile = Full(512, 512);
  auto refused = RenderRegion(jpeg, tile, kNoLimit);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, Error::kTooLarge) << refused.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(100));
}

}  // namespace
}  // namespace thumbnails
