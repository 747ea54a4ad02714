// The original store: every original's bytes, content-addressed by SHA-256,
// under the key ab/cd/<sha256> of a blob store (a local folder, ROOT/ab/cd/
// <sha256>, or S3-compatible object storage). An original is never modified
// after it is stored. A user's filename never becomes a key here: only
// hashes do.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "media/blob_store.h"
#include "media/file_system.h"
#include "media/status.h"

namespace media {

// Thread-safe: several threads may Put, Read and Verify at once.
class OriginalStore {
 public:
  // The folder store under `root`. `fs` is not owned and must outlive the
  // store. `root` is created on demand.
  OriginalStore(FileSystem* fs, std::string root);
  // The originals in `blobs` (keys ab/cd/<sha256>).
  explicit OriginalStore(std::unique_ptr<BlobStore> blobs);

  // Stores `size` bytes whose SHA-256 is `sha256` (lower-case hex, computed by
  // the caller). On OK the original is durable (see BlobStore::Put: in a
  // folder written to a temporary name in the final directory, fsynced,
  // renamed, and the directories fsynced; in object storage the PUT
  // acknowledged). When the same bytes are already stored nothing is written
  // and `*already_present` (if given) is set. On error nothing is left under
  // the final name; Busy when the object store cannot be reached.
  Status Put(const std::uint8_t* data, std::size_t size, const std::string& sha256,
             bool* already_present = nullptr);

  // As Put, for bytes that the file at `source` holds too, already durable
  // and never written again (a finished resumable upload): the folder store
  // takes that file as the original (a hard link) instead of writing the
  // bytes again; the object store PUTs them. `source` stays.
  Status Adopt(const std::string& source, const std::uint8_t* data, std::size_t size, const std::string& sha256,
               bool* already_present = nullptr);

  // Stores the file at `source` by copying it (same durability as Put).
  Status PutFile(const std::string& source, const std::string& sha256,
                 bool* already_present = nullptr);

  // OK when stored, NotFound when not; other errors when the store cannot say.
  Status Has(const std::string& sha256) const;
  bool Contains(const std::string& sha256) const { return Has(sha256).ok(); }
  // The key of an original in the blob store: ab/cd/<sha256>.
  static std::string KeyFor(const std::string& sha256);
  Result<std::string> Read(const std::string& sha256) const;
  // Bytes [offset, offset + length) of the original, streamed to `sink`.
  Status ReadRange(const std::string& sha256, std::uint64_t offset, std::uint64_t length,
                   const ByteSink& sink) const;
  Result<std::uint64_t> Size(const std::string& sha256) const;
  // Re-hashes the stored bytes: Corrupt when they no longer match, NotFound
  // when the original is missing.
  Status Verify(const std::string& sha256) const;
  // Every stored hash (keys that are not ab/cd/<sha256> are ignored).
  Result<std::vector<std::string>> List() const;
  // What an interrupted Put left behind (temporary files by path, or
  // unfinished multipart uploads).
  Result<std::vector<std::string>> ListTemporaries() const;
  // Removes what an interrupted Put left behind.
  Status RemoveTemporaries();
  // Removes the original of `sha256` for good (for `gallery gc`), durably.
  // A missing original is not an error.
  Status Remove(const std::string& sha256);

  // Where the original of `sha256` lives, for messages.
  std::string Describe(const std::string& sha256) const { return blobs_->Describe(KeyFor(sha256)); }
  BlobStore& blobs() { return *blobs_; }

 private:
  // OK with *already_present when the original is stored already; else runs
  // `write` for a valid hash.
  Status StoreOnce(const std::string& sha256, bool* already_present, const std::function<Status()>& write);
  std::unique_ptr<BlobStore> blobs_;
};

}  // namespace media
