#include "base/containers.h"

#include <algorithm>

#include "base/byte_reader.h"

namespace base {

PngWalk WalkPngChunks(std::string_view bytes, const std::function<bool(const PngChunk&)>& visit) {
  const ByteReader reader(bytes);
  PngWalk walk;
  std::size_t at = 8;  // after the signature
  while (at <= bytes.size() && bytes.size() - at >= 8) {
    const std::uint32_t length = *reader.Be32At(at);
    const std::string_view type = *reader.BytesAt(at + 4, 4);
    const std::size_t left = bytes.size() - at - 8;
    if (length > 0x7FFFFFFFu || std::size_t{length} + 4 > left) {
      walk.end = PngWalk::kTruncated;
      walk.type = std::string(type);
      walk.declared = length;
      walk.left = left;
      return walk;
    }
    if (!visit(PngChunk{type, bytes.substr(at + 8, length), at})) {
      walk.end = PngWalk::kStopped;
      return walk;
    }
    if (type == "IEND") {
      walk.end = PngWalk::kIend;
      return walk;
    }
    at += 12 + std::size_t{length};
  }
  walk.end = PngWalk::kNoIend;
  return walk;
}

RiffWalk WalkRiffChunks(std::string_view bytes, const std::function<void(const RiffChunk&)>& visit) {
  RiffWalk walk;
  if (bytes.size() < 12) {
    walk.end = RiffWalk::kTooShort;
    return walk;
  }
  const ByteReader reader(bytes);
  std::size_t at = 12;
  while (at < bytes.size()) {
    if (bytes.size() - at < 8) {
      walk.end = RiffWalk::kHeaderPastEnd;
      return walk;
    }
    const std::string_view fourcc = bytes.substr(at, 4);
    const std::size_t size = *reader.Le32At(at + 4);
    if (size > bytes.size() - at - 8) {
      walk.end = RiffWalk::kChunkPastEnd;
      walk.fourcc = std::string(fourcc);
      return walk;
    }
    const std::size_t whole = std::min(8 + size + (size & 1), bytes.size() - at);
    visit(RiffChunk{fourcc, bytes.substr(at + 8, size), bytes.substr(at, whole), at});
    at += whole;
  }
  walk.end = RiffWalk::kComplete;
  return walk;
}

std::vector<BmffBox> BmffChildren(std::string_view bytes, std::size_t max_boxes) {
  std::vector<BmffBox> boxes;
  ByteReader reader(bytes);
  while (reader.remaining() >= 8 && boxes.size() < max_boxes) {
    const std::size_t at = reader.position();
    std::uint64_t box_size = *reader.Be32();
    const std::string type(*reader.Bytes(4));
    if (box_size == 1) {
      const auto large = reader.U64(Endian::kBig);
      if (!large) break;
      box_size = *large;
    } else if (box_size == 0) {
      box_size = bytes.size() - at;
    }
    const std::size_t header = reader.position() - at;
    if (box_size < header || box_size > bytes.size() - at) break;
    boxes.push_back(BmffBox{type, bytes.substr(reader.position(), static_cast<std::size_t>(box_size) - header)});
    reader.Seek(at + static_cast<std::size_t>(box_size));
  }
  return boxes;
}

const BmffBox* FindBox(const std::vector<BmffBox>& boxes, std::string_view type) {
  for (const BmffBox& box : boxes) {
    if (box.type == type) return &box;
  }
  return nullptr;
}

std::vector<std::string> FtypBrands(std::string_view bytes) {
  std::vector<std::string> brands;
  if (bytes.size() < 12 || bytes.substr(4, 4) != "ftyp") return brands;
  const std::size_t declared = *ByteReader(bytes).Be32At(0);
  const std::size_t end = std::min<std::size_t>({bytes.size(), std::max<std::size_t>(declared, 12), 4096});
  brands.emplace_back(bytes.substr(8, 4));
  for (std::size_t at = 16; at + 4 <= end; at += 4) brands.emplace_back(bytes.substr(at, 4));
  return brands;
}

}  // namespace base
