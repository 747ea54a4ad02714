#include "thumbnails/probe.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>

#include "base/format_sniff.h"
#include "test_images.h"
#include "thumbnails/init.h"
#include "thumbnails/renderer.h"

namespace thumbnails {
namespace {

using thumbnails_test::EnsureInit;

uint32_t Crc32(const std::string& bytes) {
  uint32_t crc = 0xffffffffu;
  for (unsigned char c : bytes) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void PutBigEndian32(std::string& bytes, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = char(v >> (24 - 8 * i));
}

// A real 1×1 PNG whose IHDR claims width×height, with a valid CRC.
std::string PngDeclaring(uint32_t width, uint32_t height) {
  std::string png = thumbnails_test::SavePng(thumbnails_test::Flat(1, 1, {9, 9, 9}).get());
  EXPECT_EQ(png.substr(12, 4), "IHDR");
  PutBigEndian32(png, 16, width);
  PutBigEndian32(png, 20, height);
  PutBigEndian32(png, 29, Crc32(png.substr(12, 17)));
  return png;
}

// A real 8×8 JPEG whose frame header claims width×height.
std::string JpegDeclaring(uint16_t width, uint16_t height) {
  std::string jpeg = thumbnails_test::SaveJpeg(thumbnails_test::Flat(8, 8, {9, 9, 9}).get());
  for (size_t i = 2; i + 9 < jpeg.size(); ++i) {
    if (uint8_t(jpeg[i]) == 0xff && (uint8_t(jpeg[i + 1]) == 0xc0 || uint8_t(jpeg[i + 1]) == 0xc2)) {
      jpeg[i + 5] = char(height >> 8), jpeg[i + 6] = char(height);
      jpeg[i + 7] = char(width >> 8), jpeg[i + 8] = char(width);
      return jpeg;
    }
  }
  ADD_FAILURE() << "no frame header in the fixture";
  return jpeg;
}

class ProbeTest : public ::testing::Test {
 protected:
  void SetUp() override { EnsureInit(); }
};

TEST_F(ProbeTest, ReadsFormatAndDimensionsFromTheHeader) {
  auto image = thumbnails_test::PhotoLike(300, 200);
  auto jpeg = Probe(thumbnails_test::SaveJpeg(image.get()));
  ASSERT_TRUE(jpeg.ok()) << jpeg.error().message;
  EXPECT_EQ(jpeg.value().format, SourceFormat::kJpeg);
  EXPECT_EQ(jpeg.value().width, 300);
  EXPECT_EQ(jpeg.value().height, 200);
  EXPECT_EQ(jpeg.value().orientation, 1);

  auto png = Probe(thumbnails_test::SavePng(image.get()));
  ASSERT_TRUE(png.ok()) << png.error().message;
  EXPECT_EQ(png.value().format, SourceFormat::kPng);
  auto tiff = Probe(thumbnails_test::SaveTiff(image.get()));
  ASSERT_TRUE(tiff.ok()) << tiff.error().message;
  EXPECT_EQ(tiff.value().format, SourceFormat::kTiff);
  auto webp = Probe(thumbnails_test::SaveWebp(image.get()));
  ASSERT_TRUE(webp.ok()) << webp.error().message;
  EXPECT_EQ(webp.value().format, SourceFormat::kWebp);
  EXPECT_EQ(webp.value().height, 200);
}

// The format the caller sniffed is used as given, not sniffed again: bytes
// handed in under another format's name fail in that format's loader, and the
// renderers taking a format do the same.
TEST_F(ProbeTest, AGivenFormatIsUsedAsGiven) {
  auto image = thumbnails_test::PhotoLike(300, 200);
  const std::string jpeg = thumbnails_test::SaveJpeg(image.get());
  const std::uint64_t before = base::SniffsOnThisThread();
  auto given = Probe(SourceFormat::kJpeg, jpeg);
  ASSERT_TRUE(given.ok()) << given.error().message;
  EXPECT_EQ(given.value().width, 300);
  auto as_png = Probe(SourceFormat::kPng, jpeg);
  ASSERT_FALSE(as_png.ok());
  EXPECT_EQ(as_png.error().kind, Error::kCorrupt);
  EXPECT_NE(as_png.error().message.find("PNG"), std::string::npos) << as_png.error().message;
  auto set = RenderIngestSet(SourceFormat::kWebp, jpeg, {Format::kWebp});
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.error().message.find("webpload"), std::string::npos) << set.error().message;
  auto one = RenderOne(SourceFormat::kTiff, jpeg, RenditionTable().front(), Format::kWebp);
  ASSERT_FALSE(one.ok());
  EXPECT_NE(one.error().message.find("tiffload"), std::string::npos) << one.error().message;
  EXPECT_EQ(base::SniffsOnThisThread(), before);
  auto unknown = Probe(SourceFormat::kUnknown, jpeg);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind, Error::kUnsupported);
}

TEST_F(ProbeTest, SwapsDisplayedDimensionsForRotatingOrientations) {
  auto image = thumbnails_test::PhotoLike(300, 200);
  for (int orientation = 1; orientation <= 8; ++orientation) {
    auto info = Probe(thumbnails_test::SaveJpeg(image.get(), 90, orientation));
    ASSERT_TRUE(info.ok()) << info.error().message;
    EXPECT_EQ(info.value().orientation, orientation);
    EXPECT_EQ(info.value().stored_width, 300);
    EXPECT_EQ(info.value().stored_height, 200);
    bool swapped = orientation >= 5;
    EXPECT_EQ(info.value().width, swapped ? 200 : 300) << orientation;
    EXPECT_EQ(info.value().height, swapped ? 300 : 200) << orientation;
  }
}

TEST_F(ProbeTest, HugeDeclaredPngIsRefusedBeforeDecoding) {
  auto start = std::chrono::steady_clock::now();
  auto info = Probe(PngDeclaring(50000, 50000));
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.error().kind, Error::kTooLarge) << info.error().message;
  EXPECT_NE(info.error().message.find("50000x50000"), std::string::npos) << info.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

TEST_F(ProbeTest, HugeDeclaredJpegIsRefusedBeforeDecoding) {
  auto start = std::chrono::steady_clock::now();
  auto info = Probe(JpegDeclaring(65500, 65500));
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.error().kind, Error::kTooLarge) << info.error().message;
  EXPECT_NE(info.error().message.find("65500x65500"), std::string::npos) << info.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

TEST_F(ProbeTest, PixelLimitComesFromTheSettings) {
  std::string jpeg = thumbnails_test::SaveJpeg(thumbnails_test::PhotoLike(200, 100).get());
  Settings small;
  small.max_pixels = 200 * 100 - 1;
  ASSERT_TRUE(Init(small).ok());
  auto refused = Probe(jpeg);
  ASSERT_TRUE(Init(Settings{}).ok());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, Error::kTooLarge);
  EXPECT_TRUE(Probe(jpeg).ok());
}

TEST_F(ProbeTest, InitRefusesOutOfRangeSettings) {
  Settings bad;
  bad.threads_per_job = 0;
  auto status = Init(bad);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind, Error::kInvalidArgument);
  bad = Settings{};
  bad.max_pixels = 0;
  EXPECT_FALSE(Init(bad).ok());
  EXPECT_EQ(CurrentSettings().max_pixels, Settings{}.max_pixels);
}

TEST_F(ProbeTest, UnreadableHeaderIsCorrupt) {
  std::string jpeg = thumbnails_test::SaveJpeg(thumbnails_test::PhotoLike(64, 64).get());
  auto info = Probe(jpeg.substr(0, 20));
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.error().kind, Error::kCorrupt);
  EXPECT_NE(info.error().message.find("jpegload_buffer"), std::string::npos)
      << info.error().message;
}

}  // namespace
}  // namespace thumbnails
