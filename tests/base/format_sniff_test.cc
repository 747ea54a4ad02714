#include "base/format_sniff.h"

#include <gtest/gtest.h>

#include <string>

namespace base {
namespace {

using namespace std::string_literals;

std::string Ftyp(const std::string& major, const std::string& compatible) {
  std::string box = "ftyp" + major + "\0\0\0\0"s + compatible;
  const auto size = std::uint32_t(box.size() + 4);
  return std::string{char(size >> 24), char(size >> 16), char(size >> 8), char(size)} + box + std::string(16, '\0');
}

TEST(FormatSniff, AcceptedFormats) {
  struct Case {
    std::string bytes;
    ImageFormat format;
  } cases[] = {
      {"\xFF\xD8\xFF\xE0\0\x10JFIF\0"s, ImageFormat::kJpeg},
      {"\xFF\xD8"s, ImageFormat::kJpeg},  // SOI alone: a damaged JPEG is still one
      {"\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR"s, ImageFormat::kPng},
      {"II*\0\x08\0\0\0"s, ImageFormat::kTiff},
      {"MM\0*\0\0\0\x08"s, ImageFormat::kTiff},
      {"RIFF\x10\0\0\0WEBPVP8 "s, ImageFormat::kWebp},
      {Ftyp("heic", "mif1heic"), ImageFormat::kHeif},
      {Ftyp("mif1", "mif1heic"), ImageFormat::kHeif},
      {Ftyp("msf1", "msf1"), ImageFormat::kHeif},
      {Ftyp("avif", "avifmif1"), ImageFormat::kAvif},
      {Ftyp("mif1", "mif1avif"), ImageFormat::kAvif},
      {Ftyp("heic", "mif1avif"), ImageFormat::kHeif},  // the major brand decides first
      {Ftyp("avis", "msf1heic"), ImageFormat::kAvif},
  };
  for (const Case& c : cases) {
    const SniffResult r = SniffFormat(c.bytes);
    EXPECT_EQ(r.format, c.format) << testing::PrintToString(c.bytes);
    EXPECT_TRUE(r.refused.empty()) << r.refused;
  }
  EXPECT_STREQ(ImageFormatName(ImageFormat::kHeif), "heic");
  EXPECT_STREQ(ImageFormatName(ImageFormat::kUnknown), "unknown");
}

// The decision both libraries share: BigTIFF is refused, by name (the
// archive's metadata library does not read it), in either byte order.
TEST(FormatSniff, BigTiffIsRefusedByName) {
  for (const std::string& bytes : {"II+\0\x08\0\0\0\x10\0\0\0\0\0\0\0"s, "MM\0+\0\x08\0\0\0\0\0\0\0\0\0\x10"s}) {
    const SniffResult r = SniffFormat(bytes);
    EXPECT_EQ(r.format, ImageFormat::kUnknown);
    EXPECT_EQ(r.refused, "BigTIFF image");
  }
}

TEST(FormatSniff, RefusedFormatsAreNamed) {
  struct Case {
    std::string bytes, named;
  } cases[] = {
      {"GIF89a\x01\0\x01\0"s, "GIF image"},
      {"GIF87a\x01\0\x01\0"s, "GIF image"},
      {"%PDF-1.7\n"s, "PDF document"},
      {"8BPS\0\x01\0\0"s, "Photoshop PSD document"},
      {"BM\x36\0\0\0"s, "BMP image"},
      {"\0\0\x01\0\x01\0"s, "ICO icon"},
      {"\xFF\x0A\0\0"s, "JPEG XL image"},
      {"\0\0\0\x0CJXL \r\n\x87\n"s, "JPEG XL image"},
      {"\0\0\0\x0CjP  \r\n\x87\n"s, "JPEG 2000 image"},
      {"\xFF\x4F\xFF\x51\0\0"s, "JPEG 2000 codestream"},
      {"\x08\xF2\xA6\xB6\0\0\0\0"s, "the image library's own format"},
      {"PK\x03\x04\0\0"s, "ZIP archive"},
      {"\x1F\x8B\x08\0"s, "gzip archive"},
      {"IIRO\x08\0\0\0"s, "Olympus raw file"},
      {"RIFF\0\0\0\0AVI LIST"s, "AVI video"},
      {"RIFF\0\0\0\0WAVEfmt "s, "WAV audio"},
      {"\x1A\x45\xDF\xA3\0\0"s, "Matroska/WebM video"},
      {Ftyp("isom", "isomavc1"), "MP4 video (brand 'isom')"},
      {Ftyp("qt  ", "qt  "), "QuickTime movie (brand 'qt  ')"},
      {Ftyp("qt  ", "heicmif1"), "QuickTime movie (brand 'qt  ')"},
      {Ftyp("crx ", "crx "), "Canon CR3 raw file (brand 'crx ')"},
      {Ftyp("xyz\x01", "xyz\x01"), "ISO media file (brand 'xyz?'), not HEIC or AVIF"},
      {"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "SVG drawing"},
      {"\xEF\xBB\xBF  <SVG width=\"1\"/>", "SVG drawing"},
      {"  <!DOCTYPE html><html></html>", "HTML page"},
      {"<body>hi</body>", "HTML page"},
      {"<?xml version=\"1.0\"?><doc/>", "XML document"},
      {"<note/>", "XML or HTML text"},
      {"{\"a\": 1}", "JSON or other text"},
  };
  for (const Case& c : cases) {
    const SniffResult r = SniffFormat(c.bytes);
    EXPECT_EQ(r.format, ImageFormat::kUnknown) << c.named;
    EXPECT_EQ(r.refused, c.named);
  }
}

TEST(FormatSniff, UnknownShortAndGarbageBytes) {
  for (const std::string& bytes : {""s, "\xFF"s, "II"s, "RIFF"s, "\x13\x37garbage bytes"s, "\0\0\0\0ftyp"s}) {
    const SniffResult r = SniffFormat(bytes);
    EXPECT_EQ(r.format, ImageFormat::kUnknown) << testing::PrintToString(bytes);
    EXPECT_TRUE(r.refused.empty()) << r.refused;
  }
}

// One name per format, the catalog's and the API's, read back to the format.
TEST(FormatSniff, NamesReadBack) {
  for (ImageFormat f : {ImageFormat::kJpeg, ImageFormat::kPng, ImageFormat::kTiff, ImageFormat::kWebp,
                        ImageFormat::kHeif, ImageFormat::kAvif}) {
    EXPECT_EQ(ImageFormatFromName(ImageFormatName(f)), f) << ImageFormatName(f);
  }
  EXPECT_EQ(ImageFormatFromName("heif"), ImageFormat::kUnknown);
  EXPECT_EQ(ImageFormatFromName(""), ImageFormat::kUnknown);
  EXPECT_EQ(ImageFormatFromName("unknown"), ImageFormat::kUnknown);
}

// Every sniff counts on the thread that made it.
TEST(FormatSniff, SniffsAreCountedPerThread) {
  const std::uint64_t before = SniffsOnThisThread();
  SniffFormat("\xFF\xD8"s);
  SniffFormat("GIF89a"s);
  EXPECT_EQ(SniffsOnThisThread(), before + 2);
}

}  // namespace
}  // namespace base
