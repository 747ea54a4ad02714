// The catalog's schema in PostgreSQL, as numbered migrations. A PostgreSQL
// catalog starts at the version SQLite had reached when PostgreSQL came
// (6); from then on each schema change is a migration in both engines, with
// the same number.
#pragma once

#include <vector>

namespace media::pg {

struct PgMigration {
  int to;           // the version it brings the schema to
  const char* sql;  // run in one transaction
};
// In order; append only.
const std::vector<PgMigration>& PgMigrations();

}  // namespace media::pg
