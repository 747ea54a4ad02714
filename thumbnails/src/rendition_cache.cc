#include "thumbnails/rendition_cache.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>

#include "base/durable_file.h"
#include "cache_files.h"

namespace thumbnails {

namespace {

Result<void> CheckEntry(std::string_view key, const std::string& name) {
  if (!RenditionCache::IsValidKey(key))
    return Error{Error::kInvalidArgument,
                 "rendition cache: a photo key is 64 lowercase hex digits"};
  if (!FindRendition(name))
    return Error{Error::kInvalidArgument, "rendition cache: unknown rendition name"};
  return {};
}

// The base layer's Status as the cache's Error: a full disk stays kNoSpace,
// every other failure of the file system is kIOError.
Result<void> FromStatus(const base::Status& status) {
  if (status.ok()) return {};
  Error::Kind kind =
      status.code() == base::Status::Code::kNoSpace ? Error::kNoSpace : Error::kIOError;
  return Error{kind, "rendition cache: " + status.message()};
}

// A name that starts with '.', so no listing or lookup takes it for an entry.
std::string TemporaryName(const std::string& entry) {
  static std::atomic<unsigned> counter{0};
  thread_local std::mt19937_64 random{std::random_device{}()};
  return "." + entry + ".tmp-" + std::to_string(getpid()) + "-" + std::to_string(counter++) +
         "-" + std::to_string(random() % 1000000007);
}

std::string EntryName(const std::string& name, Format format) {
  return name + "." + FormatExtension(format);
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// True for a name TemporaryName made: "." + an entry name of the rendition
// table + ".tmp-" + three decimal numbers joined by '-'.
bool IsTemporaryName(const std::string& file) {
  const std::string marker = ".tmp-";
  std::size_t at = file.find(marker);
  if (file.empty() || file[0] != '.' || at == std::string::npos) return false;
  const std::string entry = file.substr(1, at - 1);
  bool known = false;
  for (const RenditionSpec& spec : RenditionTable())
    for (Format format : {Format::kWebp, Format::kJpeg}) known = known || entry == EntryName(spec.name, format);
  if (!known) return false;
  std::string_view rest = std::string_view(file).substr(at + marker.size());
  for (int part = 0; part < 3; ++part) {
    std::size_t dash = part < 2 ? rest.find('-') : rest.size();
    if (dash == std::string_view::npos || !AllDigits(rest.substr(0, dash))) return false;
    rest = rest.substr(std::min(dash + 1, rest.size()));
  }
  return true;
}

}  // namespace

RenditionCache::RenditionCache(std::string root, base::FileSystem* fs)
    : root_(std::move(root)), fs_(fs) {}

bool RenditionCache::IsValidKey(std::string_view key) {
  return key.size() == 64 && std::all_of(key.begin(), key.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::string RenditionCache::KeyDir(std::string_view key) const {
  return root_ + "/" + std::string(key.substr(0, 2)) + "/" + std::string(key);
}

Result<void> RenditionCache::Put(std::string_view key, const std::string& name, Format format,
                                 std::string_view bytes) const {
  if (auto valid = CheckEntry(key, name); !valid.ok()) return valid;
  std::string dir = KeyDir(key);
  if (auto made = FromStatus(fs_->CreateDirs(dir)); !made.ok()) return made;
  std::string final_path = dir + "/" + EntryName(name, format);
  std::string temp_path = dir + "/" + TemporaryName(EntryName(name, format));
  // The rename is durable once the entry's folder is synced, and that folder
  // (like its prefix folder and the root, any of which this Put may have
  // made) only once its parent is.
  const std::string prefix = root_ + "/" + std::string(key.substr(0, 2));
  return FromStatus(base::WriteFileDurably(fs_, temp_path, final_path, bytes,
                                          {dir, prefix, root_, base::ParentDir(root_)}));
}

Result<std::string> RenditionCache::Get(std::string_view key, const std::string& name,
                                        Format format) const {
  if (auto valid = CheckEntry(key, name); !valid.ok()) return valid.error();
  std::string path = KeyDir(key) + "/" + EntryName(name, format);
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT)
    return Error{Error::kNotFound, "no cached rendition " + EntryName(name, format) + " for " +
                                       std::string(key)};
  if (fd < 0) return FileError("cannot open", path, errno);
  std::string bytes;
  char buf[65536];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) != 0) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      close(fd);
      return FileError("cannot read", path, err);
    }
    bytes.append(buf, size_t(n));
  }
  close(fd);
  return bytes;
}

Result<std::string> RenditionCache::Path(std::string_view key, const std::string& name,
                                         Format format) const {
  if (auto valid = CheckEntry(key, name); !valid.ok()) return valid.error();
  return KeyDir(key) + "/" + EntryName(name, format);
}

bool RenditionCache::Has(std::string_view key, const std::string& name, Format format) const {
  auto path = Path(key, name, format);
  struct stat st;
  return path.ok() && stat(path.value().c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

Result<void> RenditionCache::Remove(std::string_view key) const {
  if (!IsValidKey(key))
    return Error{Error::kInvalidArgument,
                 "rendition cache: a photo key is 64 lowercase hex digits"};
  std::string dir = KeyDir(key);
  int err = 0;
  std::vector<std::string> names = ListDir(dir, &err);
  if (err == ENOENT) return {};
  if (err != 0) return FileError("cannot list", dir, err);
  for (const auto& name : names)
    if (unlink((dir + "/" + name).c_str()) != 0 && errno != ENOENT)
      return FileError("cannot remove", dir + "/" + name, errno);
  if (rmdir(dir.c_str()) != 0 && errno != ENOENT)
    return FileError("cannot remove folder", dir, errno);
  return {};
}

Result<std::vector<std::string>> RenditionCache::Keys() const {
  std::vector<std::string> keys;
  int err = 0;
  std::vector<std::string> prefixes = ListDir(root_, &err);
  if (err == ENOENT) return keys;
  if (err != 0) return FileError("cannot list", root_, err);
  for (const auto& prefix : prefixes) {
    if (prefix.size() != 2) continue;
    std::vector<std::string> names = ListDir(root_ + "/" + prefix, &err);
    if (err == ENOENT || err == ENOTDIR) continue;
    if (err != 0) return FileError("cannot list", root_ + "/" + prefix, err);
    for (auto& name : names)
      if (IsValidKey(name) && name.compare(0, 2, prefix) == 0) keys.push_back(std::move(name));
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

Result<std::vector<std::string>> RenditionCache::ListTemporaries() const {
  auto keys = Keys();
  if (!keys.ok()) return keys.error();
  std::vector<std::string> temps;
  for (const std::string& key : keys.value()) {
    std::string dir = KeyDir(key);
    int err = 0;
    std::vector<std::string> names = ListDir(dir, &err);
    if (err == ENOENT || err == ENOTDIR) continue;
    if (err != 0) return FileError("cannot list", dir, err);
    for (const std::string& name : names)
      if (IsTemporaryName(name)) temps.push_back(dir + "/" + name);
  }
  std::sort(temps.begin(), temps.end());
  return temps;
}

Result<std::size_t> RenditionCache::RemoveTemporaries() const {
  auto temps = ListTemporaries();
  if (!temps.ok()) return temps.error();
  std::size_t removed = 0;
  for (const std::string& path : temps.value()) {
    if (unlink(path.c_str()) == 0) ++removed;
    else if (errno != ENOENT) return FileError("cannot remove", path, errno);
  }
  return removed;
}

}  // namespace thumbnails
