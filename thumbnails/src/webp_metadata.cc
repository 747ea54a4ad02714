#include "webp_metadata.h"

#include <algorithm>
#include <cstdint>

#include "base/byte_reader.h"
#include "base/containers.h"

namespace thumbnails {

namespace {

Error Malformed(const std::string& why) {
  return Error{Error::kInternal, "strip WebP metadata: " + why};
}

}  // namespace

Result<std::string> StripWebpMetadata(const std::string& webp) {
  if (webp.size() < 12 || webp.compare(0, 4, "RIFF") != 0 || webp.compare(8, 4, "WEBP") != 0)
    return Malformed("not a WebP container");
  std::string out = webp.substr(0, 12);
  const base::RiffWalk walk = base::WalkRiffChunks(webp, [&](const base::RiffChunk& chunk) {
    if (chunk.fourcc != "EXIF" && chunk.fourcc != "XMP " && chunk.fourcc != "ICCP") out.append(chunk.whole);
  });
  if (walk.end == base::RiffWalk::kHeaderPastEnd) return Malformed("chunk header past the end");
  if (walk.end == base::RiffWalk::kChunkPastEnd) return Malformed("chunk " + walk.fourcc + " past the end");
  if (out.compare(12, 4, "VP8X") == 0 && out.size() >= 21)
    out[20] = char(uint8_t(out[20]) & ~(0x20 | 0x08 | 0x04));  // ICC, EXIF, XMP flags
  base::StoreLe32(&out, 4, uint32_t(out.size() - 8));
  return out;
}

}  // namespace thumbnails
