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

// Adds `--data DIR` (default "data") to `cmd`, stored in `*dir`, and
// `--store URL` (where the originals live; default DIR/originals) and
// `--catalog URL` (where the catalog lives; default DIR/catalog.db), kept
// for the process: one command runs per process.
void AddDataOption(CLI::App* cmd, std::string* dir);
// Adds only `--store URL` and `--catalog URL` to `cmd` (for a command with
// its own --data).
void AddStoreOption(CLI::App* cmd);

// The archive at `dir` with the originals and the catalog where `--store`
// and `--catalog` say.
DataDir DataDirOf(const std::string& dir);

// A subcommand of `parent` taking `--data` into `args->data` and running
// `run(*args)` once the command line is parsed; the caller binds its other
// options to `*args` on the returned subcommand.
template <typename Args>
CLI::App* AddDataCommand(CLI::App* parent, const std::string& name, const std::string& description,
                         const std::shared_ptr<Args>& args, void (*run)(const Args&)) {
  CLI::App* cmd = parent->add_subcommand(name, description);
  AddDataOption(cmd, &args->data);
  cmd->callback([args, run] { run(*args); });
  return cmd;
}

// A command of `app` that only groups subcommands, one of which must follow.
CLI::App* AddCommandGroup(CLI::App& app, const std::string& name, const std::string& description);

// Opens the archive (DataDirOf(dir)) or throws CLI::RuntimeError(kExitUsage) after printing
// "gallery: cannot open data folder DIR: reason" on stderr.
std::unique_ptr<Archive> OpenArchiveOrExit(const std::string& dir);

// Prints "gallery: <what>: <status message>" on stderr and throws
// CLI::RuntimeError(exit_code).
[[noreturn]] void Fail(const std::string& what, const media::Status& status, int exit_code = kExitUsage);

}  // namespace gallery::cli
