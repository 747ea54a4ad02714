#include "webp_metadata.h"

#include <algorithm>
#include <cstdint>

namespace thumbnails {

namespace {

uint32_t LittleEndian32(const std::string& b, size_t at) {
  return uint32_t(uint8_t(b[at])) | (uint32_t(uint8_t(b[at + 1])) << 8) |
         (uint32_t(uint8_t(b[at + 2])) << 16) | (uint32_t(uint8_t(b[at + 3])) << 24);
}

void PutLittleEndian32(std::string& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = char(v >> (8 * i));
}

Error Malformed(const std::string& why) {
  return Error{Error::kInternal, "strip WebP metadata: " + why};
}

}  // namespace

Result<std::string> StripWebpMetadata(const std::string& webp) {
  if (webp.size() < 12 || webp.compare(0, 4, "RIFF") != 0 || webp.compare(8, 4, "WEBP") != 0)
    return Malformed("not a WebP container");
  std::string out = webp.substr(0, 12);
  size_t at = 12;
  while (at < webp.size()) {
    if (at + 8 > webp.size()) return Malformed("chunk header past the end");
    std::string fourcc = webp.substr(at, 4);
    size_t size = LittleEndian32(webp, at + 4);
    if (size > webp.size() - at - 8) return Malformed("chunk " + fourcc + " past the end");
    // Odd sizes carry a pad byte, which a final chunk may lack.
    size_t length = std::min(8 + size + (size & 1), webp.size() - at);
    if (fourcc != "EXIF" && fourcc != "XMP " && fourcc != "ICCP")
      out.append(webp, at, length);
    at += length;
  }
  if (out.compare(12, 4, "VP8X") == 0 && out.size() >= 21)
    out[20] = char(uint8_t(out[20]) & ~(0x20 | 0x08 | 0x04));  // ICC, EXIF, XMP flags
  PutLittleEndian32(out, 4, uint32_t(out.size() - 8));
  return out;
}

}  // namespace thumbnails
