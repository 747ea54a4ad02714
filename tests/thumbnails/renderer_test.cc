// Sizes, one decode for the grid sizes, metadata stripping, several threads.
#include "thumbnails/renderer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <thread>

#include "test_images.h"

namespace thumbnails {
namespace {

using thumbnails_test::Image;

class RendererTest : public ::testing::Test {
 protected:
  void SetUp() override { thumbnails_test::EnsureInit(); }
};

std::map<std::string, const Rendition*> ByName(const IngestSet& set, Format format) {
  std::map<std::string, const Rendition*> out;
  for (const auto& r : set.renditions)
    if (r.format == format) out[r.name] = &r;
  return out;
}

// Checks that the encoded bytes really have the announced dimensions.
void ExpectEncodedSize(const Rendition& r, int width, int height) {
  EXPECT_EQ(r.width, width) << r.name;
  EXPECT_EQ(r.height, height) << r.name;
  Image decoded = thumbnails_test::Decode(r.bytes);
  EXPECT_EQ(decoded->Xsize, width) << r.name << " " << FormatExtension(r.format);
  EXPECT_EQ(decoded->Ysize, height) << r.name << " " << FormatExtension(r.format);
}

TEST_F(RendererTest, IngestSetOfA4000x3000Photo) {
  std::string jpeg = thumbnails_test::SaveJpeg(thumbnails_test::PhotoLike(4000, 3000).get());
  auto set = RenderIngestSet(jpeg);
  ASSERT_TRUE(set.ok()) << set.error().message;
  ASSERT_EQ(set.value().renditions.size(), 6u);  // 3 sizes × 2 formats
  for (Format format : {Format::kWebp, Format::kJpeg}) {
    auto by_name = ByName(set.value(), format);
    ASSERT_EQ(by_name.size(), 3u);
    ExpectEncodedSize(*by_name["medium"], 1280, 960);
    ExpectEncodedSize(*by_name["small"], 480, 360);
    ExpectEncodedSize(*by_name["tile"], 256, 256);
  }
  EXPECT_EQ(set.value().renditions[0].bytes.substr(8, 4), "WEBP");
  EXPECT_EQ(set.value().renditions[1].bytes.substr(0, 3), "\xff\xd8\xff");
}

TEST_F(RendererTest, IngestSetSizesEqualRenderOneSizes) {
  struct Case {
    int width, height, orientation;
  } cases[] = {{3001, 1999, 0}, {1999, 3001, 0}, {2500, 1667, 6}, {1283, 961, 0}, {777, 500, 8}};
  for (const auto& c : cases) {
    std::string jpeg = thumbnails_test::SaveJpeg(
        thumbnails_test::PhotoLike(c.width, c.height).get(), 85, c.orientation);
    auto set = RenderIngestSet(jpeg, {Format::kJpeg});
    ASSERT_TRUE(set.ok()) << set.error().message;
    for (const auto& r : set.value().renditions) {
      auto one = RenderOne(jpeg, *FindRendition(r.name), Format::kJpeg);
      ASSERT_TRUE(one.ok()) << one.error().message;
      EXPECT_EQ(one.value().width, r.width) << r.name << " of " << c.width << "x" << c.height;
      EXPECT_EQ(one.value().height, r.height) << r.name << " of " << c.width << "x" << c.height;
      ExpectEncodedSize(one.value(), r.width, r.height);
      ExpectEncodedSize(r, r.width, r.height);
    }
  }
}

// JPEGs are decoded at a reduced scale (1/2, 1/4, 1/8) when that still covers
// the rendition: sizes at and around the points where the scale changes, and
// images of one or two pixels, which no scale may shrink to nothing.
TEST_F(RendererTest, JpegScaleBoundariesGiveExactSizes) {
  struct Case {
    int width, height, orientation;
  } cases[] = {{2560, 1920, 0}, {2559, 1919, 0}, {5119, 1500, 6}, {4000, 500, 0},
               {1, 1, 0}, {2, 1, 6}, {1, 2000, 0}};
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.width) + "x" + std::to_string(c.height) + " orientation " +
                 std::to_string(c.orientation));
    std::string jpeg = thumbnails_test::SaveJpeg(
        thumbnails_test::PhotoLike(c.width, c.height).get(), 85, c.orientation);
    bool turned = c.orientation >= 5;
    int shown_w = turned ? c.height : c.width, shown_h = turned ? c.width : c.height;
    auto set = RenderIngestSet(jpeg, {Format::kJpeg});
    ASSERT_TRUE(set.ok()) << set.error().message;
    for (const auto& r : set.value().renditions) {
      const RenditionSpec& spec = *FindRendition(r.name);
      int box = spec.size;
      if (r.name == "tile") {
        int side = std::min({box, shown_w, shown_h});
        ExpectEncodedSize(r, side, side);
        continue;
      }
      double scale = std::min({1.0, double(box) / shown_w, double(box) / shown_h});
      int w = std::max(1, int(shown_w * scale + 0.5)), h = std::max(1, int(shown_h * scale + 0.5));
      EXPECT_LE(std::abs(r.width - w), 1) << r.name;
      EXPECT_LE(std::abs(r.height - h), 1) << r.name;
      EXPECT_TRUE(r.width == box || r.height == box || (r.width == shown_w && r.height == shown_h))
          << r.name << " " << r.width << "x" << r.height;
      ExpectEncodedSize(r, r.width, r.height);
    }
  }
}

TEST_F(RendererTest, FitsAndKeepsAspect) {
  std::string portrait = thumbnails_test::SaveJpeg(thumbnails_test::PhotoLike(1500, 3000).get());
  auto set = RenderIngestSet(portrait, {Format::kWebp});
  ASSERT_TRUE(set.ok()) << set.error().message;
  auto by_name = ByName(set.value(), Format::kWebp);
  ExpectEncodedSize(*by_name["medium"], 640, 1280);
  ExpectEncodedSize(*by_name["small"], 240, 480);
  ExpectEncodedSize(*by_name["tile"], 256, 256);
  auto large = RenderOne(portrait, *FindRendition("large"), Format::kJpeg);
  ASSERT_TRUE(large.ok()) << large.error().message;
  ExpectEncodedSize(large.value(), 1280, 2560);
}

TEST_F(RendererTest, NeverUpscales) {
  std::string small = thumbnails_test::SaveJpeg(thumbnails_test::PhotoLike(300, 200).get());
  auto set = RenderIngestSet(small, {Format::kJpeg});
  ASSERT_TRUE(set.ok()) << set.error().message;
  auto by_name = ByName(set.value(), Format::kJpeg);
  ExpectEncodedSize(*by_name["medium"], 300, 200);
  ExpectEncodedSize(*by_name["small"], 300, 200);
  ExpectEncodedSize(*by_name["tile"], 200, 200);
  auto large = RenderOne(small, *FindRendition("large"), Format::kWebp);
  ASSERT_TRUE(large.ok()) << large.error().message;
  ExpectEncodedSize(large.value(), 300, 200);
}

TEST_F(RendererTest, PanoramaStillGetsAFullTile) {
  std::string pano = thumbnails_test::SaveJpeg(thumbnails_test::PhotoLike(6000, 400).get());
  auto set = RenderIngestSet(pano, {Format::kWebp});
  ASSERT_TRUE(set.ok()) << set.error().message;
  auto by_name = ByName(set.value(), Format::kWebp);
  ExpectEncodedSize(*by_name["medium"], 1280, 85);
  ExpectEncodedSize(*by_name["small"], 480, 32);
  ExpectEncodedSize(*by_name["tile"], 256, 256);
}

TEST_F(RendererTest, OutputsCarryNoMetadata) {
  // A photo with EXIF (orientation) and an ICC profile.
  Image image = thumbnails_test::PhotoLike(800, 600);
  VipsImage* tagged = nullptr;
  ASSERT_EQ(vips_icc_transform(image.get(), &tagged, "p3", "input_profile", "srgb", nullptr), 0);
  Image tagged_owned(tagged);
  std::string jpeg = thumbnails_test::SaveJpeg(tagged, 90, 3);
  Image input = thumbnails_test::Decode(jpeg);
  ASSERT_TRUE(vips_image_get_typeof(input.get(), VIPS_META_EXIF_NAME));
  ASSERT_TRUE(vips_image_get_typeof(input.get(), VIPS_META_ICC_NAME));
  auto set = RenderIngestSet(jpeg);
  ASSERT_TRUE(set.ok()) << set.error().message;
  for (const auto& r : set.value().renditions) {
    Image out = thumbnails_test::Decode(r.bytes);
    for (const char* field : {VIPS_META_EXIF_NAME, VIPS_META_XMP_NAME, VIPS_META_IPTC_NAME,
                              VIPS_META_ICC_NAME})
      EXPECT_FALSE(vips_image_get_typeof(out.get(), field)) << r.name << " keeps " << field;
  }
}

TEST_F(RendererTest, SeveralThreadsRenderAtOnce) {
  std::string good = thumbnails_test::SaveJpeg(thumbnails_test::PhotoLike(2000, 1500).get());
  std::string truncated = good.substr(0, good.size() / 2);
  std::vector<std::string> failures;
  std::mutex mu;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 3; ++i) {
        bool bad = (t + i) % 2 == 1;
        auto set = RenderIngestSet(bad ? truncated : good);
        std::lock_guard<std::mutex> lock(mu);
        if (bad && (set.ok() || set.error().kind != Error::kCorrupt))
          failures.push_back("truncated input was not refused as corrupt");
        if (!bad && !set.ok()) failures.push_back(set.error().message);
        if (!bad && set.ok() && ByName(set.value(), Format::kJpeg)["medium"]->width != 1280)
          failures.push_back("wrong medium width");
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_TRUE(failures.empty()) << failures.front();
}

TEST_F(RendererTest, NoFormatIsAnInvalidArgument) {
  std::string jpeg = thumbnails_test::SaveJpeg(thumbnails_test::PhotoLike(64, 64).get());
  auto set = RenderIngestSet(jpeg, {});
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().kind, Error::kInvalidArgument);
}

}  // namespace
}  // namespace thumbnails
