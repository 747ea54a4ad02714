// JPEG segments before the scan: the one walk over them, used to measure
// metadata blocks and to put JFIF APP0 segments where the writer expects them.
#include "metadata_internal.h"

namespace media::metadata_internal {

bool WalkJpegSegments(const std::uint8_t* data, std::size_t size,
                      const std::function<void(const JpegSegment&)>& visit) {
  if (size < 2 || data[0] != 0xFF || data[1] != 0xD8) return false;
  std::size_t at = 2;
  while (at + 2 <= size && data[at] == 0xFF) {
    const std::uint8_t marker = data[at + 1];
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0xDA || marker == 0xD9) return true;  // start of scan, end of image
    JpegSegment segment{marker, at, 2, nullptr, 0};
    if (marker != 0x01 && !(marker >= 0xD0 && marker <= 0xD8)) {  // these have no length
      if (at + 4 > size) return false;
      const std::size_t length = (std::size_t{data[at + 2]} << 8) | data[at + 3];
      if (length < 2 || length > size - at - 2) return false;
      segment.size = 2 + length;
      segment.body = data + at + 4;
      segment.body_size = length - 2;
    }
    visit(segment);
    at += segment.size;
  }
  return false;
}

std::optional<std::string> JpegWithApp0First(const std::string& bytes) {
  const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
  std::vector<JpegSegment> app0, others;
  std::size_t segments_end = 2;
  bool complete = WalkJpegSegments(data, bytes.size(), [&](const JpegSegment& s) {
    (s.marker == 0xE0 ? app0 : others).push_back(s);
    segments_end = s.offset + s.size;
  });
  if (!complete || app0.empty() || others.empty()) return std::nullopt;
  if (app0.back().offset < others.front().offset) return std::nullopt;  // already first
  // Fill bytes (0xFF padding) between the segments are left out.
  std::string out = bytes.substr(0, 2);
  out.reserve(bytes.size());
  for (const JpegSegment& s : app0) out.append(bytes, s.offset, s.size);
  for (const JpegSegment& s : others) out.append(bytes, s.offset, s.size);
  out.append(bytes, segments_end, std::string::npos);
  return out;
}

}  // namespace media::metadata_internal
