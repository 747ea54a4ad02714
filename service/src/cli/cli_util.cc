#include "cli/cli_util.h"

#include <cstdio>

namespace gallery::cli {

namespace {

// The --store URL of this process's command ("" : the data folder).
std::string& StoreUrl() {
  static std::string url;
  return url;
}

// The --catalog URL ("" : the data folder's SQLite file).
std::string& CatalogUrl() {
  static std::string url;
  return url;
}

}  // namespace

void AddStoreOption(CLI::App* cmd) {
  cmd->add_option("--store", StoreUrl(),
                  "Where the originals live: s3://BUCKET?endpoint=http://HOST:PORT&region=REGION"
                  "[&prefix=P/][&credentials=FILE] for S3-compatible object storage (credentials from "
                  "GALLERY_S3_ACCESS_KEY and GALLERY_S3_SECRET_KEY, or FILE; never on the command line), or "
                  "GALLERY_STORE when set. Default: the data folder's originals/")
      ->envname("GALLERY_STORE");
  cmd->add_option("--catalog", CatalogUrl(),
                  "Where the catalog lives: postgresql://USER@HOST:PORT/DATABASE (the password from "
                  "PGPASSWORD or a password file; never on the command line), or GALLERY_CATALOG "
                  "when set. Default: the data "
                  "folder's catalog.db (SQLite)")
      ->envname("GALLERY_CATALOG")
      ->check([](const std::string& url) -> std::string {
        if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) return "";
        return "expected postgresql://USER@HOST:PORT/DATABASE, got '" + url.substr(0, 80) + "'";
      });
}

void AddDataOption(CLI::App* cmd, std::string* dir) {
  *dir = "data";
  cmd->add_option("--data", *dir, "The data folder: catalog, originals, renditions")
      ->capture_default_str();
  AddStoreOption(cmd);
}

DataDir DataDirOf(const std::string& dir) { return DataDir(dir, StoreUrl(), CatalogUrl()); }

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
  auto archive = Archive::Open(DataDirOf(dir));
  if (!archive.ok()) Fail("cannot open data folder " + dir, archive.status());
  return std::move(archive.value());
}

}  // namespace gallery::cli
