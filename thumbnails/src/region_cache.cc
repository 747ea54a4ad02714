#include "thumbnails/region_cache.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "cache_files.h"
#include "thumbnails/rendition_cache.h"

namespace thumbnails {

namespace {

Error IoError(const std::string& what, const std::string& path, int err) {
  return FileError("region cache: " + what, path, err);
}

std::string VersionPrefix(std::int64_t version) { return "v" + std::to_string(version) + "-"; }

}  // namespace

bool RegionCache::IsValidName(std::string_view name) {
  if (name.empty() || name.size() > 160 || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '.' || c == ',' || c == '!' || c == '-';
  });
}

RegionCache::RegionCache(std::string root, std::uint64_t max_bytes) : root_(std::move(root)), max_bytes_(max_bytes) {
  struct Found {
    std::string path;
    std::uint64_t size;
    std::int64_t mtime_ns;
  };
  std::vector<Found> found;
  for (const std::string& prefix : ListDir(root_)) {
    if (prefix.size() != 2) continue;
    for (const std::string& key : ListDir(root_ + "/" + prefix)) {
      if (!RenditionCache::IsValidKey(key) || key.compare(0, 2, prefix) != 0) continue;
      const std::string dir = root_ + "/" + prefix + "/" + key;
      for (const std::string& name : ListDir(dir)) {
        const std::string path = dir + "/" + name;
        struct stat st {};
        if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
        if (name.front() == '.') {
          unlink(path.c_str());  // a Put a crash interrupted
          continue;
        }
        found.push_back({path, std::uint64_t(st.st_size),
                         std::int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec});
      }
    }
  }
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.mtime_ns > b.mtime_ns; });
  std::lock_guard<std::mutex> lock(mu_);
  for (const Found& f : found) {
    lru_.push_back(f.path);
    index_[f.path] = Entry{f.size, std::prev(lru_.end())};
    bytes_ += f.size;
  }
  Evict();
}

std::string RegionCache::KeyDir(std::string_view key) const {
  return root_ + "/" + std::string(key.substr(0, 2)) + "/" + std::string(key);
}

void RegionCache::Forget(const std::string& path) {
  auto it = index_.find(path);
  if (it == index_.end()) return;
  bytes_ -= it->second.size;
  lru_.erase(it->second.use);
  index_.erase(it);
}

void RegionCache::Touch(const std::string& path) {
  auto it = index_.find(path);
  if (it == index_.end()) return;
  lru_.splice(lru_.begin(), lru_, it->second.use);
}

void RegionCache::Evict() {
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    const std::string path = lru_.back();
    unlink(path.c_str());
    Forget(path);
  }
}

std::optional<std::string> RegionCache::Get(std::string_view key, std::int64_t version, const std::string& name) {
  if (!RenditionCache::IsValidKey(key) || !IsValidName(name)) return std::nullopt;
  const std::string path = KeyDir(key) + "/" + VersionPrefix(version) + name;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!index_.count(path)) return std::nullopt;
    Touch(path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::lock_guard<std::mutex> lock(mu_);
    Forget(path);  // removed behind our back
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<void> RegionCache::Put(std::string_view key, std::int64_t version, const std::string& name,
                              std::string_view bytes) {
  if (!RenditionCache::IsValidKey(key))
    return Error{Error::kInvalidArgument, "region cache: a photo key is 64 lowercase hex digits"};
  if (!IsValidName(name)) return Error{Error::kInvalidArgument, "region cache: bad entry name '" + name + "'"};
  if (bytes.size() > max_bytes_) return {};
  const std::string dir = KeyDir(key);
  const std::string entry = VersionPrefix(version) + name;
  const std::string path = dir + "/" + entry;
  for (const std::string& d : {root_, root_ + "/" + std::string(key.substr(0, 2)), dir}) {
    if (mkdir(d.c_str(), 0755) != 0 && errno != EEXIST) return IoError("cannot make", d, errno);
  }
  std::uint64_t n;
  {
    std::lock_guard<std::mutex> lock(mu_);
    n = ++counter_;
  }
  const std::string temp = dir + "/." + entry + ".tmp-" + std::to_string(getpid()) + "-" + std::to_string(n);
  int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return IoError("cannot write", temp, errno);
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t w = write(fd, bytes.data() + done, bytes.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      const int err = errno;
      close(fd);
      unlink(temp.c_str());
      return IoError("cannot write", temp, err);
    }
    done += std::size_t(w);
  }
  if (close(fd) != 0 || rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    unlink(temp.c_str());
    return IoError("cannot store", path, err);
  }
  std::lock_guard<std::mutex> lock(mu_);
  Forget(path);
  lru_.push_front(path);
  index_[path] = Entry{bytes.size(), lru_.begin()};
  bytes_ += bytes.size();
  // The key's entries of other versions show a photo as it no longer is.
  const std::string same_version = dir + "/" + VersionPrefix(version);
  std::vector<std::string> stale;
  for (const auto& [p, e] : index_) {
    if (p.compare(0, dir.size() + 1, dir + "/") == 0 && p.compare(0, same_version.size(), same_version) != 0)
      stale.push_back(p);
  }
  for (const std::string& p : stale) {
    unlink(p.c_str());
    Forget(p);
  }
  Evict();
  return {};
}

Result<void> RegionCache::Remove(std::string_view key) {
  if (!RenditionCache::IsValidKey(key))
    return Error{Error::kInvalidArgument, "region cache: a photo key is 64 lowercase hex digits"};
  const std::string dir = KeyDir(key);
  std::lock_guard<std::mutex> lock(mu_);
  for (const std::string& name : ListDir(dir)) {
    const std::string path = dir + "/" + name;
    if (unlink(path.c_str()) != 0 && errno != ENOENT) return IoError("cannot remove", path, errno);
    Forget(path);
  }
  if (rmdir(dir.c_str()) != 0 && errno != ENOENT) return IoError("cannot remove folder", dir, errno);
  return {};
}

std::vector<std::string> RegionCache::Keys() const {
  std::vector<std::string> keys;
  for (const std::string& prefix : ListDir(root_)) {
    if (prefix.size() != 2) continue;
    for (const std::string& key : ListDir(root_ + "/" + prefix)) {
      if (RenditionCache::IsValidKey(key) && key.compare(0, 2, prefix) == 0) keys.push_back(key);
    }
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::uint64_t RegionCache::bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return bytes_;
}

std::size_t RegionCache::entries() const {
  std::lock_guard<std::mutex> lock(mu_);
  return index_.size();
}

}  // namespace thumbnails
