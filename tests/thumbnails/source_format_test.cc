#include "thumbnails/source_format.h"

#include <gtest/gtest.h>

#include <string>

namespace thumbnails {
namespace {

using namespace std::string_literals;

Result<SourceFormat> Sniff(const std::string& bytes) { return SniffSourceFormat(bytes); }

std::string Ftyp(const std::string& major, const std::string& compatible) {
  std::string box = "ftyp" + major + "\0\0\0\0"s + compatible;
  uint32_t size = uint32_t(box.size() + 4);
  std::string head = {char(size >> 24), char(size >> 16), char(size >> 8), char(size)};
  return head + box + std::string(16, '\0');
}

TEST(SniffSourceFormat, RecognisesTheAcceptedFormatsFromTheirBytes) {
  EXPECT_EQ(Sniff("\xff\xd8\xff\xe0\0\x10JFIF\0"s).value(), SourceFormat::kJpeg);
  EXPECT_EQ(Sniff("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR"s).value(), SourceFormat::kPng);
  EXPECT_EQ(Sniff("II*\0\x08\0\0\0\0\0"s).value(), SourceFormat::kTiff);
  EXPECT_EQ(Sniff("MM\0*\0\0\0\x08\0\0"s).value(), SourceFormat::kTiff);
  EXPECT_EQ(Sniff("RIFF\x10\0\0\0WEBPVP8 "s).value(), SourceFormat::kWebp);
  EXPECT_EQ(Sniff(Ftyp("heic", "mif1heic")).value(), SourceFormat::kHeif);
  EXPECT_EQ(Sniff(Ftyp("mif1", "mif1heic")).value(), SourceFormat::kHeif);
  EXPECT_EQ(Sniff(Ftyp("avif", "avifmif1")).value(), SourceFormat::kAvif);
  EXPECT_EQ(Sniff(Ftyp("mif1", "mif1avif")).value(), SourceFormat::kAvif);
}

TEST(SniffSourceFormat, RefusesOtherFormatsByName) {
  struct Case {
    std::string bytes, name;
  } cases[] = {
      {"GIF89a\x01\0\x01\0\0\0\0"s, "GIF"},
      {"%PDF-1.7\n%\xe2\xe3"s, "PDF"},
      {"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "SVG"},
      {"<svg width=\"10\" height=\"10\"></svg>", "SVG"},
      {"  <!DOCTYPE html><html><body>hi</body></html>", "HTML"},
      {"8BPS\0\x01\0\0\0\0\0\0"s, "PSD"},
      {"\x08\xf2\xa6\xb6\0\0\0\0\0\0\0\0"s, "own format"},
      {"\xb6\xa6\xf2\x08\0\0\0\0\0\0\0\0"s, "own format"},
      {"\0\0\0\x0cJXL \r\n\x87\n"s, "JPEG XL"},
      {Ftyp("isom", "isomavc1"), "isom"},
  };
  for (const auto& c : cases) {
    auto result = Sniff(c.bytes);
    ASSERT_FALSE(result.ok()) << c.name;
    EXPECT_EQ(result.error().kind, Error::kUnsupported) << c.name;
    EXPECT_NE(result.error().message.find(c.name), std::string::npos) << result.error().message;
  }
}

TEST(SniffSourceFormat, UnknownAndTooShortBytesAreRefused) {
  auto garbage = Sniff("\x13\x37garbage bytes here"s);
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().kind, Error::kUnsupported);
  EXPECT_NE(garbage.error().message.find("1337"), std::string::npos) << garbage.error().message;

  auto empty = Sniff("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().kind, Error::kCorrupt);
  EXPECT_EQ(Sniff("\xff\xd8"s).error().kind, Error::kCorrupt);
}

}  // namespace
}  // namespace thumbnails

namespace thumbnails {
namespace {

// The archive refuses BigTIFF (its metadata library does not read it), so the
// renderer does too: one sniff decides for both.
TEST(SniffSourceFormat, BigTiffIsRefusedAsTheArchiveRefusesIt) {
  for (const std::string& bytes : {std::string("II+\0\x08\0\0\0\x10\0\0\0\0\0\0\0", 16),
                                   std::string("MM\0+\0\x08\0\0\0\0\0\0\0\0\0\x10", 16)}) {
    auto result = SniffSourceFormat(bytes);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, Error::kUnsupported);
    EXPECT_NE(result.error().message.find("BigTIFF"), std::string::npos) << result.error().message;
  }
}

}  // namespace
}  // namespace thumbnails
