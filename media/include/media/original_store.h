// The original store: every original's bytes, content-addressed by SHA-256,
// under ROOT/ab/cd/<sha256>. An original is never modified after it is stored.
// A user's filename never becomes a path here: only hashes do.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "media/file_system.h"
#include "media/status.h"

namespace media {

// Thread-safe: several threads may Put, Read and Verify at once.
class OriginalStore {
 public:
  // `fs` is not owned and must outlive the store. `root` is created on demand.
  OriginalStore(FileSystem* fs, std::string root);

  // Stores `size` bytes whose SHA-256 is `sha256` (lower-case hex, computed by
  // the caller). On OK the original is durable: written to a temporary name in
  // the final directory, fsynced, renamed, and the directory fsynced. When the
  // same bytes are already stored nothing is written and `*already_present`
  // (if given) is set. On error nothing is left under the final name.
  Status Put(const std::uint8_t* data, std::size_t size, const std::string& sha256,
             bool* already_present = nullptr);

  // Stores the file at `source` by copying it (same durability as Put).
  Status PutFile(const std::string& source, const std::string& sha256,
                 bool* already_present = nullptr);

  bool Contains(const std::string& sha256) const;
  // ROOT/ab/cd/<sha256>; the file may not exist.
  std::string PathFor(const std::string& sha256) const;
  Result<std::string> Read(const std::string& sha256) const;
  // Re-hashes the stored bytes: Corrupt when they no longer match, NotFound
  // when the file is missing.
  Status Verify(const std::string& sha256) const;
  // Every stored hash (files whose names are not a SHA-256 are ignored).
  Result<std::vector<std::string>> List() const;
  // Temporary files left behind by an interrupted Put (paths).
  Result<std::vector<std::string>> ListTemporaries() const;
  // Removes the temporary files an interrupted Put left behind.
  Status RemoveTemporaries();
  // Removes the original of `sha256` for good (for `gallery gc`), durably:
  // its directory is synced. A missing file is not an error.
  Status Remove(const std::string& sha256);

  const std::string& root() const { return root_; }

 private:
  FileSystem* fs_;
  std::string root_;
};

}  // namespace media
