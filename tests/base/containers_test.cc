#include "base/containers.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace base {
namespace {

using namespace std::string_literals;

std::string Be32(std::uint32_t v) {
  return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
}
std::string Le32(std::uint32_t v) {
  return {char(v), char(v >> 8), char(v >> 16), char(v >> 24)};
}

const std::string kPngSignature = "\x89PNG\r\n\x1A\n"s;
std::string PngChunkBytes(const std::string& type, const std::string& data) {
  return Be32(std::uint32_t(data.size())) + type + data + "CRC!";
}

std::vector<std::string> PngTypes(const std::string& png, PngWalk* walk) {
  std::vector<std::string> types;
  *walk = WalkPngChunks(png, [&](const PngChunk& c) {
    types.emplace_back(c.type);
    return true;
  });
  return types;
}

TEST(PngChunks, WalksToIend) {
  const std::string png = kPngSignature + PngChunkBytes("IHDR", std::string(13, 'h')) +
                          PngChunkBytes("tEXt", "k\0v"s) + PngChunkBytes("IEND", "") + "trailing";
  PngWalk walk;
  EXPECT_EQ(PngTypes(png, &walk), (std::vector<std::string>{"IHDR", "tEXt", "IEND"}));
  EXPECT_EQ(walk.end, PngWalk::kIend);
  std::string text;
  WalkPngChunks(png, [&](const PngChunk& c) {
    if (c.type == "tEXt") text = std::string(c.data);
    return true;
  });
  EXPECT_EQ(text, "k\0v"s);
}

TEST(PngChunks, StopsWhereTheVisitorSays) {
  const std::string png = kPngSignature + PngChunkBytes("IHDR", "x") + PngChunkBytes("IEND", "");
  EXPECT_EQ(WalkPngChunks(png, [](const PngChunk&) { return false; }).end, PngWalk::kStopped);
}

TEST(PngChunks, TruncatedAndGarbageInputEndTheWalk) {
  const std::string whole = kPngSignature + PngChunkBytes("IHDR", std::string(13, 'h')) + PngChunkBytes("IEND", "");
  for (std::size_t keep = 0; keep < whole.size(); ++keep) {
    PngWalk walk;
    PngTypes(whole.substr(0, keep), &walk);
    EXPECT_TRUE(walk.end == PngWalk::kTruncated || walk.end == PngWalk::kNoIend) << keep;
  }
  // A chunk declaring 1.3 GB in a few bytes.
  PngWalk walk;
  EXPECT_TRUE(PngTypes(kPngSignature + Be32(1300000000) + "zTXt" + "tiny", &walk).empty());
  EXPECT_EQ(walk.end, PngWalk::kTruncated);
  EXPECT_EQ(walk.type, "zTXt");
  EXPECT_EQ(walk.declared, 1300000000u);
  EXPECT_EQ(walk.left, 4u);
  // Over 2^31 - 1, even when it would fit a 64-bit sum.
  PngTypes(kPngSignature + Be32(0xFFFFFFFF) + "IDAT", &walk);
  EXPECT_EQ(walk.end, PngWalk::kTruncated);
  // A chunk whose CRC is missing is not whole.
  PngTypes(kPngSignature + Be32(2) + "IDATab", &walk);
  EXPECT_EQ(walk.end, PngWalk::kTruncated);
  PngTypes(kPngSignature + PngChunkBytes("IHDR", "x"), &walk);
  EXPECT_EQ(walk.end, PngWalk::kNoIend);
}

std::string RiffChunkBytes(const std::string& fourcc, const std::string& data) {
  return fourcc + Le32(std::uint32_t(data.size())) + data + (data.size() % 2 ? "\0"s : "");
}

TEST(RiffChunks, WalksChunksWithTheirPadBytes) {
  const std::string webp = "RIFF"s + Le32(0) + "WEBP" + RiffChunkBytes("VP8X", std::string(10, 'x')) +
                           RiffChunkBytes("XMP ", "odd") + RiffChunkBytes("VP8 ", "data");
  std::vector<std::string> seen;
  std::string wholes;
  RiffWalk walk = WalkRiffChunks(webp, [&](const RiffChunk& c) {
    seen.push_back(std::string(c.fourcc) + "=" + std::string(c.data));
    wholes += c.whole;
  });
  EXPECT_EQ(walk.end, RiffWalk::kComplete);
  EXPECT_EQ(seen, (std::vector<std::string>{"VP8X=xxxxxxxxxx", "XMP =odd", "VP8 =data"}));
  EXPECT_EQ(wholes, webp.substr(12)) << "whole chunks, pad bytes included, add up to the file";
}

TEST(RiffChunks, TruncatedAndGarbageInput) {
  const auto end_of = [](const std::string& bytes) {
    return WalkRiffChunks(bytes, [](const RiffChunk&) {});
  };
  EXPECT_EQ(end_of("RIFF").end, RiffWalk::kTooShort);
  EXPECT_EQ(end_of("RIFF\0\0\0\0WEBPVP8"s).end, RiffWalk::kHeaderPastEnd);
  RiffWalk past = end_of("RIFF\0\0\0\0WEBP"s + "XMP " + Le32(0x7FFFFFF0) + "short");
  EXPECT_EQ(past.end, RiffWalk::kChunkPastEnd);
  EXPECT_EQ(past.fourcc, "XMP ");
  EXPECT_EQ(end_of("RIFF\0\0\0\0WEBP"s + "EXIF" + Le32(0xFFFFFFFF)).end, RiffWalk::kChunkPastEnd);
  // A final chunk of odd size without its pad byte is still whole.
  EXPECT_EQ(end_of("RIFF\0\0\0\0WEBP"s + "ALPH" + Le32(3) + "abc").end, RiffWalk::kComplete);
}

std::string Box(const std::string& type, const std::string& body) {
  return Be32(std::uint32_t(8 + body.size())) + type + body;
}

TEST(BmffBoxes, ChildrenNestedLargeAndToTheEnd) {
  const std::string file = Box("ftyp", "heic\0\0\0\0mif1"s) + Box("meta", "\0\0\0\0"s + Box("pitm", "ab")) +
                           Be32(1) + "mdat" + "\0\0\0\0\0\0\0\x14"s + "four" + Be32(0) + "free" + "rest";
  std::vector<BmffBox> top = BmffChildren(file);
  ASSERT_EQ(top.size(), 4u);
  EXPECT_EQ(top[0].type, "ftyp");
  EXPECT_EQ(top[2].type, "mdat");
  EXPECT_EQ(top[2].body, "four") << "a 64-bit size counts its 16-byte header";
  EXPECT_EQ(top[3].type, "free");
  EXPECT_EQ(top[3].body, "rest") << "size 0 runs to the end";
  const BmffBox* meta = FindBox(top, "meta");
  ASSERT_NE(meta, nullptr);
  std::vector<BmffBox> inner = BmffChildren(meta->body.substr(4));
  ASSERT_EQ(inner.size(), 1u);
  EXPECT_EQ(inner[0].body, "ab");
  EXPECT_EQ(FindBox(top, "moov"), nullptr);
}

TEST(BmffBoxes, TruncatedAndGarbageStopTheWalk) {
  const std::string two = Box("ftyp", "heic") + Box("meta", std::string(20, 'm'));
  for (std::size_t keep = 0; keep < two.size(); ++keep) {
    std::vector<BmffBox> boxes = BmffChildren(two.substr(0, keep));
    EXPECT_LE(boxes.size(), 1u) << keep;
    for (const BmffBox& b : boxes) EXPECT_EQ(b.type, "ftyp");
  }
  EXPECT_TRUE(BmffChildren(Be32(4) + "tiny").empty()) << "a size smaller than its header";
  EXPECT_TRUE(BmffChildren(Be32(0xFFFFFFFF) + "huge").empty());
  EXPECT_TRUE(BmffChildren(Be32(1) + "larg" + "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF"s).empty());
  EXPECT_TRUE(BmffChildren(Be32(1) + "larg" + "\0\0"s).empty()) << "64-bit size cut short";
  std::string many;
  for (int i = 0; i < 300; ++i) many += Box("free", "");
  EXPECT_EQ(BmffChildren(many).size(), 256u);
  EXPECT_EQ(BmffChildren(many, 3).size(), 3u);
}

TEST(Ftyp, BrandsBoundedByTheBoxAndTheBuffer) {
  const std::string ftyp = Box("ftyp", "mif1\0\0\0\0mif1heic"s) + Box("meta", "");
  EXPECT_EQ(FtypBrands(ftyp), (std::vector<std::string>{"mif1", "mif1", "heic"}));
  EXPECT_EQ(FtypBrands(ftyp.substr(0, 22)), (std::vector<std::string>{"mif1", "mif1"}));
  EXPECT_EQ(FtypBrands(ftyp.substr(0, 12)), (std::vector<std::string>{"mif1"}));
  EXPECT_TRUE(FtypBrands(ftyp.substr(0, 11)).empty());
  EXPECT_TRUE(FtypBrands(Box("moov", "mif1\0\0\0\0heic"s)).empty());
  EXPECT_EQ(FtypBrands(Be32(0xFFFFFFFF) + "ftypavif" + std::string(8000, 'a')).size(), 1u + (4096 - 16) / 4)
      << "at most the first 4096 bytes";
  EXPECT_EQ(FtypBrands(Be32(3) + "ftypavif\0\0\0\0heic"s).size(), 1u) << "a size under the header";
}

}  // namespace
}  // namespace base
