#include "media/original_store.h"

#include <atomic>
#include <string_view>
#include <thread>
#include <unistd.h>

#include "base/durable_file.h"
#include "media/sha256.h"

namespace media {
namespace {

constexpr std::string_view kTempPrefix = ".tmp-";

std::string UniqueSuffix() {
  static std::atomic<unsigned long> counter{0};
  return std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1));
}

bool IsHexPair(const std::string& s) {
  return s.size() == 2 && IsSha256Hex(s + std::string(62, '0'));
}

}  // namespace

OriginalStore::OriginalStore(FileSystem* fs, std::string root) : fs_(fs), root_(std::move(root)) {}

std::string OriginalStore::PathFor(const std::string& sha256) const {
  return root_ + "/" + sha256.substr(0, 2) + "/" + sha256.substr(2, 2) + "/" + sha256;
}

bool OriginalStore::Contains(const std::string& sha256) const {
  return IsSha256Hex(sha256) && fs_->FileExists(PathFor(sha256));
}

Status OriginalStore::Put(const std::uint8_t* data, std::size_t size, const std::string& sha256,
                          bool* already_present) {
  if (already_present) *already_present = false;
  if (!IsSha256Hex(sha256)) return Status::InvalidArgument("not a SHA-256: " + sha256);
  const std::string final_path = PathFor(sha256);
  if (fs_->FileExists(final_path)) {
    if (already_present) *already_present = true;
    return Status::OK();
  }
  const std::string dir = base::ParentDir(final_path);
  Status s = fs_->CreateDirs(dir);
  if (!s.ok()) return s;
  // Temporary name in the final directory, so the rename is atomic.
  const std::string tmp = dir + "/" + std::string(kTempPrefix) + sha256 + "-" + UniqueSuffix();
  // The rename is durable only once its directory is synced, and that
  // directory's entry only once its parent is, up to the root's parent (any
  // of them may have been created just now, or by an earlier interrupted Put).
  return base::WriteFileDurably(fs_, tmp, final_path, {reinterpret_cast<const char*>(data), size},
                                {dir, base::ParentDir(dir), root_, base::ParentDir(root_)});
}

Status OriginalStore::PutFile(const std::string& source, const std::string& sha256,
                              bool* already_present) {
  if (Contains(sha256)) {
    if (already_present) *already_present = true;
    return Status::OK();
  }
  auto bytes = fs_->ReadFile(source);
  if (!bytes.ok()) return bytes.status();
  return Put(reinterpret_cast<const std::uint8_t*>(bytes->data()), bytes->size(), sha256,
             already_present);
}

Result<std::string> OriginalStore::Read(const std::string& sha256) const {
  if (!IsSha256Hex(sha256)) return Status::InvalidArgument("not a SHA-256: " + sha256);
  return fs_->ReadFile(PathFor(sha256));
}

Status OriginalStore::Verify(const std::string& sha256) const {
  auto bytes = Read(sha256);
  if (!bytes.ok()) return bytes.status();
  std::string actual = Sha256Hex(bytes->data(), bytes->size());
  if (actual != sha256)
    return Status::Corrupt("original " + sha256 + " now hashes to " + actual);
  return Status::OK();
}

namespace {

// Calls `visit(dir, name)` for every file two levels below `root`.
template <typename Visit>
Status ForEachFile(FileSystem* fs, const std::string& root, Visit visit) {
  if (!fs->FileExists(root)) return Status::OK();
  auto level1 = fs->ListDir(root);
  if (!level1.ok()) return level1.status();
  for (const auto& a : *level1) {
    if (!IsHexPair(a)) continue;
    auto level2 = fs->ListDir(root + "/" + a);
    if (!level2.ok()) return level2.status();
    for (const auto& b : *level2) {
      if (!IsHexPair(b)) continue;
      const std::string dir = root + "/" + a + "/" + b;
      auto files = fs->ListDir(dir);
      if (!files.ok()) return files.status();
      for (const auto& name : *files) visit(dir, name);
    }
  }
  return Status::OK();
}

}  // namespace

Result<std::vector<std::string>> OriginalStore::List() const {
  std::vector<std::string> hashes;
  Status s = ForEachFile(fs_, root_, [&](const std::string&, const std::string& name) {
    if (IsSha256Hex(name)) hashes.push_back(name);
  });
  if (!s.ok()) return s;
  return hashes;
}

Result<std::vector<std::string>> OriginalStore::ListTemporaries() const {
  std::vector<std::string> temps;
  Status s = ForEachFile(fs_, root_, [&](const std::string& dir, const std::string& name) {
    if (name.compare(0, kTempPrefix.size(), kTempPrefix) == 0) temps.push_back(dir + "/" + name);
  });
  if (!s.ok()) return s;
  return temps;
}

Status OriginalStore::Remove(const std::string& sha256) {
  if (!IsSha256Hex(sha256)) return Status::InvalidArgument("not a SHA-256: " + sha256);
  const std::string path = PathFor(sha256);
  Status s = fs_->RemoveFile(path);
  if (s.code() == Status::Code::kNotFound) return Status::OK();
  if (!s.ok()) return s;
  return fs_->SyncDir(path.substr(0, path.rfind('/')));
}

Status OriginalStore::RemoveTemporaries() {
  auto temps = ListTemporaries();
  if (!temps.ok()) return temps.status();
  for (const auto& path : *temps) {
    Status s = fs_->RemoveFile(path);
    if (!s.ok() && s.code() != Status::Code::kNotFound) return s;
  }
  return Status::OK();
}

}  // namespace media
