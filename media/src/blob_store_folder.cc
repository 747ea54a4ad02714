// The folder blob store: ROOT/key, written through the FileSystem (so fault
// injection sees every step) with the one durable writer.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>

#include "base/durable_file.h"
#include "media/blob_store.h"

namespace media {

const char kFolderTempPrefix[] = ".tmp-";

namespace {

std::string UniqueSuffix() {
  static std::atomic<unsigned long> counter{0};
  return std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1));
}

bool IsDirectory(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool IsTemporary(const std::string& name) {
  return name.compare(0, sizeof(kFolderTempPrefix) - 1, kFolderTempPrefix) == 0;
}

class FolderBlobStore : public BlobStore {
 public:
  FolderBlobStore(FileSystem* fs, std::string root) : fs_(fs), root_(std::move(root)) {}

  Status Put(const std::string& key, std::string_view bytes) override {
    std::string final_path, dir, tmp;
    Status s = Prepare(key, &final_path, &dir, &tmp);
    if (!s.ok()) return s;
    return base::WriteFileDurably(fs_, tmp, final_path, bytes, DirsToSync(dir));
  }

  Status Adopt(const std::string& key, const std::string& path, std::string_view bytes) override {
    // Linked under a temporary name first, then renamed over the final one,
    // as Put does: the final name never holds anything but the whole file,
    // and a crash in between leaves a temporary that RemoveLeftovers clears.
    std::string final_path, dir, tmp;
    Status s = Prepare(key, &final_path, &dir, &tmp);
    if (!s.ok()) return s;
    s = fs_->Link(path, tmp);
    if (s.code() == Status::Code::kUnsupported) return Put(key, bytes);
    if (!s.ok()) return s;
    s = fs_->Rename(tmp, final_path);
    // A rename between two names of one file leaves both: the temporary goes.
    if (!s.ok() || fs_->FileExists(tmp)) fs_->RemoveFile(tmp);
    if (!s.ok()) return s;
    // The file's bytes are durable already; its new name becomes so with its
    // folders, as in Put.
    for (const std::string& d : DirsToSync(dir)) {
      s = fs_->SyncDir(d);
      if (!s.ok()) return s;
    }
    return Status::OK();
  }

  Result<std::string> Get(const std::string& key) const override { return fs_->ReadFile(PathOf(key)); }

  Status GetRange(const std::string& key, std::uint64_t offset, std::uint64_t length,
                  const ByteSink& sink) const override {
    const std::string path = PathOf(key);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) return Status::NotFound("no file " + path);
      return Status::IOError("cannot open " + path + ": " + std::strerror(errno));
    }
    struct stat st;
    Status result;
    if (::fstat(fd, &st) != 0) {
      result = Status::IOError("cannot stat " + path + ": " + std::strerror(errno));
    } else if (offset > static_cast<std::uint64_t>(st.st_size) ||
               length > static_cast<std::uint64_t>(st.st_size) - offset) {
      result = Status::InvalidArgument("bytes " + std::to_string(offset) + "+" + std::to_string(length) +
                                       " are not inside " + path + " (" + std::to_string(st.st_size) +
                                       " bytes)");
    }
    std::string buffer(std::min<std::uint64_t>(length, 256 * 1024), '\0');
    while (result.ok() && length > 0) {
      const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(length, buffer.size()));
      ssize_t got = ::pread(fd, buffer.data(), want, static_cast<off_t>(offset));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        result = Status::IOError("cannot read " + path + (got < 0 ? std::string(": ") + std::strerror(errno)
                                                                  : std::string(": it got shorter")));
        break;
      }
      if (!sink(std::string_view(buffer.data(), static_cast<std::size_t>(got)))) {
        result = Status::IOError("the reader of " + path + " stopped");
        break;
      }
      offset += static_cast<std::uint64_t>(got);
      length -= static_cast<std::uint64_t>(got);
    }
    ::close(fd);
    return result;
  }

  Result<std::uint64_t> Size(const std::string& key) const override {
    const std::string path = PathOf(key);
    if (!fs_->FileExists(path)) return Status::NotFound("no file " + path);
    return fs_->FileSize(path);
  }

  Status Remove(const std::string& key) override {
    const std::string path = PathOf(key);
    Status s = fs_->RemoveFile(path);
    if (s.code() == Status::Code::kNotFound) return Status::OK();
    if (!s.ok()) return s;
    return fs_->SyncDir(base::ParentDir(path));
  }

  Result<std::vector<std::string>> List(const std::string& prefix) const override {
    std::vector<std::string> keys;
    Status s = Walk("", [&](const std::string& key, const std::string& name) {
      if (!IsTemporary(name) && key.compare(0, prefix.size(), prefix) == 0) keys.push_back(key);
    });
    if (!s.ok()) return s;
    return keys;
  }

  Result<std::vector<std::string>> ListLeftovers(const std::string& prefix) const override {
    std::vector<std::string> paths;
    Status s = Walk("", [&](const std::string& key, const std::string& name) {
      if (IsTemporary(name) && key.compare(0, prefix.size(), prefix) == 0) paths.push_back(PathOf(key));
    });
    if (!s.ok()) return s;
    return paths;
  }

  Status RemoveLeftovers(const std::string& prefix) override {
    auto leftovers = ListLeftovers(prefix);
    if (!leftovers.ok()) return leftovers.status();
    for (const auto& path : *leftovers) {
      Status s = fs_->RemoveFile(path);
      if (!s.ok() && s.code() != Status::Code::kNotFound) return s;
    }
    return Status::OK();
  }

  std::string Describe(const std::string& key) const override { return PathOf(key); }
  bool SharedAcrossMachines() const override { return false; }

 private:
  // The path of `key`, its folder (made now) and a temporary name in that
  // folder, so that the rename into place is atomic.
  Status Prepare(const std::string& key, std::string* final_path, std::string* dir, std::string* tmp) {
    *final_path = PathOf(key);
    *dir = base::ParentDir(*final_path);
    Status s = fs_->CreateDirs(*dir);
    if (!s.ok()) return s;
    *tmp = *dir + "/" + kFolderTempPrefix + final_path->substr(dir->size() + 1) + "-" + UniqueSuffix();
    return Status::OK();
  }

  std::string PathOf(const std::string& key) const { return root_ + "/" + key; }

  // A new name in `dir` is durable only once `dir` is synced, and that
  // directory's entry only once its parent is, up to the root's parent (any
  // of them may have been created just now, or by an earlier interrupted Put).
  std::vector<std::string> DirsToSync(const std::string& dir) const {
    std::vector<std::string> dirs;
    for (std::string d = dir; d.size() > root_.size(); d = base::ParentDir(d)) dirs.push_back(d);
    dirs.push_back(root_);
    dirs.push_back(base::ParentDir(root_));
    return dirs;
  }

  // Calls `visit(key, name)` for every file below ROOT/`dir` (a key prefix
  // ending in '/', or "" for the root). A missing root holds nothing.
  template <typename Visit>
  Status Walk(const std::string& dir, Visit visit) const {
    const std::string path = dir.empty() ? root_ : root_ + "/" + dir.substr(0, dir.size() - 1);
    if (dir.empty() && !fs_->FileExists(root_)) return Status::OK();
    auto names = fs_->ListDir(path);
    if (!names.ok()) return names.status();
    for (const auto& name : *names) {
      if (IsDirectory(path + "/" + name)) {
        Status s = Walk(dir + name + "/", visit);
        if (!s.ok()) return s;
      } else {
        visit(dir + name, name);
      }
    }
    return Status::OK();
  }

  FileSystem* fs_;
  std::string root_;
};

}  // namespace

std::unique_ptr<BlobStore> NewFolderBlobStore(FileSystem* fs, std::string root) {
  return std::make_unique<FolderBlobStore>(fs, std::move(root));
}

}  // namespace media
