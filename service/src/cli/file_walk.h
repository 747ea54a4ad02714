// What `gallery import` and `gallery upload` share: the files a list of
// paths names (folders walked recursively, hidden entries skipped), and the
// progress shown while they are handled and the summary after.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

namespace gallery::cli {

struct Failure {
  std::string path, reason;
};

// From now on Ctrl-C (SIGINT) and SIGTERM only set the flag Interrupted()
// reads, so the command can stop between files and say what was done; a
// second one stops the process at once.
void CatchInterrupts();
bool Interrupted();

// Collects the files to import or upload: given files as they are, folders walked
// recursively in name order, skipping hidden entries (".DS_Store", "._x").
std::vector<std::string> CollectFiles(const std::vector<std::string>& paths,
                                      std::vector<Failure>* failures);

// Reports progress; thread-safe. On a terminal: one bar redrawn in place,
// failures printed above it. Otherwise: one line per file, flushed at once.
class Progress {
 public:
  Progress(std::size_t total, bool terminal) : total_(total), terminal_(terminal) {}

  void Imported(const std::string& path, std::int64_t photo_id, bool duplicate) {
    std::lock_guard<std::mutex> l(mu_);
    ++(duplicate ? duplicates_ : imported_);
    if (!terminal_) {
      std::printf("%s photo %lld: %s\n", duplicate ? "duplicate of" : "imported",
                  static_cast<long long>(photo_id), path.c_str());
      std::fflush(stdout);
    }
    Draw(path);
  }

  void Failed(const std::string& path, const std::string& reason) {
    std::lock_guard<std::mutex> l(mu_);
    failures_.push_back({path, reason});
    if (terminal_) std::printf("\r\033[Kfailed: %s: %s\n", path.c_str(), reason.c_str());
    else std::printf("failed: %s: %s\n", path.c_str(), reason.c_str());
    std::fflush(stdout);
    Draw(path);
  }

  // How far the current file `path` is sent (uploads): the bar's line shows
  // it on a terminal; nothing otherwise.
  void Sending(const std::string& path, std::uint64_t sent, std::uint64_t total) {
    std::lock_guard<std::mutex> l(mu_);
    if (!terminal_) return;
    sending_ = total ? " " + std::to_string(sent * 100 / total) + "%" : "";
    Draw(path);
    sending_.clear();
  }

  // Prints the summary; returns the number of failures.
  std::size_t Summary(const std::vector<Failure>& setup_failures, std::size_t not_attempted) {
    std::lock_guard<std::mutex> l(mu_);
    if (terminal_) std::printf("\r\033[K");
    std::vector<Failure> all = setup_failures;
    all.insert(all.end(), failures_.begin(), failures_.end());
    std::printf("imported %zu, duplicates %zu, failed %zu", imported_, duplicates_, all.size());
    if (not_attempted) std::printf(", interrupted before %zu files", not_attempted);
    std::printf("\n");
    for (const auto& f : all) std::printf("  failed: %s: %s\n", f.path.c_str(), f.reason.c_str());
    std::fflush(stdout);
    return all.size();
  }

 private:
  void Draw(const std::string& path) {
    if (!terminal_) return;
    const std::size_t done = imported_ + duplicates_ + failures_.size();
    const int width = 30;
    const int filled = total_ ? static_cast<int>(done * width / total_) : width;
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(width, ' ');
    std::string name = std::filesystem::path(path).filename().string();
    if (name.size() > 30) name = name.substr(0, 27) + "...";
    std::printf("\r\033[K[%s] %zu/%zu  new %zu  dup %zu  failed %zu  %s%s", bar.c_str(), done, total_,
                imported_, duplicates_, failures_.size(), name.c_str(), sending_.c_str());
    std::fflush(stdout);
  }

  std::mutex mu_;
  const std::size_t total_;
  const bool terminal_;
  std::size_t imported_ = 0, duplicates_ = 0;
  std::vector<Failure> failures_;
  std::string sending_;  // " 42%" while a file is being sent
};


}  // namespace gallery::cli
