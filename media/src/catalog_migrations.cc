#include "catalog_migrations.h"

#include <string>

#include "catalog_migrations_list.h"

namespace media::catalog {
namespace {

// Index i holds the SQL that takes the schema from version i to i + 1.
// Append only: a released migration is never edited.
const char* const kMigrations[] = {
    kSchemaV1,
    kSchemaV2,
    kSchemaV3,
    kSchemaV4,
    kSchemaV5,
    kSchemaV6,
    kSchemaV7,
};

Result<int> UserVersion(sqlite::Db& db) {
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt stmt, db.Prepare("PRAGMA user_version"));
  CATALOG_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Status::IOError("catalog: PRAGMA user_version returned nothing");
  return static_cast<int>(stmt.Int(0));
}

Status TooNew(int found) {
  return Status::Unsupported("catalog: schema version " + std::to_string(found) +
                             " was written by a newer program (this one knows up to " +
                             std::to_string(LatestSchemaVersion()) +
                             "); upgrade the program, the file was left untouched");
}

// Applies migration `to` (from version to - 1) in one transaction, unless
// another connection already did.
Status ApplyOne(sqlite::Db& db, int to) {
  CATALOG_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  Result<int> now = UserVersion(db);
  Status s = now.ok() ? Status::OK() : now.status();
  if (s.ok() && *now == to - 1) {
    s = db.Exec(kMigrations[to - 1]);
    if (s.ok()) s = db.Exec("PRAGMA user_version = " + std::to_string(to));
  }
  if (s.ok()) s = db.Exec("COMMIT");
  if (!s.ok()) {
    (void)db.Exec("ROLLBACK");
    return Status(s.code() == Status::Code::kBusy || s.code() == Status::Code::kCorrupt
                      ? s
                      : Status::IOError("migration to schema version " + std::to_string(to) +
                                        " failed: " + s.message()));
  }
  return Status::OK();
}

}  // namespace

int LatestSchemaVersion() { return static_cast<int>(sizeof(kMigrations) / sizeof(kMigrations[0])); }

Status Migrate(sqlite::Db& db) {
  CATALOG_ASSIGN_OR_RETURN(int version, UserVersion(db));
  if (version > LatestSchemaVersion()) return TooNew(version);
  for (int to = version + 1; to <= LatestSchemaVersion(); ++to) {
    CATALOG_RETURN_IF_ERROR(ApplyOne(db, to));
  }
  CATALOG_ASSIGN_OR_RETURN(int after, UserVersion(db));
  if (after > LatestSchemaVersion()) return TooNew(after);
  return Status::OK();
}

}  // namespace media::catalog
