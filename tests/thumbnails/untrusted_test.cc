// Hostile and broken input is refused with a reason, never rendered or crashed on.
#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "test_images.h"
#include "thumbnails/renderer.h"

namespace thumbnails {
namespace {

using namespace std::string_literals;

class UntrustedTest : public ::testing::Test {
 protected:
  void SetUp() override { thumbnails_test::EnsureInit(); }
};

void ExpectRefused(const std::string& bytes, Error::Kind kind, const std::string& what) {
  auto set = RenderIngestSet(bytes);
  ASSERT_FALSE(set.ok()) << what;
  EXPECT_EQ(set.error().kind, kind) << what << ": " << set.error().message;
  EXPECT_FALSE(set.error().message.empty());
  auto one = RenderOne(bytes, *FindRendition("large"), Format::kJpeg);
  ASSERT_FALSE(one.ok()) << what;
  EXPECT_EQ(one.error().kind, kind) << what << ": " << one.error().message;
}

TEST_F(UntrustedTest, TruncatedJpegIsCorruptNotGrey) {
  std::string jpeg = thumbnails_test::SaveJpeg(thumbnails_test::PhotoLike(2400, 1600).get());
  std::string half = jpeg.substr(0, jpeg.size() / 2);
  ASSERT_TRUE(Probe(half).ok()) << "the header survives the cut";
  ExpectRefused(half, Error::kCorrupt, "truncated JPEG");
  auto tile = RenderOne(half, *FindRendition("tile"), Format::kWebp);
  ASSERT_FALSE(tile.ok());
  EXPECT_EQ(tile.error().kind, Error::kCorrupt);
  EXPECT_NE(tile.error().message.find("decode"), std::string::npos) << tile.error().message;
}

TEST_F(UntrustedTest, TruncatedPngAndWebpAreCorrupt) {
  auto image = thumbnails_test::PhotoLike(800, 600);
  std::string png = thumbnails_test::SavePng(image.get());
  ExpectRefused(png.substr(0, png.size() / 2), Error::kCorrupt, "truncated PNG");
  std::string webp = thumbnails_test::SaveWebp(image.get());
  ExpectRefused(webp.substr(0, webp.size() / 2), Error::kCorrupt, "truncated WebP");
}

TEST_F(UntrustedTest, PngChunksLongerThanTheFileAreRefusedBeforeDecoding) {
  // A chunk whose declared length passes the end of the file: the PNG
  // library used to set that many bytes aside first (1.3 GB for 300 bytes,
  // found by the render fuzzer).
  std::string png = thumbnails_test::SavePng(thumbnails_test::PhotoLike(16, 12).get());
  std::string chunk = "\x51\x00\x00\x48zTXtRaw profile type iptc"s;
  std::string made = png.substr(0, 33) + chunk + png.substr(33);
  auto probed = Probe(made);
  ASSERT_FALSE(probed.ok());
  EXPECT_EQ(probed.error().kind, Error::kCorrupt);
  EXPECT_NE(probed.error().message.find("chunk 'zTXt' declares"), std::string::npos) << probed.error().message;
  ExpectRefused(made, Error::kCorrupt, "PNG chunk longer than the file");
  // Without its IEND chunk a PNG is truncated, whatever its pixels say.
  ExpectRefused(png.substr(0, png.size() - 12), Error::kCorrupt, "PNG without IEND");
  ASSERT_TRUE(Probe(png).ok()) << "the whole PNG";
}

TEST_F(UntrustedTest, OtherFormatsAreUnsupported) {
  ExpectRefused("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>",
                Error::kUnsupported, "SVG");
  ExpectRefused("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", Error::kUnsupported, "PDF");
  ExpectRefused("<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>",
                Error::kUnsupported, "HTML");
  ExpectRefused("GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xff\xff\xff!\xf9\x04\x01\0\0\0\0,"
                "\0\0\0\0\x01\0\x01\0\0\x02\x02\x44\x01\0;"s,
                Error::kUnsupported, "GIF");
  ExpectRefused("8BPS\0\x01\0\0\0\0\0\0\0\x03\0\0\0\x01\0\0\0\x01\0\x08\0\x03"s,
                Error::kUnsupported, "PSD");
  ExpectRefused("\x08\xf2\xa6\xb6\0\0\0\x01\0\0\0\x01\0\0\0\x03\0\0\0\0"s, Error::kUnsupported,
                "image library's own format");
}

TEST_F(UntrustedTest, GarbageIsRefused) {
  std::mt19937 random(7);
  for (int i = 0; i < 20; ++i) {
    std::string bytes(size_t(random() % 4096 + 1), '\0');
    for (char& c : bytes) c = char(random());
    if (i % 2 == 0) bytes.replace(0, 3, "\xff\xd8\xff");  // JPEG signature, garbage body
    auto set = RenderIngestSet(bytes);
    ASSERT_FALSE(set.ok());
    EXPECT_TRUE(set.error().kind == Error::kCorrupt || set.error().kind == Error::kUnsupported)
        << set.error().message;
  }
}

TEST_F(UntrustedTest, HugeDeclaredDimensionsAreRefusedQuickly) {
  // A real 16×16 JPEG with a frame header claiming 65500×65500.
  std::string jpeg = thumbnails_test::SaveJpeg(thumbnails_test::PhotoLike(16, 16).get());
  size_t sof = jpeg.find("\xff\xc0"s);
  ASSERT_NE(sof, std::string::npos);
  jpeg[sof + 5] = jpeg[sof + 7] = char(0xff);
  jpeg[sof + 6] = jpeg[sof + 8] = char(0xdc);
  auto start = std::chrono::steady_clock::now();
  ExpectRefused(jpeg, Error::kTooLarge, "65500x65500 JPEG");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

}  // namespace
}  // namespace thumbnails
