#include "cli/cli_util.h"

#include <cstdio>

namespace gallery::cli {

void AddDataOption(CLI::App* cmd, std::string* dir) {
  *dir = "data";
  cmd->add_option("--data", *dir, "The data folder: catalog, originals, renditions")
      ->capture_default_str();
}

CLI::App* AddCommandGroup(CLI::App& app, const std::string& name, const std::string& description) {
  CLI::App* group = app.add_subcommand(name, description);
  group->require_subcommand(1);
  return group;
}

void Fail(const std::string& what, const media::Status& status, int exit_code) {
  std::fprintf(stderr, "gallery: %s: %s\n", what.c_str(), status.message().c_str());
  throw CLI::RuntimeError(exit_code);
}

std::unique_ptr<Archive> OpenArchiveOrExit(const std::string& dir) {
  auto archive = Archive::Open(DataDir(dir));
  if (!archive.ok()) Fail("cannot open data folder " + dir, archive.status());
  return std::move(archive.value());
}

}  // namespace gallery::cli
