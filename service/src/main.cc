// gallery: the photo archive's one executable (command line and server).
#include <CLI/CLI.hpp>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"gallery: a photo archive for event photography"};
  app.require_subcommand(1);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
