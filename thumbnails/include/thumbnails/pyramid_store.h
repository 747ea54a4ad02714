// The tiled pyramids of photos (MakePyramid), one file a photo, kept with
// its renditions: <root>/<key[0..2]>/<key>/v<version>.tif. A pyramid is made
// at most once at a time per photo: whoever asks while it is being made
// waits for that making. Files are written to a '.'-temporary and renamed,
// never changed in place (they are read through a memory map); a crash
// leaves an old file, a whole new one or a temporary the next start removes.
// No sync: a pyramid lost or damaged is found out when read (kCorrupt) and
// made again.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "thumbnails/error.h"

namespace thumbnails {

class PyramidStore {
 public:
  // A pyramid's bytes, mapped read-only for as long as the object lives.
  class Mapped {
   public:
    Mapped(void* data, std::size_t size) : data_(data), size_(size) {}
    ~Mapped();
    Mapped(const Mapped&) = delete;
    Mapped& operator=(const Mapped&) = delete;
    std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

   private:
    void* data_;
    std::size_t size_;
  };
  using Make = std::function<Result<std::string>()>;

  // `root` is trusted configuration, created on the first store. Leftover
  // temporaries are removed.
  explicit PyramidStore(std::string root);

  // The pyramid of `key` (a SHA-256 in lowercase hex) at `version`: the file
  // when there is one; else made now by `make`, stored (the key's other
  // versions removed) and returned. While one caller makes it, the others
  // wait (at most `wait`, then kInternal) and get the same file. A making
  // that fails for the photo's bytes (kUnsupported, kCorrupt, kTooLarge) is
  // remembered: asked again, the same error at once, until Discard or Remove. Errors: kInvalidArgument (key), those of `make`,
  // kIOError/kNoSpace (storing).
  Result<std::shared_ptr<const Mapped>> Get(std::string_view key, std::int64_t version, const Make& make,
                                            std::chrono::milliseconds wait = std::chrono::seconds(60));

  // Removes the key's pyramid at `version`, found damaged, so that the next
  // Get makes it again.
  void Discard(std::string_view key, std::int64_t version);

  // Removes every pyramid of `key` (a photo deleted). Errors: kInvalidArgument, kIOError.
  Result<void> Remove(std::string_view key);

  // The keys that have a folder, read from disk, sorted.
  std::vector<std::string> Keys() const;

  // How many pyramids this object has made (stored) since it was created.
  std::uint64_t made() const;
  const std::string& root() const { return root_; }
  std::string PathOf(std::string_view key, std::int64_t version) const;

 private:
  std::string KeyDir(std::string_view key) const;

  std::string root_;
  mutable std::mutex mu_;
  std::condition_variable done_;
  std::set<std::string> making_;             // keys being made
  std::map<std::string, Error> failed_;      // "<key>/v<version>" whose making failed
  std::uint64_t made_ = 0;
  std::uint64_t counter_ = 0;
};

}  // namespace thumbnails
