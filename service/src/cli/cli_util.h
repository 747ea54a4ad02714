// What the subcommands share: opening the archive named by --data, failing
// with a clear message, reading language-tagged options.
#pragma once

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "media/status.h"
#include "service/archive.h"

namespace gallery::cli {

// Exit statuses of the command line.
constexpr int kExitOk = 0;
constexpr int kExitSomeFailed = 1;   // the command ran; some items failed
constexpr int kExitUsage = 2;        // bad arguments or setup (unknown album, unreadable data folder)

// Adds `--data DIR` (default "data") to `cmd`, stored in `*dir`.
void AddDataOption(CLI::App* cmd, std::string* dir);

// Opens the archive or throws CLI::RuntimeError(kExitUsage) after printing
// "gallery: cannot open data folder DIR: reason" on stderr.
std::unique_ptr<Archive> OpenArchiveOrExit(const std::string& dir);

// Prints "gallery: <what>: <status message>" on stderr and throws
// CLI::RuntimeError(exit_code).
[[noreturn]] void Fail(const std::string& what, const media::Status& status, int exit_code = kExitUsage);

}  // namespace gallery::cli
