#include "cache_files.h"

#include <dirent.h>

#include <cerrno>
#include <cstring>

namespace thumbnails {

std::vector<std::string> ListDir(const std::string& path, int* err) {
  std::vector<std::string> names;
  DIR* dir = opendir(path.c_str());
  if (err) *err = dir ? 0 : errno;
  if (!dir) return names;
  while (dirent* entry = readdir(dir)) {
    std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(std::move(name));
  }
  closedir(dir);
  return names;
}

Error FileError(const std::string& what, const std::string& path, int err) {
  Error::Kind kind = (err == ENOSPC || err == EDQUOT) ? Error::kNoSpace : Error::kIOError;
  return Error{kind, what + " " + path + ": " + std::strerror(err)};
}

}  // namespace thumbnails
