// What the reliability tests measure on a running server and its data folder:
// memory and open files from /proc, temporary and stored files on disk, the
// catalog read straight from SQLite.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "fixtures/http_client.h"

namespace reliability {

struct Memory {
  long rss_kb = 0;  // VmRSS
  long hwm_kb = 0;  // VmHWM: the peak resident size so far
};

// The resident sizes of `pid`; zeros when the process is gone.
Memory ProcessMemory(pid_t pid);
// How many file descriptors `pid` holds open; -1 when the process is gone.
int OpenFiles(pid_t pid);
// How many of them name a path holding `part` (`with` true), or do not.
int OpenFilesNaming(pid_t pid, const std::string& part, bool with);
// What each of those descriptors is ("3 socket:[1234]", one a line), for
// a failure message.
std::string OpenFileList(pid_t pid);
// Whether `pid` is still running (and not a zombie).
bool Alive(pid_t pid);

// Every regular file under `dir` (recursively), as paths.
std::vector<std::string> FilesUnder(const std::string& dir);
// The files under `dir` left by an interrupted write: names holding ".tmp"
// and SQLite rollback journals. The write-ahead log is not one of them.
std::vector<std::string> TemporaryFiles(const std::string& dir);

// The number of rows of the photo table in the catalog at `db_path`, opened
// read-only; -1 when it cannot be read.
long CatalogPhotoCount(const std::string& db_path);
// The SHA-256 of every catalogued photo.
std::vector<std::string> CatalogHashes(const std::string& db_path);
// The first line PRAGMA integrity_check answers ("ok" when whole).
std::string IntegrityCheck(const std::string& db_path);

// Whether `reply` carries a JSON object with string "code" and "message".
bool IsJsonError(const http_test::Reply& reply);

// An upload of `bytes` with `token` as editor; `millis` set to its duration.
http_test::Reply TimedUpload(int port, const std::string& token, const std::string& bytes,
                             const std::string& filename, const std::string& content_type,
                             long* millis);

}  // namespace reliability
