// The catalog's view of a database, whichever engine holds it: one
// connection (Db) with prepared statements (Stmt) taking values bound by
// position, transactions handed out by a Pool, and the few places where
// the engines' SQL differs (dialect.h). SQLite (sqlite_db.h) and PostgreSQL
// (pg_db.h) implement it; the catalog's queries are written once, in the SQL
// both accept, with `?` placeholders.
//
// Thread-safety: a Db and its Stmts belong to one thread at a time (the Pool
// hands them out).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "media/status.h"

namespace media::sql {

enum class Engine { kSqlite, kPostgres };

// What an engine's statement does; Stmt wraps it with the binding helpers.
class StmtImpl {
 public:
  virtual ~StmtImpl() = default;
  virtual void BindInt(int index, std::int64_t value) = 0;
  virtual void BindDouble(int index, double value) = 0;
  virtual void BindText(int index, const std::string& value) = 0;
  virtual void BindNull(int index) = 0;
  virtual Result<bool> Step() = 0;
  virtual void Reset() = 0;
  virtual int ColumnCount() const = 0;
  virtual bool IsNull(int col) const = 0;
  virtual std::int64_t Int(int col) const = 0;
  virtual double Double(int col) const = 0;
  virtual std::string Text(int col) const = 0;  // "" for NULL
};

// One prepared statement. Bind* never fails by itself: the first binding error
// is kept and returned by the next Step/Run.
class Stmt {
 public:
  explicit Stmt(std::unique_ptr<StmtImpl> impl) : impl_(std::move(impl)) {}

  Stmt& Bind(int index, std::int64_t value) { impl_->BindInt(index, value); return *this; }
  Stmt& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Stmt& Bind(int index, double value) { impl_->BindDouble(index, value); return *this; }
  Stmt& Bind(int index, const std::string& value) { impl_->BindText(index, value); return *this; }
  Stmt& Bind(int index, const char* value) { return Bind(index, std::string(value)); }
  Stmt& BindNull(int index) { impl_->BindNull(index); return *this; }
  // NULL for an empty string.
  Stmt& BindTextOrNull(int index, const std::string& value) {
    return value.empty() ? BindNull(index) : Bind(index, value);
  }
  template <typename T>
  Stmt& BindOptional(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }

  // Advances: true with a row available, false when done.
  Result<bool> Step() { return impl_->Step(); }
  // Steps to completion, ignoring any rows.
  Status Run();
  // Runs an `INSERT … RETURNING id` to completion: the new row's id.
  Result<std::int64_t> InsertId();
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
  void Reset() { impl_->Reset(); }

  int ColumnCount() const { return impl_->ColumnCount(); }
  bool IsNull(int col) const { return impl_->IsNull(col); }
  std::int64_t Int(int col) const { return impl_->Int(col); }
  double Double(int col) const { return impl_->Double(col); }
  std::string Text(int col) const { return impl_->Text(col); }
  std::optional<std::string> OptText(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<std::string>(Text(col));
  }
  std::optional<double> OptDouble(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<double>(Double(col));
  }
  std::optional<std::int64_t> OptInt(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<std::int64_t>(Int(col));
  }

 private:
  std::unique_ptr<StmtImpl> impl_;
};

class Db {
 public:
  virtual ~Db() = default;
  virtual Engine engine() const = 0;
  // Runs one or more statements without results.
  virtual Status Exec(const std::string& sql) = 0;
  virtual Result<Stmt> Prepare(const std::string& sql) = 0;
  // The rows the last INSERT, UPDATE or DELETE changed.
  virtual std::int64_t Changes() const = 0;
};

// An open write transaction. Writers queue: one at a time per catalog, across
// processes too. Rolled back on destruction unless committed.
class WriteTxn {
 public:
  class Impl {
   public:
    virtual ~Impl() = default;  // rolls back unless committed
    virtual Db& db() = 0;
    virtual Status Commit() = 0;
  };
  explicit WriteTxn(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
  Db& db() { return impl_->db(); }
  Status Commit() { return impl_->Commit(); }

 private:
  std::unique_ptr<Impl> impl_;
};

// A read transaction: one consistent snapshot, never waiting for writers.
class ReadTxn {
 public:
  class Impl {
   public:
    virtual ~Impl() = default;  // ends the transaction, returns the connection
    virtual Db& db() = 0;
  };
  explicit ReadTxn(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
  Db& db() { return impl_->db(); }

 private:
  std::unique_ptr<Impl> impl_;
};

// The connections to one catalog, shared by many threads.
class Pool {
 public:
  virtual ~Pool() = default;
  virtual Engine engine() const = 0;
  // Thread-safe.
  virtual Result<WriteTxn> Write() = 0;
  virtual Result<ReadTxn> Read() = 0;
  // A number that changes whenever any connection, of any process, commits.
  virtual Result<std::int64_t> DataVersion() = 0;
  // The engine's own checks of its storage ("" when sound).
  virtual Result<std::string> StorageProblems() = 0;
};

}  // namespace media::sql

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
