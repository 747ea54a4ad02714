// The catalog's schema, as numbered migrations stored in PRAGMA user_version.
#pragma once

#include "sqlite_db.h"

namespace media::catalog {

// The schema version this program writes.
int LatestSchemaVersion();

// Brings the database up to LatestSchemaVersion(), each migration in its own
// IMMEDIATE transaction (safe against another process migrating at the same
// time). Unsupported when the file was written by a newer program; the file
// is then left untouched. Any other failure leaves the file at the last
// completed migration.
Status Migrate(sqlite::Db& db);

}  // namespace media::catalog
