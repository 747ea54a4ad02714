// The one door to the file system for durable writes (the archive's original
// store and the rendition cache), so tests can inject faults (drop unsynced
// data, fail with ENOSPC) and prove that the write order is right. All paths are absolute or relative to the process's
// working directory; none of them ever comes from a user's filename.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

namespace base {

// A file being written. Not thread-safe; one writer per file.
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual Status Append(const void* data, std::size_t size) = 0;
  // Flushes the file's data to stable storage (fsync).
  virtual Status Sync() = 0;
  // Closes the file; safe to call once. The destructor closes it if needed.
  virtual Status Close() = 0;
};

// Thread-safe: every method may be called from several threads.
class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // Creates (or truncates) `path` for writing.
  virtual Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) = 0;
  // Opens the existing `path` for writing at its end (NotFound when it does
  // not exist). A file system that cannot append answers Unsupported.
  virtual Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) {
    return Status::Unsupported("appending to " + path + " is not supported here");
  }
  // Atomically replaces `to` with `from` (rename(2)).
  virtual Status Rename(const std::string& from, const std::string& to) = 0;
  // Gives the file `existing` the second name `new_path` (link(2)): the same
  // bytes under both, nothing copied. `new_path` must not exist. A file
  // system that cannot (or not across these two folders) answers Unsupported.
  virtual Status Link(const std::string& existing, const std::string& new_path) {
    return Status::Unsupported("linking " + existing + " to " + new_path + " is not supported here");
  }
  // Makes the directory's entries (creates, renames) durable (fsync on the dir).
  virtual Status SyncDir(const std::string& dir) = 0;
  // mkdir -p; OK when it exists already.
  virtual Status CreateDirs(const std::string& dir) = 0;
  virtual Status RemoveFile(const std::string& path) = 0;
  virtual bool FileExists(const std::string& path) = 0;
  virtual Result<std::uint64_t> FileSize(const std::string& path) = 0;
  // Reads the whole file.
  virtual Result<std::string> ReadFile(const std::string& path) = 0;
  // Names (not paths) of the entries of `dir`, without "." and "..".
  virtual Result<std::vector<std::string>> ListDir(const std::string& dir) = 0;
};

// The real, POSIX file system. Never deleted; shared by everyone.
FileSystem* DefaultFileSystem();

}  // namespace base
