// Catalog::Open and the small enum conversions of catalog.h.
#include "catalog_migrations.h"
#include "catalog_sqlite.h"

namespace media {

Result<std::unique_ptr<Catalog>> Catalog::Open(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) {
    return Status::InvalidArgument("catalog: a file path is required, got '" + path + "'");
  }
  CATALOG_ASSIGN_OR_RETURN(std::unique_ptr<sqlite::Db> db, sqlite::Db::Open(path));
  CATALOG_RETURN_IF_ERROR(catalog::Migrate(*db));
  auto pool = std::make_unique<sqlite::Pool>(path, std::move(db));
  return std::unique_ptr<Catalog>(new catalog::SqliteCatalog(path, std::move(pool)));
}

const char* VisibilityName(Visibility v) {
  switch (v) {
    case Visibility::kPublic: return "public";
    case Visibility::kUnlisted: return "unlisted";
    case Visibility::kPrivate: return "private";
  }
  return "public";
}

std::optional<Visibility> ParseVisibility(const std::string& s) {
  if (s == "public") return Visibility::kPublic;
  if (s == "unlisted") return Visibility::kUnlisted;
  if (s == "private") return Visibility::kPrivate;
  return std::nullopt;
}

const char* RoleName(Role r) {
  switch (r) {
    case Role::kViewer: return "viewer";
    case Role::kEditor: return "editor";
    case Role::kAdmin: return "admin";
  }
  return "viewer";
}

std::optional<Role> ParseRole(const std::string& s) {
  if (s == "viewer") return Role::kViewer;
  if (s == "editor") return Role::kEditor;
  if (s == "admin") return Role::kAdmin;
  return std::nullopt;
}

}  // namespace media
