// The `gallery` command line: each subcommand lives in its own cmd_*.cc and
// registers itself on the application here. A subcommand reports its exit
// status by throwing CLI::RuntimeError(status) from its callback.
#pragma once

#include <CLI/CLI.hpp>

namespace gallery::cli {

void AddInspectCommand(CLI::App& app);
void AddImportCommand(CLI::App& app);
void AddUploadCommand(CLI::App& app);
void AddMeetingCommand(CLI::App& app);
void AddAlbumCommand(CLI::App& app);
void AddCheckCommand(CLI::App& app);
void AddGcCommand(CLI::App& app);
void AddRenderCommand(CLI::App& app);
void AddThumbnailsCommand(CLI::App& app);
void AddServeCommand(CLI::App& app);
void AddTokenCommand(CLI::App& app);
void AddUserCommand(CLI::App& app);

}  // namespace gallery::cli
