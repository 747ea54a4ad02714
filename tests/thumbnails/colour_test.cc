// Colour management: embedded profiles, CMYK, greyscale, 16 bits, alpha, HEIF.
#include <gtest/gtest.h>

#include <filesystem>

#include "fixtures/test_util.h"
#include "test_images.h"
#include "thumbnails/renderer.h"

namespace thumbnails {
namespace {

using thumbnails_test::ColourDistance;
using thumbnails_test::Image;
using thumbnails_test::Rgb;

class ColourTest : public ::testing::Test {
 protected:
  void SetUp() override { thumbnails_test::EnsureInit(); }

  static Image MediumOf(const std::string& bytes, Format format = Format::kJpeg) {
    auto r = RenderOne(bytes, *FindRendition("medium"), format);
    EXPECT_TRUE(r.ok()) << r.error().message;
    if (!r.ok()) return Image(nullptr);
    return thumbnails_test::Decode(r.value().bytes);
  }
};

// sRGB pixels converted into `profile` (values re-encoded, profile attached).
Image ConvertedTo(VipsImage* srgb, const char* profile) {
  VipsImage* out = nullptr;
  EXPECT_EQ(vips_icc_transform(srgb, &out, profile, "input_profile", "srgb", "embedded", FALSE,
                               "intent", VIPS_INTENT_RELATIVE, nullptr),
            0)
      << vips_error_buffer();
  return Image(out);
}

void ExpectProfileHonoured(const char* profile) {
  const Rgb patch{20, 200, 60};
  Image srgb = thumbnails_test::Flat(300, 200, patch);
  Image wide = ConvertedTo(srgb.get(), profile);
  ASSERT_TRUE(wide);
  // The stored values differ from the sRGB ones: ignoring the profile would show.
  EXPECT_GT(ColourDistance(wide.get(), 10, 10, patch), 10);
  auto r = RenderOne(thumbnails_test::SaveJpeg(wide.get(), 98), *FindRendition("small"),
                     Format::kJpeg);
  ASSERT_TRUE(r.ok()) << r.error().message;
  Image out = thumbnails_test::Decode(r.value().bytes);
  EXPECT_LT(ColourDistance(out.get(), 150, 100, patch), 8) << profile;
}

TEST_F(ColourTest, DisplayP3ProfileIsConvertedToSrgb) { ExpectProfileHonoured("p3"); }

TEST_F(ColourTest, AdobeRgbProfileIsConvertedToSrgb) {
  const char* a98 = "/usr/share/color/icc/ghostscript/a98.icc";
  if (!std::filesystem::exists(a98)) GTEST_SKIP() << "no Adobe RGB profile on this machine";
  ExpectProfileHonoured(a98);
}

TEST_F(ColourTest, CmykJpegRendersWithItsColours) {
  const Rgb patch{200, 40, 40};
  Image srgb = thumbnails_test::Flat(200, 200, patch);
  VipsImage* cmyk = nullptr;
  ASSERT_EQ(vips_icc_export(srgb.get(), &cmyk, "output_profile", "cmyk", nullptr), 0)
      << vips_error_buffer();
  Image owned(cmyk);
  ASSERT_EQ(cmyk->Bands, 4);
  std::string with_profile = thumbnails_test::SaveJpeg(cmyk, 95);
  Image out = MediumOf(with_profile);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->Bands, 3);
  EXPECT_LT(ColourDistance(out.get(), 100, 100, patch), 20);

  // Without an embedded profile a fallback CMYK profile is used.
  VipsImage* bare = nullptr;
  ASSERT_EQ(vips_copy(cmyk, &bare, nullptr), 0);
  Image bare_owned(bare);
  vips_image_remove(bare, VIPS_META_ICC_NAME);
  Image out_bare = MediumOf(thumbnails_test::SaveJpeg(bare, 95));
  ASSERT_TRUE(out_bare);
  EXPECT_LT(ColourDistance(out_bare.get(), 100, 100, patch), 30);
}

TEST_F(ColourTest, GreyscaleJpegBecomesSrgb) {
  std::vector<uint8_t> grey(64 * 48, 0);
  for (size_t i = 0; i < grey.size(); ++i) grey[i] = (i % 64) < 32 ? 50 : 200;
  Image image = thumbnails_test::FromPixels(grey, 64, 48, 1);
  for (Format format : {Format::kJpeg, Format::kWebp}) {
    Image out = MediumOf(thumbnails_test::SaveJpeg(image.get(), 95), format);
    ASSERT_TRUE(out);
    EXPECT_EQ(out->Bands, 3);
    EXPECT_LT(ColourDistance(out.get(), 8, 24, {50, 50, 50}), 6);
    EXPECT_LT(ColourDistance(out.get(), 56, 24, {200, 200, 200}), 6);
  }
}

TEST_F(ColourTest, SixteenBitTiffBecomesEightBitSrgb) {
  const Rgb patch{30, 140, 220};
  Image eight = thumbnails_test::Flat(120, 80, patch);
  VipsImage *scaled = nullptr, *wide = nullptr;
  ASSERT_EQ(vips_linear1(eight.get(), &scaled, 257.0, 0.0, nullptr), 0);
  Image scaled_owned(scaled);
  ASSERT_EQ(vips_cast_ushort(scaled, &wide, nullptr), 0);
  Image wide_owned(wide);
  wide->Type = VIPS_INTERPRETATION_RGB16;
  std::string tiff = thumbnails_test::SaveTiff(wide);
  Image out = MediumOf(tiff, Format::kWebp);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->BandFmt, VIPS_FORMAT_UCHAR);
  EXPECT_EQ(out->Bands, 3);
  EXPECT_LT(ColourDistance(out.get(), 60, 40, patch), 4);
}

TEST_F(ColourTest, PngAlphaStaysInWebpAndIsFlattenedOnWhiteInJpeg) {
  std::vector<uint8_t> px(100 * 60 * 4);
  for (int y = 0; y < 60; ++y)
    for (int x = 0; x < 100; ++x) {
      uint8_t* p = &px[(size_t(y) * 100 + x) * 4];
      p[0] = 220, p[1] = 20, p[2] = 20, p[3] = x < 50 ? 0 : 255;
    }
  std::string png = thumbnails_test::SavePng(thumbnails_test::FromPixels(px, 100, 60, 4).get());

  Image webp = MediumOf(png, Format::kWebp);
  ASSERT_TRUE(webp);
  ASSERT_EQ(webp->Bands, 4);
  EXPECT_LT(thumbnails_test::PixelAt(webp.get(), 10, 30)[3], 5);
  EXPECT_GT(thumbnails_test::PixelAt(webp.get(), 90, 30)[3], 250);
  EXPECT_LT(ColourDistance(webp.get(), 90, 30, {220, 20, 20}), 6);

  Image jpeg = MediumOf(png, Format::kJpeg);
  ASSERT_TRUE(jpeg);
  EXPECT_EQ(jpeg->Bands, 3);
  EXPECT_LT(ColourDistance(jpeg.get(), 10, 30, {255, 255, 255}), 6);
  EXPECT_LT(ColourDistance(jpeg.get(), 90, 30, {220, 20, 20}), 12);
}

// An HEIF image made here when this machine's encoder can, else one of the
// shared corpus.
std::string HeifInput(int* width, int* height) {
  Image image = thumbnails_test::PhotoLike(640, 480);
  void* buf = nullptr;
  size_t len = 0;
  if (vips_heifsave_buffer(image.get(), &buf, &len, "compression", VIPS_FOREIGN_HEIF_COMPRESSION_HEVC,
                           nullptr) == 0) {
    std::string bytes(static_cast<char*>(buf), len);
    g_free(buf);
    *width = 640, *height = 480;
    return bytes;
  }
  vips_error_clear();
  std::string corpus = testing_util::CorpusDir();
  if (corpus.empty()) return "";
  *width = 300, *height = 200;
  return thumbnails_test::ReadFile(corpus + "/photos/exiv2_Stonehenge.heic");
}

TEST_F(ColourTest, HeifInputRenders) {
  int width = 0, height = 0;
  std::string heif = HeifInput(&width, &height);
  if (heif.empty()) GTEST_SKIP() << "no HEIF encoder here and no corpus";
  auto set = RenderIngestSet(heif);
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set.value().source.format, SourceFormat::kHeif);
  EXPECT_EQ(set.value().source.width, width);
  EXPECT_EQ(set.value().source.height, height);
  EXPECT_EQ(set.value().renditions.size(), 6u);
}

TEST_F(ColourTest, AvifInputRenders) {
  Image image = thumbnails_test::Flat(320, 240, {40, 90, 200});
  void* buf = nullptr;
  size_t len = 0;
  if (vips_heifsave_buffer(image.get(), &buf, &len, "compression",
                           VIPS_FOREIGN_HEIF_COMPRESSION_AV1, nullptr) != 0) {
    vips_error_clear();
    GTEST_SKIP() << "no AV1 encoder on this machine";
  }
  std::string avif(static_cast<char*>(buf), len);
  g_free(buf);
  auto r = RenderOne(avif, *FindRendition("small"), Format::kJpeg);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().width, 320);
  Image out = thumbnails_test::Decode(r.value().bytes);
  EXPECT_LT(ColourDistance(out.get(), 160, 120, {40, 90, 200}), 12);
}

// The common sRGB profile (as cameras embed it) is taken as it is, without a
// transform: the transform changes no pixel of such a photo, and the rendition
// is within lossy-encoding distance of the transformed colours.
TEST_F(ColourTest, StandardSrgbProfileGivesTheTransformedColours) {
  const std::string path = testing_util::CorpusDir() + "/photos/ianare_Canon_40D.jpg";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no corpus";
  const std::string bytes = thumbnails_test::ReadFile(path);
  auto r = RenderOne(bytes, *FindRendition("small"), Format::kWebp);
  ASSERT_TRUE(r.ok()) << r.error().message;
  Image out = thumbnails_test::Decode(r.value().bytes);
  VipsImage *thumb = nullptr, *srgb = nullptr, *diff = nullptr, *abs = nullptr;
  ASSERT_EQ(vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &thumb,
                                  r.value().width, "height", r.value().height, "size",
                                  VIPS_SIZE_FORCE, nullptr), 0) << vips_error_buffer();
  Image loaded(thumb);
  thumb = vips_image_copy_memory(loaded.get());  // read twice below
  ASSERT_NE(thumb, nullptr) << vips_error_buffer();
  Image thumb_owner(thumb);
  ASSERT_TRUE(vips_image_get_typeof(thumb, VIPS_META_ICC_NAME)) << "the photo carries a profile";
  ASSERT_EQ(vips_icc_transform(thumb, &srgb, "srgb", "embedded", TRUE, "intent",
                               VIPS_INTENT_RELATIVE, nullptr), 0) << vips_error_buffer();
  Image srgb_owner(srgb);
  VipsImage *same = nullptr, *same_abs = nullptr;
  ASSERT_EQ(vips_subtract(thumb, srgb, &same, nullptr), 0) << vips_error_buffer();
  Image same_owner(same);
  ASSERT_EQ(vips_abs(same, &same_abs, nullptr), 0);
  Image same_abs_owner(same_abs);
  double largest = 0;
  ASSERT_EQ(vips_max(same_abs, &largest, nullptr), 0);
  EXPECT_LE(largest, 1) << "the transform of this profile changes pixels";
  ASSERT_EQ(vips_subtract(out.get(), srgb, &diff, nullptr), 0) << vips_error_buffer();
  Image diff_owner(diff);
  ASSERT_EQ(vips_abs(diff, &abs, nullptr), 0);
  Image abs_owner(abs);
  double mean = 0;
  ASSERT_EQ(vips_avg(abs, &mean, nullptr), 0) << vips_error_buffer();
  EXPECT_LT(mean, 6) << "mean difference per channel from the transformed colours";
}

}  // namespace
}  // namespace thumbnails
