// A ZIP archive written as it is built, for downloads: each entry is
// stored (no compression), its CRC-32 computed before its local header is
// written, so the archive needs no data descriptors and no seeking. Names
// are UTF-8 (flag bit 11). No ZIP64: an archive stays under 4 GiB and
// 65535 entries, and Add refuses what would pass either limit.
//
// Not thread-safe: one writer per archive, used by one thread at a time.
#pragma once

#include <cstdint>
#include <ctime>
#include <functional>
#include <set>
#include <string>
#include <string_view>

namespace gallery::http {

// The CRC-32 (ISO-HDLC, as ZIP uses) of `data`, continuing from `crc`.
std::uint32_t Crc32(std::string_view data, std::uint32_t crc = 0);

// `name` made safe as a ZIP entry name: no '/', '\\', control characters,
// NUL or bidirectional marks; invalid UTF-8 bytes become '_'; no leading or
// trailing dots and spaces (so never "." or ".."); at most 200 bytes (the
// extension kept); "photo" when nothing is left.
std::string SafeEntryName(const std::string& name);

class ZipStreamWriter {
 public:
  // `sink` receives the archive's bytes in order; it returns false when the
  // bytes cannot be delivered (the reader is gone), and the writer then
  // stops. `sink` must outlive the writer.
  explicit ZipStreamWriter(std::function<bool(std::string_view)> sink);

  // Writes one entry: `name` made safe (SafeEntryName) and unique in the
  // archive ("name.jpg", "name (2).jpg", compared without regard to case),
  // holding `data`, dated `mtime` (local time of the archive's reader is
  // not known: UTC is written). Returns false, writing nothing, when the
  // archive would pass 4 GiB or 65535 entries, or when the sink failed (now
  // or earlier); error() says which.
  bool Add(const std::string& name, std::string_view data, std::time_t mtime);

  // Writes the central directory and the end record. False when the sink
  // failed. Nothing may be added afterwards.
  bool Finish();

  // The name the last successful Add stored.
  const std::string& last_name() const { return last_name_; }
  // Why the last call failed, or "".
  const std::string& error() const { return error_; }
  // Bytes given to the sink so far.
  std::uint64_t bytes_written() const { return offset_; }

 private:
  std::string UniqueName(const std::string& safe);
  bool Emit(std::string_view bytes);

  std::function<bool(std::string_view)> sink_;
  std::string central_;  // the central directory, grown entry by entry
  std::set<std::string> taken_;  // lower-cased names already used
  std::uint64_t offset_ = 0;
  std::uint32_t entries_ = 0;
  bool failed_ = false, finished_ = false;
  std::string last_name_, error_;
};

}  // namespace gallery::http
