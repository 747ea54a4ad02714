// The SQLite engine of sql_db.h: a thin, exception-free layer over one
// SQLite connection, SQLite result codes mapped to Status.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>

#include "sql_db.h"

namespace media::sqlite {

// The Status for SQLite result code `rc` with `context` and SQLite's message:
// Busy for BUSY/LOCKED, Conflict for UNIQUE/PRIMARY KEY violations, NoSpace
// for FULL, Corrupt for CORRUPT/NOTADB, InvalidArgument for other constraint
// failures, IOError for the rest.
Status StatusFromCode(int rc, const std::string& context, const char* sqlite_message);

class Db : public sql::Db {
 public:
  // Opens (creating when absent) the database file at `path` and configures
  // the connection: WAL, foreign keys, a 5 s busy timeout, synchronous=FULL
  // (an acknowledged photo survives a power loss, not only a process crash).
  static Result<std::unique_ptr<Db>> Open(const std::string& path);
  ~Db() override;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  sql::Engine engine() const override { return sql::Engine::kSqlite; }
  Status Exec(const std::string& sql) override;
  Result<sql::Stmt> Prepare(const std::string& sql) override;
  std::int64_t Changes() const override { return sqlite3_changes(db_); }

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace media::sqlite
