// The on-disk cache of encoded renditions, keyed by (photo key, rendition
// name, format). Layout: <root>/<key[0..2]>/<key>/<name>.<ext>; temporary files
// start with '.' and are never taken for entries.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/file_system.h"
#include "thumbnails/error.h"
#include "thumbnails/rendition_spec.h"

namespace thumbnails {

class RenditionCache {
 public:
  // `root` is trusted configuration; it is created on the first Put. Every
  // write (folders, the temporary file, its sync, the rename, the folder
  // sync) goes through `fs`, which must outlive the cache; tests pass a
  // fault-injecting one. Reads and removals use the disk directly.
  explicit RenditionCache(std::string root, base::FileSystem* fs = base::DefaultFileSystem());

  // True for a photo key: exactly 64 lowercase hex digits (a SHA-256).
  static bool IsValidKey(std::string_view key);

  // Every method validates its arguments first: a key that is not 64
  // lowercase hex digits, or a name not in the rendition table, gives
  // kInvalidArgument and touches nothing. All methods are safe to call from
  // several threads and processes at once.

  // Stores `bytes` atomically: written to a temporary file in the entry's
  // folder, fsynced, renamed over the entry, then the entry's folder, its
  // prefix folder, the root and the root's parent fsynced (any of them may
  // be new). A reader sees the
  // old entry or the whole new one, never part of a file. On failure nothing
  // is left behind and any previous entry is intact. Errors: kNoSpace,
  // kIOError.
  Result<void> Put(std::string_view key, const std::string& name, Format format,
                   std::string_view bytes) const;

  // The entry's bytes. Errors: kNotFound, kIOError.
  Result<std::string> Get(std::string_view key, const std::string& name, Format format) const;

  // Where the entry lives (whether or not it exists), for serving the file.
  Result<std::string> Path(std::string_view key, const std::string& name, Format format) const;

  // Whether the entry exists (false on an invalid argument).
  bool Has(std::string_view key, const std::string& name, Format format) const;

  // Removes every entry of `key` (and any temporary file left by a crash).
  // Removing a key with no entries succeeds. Errors: kIOError.
  Result<void> Remove(std::string_view key) const;

  // The keys with a folder in the cache, sorted. Errors: kIOError.
  Result<std::vector<std::string>> Keys() const;

  // The temporary files a Put interrupted by a crash left behind (paths,
  // sorted): only files named as Put names them
  // (".<name>.<ext>.tmp-<pid>-<n>-<n>" with a known rendition name and
  // format) in an entry folder (<root>/<key[0..2]>/<key>); nothing else in
  // the cache counts. No cache root: an empty list. Errors: kIOError.
  // Includes the temporaries of a Put running at the same time: call it when
  // no process writes to the cache.
  Result<std::vector<std::string>> ListTemporaries() const;

  // Removes the files ListTemporaries names and returns how many it removed;
  // a file already gone is not an error. Call it when no process writes to
  // the cache (at start-up): it would remove a running Put's temporary, and
  // that Put would fail with kIOError. Errors: kIOError.
  Result<std::size_t> RemoveTemporaries() const;

  const std::string& root() const { return root_; }

 private:
  std::string KeyDir(std::string_view key) const;
  std::string root_;
  base::FileSystem* fs_;
};

}  // namespace thumbnails
