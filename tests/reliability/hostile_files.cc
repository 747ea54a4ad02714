#include "hostile_files.h"

#include <cstdint>
#include <stdexcept>

#include "fixtures/api_fixture.h"

namespace reliability {

namespace {

std::uint32_t Crc32(const std::string& bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : bytes) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::string Be32(std::uint32_t v) {
  return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
}
std::string Be16(unsigned v) { return {char(v >> 8), char(v)}; }
std::string Le32(std::uint32_t v) { return {char(v), char(v >> 8), char(v >> 16), char(v >> 24)}; }
std::string Le16(unsigned v) { return {char(v), char(v >> 8)}; }

std::string PngChunk(const std::string& type, const std::string& data) {
  return Be32(static_cast<std::uint32_t>(data.size())) + type + data + Be32(Crc32(type + data));
}

// A zlib stream holding `raw` in one stored (uncompressed) block.
std::string ZlibStored(const std::string& raw) {
  std::uint32_t a = 1, b = 0;
  for (unsigned char c : raw) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  std::string out = "\x78\x01";
  out += '\x01';
  out += Le16(static_cast<unsigned>(raw.size())) + Le16(~static_cast<unsigned>(raw.size()) & 0xFFFF);
  return out + raw + Be32((b << 16) | a);
}

std::string SmallJpeg() { return http_test::Jpeg(7, "hostile", "© IOM 2016"); }

// The offset of the first marker `code` (0xFF code) in `jpeg`.
std::size_t FindMarker(const std::string& jpeg, unsigned char code) {
  for (std::size_t i = 2; i + 1 < jpeg.size(); ++i) {
    if (static_cast<unsigned char>(jpeg[i]) == 0xFF && static_cast<unsigned char>(jpeg[i + 1]) == code)
      return i;
  }
  throw std::runtime_error("marker not found in the fixture JPEG");
}

// `jpeg` with `segment` (marker, length and payload) placed right after SOI.
std::string InsertAfterSoi(const std::string& jpeg, const std::string& segment) {
  return jpeg.substr(0, 2) + segment + jpeg.substr(2);
}

std::string JpegSegment(unsigned char marker, const std::string& payload) {
  return std::string("\xFF") + char(marker) + Be16(static_cast<unsigned>(payload.size() + 2)) + payload;
}

std::string LocalZipEntry(const std::string& name, const std::string& data) {
  return std::string("PK\x03\x04", 4) + Le16(10) + Le16(0) + Le16(0) + Le16(0) + Le16(0) +
         Le32(Crc32(data)) + Le32(static_cast<std::uint32_t>(data.size())) +
         Le32(static_cast<std::uint32_t>(data.size())) + Le16(static_cast<unsigned>(name.size())) +
         Le16(0) + name + data;
}

std::string Zip(const std::string& name, const std::string& data) {
  std::string local = LocalZipEntry(name, data);
  std::string central = std::string("PK\x01\x02", 4) + Le16(20) + Le16(10) + Le16(0) + Le16(0) +
                        Le16(0) + Le16(0) + Le32(Crc32(data)) +
                        Le32(static_cast<std::uint32_t>(data.size())) +
                        Le32(static_cast<std::uint32_t>(data.size())) +
                        Le16(static_cast<unsigned>(name.size())) + Le16(0) + Le16(0) + Le16(0) +
                        Le16(0) + Le32(0) + Le32(0) + name;
  std::string end = std::string("PK\x05\x06", 4) + Le16(0) + Le16(0) + Le16(1) + Le16(1) +
                    Le32(static_cast<std::uint32_t>(central.size())) +
                    Le32(static_cast<std::uint32_t>(local.size())) + Le16(0);
  return local + central + end;
}

}  // namespace

std::string PngDeclaring(unsigned width, unsigned height) {
  std::string ihdr = Be32(width) + Be32(height) + std::string("\x08\x02\x00\x00\x00", 5);
  std::string rows;
  for (int r = 0; r < 4; ++r) rows += std::string(1, '\0') + std::string(300, '\x7f');
  return std::string("\x89PNG\r\n\x1a\n", 8) + PngChunk("IHDR", ihdr) +
         PngChunk("IDAT", ZlibStored(rows)) + PngChunk("IEND", "");
}

std::string JpegDeclaring(unsigned width, unsigned height) {
  std::string jpeg = SmallJpeg();
  std::size_t sof = FindMarker(jpeg, 0xC0);
  jpeg.replace(sof + 5, 4, Be16(height) + Be16(width));
  return jpeg;
}

std::string JpegWithBrokenHuffmanTables() {
  std::string jpeg = SmallJpeg();
  std::size_t dht = FindMarker(jpeg, 0xC4);
  std::size_t length = (static_cast<unsigned char>(jpeg[dht + 2]) << 8) |
                       static_cast<unsigned char>(jpeg[dht + 3]);
  jpeg.replace(dht + 4, length - 2, std::string(length - 2, '\xFF'));
  return jpeg;
}

std::string JpegLossless() {
  std::string jpeg = SmallJpeg();
  jpeg[FindMarker(jpeg, 0xC0) + 1] = '\xC3';
  return jpeg;
}

std::string JpegWithCyclicExif() {
  // Little-endian TIFF, IFD0 at offset 8 with two entries: Make and an EXIF
  // sub-IFD pointer, both leading back to IFD0; the next-IFD link is IFD0 too.
  std::string tiff = "II" + Le16(42) + Le32(8);
  tiff += Le16(2);
  tiff += Le16(0x010F) + Le16(2) + Le32(4) + std::string("cam\0", 4);
  tiff += Le16(0x8769) + Le16(4) + Le32(1) + Le32(8);
  tiff += Le32(8);
  return InsertAfterSoi(SmallJpeg(), JpegSegment(0xE1, std::string("Exif\0\0", 6) + tiff));
}

std::string JpegWithHugeIptc(int segments) {
  std::string out;
  for (int i = 0; i < segments; ++i) {
    // 8BIM IPTC resource whose first dataset (2:120 caption) uses the
    // extended length form and claims 2 GB.
    std::string iim = std::string("\x1C\x02\x78\x80\x04", 5) + Be32(0x7FFFFFF0u);
    iim += std::string(65000 - 60 - iim.size(), 'A');
    std::string resource = std::string("8BIM\x04\x04\0\0", 8) + Be32(static_cast<std::uint32_t>(iim.size())) + iim;
    out += JpegSegment(0xED, std::string("Photoshop 3.0\0", 14) + resource);
  }
  return InsertAfterSoi(SmallJpeg(), out);
}

std::string JpegWithHugeXmp(std::size_t bytes) {
  std::string packet =
      "<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?><x:xmpmeta xmlns:x='adobe:ns:meta/'>"
      "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description "
      "xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:subject>";
  while (packet.size() < bytes) packet += "<rdf:Bag><rdf:li>";
  packet.resize(bytes);
  // Standard block: the first 60 kB; the rest in extended-XMP blocks.
  std::string segments = JpegSegment(0xE1, std::string("http://ns.adobe.com/xap/1.0/\0", 29) +
                                               packet.substr(0, 60000));
  const std::string guid(32, 'F');
  for (std::size_t at = 60000; at < packet.size(); at += 65000) {
    std::string part = packet.substr(at, 65000);
    segments += JpegSegment(0xE1, std::string("http://ns.adobe.com/xmp/extension/\0", 35) + guid +
                                      Be32(static_cast<std::uint32_t>(packet.size())) +
                                      Be32(static_cast<std::uint32_t>(at)) + part);
  }
  return InsertAfterSoi(SmallJpeg(), segments);
}

std::string PsdFile() {
  std::string psd = "8BPS" + Be16(1) + std::string(6, '\0') + Be16(3) + Be32(30000) + Be32(30000) +
                    Be16(8) + Be16(3);
  psd += Be32(0) + Be32(0) + Be32(0) + Be16(0);  // colour mode, resources, layers; raw data
  return psd + std::string(4096, '\x80');
}

std::string VipsFile() {
  // Magic (big-endian order), then width, height, bands, ... as the format has.
  std::string v("\x08\xF2\xA6\xB6", 4);
  v += Be32(20000) + Be32(20000) + Be32(3) + Be32(0) + Be32(0) + Be32(0) + Be32(0);
  v.resize(64, '\0');
  return v + std::string(4096, '\x55');
}

std::string JpegZipPolyglot() {
  return SmallJpeg() + Zip("run.js", "fetch('/api/photos',{method:'DELETE'});\n");
}

std::string GifJsPolyglot() {
  return std::string("GIF89a/*\x01\x00\x01\x00\x00\x00\x00", 13) + "*/=1;alert(document.cookie);//" +
         std::string("\x2C\0\0\0\0\x01\0\x01\0\0\x02\x02\x44\x01\0\x3B", 16);
}

std::string ZipFile() { return Zip("photo.jpg", SmallJpeg()); }

}  // namespace reliability
