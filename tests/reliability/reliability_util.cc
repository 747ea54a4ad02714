#include "reliability_util.h"

#include <dirent.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace reliability {

namespace {

long StatusField(const std::string& text, const std::string& name) {
  std::size_t at = text.find("\n" + name + ":");
  if (at == std::string::npos) return 0;
  return std::strtol(text.c_str() + at + name.size() + 2, nullptr, 10);
}

void Walk(const std::string& dir, std::vector<std::string>* out) {
  DIR* d = opendir(dir.c_str());
  if (!d) return;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    std::string path = dir + "/" + name;
    struct stat st;
    if (lstat(path.c_str(), &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) Walk(path, out);
    else if (S_ISREG(st.st_mode)) out->push_back(path);
  }
  closedir(d);
}

// Runs `sql` on a read-only connection and returns every row's first column.
std::vector<std::string> Query(const std::string& db_path, const std::string& sql, bool* ok) {
  std::vector<std::string> rows;
  *ok = false;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return rows;
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(stmt, 0);
      rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    *ok = rc == SQLITE_DONE;
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rows;
}

}  // namespace

Memory ProcessMemory(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::stringstream ss;
  ss << "\n" << in.rdbuf();
  return {StatusField(ss.str(), "VmRSS"), StatusField(ss.str(), "VmHWM")};
}

std::string OpenFileList(pid_t pid) {
  std::string dir = "/proc/" + std::to_string(pid) + "/fd";
  std::string out;
  DIR* d = opendir(dir.c_str());
  if (!d) return out;
  while (dirent* e = readdir(d)) {
    if (e->d_name[0] == '.') continue;
    char target[512];
    ssize_t n = readlink((dir + "/" + e->d_name).c_str(), target, sizeof target - 1);
    out += std::string(e->d_name) + " " + (n > 0 ? std::string(target, static_cast<std::size_t>(n)) : "?") + "\n";
  }
  closedir(d);
  return out;
}

int OpenFiles(pid_t pid) {
  std::string list = OpenFileList(pid);
  return static_cast<int>(std::count(list.begin(), list.end(), '\n'));
}

bool Alive(pid_t pid) {
  if (pid <= 0 || kill(pid, 0) != 0) return false;
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string pid_field, comm, state;
  in >> pid_field >> comm >> state;
  return state != "Z";
}

std::vector<std::string> FilesUnder(const std::string& dir) {
  std::vector<std::string> out;
  Walk(dir, &out);
  return out;
}

std::vector<std::string> TemporaryFiles(const std::string& dir) {
  std::vector<std::string> out;
  for (const std::string& path : FilesUnder(dir)) {
    std::string name = path.substr(path.rfind('/') + 1);
    bool journal = name.size() > 8 && name.compare(name.size() - 8, 8, "-journal") == 0;
    if (name.find(".tmp") != std::string::npos || journal) out.push_back(path);
  }
  return out;
}

long CatalogPhotoCount(const std::string& db_path) {
  bool ok = false;
  auto rows = Query(db_path, "SELECT count(*) FROM photo", &ok);
  return ok && rows.size() == 1 ? std::stol(rows[0]) : -1;
}

std::vector<std::string> CatalogHashes(const std::string& db_path) {
  bool ok = false;
  return Query(db_path, "SELECT sha256 FROM photo ORDER BY id", &ok);
}

std::string IntegrityCheck(const std::string& db_path) {
  bool ok = false;
  auto rows = Query(db_path, "PRAGMA integrity_check", &ok);
  if (!ok || rows.empty()) return "cannot run integrity_check";
  return rows[0];
}

bool IsJsonError(const http_test::Reply& reply) {
  auto j = nlohmann::json::parse(reply.body, nullptr, false);
  return j.is_object() && j.contains("code") && j["code"].is_string() && j.contains("message") &&
         j["message"].is_string();
}

http_test::Reply TimedUpload(int port, const std::string& token, const std::string& bytes,
                             const std::string& filename, const std::string& content_type,
                             long* millis) {
  auto started = std::chrono::steady_clock::now();
  http_test::Reply r = http_test::Send(port, "POST", "/api/photos",
                                       {{"Authorization", "Bearer " + token},
                                        {"Content-Type", content_type},
                                        {"X-Filename", filename}},
                                       bytes);
  *millis = static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::steady_clock::now() - started)
                                  .count());
  return r;
}

int OpenFilesNaming(pid_t pid, const std::string& part, bool with) {
  std::istringstream lines(OpenFileList(pid));
  int n = 0;
  for (std::string line; std::getline(lines, line);) n += (line.find(part) != std::string::npos) == with;
  return n;
}

}  // namespace reliability
