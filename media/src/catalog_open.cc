// Catalog::Open and the small enum conversions of catalog.h.
#include <optional>
#include <string>
#include <utility>

#include "catalog_migrations.h"
#include "catalog_sql.h"
#include "pg_db.h"
#include "sqlite_pool.h"

namespace media {

Result<std::unique_ptr<Catalog>> Catalog::Open(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) {
    return Status::InvalidArgument("catalog: a file path is required, got '" + path + "'");
  }
  if (pg::IsPostgresUrl(path)) {
    CATALOG_ASSIGN_OR_RETURN(std::unique_ptr<sql::Pool> pool, pg::OpenPool(path));
    return std::unique_ptr<Catalog>(new catalog::SqlCatalog(std::move(pool)));
  }
  CATALOG_ASSIGN_OR_RETURN(std::unique_ptr<sqlite::Db> db, sqlite::Db::Open(path));
  CATALOG_RETURN_IF_ERROR(catalog::Migrate(*db));
  auto pool = std::make_unique<sqlite::Pool>(path, std::move(db));
  return std::unique_ptr<Catalog>(new catalog::SqlCatalog(std::move(pool)));
}

namespace {

// Each value's name; the first row is the name an out-of-range value gets.
template <typename E>
using NameTable = std::pair<E, const char*>[3];
constexpr NameTable<Visibility> kVisibilityNames = {
    {Visibility::kPublic, "public"}, {Visibility::kUnlisted, "unlisted"}, {Visibility::kPrivate, "private"}};
constexpr NameTable<Role> kRoleNames = {{Role::kViewer, "viewer"}, {Role::kEditor, "editor"}, {Role::kAdmin, "admin"}};

template <typename E>
const char* NameIn(const NameTable<E>& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return table[0].second;
}

template <typename E>
std::optional<E> ParseIn(const NameTable<E>& table, const std::string& s) {
  for (const auto& [v, name] : table) {
    if (s == name) return v;
  }
  return std::nullopt;
}

}  // namespace

const char* VisibilityName(Visibility v) { return NameIn(kVisibilityNames, v); }
std::optional<Visibility> ParseVisibility(const std::string& s) { return ParseIn(kVisibilityNames, s); }
const char* RoleName(Role r) { return NameIn(kRoleNames, r); }
std::optional<Role> ParseRole(const std::string& s) { return ParseIn(kRoleNames, s); }

}  // namespace media
