// The PostgreSQL engine of sql_db.h, over libpq: the catalog's statements
// with `?` placeholders run as parameterised queries, writers queue on one
// advisory lock (one writer at a time across every process, as with
// SQLite), readers take a repeatable-read snapshot, and a change counter
// bumped by every commit tells every process that something changed.
#pragma once

#include <memory>
#include <string>

#include "sql_db.h"

namespace media::pg {

// True for "postgresql://…" and "postgres://…".
bool IsPostgresUrl(const std::string& url);

// Connects to the database at `url` (a libpq connection URI without a
// password: it comes from PGPASSWORD or the password file), brings its
// schema to the latest version and returns its connections. Busy when the
// server cannot be reached (the caller may try again), InvalidArgument for a
// URL holding a password.
Result<std::unique_ptr<sql::Pool>> OpenPool(const std::string& url);

// `sql` with each `?` as `$n` (the next number) and each `?n` as `$n`,
// leaving quoted text and names alone.
std::string NumberedParameters(const std::string& sql);

}  // namespace media::pg
