// SHA-256, the identity of an original: the same bytes are one photo.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "media/status.h"

namespace media {

// Incremental hasher. Not thread-safe; one per thread.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(const void* data, std::size_t size);
  // 64 lower-case hex digits. The hasher cannot be updated afterwards.
  std::string FinishHex();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The hex digest of a buffer.
std::string Sha256Hex(const void* data, std::size_t size);
// The hex digest of a file's bytes, read in chunks; IOError if unreadable.
Result<std::string> Sha256OfFile(const std::string& path);
// True when `s` is 64 lower-case hex digits.
bool IsSha256Hex(const std::string& s);

}  // namespace media
