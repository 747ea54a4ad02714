// ReadMetadata refuses XMP over kMaxXmpBytes and IPTC over kMaxIptcBytes in
// every container it measures (JPEG, PNG, WebP, TIFF, HEIF), naming the block and
// its size, and reads blocks just under the limits as before. The blocks are
// spliced into small real images, or the image is written by hand (TIFF).
#include <zlib.h>

#include <gtest/gtest.h>

#include "fixtures/image_fixtures.h"
#include "fixtures/read_metadata.h"
#include "media/metadata.h"

namespace {

using media::kMaxIptcBytes;
using media::kMaxXmpBytes;

constexpr auto& Read = fixtures::ReadMetadataOf;

void ExpectRefused(const std::string& bytes, const std::string& block) {
  auto r = Read(bytes);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), media::Status::Code::kLimitExceeded) << r.status().ToString();
  EXPECT_NE(r.status().message().find(" of " + block + " ("), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("over the limit of"), std::string::npos) << r.status().message();
}

std::string Be16(unsigned v) { return {static_cast<char>(v >> 8), static_cast<char>(v)}; }
std::string Be32(std::uint32_t v) { return Be16(v >> 16) + Be16(v & 0xFFFF); }
std::string Le16(unsigned v) { return {static_cast<char>(v), static_cast<char>(v >> 8)}; }
std::string Le32(std::uint32_t v) { return Le16(v & 0xFFFF) + Le16(v >> 16); }

// A well-formed XMP packet of exactly `size` bytes whose title is "Opening
// session", padded with white space.
std::string XmpPacket(std::size_t size) {
  const std::string head =
      "<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?><x:xmpmeta xmlns:x='adobe:ns:meta/'>"
      "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description rdf:about='' "
      "xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:description><rdf:Alt><rdf:li xml:lang='x-default'>"
      "Opening session</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>";
  const std::string tail = "<?xpacket end='w'?>";
  return head + std::string(size - head.size() - tail.size(), ' ') + tail;
}

// IIM datasets (keywords, 2:25) of 64 bytes each, about `size` bytes in all.
std::string IimKeywords(std::size_t size) {
  const std::string keyword(59, 'k');
  std::string iim;
  while (iim.size() + 64 <= size) iim += std::string("\x1C\x02\x19", 3) + Be16(59) + keyword;
  return iim;
}

std::string Plain(const std::string& format) {
  fixtures::FixtureSpec spec;
  spec.format = format;
  spec.write_xmp = false;
  spec.write_iptc = false;
  return fixtures::MakeImage(spec);
}

// --- JPEG

std::string JpegSegment(unsigned marker, const std::string& body) {
  return std::string{'\xFF', static_cast<char>(marker)} + Be16(static_cast<unsigned>(body.size() + 2)) + body;
}

std::string JpegWith(const std::string& segments) {
  std::string jpeg = Plain("jpeg");
  return jpeg.insert(2, segments);
}

// `packet` as a standard XMP block with the rest in extended-XMP blocks.
std::string JpegWithXmp(const std::string& packet) {
  std::string segments = JpegSegment(0xE1, std::string("http://ns.adobe.com/xap/1.0/\0", 29) + packet.substr(0, 60000));
  for (std::size_t at = 60000; at < packet.size(); at += 65000)
    segments += JpegSegment(0xE1, std::string("http://ns.adobe.com/xmp/extension/\0", 35) + std::string(32, 'A') +
                                      Be32(static_cast<std::uint32_t>(packet.size())) +
                                      Be32(static_cast<std::uint32_t>(at)) + packet.substr(at, 65000));
  return JpegWith(segments);
}

// `iim` (made by IimKeywords) in APP13 blocks of 937 whole datasets each.
std::string JpegWithIptc(const std::string& iim) {
  std::string segments;
  const std::size_t block = 937 * 64;
  for (std::size_t at = 0; at < iim.size(); at += block) {
    std::string part = iim.substr(at, block);
    std::string resource = std::string("8BIM\x04\x04\0\0", 8) + Be32(static_cast<std::uint32_t>(part.size())) + part;
    segments += JpegSegment(0xED, std::string("Photoshop 3.0\0", 14) + resource);
  }
  return JpegWith(segments);
}

TEST(MetadataLimitsTest, JpegXmpJustUnderTheLimitIsReadAndOverIsRefused) {
  auto under = Read(JpegWithXmp(XmpPacket(kMaxXmpBytes - 100)));
  EXPECT_TRUE(under.ok()) << under.status().ToString();
  ExpectRefused(JpegWithXmp(XmpPacket(kMaxXmpBytes + 100)), "XMP");
  ExpectRefused(JpegWithXmp(XmpPacket(8 * kMaxXmpBytes)), "XMP");
}

TEST(MetadataLimitsTest, JpegIptcJustUnderTheLimitIsReadAndOverIsRefused) {
  // Each APP13 block adds its resource header (12 bytes) to the IIM it carries.
  auto under = Read(JpegWithIptc(IimKeywords(kMaxIptcBytes - 1000)));
  ASSERT_TRUE(under.ok()) << under.status().ToString();
  EXPECT_FALSE(under->keywords.empty());
  ExpectRefused(JpegWithIptc(IimKeywords(kMaxIptcBytes + 1000)), "IPTC");
}

// --- PNG

std::string PngChunk(const std::string& type, const std::string& data) {
  std::string typed = type + data;
  uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(typed.data()), static_cast<uInt>(typed.size()));
  return Be32(static_cast<std::uint32_t>(data.size())) + typed + Be32(static_cast<std::uint32_t>(crc));
}

std::string PngWith(const std::string& chunks) {
  std::string png = Plain("png");
  return png.insert(png.size() - 12, chunks);  // before IEND
}

std::string Compressed(const std::string& text) {
  uLongf size = compressBound(static_cast<uLong>(text.size()));
  std::string out(size, '\0');
  compress(reinterpret_cast<Bytef*>(&out[0]), &size, reinterpret_cast<const Bytef*>(text.data()),
           static_cast<uLong>(text.size()));
  out.resize(size);
  return out;
}

std::string PngXmpChunk(const std::string& packet, bool compress) {
  return PngChunk("iTXt", std::string("XML:com.adobe.xmp\0", 18) + (compress ? std::string("\1\0", 2) : std::string(2, '\0')) +
                              std::string(2, '\0') + (compress ? Compressed(packet) : packet));
}

// A raw IPTC profile as a compressed text chunk: `bytes` bytes written as hex.
std::string PngRawIptcChunk(std::size_t bytes) {
  std::string text = "\niptc\n" + std::to_string(bytes) + "\n" + std::string(2 * bytes, '0') + "\n";
  return PngChunk("zTXt", std::string("Raw profile type iptc\0\0", 23) + Compressed(text));
}

TEST(MetadataLimitsTest, PngXmpJustUnderTheLimitIsReadAndOverIsRefused) {
  auto under = Read(PngWith(PngXmpChunk(XmpPacket(kMaxXmpBytes - 100), false)));
  ASSERT_TRUE(under.ok()) << under.status().ToString();
  EXPECT_EQ(under->caption["x-default"], "Opening session");
  ExpectRefused(PngWith(PngXmpChunk(XmpPacket(kMaxXmpBytes + 100), false)), "XMP");
}

TEST(MetadataLimitsTest, PngCompressedBlocksAreMeasuredInflated) {
  // A few kB compressed, over the limit once inflated.
  std::string bomb = PngXmpChunk(XmpPacket(kMaxXmpBytes + 100), true);
  EXPECT_LT(bomb.size(), 64u * 1024);
  ExpectRefused(PngWith(bomb), "XMP");
  auto small = Read(PngWith(PngXmpChunk(XmpPacket(20000), true)));
  ASSERT_TRUE(small.ok()) << small.status().ToString();
  EXPECT_EQ(small->caption["x-default"], "Opening session");
  // Under the limit once inflated: not refused for its size (the metadata
  // library may still refuse to inflate that much).
  auto under = Read(PngWith(PngXmpChunk(XmpPacket(kMaxXmpBytes - 100), true)));
  EXPECT_TRUE(under.ok() || under.status().code() != media::Status::Code::kLimitExceeded)
      << under.status().ToString();
  ExpectRefused(PngWith(PngRawIptcChunk(kMaxIptcBytes + 100)), "IPTC");
  ExpectRefused(PngWith(PngRawIptcChunk(8 * kMaxIptcBytes)), "IPTC");
}

// --- WebP

std::string WebpWithXmp(const std::string& packet) {
  std::string webp = Plain("webp");
  webp += "XMP " + Le32(static_cast<std::uint32_t>(packet.size())) + packet;
  if (packet.size() % 2) webp += '\0';
  std::string riff_size = Le32(static_cast<std::uint32_t>(webp.size() - 8));
  return webp.replace(4, 4, riff_size);
}

TEST(MetadataLimitsTest, WebpXmpJustUnderTheLimitIsReadAndOverIsRefused) {
  auto under = Read(WebpWithXmp(XmpPacket(kMaxXmpBytes - 100)));
  EXPECT_TRUE(under.ok()) << under.status().ToString();
  ExpectRefused(WebpWithXmp(XmpPacket(kMaxXmpBytes + 100)), "XMP");
}

// --- TIFF

// A 1×1 grey TIFF (little-endian) whose IFD0 carries `tag` holding `value`.
std::string TiffWith(unsigned tag, const std::string& value) {
  const unsigned entries = 10;
  const std::uint32_t pixel_at = 8 + 2 + 12 * entries + 4;
  auto entry = [](unsigned t, unsigned type, std::uint32_t count, std::uint32_t v) {
    return Le16(t) + Le16(type) + Le32(count) + Le32(v);
  };
  std::string tiff = "II" + Le16(42) + Le32(8) + Le16(entries);
  tiff += entry(256, 4, 1, 1) + entry(257, 4, 1, 1) + entry(258, 3, 1, 8) + entry(259, 3, 1, 1) +
          entry(262, 3, 1, 1) + entry(273, 4, 1, pixel_at) + entry(277, 3, 1, 1) + entry(278, 4, 1, 1) +
          entry(279, 4, 1, 1);
  tiff += entry(tag, tag == 700 ? 1 : 7, static_cast<std::uint32_t>(value.size()), pixel_at + 2);
  tiff += Le32(0);
  return tiff + std::string("\x80\0", 2) + value;
}

TEST(MetadataLimitsTest, TiffXmpAndIptcJustUnderTheLimitsAreReadAndOverAreRefused) {
  auto xmp = Read(TiffWith(700, XmpPacket(kMaxXmpBytes - 100)));
  ASSERT_TRUE(xmp.ok()) << xmp.status().ToString();
  EXPECT_EQ(xmp->caption["x-default"], "Opening session");
  EXPECT_EQ(xmp->width, 1);
  ExpectRefused(TiffWith(700, XmpPacket(kMaxXmpBytes + 100)), "XMP");

  auto iptc = Read(TiffWith(33723, IimKeywords(kMaxIptcBytes - 100)));
  ASSERT_TRUE(iptc.ok()) << iptc.status().ToString();
  EXPECT_FALSE(iptc->keywords.empty());
  ExpectRefused(TiffWith(33723, IimKeywords(kMaxIptcBytes + 100)), "IPTC");
}

// --- HEIF / AVIF

std::string Box(const std::string& type, const std::string& body) {
  return Be32(static_cast<std::uint32_t>(body.size() + 8)) + type + body;
}

// A HEIC file whose only item is an XMP packet of `xmp_size` bytes in `mdat`
// (no image: enough for the size check, which comes first).
std::string HeicWithXmp(std::size_t xmp_size) {
  std::string ftyp = Box("ftyp", std::string("heic\0\0\0\0mif1heic", 16));
  std::string infe = Box("infe", std::string("\x02\0\0\0", 4) + Be16(1) + Be16(0) + "mime" +
                                     std::string("xmp\0application/rdf+xml\0", 24));
  std::string iinf = Box("iinf", std::string(4, '\0') + Be16(1) + infe);
  std::string hdlr = Box("hdlr", std::string(8, '\0') + "pict" + std::string(13, '\0'));
  auto meta_with = [&](std::uint32_t offset) {
    // iloc version 0: offsets and lengths of 4 bytes, no base offset.
    std::string iloc = Box("iloc", std::string(4, '\0') + std::string("\x44\0", 2) + Be16(1) + Be16(1) +
                                       Be16(0) + Be16(1) + Be32(offset) +
                                       Be32(static_cast<std::uint32_t>(xmp_size)));
    return Box("meta", std::string(4, '\0') + hdlr + iinf + iloc);
  };
  const std::size_t head = ftyp.size() + meta_with(0).size() + 8;
  return ftyp + meta_with(static_cast<std::uint32_t>(head)) + Box("mdat", XmpPacket(xmp_size));
}

TEST(MetadataLimitsTest, HeifXmpItemOverTheLimitIsRefused) {
  ExpectRefused(HeicWithXmp(kMaxXmpBytes + 100), "XMP");
  auto under = Read(HeicWithXmp(kMaxXmpBytes - 100));
  EXPECT_TRUE(under.ok() || under.status().code() != media::Status::Code::kLimitExceeded)
      << under.status().ToString();
}

// Every refusal comes before the metadata library: a block over the limit
// that is also malformed is refused for its size, not reported as corrupt.
TEST(MetadataLimitsTest, TheSizeIsCheckedBeforeAnythingIsParsed) {
  std::string garbage_xmp(kMaxXmpBytes + 1, '<');
  ExpectRefused(JpegWithXmp(garbage_xmp), "XMP");
  ExpectRefused(TiffWith(700, garbage_xmp), "XMP");
}

}  // namespace
