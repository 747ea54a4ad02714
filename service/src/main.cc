// gallery: the photo archive's one executable (command line and server).
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.h"
#include "media/metadata.h"
#include "thumbnails/init.h"

int main(int argc, char** argv) {
  media::InitMetadataLibrary();
  CLI::App app{"gallery: a photo archive for event photography"};
  thumbnails::Settings pixels;
  app.add_option("--max-pixels", pixels.max_pixels,
                 "Refuse images with more pixels than this (from the header, before decoding)")
      ->capture_default_str();
  app.add_option("--image-threads", pixels.threads_per_job, "Image-library threads per worker")
      ->capture_default_str();
  app.parse_complete_callback([&pixels] {
    auto init = thumbnails::Init(pixels);
    if (!init.ok()) {
      std::fprintf(stderr, "gallery: cannot start the image library: %s\n", init.error().message.c_str());
      throw CLI::RuntimeError(2);
    }
  });
  gallery::cli::AddServeCommand(app);
  gallery::cli::AddTokenCommand(app);
  gallery::cli::AddUserCommand(app);
  gallery::cli::AddInspectCommand(app);
  gallery::cli::AddImportCommand(app);
  gallery::cli::AddUploadCommand(app);
  gallery::cli::AddMeetingCommand(app);
  gallery::cli::AddAlbumCommand(app);
  gallery::cli::AddCheckCommand(app);
  gallery::cli::AddGcCommand(app);
  gallery::cli::AddRenderCommand(app);
  gallery::cli::AddThumbnailsCommand(app);
  app.require_subcommand(1);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
