// The one byte coder: bounds-checked reads of big- and little-endian integers
// from a buffer the caller owns, and little-endian appends for writers. A
// read that does not fit returns nullopt and leaves the position where it
// was; no read ever goes past the end, whatever the input declares.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace base {

enum class Endian { kBig, kLittle };

// A cursor over [data, data + size). Does not own the bytes; they must
// outlive it. Not thread-safe (it moves); copies are independent.
class ByteReader {
 public:
  ByteReader(const void* data, std::size_t size)
      : data_(static_cast<const std::uint8_t*>(data)), size_(size) {}
  explicit ByteReader(std::string_view bytes) : ByteReader(bytes.data(), bytes.size()) {}

  std::size_t size() const { return size_; }
  std::size_t position() const { return at_; }
  std::size_t remaining() const { return size_ - at_; }

  // Moves to `at` (absolute) or `n` bytes on; false (and no move) when that
  // is past the end.
  bool Seek(std::size_t at);
  bool Skip(std::size_t n);

  // Reads at the position and moves past what was read.
  std::optional<std::uint8_t> U8();
  std::optional<std::uint16_t> U16(Endian endian);
  std::optional<std::uint32_t> U32(Endian endian);
  std::optional<std::uint64_t> U64(Endian endian);
  std::optional<std::uint16_t> Be16() { return U16(Endian::kBig); }
  std::optional<std::uint32_t> Be32() { return U32(Endian::kBig); }
  std::optional<std::uint16_t> Le16() { return U16(Endian::kLittle); }
  std::optional<std::uint32_t> Le32() { return U32(Endian::kLittle); }
  // An unsigned big-endian field of `n` bytes (0 to 8; 0 reads nothing and
  // gives 0), as ISO-BMFF writes variable-width fields.
  std::optional<std::uint64_t> BeN(unsigned n);
  // The next `n` bytes, viewing the buffer.
  std::optional<std::string_view> Bytes(std::size_t n);

  // Reads at an absolute offset without moving.
  std::optional<std::uint16_t> U16At(std::size_t at, Endian endian) const;
  std::optional<std::uint32_t> U32At(std::size_t at, Endian endian) const;
  std::optional<std::uint32_t> Be32At(std::size_t at) const { return U32At(at, Endian::kBig); }
  std::optional<std::uint32_t> Le32At(std::size_t at) const { return U32At(at, Endian::kLittle); }
  std::optional<std::string_view> BytesAt(std::size_t at, std::size_t n) const;

 private:
  std::optional<std::uint64_t> UintAt(std::size_t at, unsigned n, Endian endian) const;
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

// Appends `v` in little-endian order (2 or 4 bytes), as ZIP and RIFF write.
void AppendLe16(std::string* out, std::uint16_t v);
void AppendLe32(std::string* out, std::uint32_t v);
// Overwrites the 4 bytes at `at` with `v` little-endian; false (nothing
// written) when they do not fit in `*out`.
bool StoreLe32(std::string* out, std::size_t at, std::uint32_t v);

}  // namespace base
