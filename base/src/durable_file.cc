#include "base/durable_file.h"

namespace base {

Status WriteFileDurably(FileSystem* fs, const std::string& temp_path, const std::string& final_path,
                        std::string_view bytes, const std::vector<std::string>& sync_dirs) {
  auto file = fs->NewWritableFile(temp_path);
  if (!file.ok()) return file.status();
  Status s = (*file)->Append(bytes.data(), bytes.size());
  if (s.ok()) s = (*file)->Sync();
  Status closed = (*file)->Close();
  if (s.ok()) s = closed;
  if (s.ok()) s = fs->Rename(temp_path, final_path);
  if (!s.ok()) {
    fs->RemoveFile(temp_path);  // best effort; the owner's clean-up catches the rest
    return s;
  }
  for (const std::string& dir : sync_dirs) {
    s = fs->SyncDir(dir);
    if (!s.ok()) return s;
  }
  return s;
}

std::string ParentDir(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace base
