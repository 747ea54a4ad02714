#include "cli/file_walk.h"

#include <signal.h>

#include <algorithm>
#include <atomic>
#include <system_error>

namespace gallery::cli {

namespace {

std::atomic<bool> g_interrupted{false};

void OnInterrupt(int) { g_interrupted.store(true); }

}  // namespace

void CatchInterrupts() {
  struct sigaction sa = {};
  sa.sa_handler = OnInterrupt;
  sa.sa_flags = SA_RESETHAND;  // a second Ctrl-C stops at once
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

bool Interrupted() { return g_interrupted.load(); }

namespace fs = std::filesystem;

// Collects the files to import or upload: given files as they are, folders walked
// recursively in name order, skipping hidden entries (".DS_Store", "._x").
std::vector<std::string> CollectFiles(const std::vector<std::string>& paths,
                                      std::vector<Failure>* failures) {
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec)) found.push_back(it->path().string());
      }
      if (ec) failures->push_back({p, "cannot read folder: " + ec.message()});
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      failures->push_back({p, fs::exists(p, ec) ? "not a file or folder" : "no such file or folder"});
    }
  }
  return files;
}


}  // namespace gallery::cli
