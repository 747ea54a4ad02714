// Resumable uploads on disk: the bytes of a photo that arrive in pieces, kept
// until the last one comes or the upload expires. Each upload is two files in
// one folder: `<id>.info` (who sent it, its declared length, its metadata,
// when it expires, and once it is ingested the photo it became), written
// whole and durably (temporary, fsync, rename, folder fsync), and
// `<id>.part`, the bytes received so far, appended to and fsynced before an
// offset is acknowledged. The offset is the part file's size, so after a
// crash at any point it is at least the last offset acknowledged, and every
// byte up to it is one the client sent there.
//
// Thread-safe: every method may be called from several threads. One writer
// at a time per upload: a second Append while one runs is a Conflict.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "media/file_system.h"
#include "media/status.h"

namespace media {

struct UploadLimits {
  int max_open = 20;                                  // unfinished uploads per owner
  std::uint64_t max_open_bytes = std::uint64_t{5} << 30;  // their declared lengths, summed, per owner
  std::int64_t expiry_seconds = 24 * 3600;            // from creation
};

struct UploadInfo {
  std::string id;      // 32 lower-case hex digits
  std::string owner;   // the account that created it; no one else reaches it
  std::uint64_t length = 0;  // the whole file's size, as declared at creation
  std::uint64_t offset = 0;  // bytes durably received (length once finished)
  std::map<std::string, std::string> metadata;  // decoded Upload-Metadata pairs
  std::int64_t created = 0;  // Unix seconds
  std::int64_t expires = 0;  // Unix seconds; it is gone after that
  // Set once the bytes were handed over and an answer made: the photo (0
  // when the ingest refused it) and that answer's text, kept as the caller
  // gave it so a later look at the upload can repeat it.
  bool finished = false;
  std::int64_t photo_id = 0;
  int outcome_status = 0;
  std::string outcome;
};

class UploadStore {
 public:
  // Uploads under `dir` (created when missing). `fs` is not owned.
  UploadStore(std::string dir, UploadLimits limits, FileSystem* fs = DefaultFileSystem());

  // Makes the folder, its name made durable; IOError when it cannot be.
  Status Open();

  // A new upload of `length` bytes for `owner`, expiring limits.expiry_seconds
  // after `now`. LimitExceeded when the owner already has max_open unfinished
  // uploads; TooLarge when their lengths with this one pass max_open_bytes.
  Result<UploadInfo> Create(const std::string& owner, std::uint64_t length,
                            std::map<std::string, std::string> metadata, std::int64_t now);

  // The upload `id` as it stands; NotFound when there is none, or it expired
  // before `now`.
  Result<UploadInfo> Get(const std::string& id, std::int64_t now);

  // Appends `bytes` at `offset`, fsynced before it returns: the new state.
  // The caller holds Claim(id). NotFound as Get; Conflict when `offset` is
  // not the upload's offset or it is finished; TooLarge when the bytes pass
  // its length. Nothing is written on an error found before writing.
  Result<UploadInfo> Append(const std::string& id, std::uint64_t offset, std::string_view bytes,
                            std::int64_t now);

  // The whole received file, for an upload whose offset reached its length.
  // `*path` (when given) is set to the file holding those bytes: durable,
  // and never written again, so the original store may take it as the
  // original (a second name for it) before Finish removes this one.
  Result<std::string> ReadComplete(const std::string& id, std::string* path = nullptr);
  // As ReadComplete, without reading the bytes: for a caller that holds
  // them already (the whole file came in one request).
  Status CheckComplete(const std::string& id, std::string* path);

  // Records that the upload became `photo_id` (0: refused) with the answer
  // `outcome_status`/`outcome`, and removes its bytes. The caller holds
  // Claim(id).
  Status Finish(const std::string& id, std::int64_t photo_id, int outcome_status,
                const std::string& outcome);

  // Marks `id` as being written to or finished by the caller (one at a
  // time): false when another holds it. Release gives it back.
  bool Claim(const std::string& id);
  void Release(const std::string& id);

  // Removes the upload (its bytes and its record). NotFound as Get.
  Status Remove(const std::string& id);

  // Removes every upload that expired before `now` and every file the store
  // does not know (temporaries left by a crash); the number of uploads removed.
  int Sweep(std::int64_t now);

  const UploadLimits& limits() const { return limits_; }

 private:
  std::string InfoPath(const std::string& id) const;
  std::string PartPath(const std::string& id) const;
  Result<UploadInfo> ReadInfo(const std::string& id);
  Status WriteInfo(const UploadInfo& info);
  // Every upload's record, unexpired or not.
  std::vector<UploadInfo> ListAll();

  std::string dir_;
  UploadLimits limits_;
  FileSystem* fs_;
  std::mutex mu_;                 // guards busy_ and serialises Create's quota check
  std::set<std::string> busy_;   // uploads being appended to or finished
};

// Whether `id` has the shape of an upload's id (so it may name a file).
bool IsUploadId(const std::string& id);

}  // namespace media
