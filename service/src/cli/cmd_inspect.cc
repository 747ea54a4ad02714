// `gallery inspect FILE...`: one JSON object per file and line (JSON Lines)
// with the file's metadata, SHA-256 and size, or {"file", "error"}. Exit
// status 1 when any file failed, 0 otherwise.
#include <sys/stat.h>

#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "media/metadata.h"
#include "media/sha256.h"
#include "service/photo_json.h"

namespace gallery::cli {
namespace {

nlohmann::json ErrorLine(const std::string& file, const media::Status& status) {
  return {{"file", file}, {"error", {{"code", status.code_name()}, {"message", status.message()}}}};
}

// The line for one file; sets *failed when it is an error line.
nlohmann::json InspectOne(const std::string& file, bool* failed) {
  *failed = true;
  struct stat st;
  if (::stat(file.c_str(), &st) != 0) {
    return ErrorLine(file, media::Status::NotFound("no such file: " + file));
  }
  if (!S_ISREG(st.st_mode)) return ErrorLine(file, media::Status::InvalidArgument("not a regular file: " + file));
  media::Result<media::PhotoMetadata> meta = media::ReadMetadataFromFile(file);
  if (!meta.ok()) return ErrorLine(file, meta.status());
  media::Result<std::string> sha = media::Sha256OfFile(file);
  if (!sha.ok()) return ErrorLine(file, sha.status());
  nlohmann::json line = {{"file", file}, {"sha256", *sha}, {"file_size", static_cast<std::uint64_t>(st.st_size)}};
  line.update(MetadataToJson(*meta));
  *failed = false;
  return line;
}

}  // namespace

void AddInspectCommand(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand("inspect", "Print each file's metadata as one JSON line");
  cmd->add_option("files", *files, "Image files to read")->required();
  cmd->callback([files] {
    bool any_failed = false;
    for (const std::string& file : *files) {
      bool failed = false;
      nlohmann::json line = InspectOne(file, &failed);
      any_failed = any_failed || failed;
      std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
    std::cout.flush();
    if (any_failed) throw CLI::RuntimeError(1);
  });
}

}  // namespace gallery::cli
