// A thin, exception-free layer over one SQLite connection: prepared
// statements with bound values, and SQLite result codes mapped to Status.
//
// Thread-safety: a Db and its Stmts belong to one thread at a time (the
// connection pool in sqlite_pool.h hands them out).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "media/status.h"

namespace media::sqlite {

// The Status for SQLite result code `rc` with `context` and SQLite's message:
// Busy for BUSY/LOCKED, Conflict for UNIQUE/PRIMARY KEY violations, NoSpace
// for FULL, Corrupt for CORRUPT/NOTADB, InvalidArgument for other constraint
// failures, IOError for the rest.
Status StatusFromCode(int rc, const std::string& context, const char* sqlite_message);

// One prepared statement. Bind* never fails by itself: the first binding error
// is kept and returned by the next Step/Run.
class Stmt {
 public:
  Stmt(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt, &sqlite3_finalize) {}

  Stmt& Bind(int index, std::int64_t value);
  Stmt& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Stmt& Bind(int index, double value);
  Stmt& Bind(int index, const std::string& value);
  Stmt& Bind(int index, const char* value) { return Bind(index, std::string(value)); }
  Stmt& BindNull(int index);
  // NULL for an empty string.
  Stmt& BindTextOrNull(int index, const std::string& value);
  Stmt& BindOptional(int index, const std::optional<double>& value);
  Stmt& BindOptional(int index, const std::optional<int>& value);
  Stmt& BindOptional(int index, const std::optional<std::int64_t>& value);
  Stmt& BindOptional(int index, const std::optional<std::string>& value);

  // Advances: true with a row available, false when done.
  Result<bool> Step();
  // Steps to completion, ignoring any rows.
  Status Run();
  // Steps to completion and returns what `row(*this)` makes of each row, in
  // order; the first failing step's Status instead.
  template <typename T, typename RowFn>
  Result<std::vector<T>> CollectAs(RowFn&& row) {
    std::vector<T> out;
    for (;;) {
      Result<bool> more = Step();
      if (!more.ok()) return more.status();
      if (!more.value()) return out;
      out.push_back(row(*this));
    }
  }
  template <typename RowFn>
  auto Collect(RowFn&& row) {
    return CollectAs<std::invoke_result_t<RowFn&, Stmt&>>(std::forward<RowFn>(row));
  }
  // Rewinds for another execution; bindings are kept.
  void Reset();

  int ColumnCount() const { return sqlite3_column_count(stmt_.get()); }
  bool IsNull(int col) const;
  std::int64_t Int(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;  // "" for NULL
  std::optional<std::string> OptText(int col) const;
  std::optional<double> OptDouble(int col) const;
  std::optional<std::int64_t> OptInt(int col) const;

 private:
  void Check(int rc, int index);
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt_;
  int bind_rc_ = SQLITE_OK;
  int bind_index_ = 0;
};

class Db {
 public:
  // Opens (creating when absent) the database file at `path` and configures
  // the connection: WAL, foreign keys, a 5 s busy timeout, synchronous=FULL
  // (an acknowledged photo survives a power loss, not only a process crash).
  static Result<std::unique_ptr<Db>> Open(const std::string& path);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Runs one or more statements without results.
  Status Exec(const std::string& sql);
  Result<Stmt> Prepare(const std::string& sql);
  std::int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  // The Status for the connection's last error.
  Status LastError(const std::string& context) const;

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace media::sqlite

// Early return of a failed Status.
#define CATALOG_RETURN_IF_ERROR(expr)            \
  do {                                           \
    ::media::Status catalog_status_ = (expr);    \
    if (!catalog_status_.ok()) return catalog_status_; \
  } while (0)

#define CATALOG_CONCAT_INNER(a, b) a##b
#define CATALOG_CONCAT(a, b) CATALOG_CONCAT_INNER(a, b)
// `lhs = value of rexpr` when it is ok, else returns its Status.
#define CATALOG_ASSIGN_OR_RETURN(lhs, rexpr) \
  CATALOG_ASSIGN_OR_RETURN_IMPL(CATALOG_CONCAT(catalog_result_, __LINE__), lhs, rexpr)
#define CATALOG_ASSIGN_OR_RETURN_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                  \
  if (!tmp.ok()) return tmp.status();                  \
  lhs = std::move(tmp).value()
