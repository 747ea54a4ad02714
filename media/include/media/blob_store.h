// The blob store: named byte strings (originals, by content hash) kept either
// in a local folder (the default: one machine) or in S3-compatible object
// storage (beyond one machine). The original store is written against this
// interface only, so both keep the same promises. Keys are relative paths of
// safe characters ("ab/cd/<sha256>"): never a user's filename.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "media/file_system.h"
#include "media/status.h"

namespace media {

// Receives a stream of bytes piece by piece; false stops the transfer.
using ByteSink = std::function<bool(std::string_view piece)>;

// Thread-safe: every method may be called from several threads at once.
// Errors: NotFound (no such key), IOError (the medium failed), NoSpace, and
// Busy when the object store cannot be reached or answers that it is
// overloaded (the caller may retry later; nothing half-written is visible).
class BlobStore {
 public:
  virtual ~BlobStore() = default;

  // Stores `bytes` under `key`, replacing what was there. On OK the bytes are
  // durable (folder: written to a temporary name, fsynced, renamed, folders
  // synced; object store: the PUT, or every part and the completion of a
  // multipart upload, acknowledged with the bytes' digest checked). On error
  // nothing is left under `key` that was not there before.
  virtual Status Put(const std::string& key, std::string_view bytes) = 0;
  // Stores under `key` the bytes of the file at `path`, which the caller has
  // already made durable (fsynced) and never writes again; `bytes` are the
  // same bytes, in memory. The same promises as Put. The folder store gives
  // the file a second name (a hard link: the bytes are neither written nor
  // fsynced a second time), and writes `bytes` as Put does when the file
  // system cannot link there; the object store PUTs `bytes`. The file at
  // `path` stays (its owner removes it).
  virtual Status Adopt(const std::string& key, const std::string& path, std::string_view bytes) {
    (void)path;
    return Put(key, bytes);
  }
  // The whole value.
  virtual Result<std::string> Get(const std::string& key) const = 0;
  // Bytes [offset, offset + length) handed to `sink` as they arrive, never
  // held whole. InvalidArgument when the range is not inside the value; an
  // IOError when `sink` stops the transfer.
  virtual Status GetRange(const std::string& key, std::uint64_t offset, std::uint64_t length,
                          const ByteSink& sink) const = 0;
  // The value's size in bytes.
  virtual Result<std::uint64_t> Size(const std::string& key) const = 0;
  // Removes the value for good; a missing key is not an error.
  virtual Status Remove(const std::string& key) = 0;
  // Every key starting with `prefix`, in no particular order.
  virtual Result<std::vector<std::string>> List(const std::string& prefix) const = 0;
  // What an interrupted Put left behind under `prefix` (folder: temporary
  // files, by path; object store: unfinished multipart uploads, as
  // "key (upload UPLOAD-ID)"), for `gallery check`.
  virtual Result<std::vector<std::string>> ListLeftovers(const std::string& prefix) const = 0;
  // Removes those leftovers (only safe when no other writer is at work).
  virtual Status RemoveLeftovers(const std::string& prefix) = 0;
  // Where `key` lives, for messages ("DIR/ab/cd/x", "s3://bucket/ab/cd/x").
  virtual std::string Describe(const std::string& key) const = 0;
  // True when processes on other machines may write this store too, so a
  // lone process on this one may not clear leftovers at start.
  virtual bool SharedAcrossMachines() const = 0;
};

// The folder store: `key` lives at ROOT/key. `fs` is not owned and must
// outlive the store; `root` is created on demand.
std::unique_ptr<BlobStore> NewFolderBlobStore(FileSystem* fs, std::string root);

// The prefix of an interrupted Put's temporary file in the folder store.
extern const char kFolderTempPrefix[];

}  // namespace media
