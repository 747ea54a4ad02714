#include "thumbnails/pyramid_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "cache_files.h"
#include "thumbnails/rendition_cache.h"

namespace thumbnails {

namespace {

Error IoError(const std::string& what, const std::string& path, int err) {
  return FileError("pyramid store: " + what, path, err);
}

Error BadKey() { return Error{Error::kInvalidArgument, "pyramid store: a photo key is 64 lowercase hex digits"}; }

std::string FileName(std::int64_t version) { return "v" + std::to_string(version) + ".tif"; }

// The file at `path` mapped read-only; nullptr when there is none.
std::shared_ptr<const PyramidStore::Mapped> MapFile(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    close(fd);
    return nullptr;
  }
  void* data = nullptr;
  if (st.st_size > 0) {
    data = mmap(nullptr, std::size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (data == MAP_FAILED) data = nullptr;
  }
  close(fd);
  // An empty (or unmappable) file reads as no bytes: the loader finds it damaged.
  return std::make_shared<const PyramidStore::Mapped>(data, data ? std::size_t(st.st_size) : 0);
}

bool MkdirAll(const std::string& path) {
  for (std::size_t at = 1; at <= path.size(); ++at) {
    if (at != path.size() && path[at] != '/') continue;
    const std::string part = path.substr(0, at);
    if (mkdir(part.c_str(), 0755) != 0 && errno != EEXIST) return false;
  }
  return true;
}

}  // namespace

PyramidStore::Mapped::~Mapped() {
  if (data_) munmap(data_, size_);
}

PyramidStore::PyramidStore(std::string root) : root_(std::move(root)) {
  for (const std::string& prefix : ListDir(root_)) {
    if (prefix.size() != 2) continue;
    for (const std::string& key : ListDir(root_ + "/" + prefix)) {
      const std::string dir = root_ + "/" + prefix + "/" + key;
      for (const std::string& name : ListDir(dir))
        if (name.front() == '.') unlink((dir + "/" + name).c_str());
    }
  }
}

std::string PyramidStore::KeyDir(std::string_view key) const {
  return root_ + "/" + std::string(key.substr(0, 2)) + "/" + std::string(key);
}

std::string PyramidStore::PathOf(std::string_view key, std::int64_t version) const {
  return KeyDir(key) + "/" + FileName(version);
}

Result<std::shared_ptr<const PyramidStore::Mapped>> PyramidStore::Get(std::string_view key, std::int64_t version,
                                                                       const Make& make,
                                                                       std::chrono::milliseconds wait) {
  if (!RenditionCache::IsValidKey(key)) return BadKey();
  const std::string id = std::string(key) + "/" + FileName(version);
  const std::string path = PathOf(key, version);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  {
    std::unique_lock<std::mutex> lock(mu_);
    while (true) {
      if (auto failed = failed_.find(id); failed != failed_.end()) return failed->second;
      if (!making_.count(std::string(key))) {
        if (auto mapped = MapFile(path)) return mapped;
        making_.insert(std::string(key));
        break;
      }
      if (done_.wait_until(lock, deadline) == std::cv_status::timeout && making_.count(std::string(key)))
        return Error{Error::kInternal, "pyramid store: " + id + " is still being made"};
    }
  }
  // This caller makes it; the others wait above.
  auto finish = [&](std::optional<Error> failure) {
    std::lock_guard<std::mutex> lock(mu_);
    making_.erase(std::string(key));
    // What the photo's bytes cause is remembered; a passing failure (the
    // disk, the store) is tried again next time.
    const bool lasting = failure && (failure->kind == Error::kUnsupported || failure->kind == Error::kCorrupt ||
                                     failure->kind == Error::kTooLarge);
    if (lasting) failed_[id] = *failure;
    else ++made_;
    done_.notify_all();
  };
  auto bytes = make();
  if (!bytes.ok()) {
    finish(bytes.error());
    return bytes.error();
  }
  const std::string dir = KeyDir(key);
  const std::string temp = dir + "/." + FileName(version) + ".tmp-" + std::to_string(getpid()) + "-" +
                           std::to_string(__atomic_add_fetch(&counter_, 1, __ATOMIC_RELAXED));
  auto store = [&]() -> Result<void> {
    if (!MkdirAll(dir)) return IoError("cannot create folder", dir, errno);
    const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return IoError("cannot create", temp, errno);
    std::string_view left = bytes.value();
    while (!left.empty()) {
      const ssize_t n = write(fd, left.data(), left.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        const int err = n < 0 ? errno : EIO;
        close(fd);
        unlink(temp.c_str());
        return IoError("cannot write", temp, err);
      }
      left.remove_prefix(std::size_t(n));
    }
    if (close(fd) != 0 || rename(temp.c_str(), path.c_str()) != 0) {
      const int err = errno;
      unlink(temp.c_str());
      return IoError("cannot store", path, err);
    }
    // The key's other versions (the photo changed) go.
    for (const std::string& name : ListDir(dir))
      if (name != FileName(version) && name.front() != '.') unlink((dir + "/" + name).c_str());
    return {};
  };
  if (auto stored = store(); !stored.ok()) {
    finish(stored.error());
    return stored.error();
  }
  auto mapped = MapFile(path);
  finish(std::nullopt);
  if (!mapped) return IoError("cannot open", path, errno);
  return mapped;
}

void PyramidStore::Discard(std::string_view key, std::int64_t version) {
  if (!RenditionCache::IsValidKey(key)) return;
  std::lock_guard<std::mutex> lock(mu_);
  failed_.erase(std::string(key) + "/" + FileName(version));
  unlink(PathOf(key, version).c_str());
}

Result<void> PyramidStore::Remove(std::string_view key) {
  if (!RenditionCache::IsValidKey(key)) return BadKey();
  const std::string dir = KeyDir(key);
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = failed_.begin(); it != failed_.end();)
    it = it->first.compare(0, key.size(), key) == 0 ? failed_.erase(it) : std::next(it);
  for (const std::string& name : ListDir(dir)) {
    const std::string path = dir + "/" + name;
    if (unlink(path.c_str()) != 0 && errno != ENOENT) return IoError("cannot remove", path, errno);
  }
  if (rmdir(dir.c_str()) != 0 && errno != ENOENT) return IoError("cannot remove folder", dir, errno);
  return {};
}

std::vector<std::string> PyramidStore::Keys() const {
  std::vector<std::string> keys;
  for (const std::string& prefix : ListDir(root_)) {
    if (prefix.size() != 2) continue;
    for (const std::string& key : ListDir(root_ + "/" + prefix))
      if (RenditionCache::IsValidKey(key) && key.compare(0, 2, prefix) == 0) keys.push_back(key);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::uint64_t PyramidStore::made() const {
  std::lock_guard<std::mutex> lock(mu_);
  return made_;
}

}  // namespace thumbnails
