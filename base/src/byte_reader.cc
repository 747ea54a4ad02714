#include "base/byte_reader.h"

namespace base {

bool ByteReader::Seek(std::size_t at) {
  if (at > size_) return false;
  at_ = at;
  return true;
}

bool ByteReader::Skip(std::size_t n) {
  if (n > remaining()) return false;
  at_ += n;
  return true;
}

std::optional<std::uint64_t> ByteReader::UintAt(std::size_t at, unsigned n, Endian endian) const {
  if (n > 8 || at > size_ || n > size_ - at) return std::nullopt;
  std::uint64_t v = 0;
  for (unsigned i = 0; i < n; ++i) {
    const unsigned k = endian == Endian::kBig ? i : n - 1 - i;
    v = (v << 8) | data_[at + k];
  }
  return v;
}

std::optional<std::uint8_t> ByteReader::U8() {
  auto v = UintAt(at_, 1, Endian::kBig);
  if (v) at_ += 1;
  return v ? std::optional<std::uint8_t>(static_cast<std::uint8_t>(*v)) : std::nullopt;
}

std::optional<std::uint16_t> ByteReader::U16(Endian endian) {
  auto v = U16At(at_, endian);
  if (v) at_ += 2;
  return v;
}

std::optional<std::uint32_t> ByteReader::U32(Endian endian) {
  auto v = U32At(at_, endian);
  if (v) at_ += 4;
  return v;
}

std::optional<std::uint64_t> ByteReader::U64(Endian endian) {
  auto v = UintAt(at_, 8, endian);
  if (v) at_ += 8;
  return v;
}

std::optional<std::uint64_t> ByteReader::BeN(unsigned n) {
  auto v = UintAt(at_, n, Endian::kBig);
  if (v) at_ += n;
  return v;
}

std::optional<std::string_view> ByteReader::Bytes(std::size_t n) {
  auto v = BytesAt(at_, n);
  if (v) at_ += n;
  return v;
}

std::optional<std::uint16_t> ByteReader::U16At(std::size_t at, Endian endian) const {
  auto v = UintAt(at, 2, endian);
  return v ? std::optional<std::uint16_t>(static_cast<std::uint16_t>(*v)) : std::nullopt;
}

std::optional<std::uint32_t> ByteReader::U32At(std::size_t at, Endian endian) const {
  auto v = UintAt(at, 4, endian);
  return v ? std::optional<std::uint32_t>(static_cast<std::uint32_t>(*v)) : std::nullopt;
}

std::optional<std::string_view> ByteReader::BytesAt(std::size_t at, std::size_t n) const {
  if (at > size_ || n > size_ - at) return std::nullopt;
  return std::string_view(reinterpret_cast<const char*>(data_ + at), n);
}

void AppendLe16(std::string* out, std::uint16_t v) {
  out->push_back(static_cast<char>(v & 0xFF));
  out->push_back(static_cast<char>(v >> 8));
}

void AppendLe32(std::string* out, std::uint32_t v) {
  AppendLe16(out, static_cast<std::uint16_t>(v & 0xFFFF));
  AppendLe16(out, static_cast<std::uint16_t>(v >> 16));
}

bool StoreLe32(std::string* out, std::size_t at, std::uint32_t v) {
  if (at > out->size() || out->size() - at < 4) return false;
  for (int i = 0; i < 4; ++i) (*out)[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
  return true;
}

}  // namespace base
