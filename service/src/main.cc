// gallery: the photo archive's one executable (command line and server).
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "media/metadata.h"

int main(int argc, char** argv) {
  media::InitMetadataLibrary();
  CLI::App app{"gallery: a photo archive for event photography"};
  gallery::cli::AddServeCommand(app);
  gallery::cli::AddInspectCommand(app);
  app.require_subcommand(1);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
