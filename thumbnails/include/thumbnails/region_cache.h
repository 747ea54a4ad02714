// The on-disk cache of rendered regions (the image service's tiles and
// sizes), with a byte cap and least-recently-used eviction. Layout:
// <root>/<key[0..2]>/<key>/v<version>-<name>; temporary files start with
// '.' and are never taken for entries. Entries are plain files written
// with a rename: a crash leaves an old entry, a whole new one, or a
// temporary the next start removes (no sync: anything lost is rendered
// again).
#pragma once

#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "thumbnails/error.h"

namespace thumbnails {

class RegionCache {
 public:
  // Reads what `root` (trusted configuration; created on the first Put)
  // holds: every entry counted, the least recently written first in line
  // for eviction, temporaries removed, then entries evicted down to
  // `max_bytes`. A cap of 0 keeps nothing.
  RegionCache(std::string root, std::uint64_t max_bytes);

  // True for an entry name: 1 to 160 of [0-9a-z.,!-], not starting with '.'.
  static bool IsValidName(std::string_view name);

  // The entry's bytes, which become the most recently used; nullopt when
  // there is none (or the arguments are not a key and a name).
  std::optional<std::string> Get(std::string_view key, std::int64_t version, const std::string& name);

  // Stores `bytes` as the most recently used entry, removes the key's
  // entries of any other version (the photo changed), then evicts the least
  // recently used entries until the cache holds at most its cap. An entry
  // larger than the cap is not stored. Errors: kInvalidArgument (key or
  // name), kIOError, kNoSpace.
  Result<void> Put(std::string_view key, std::int64_t version, const std::string& name, std::string_view bytes);

  // Removes every entry of `key` (a photo deleted). Errors: kInvalidArgument, kIOError.
  Result<void> Remove(std::string_view key);

  // The keys that have entries or a folder, read from disk, sorted.
  std::vector<std::string> Keys() const;

  std::uint64_t bytes() const;
  std::size_t entries() const;
  const std::string& root() const { return root_; }

 private:
  struct Entry {
    std::uint64_t size = 0;
    std::list<std::string>::iterator use;  // its place in `lru_`
  };
  std::string KeyDir(std::string_view key) const;
  // Each with mu_ held.
  void Forget(const std::string& path);
  void Touch(const std::string& path);
  void Evict();

  std::string root_;
  std::uint64_t max_bytes_;
  mutable std::mutex mu_;
  std::list<std::string> lru_;  // paths, most recently used first
  std::unordered_map<std::string, Entry> index_;
  std::uint64_t bytes_ = 0;
  std::uint64_t counter_ = 0;
};

}  // namespace thumbnails
