#include "pg_db.h"

#include <libpq-fe.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>
#include <vector>

#include "base/utf8.h"
#include "catalog_migrations.h"
#include "pg_schema.h"

namespace media::pg {
namespace {

// The advisory lock every write transaction and migration holds.
constexpr long long kWriterLock = 0x67616c6cLL;  // "gall"
// Idle connections kept for reuse.
constexpr std::size_t kMaxIdle = 8;
// Type ids of bound values (pg_type.h); text goes untyped, so the server
// takes it as whatever its place asks for.
constexpr Oid kInt8 = 20, kFloat8 = 701, kUnknown = 0;

// The Status for a failed command: by SQLSTATE, or Busy when the connection
// itself is gone (the next request gets a new one).
Status StatusFromResult(PGconn* conn, const PGresult* res, const std::string& context) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string why = res ? PQresultErrorMessage(res) : "";
  if (why.empty()) why = PQerrorMessage(conn);
  while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
  const std::string msg = "catalog: " + context + ": " + why;
  const std::string code = state ? state : "";
  if (PQstatus(conn) != CONNECTION_OK || code.rfind("08", 0) == 0 || code == "57P01" ||
      code == "57P02" || code == "57P03") {
    return Status::Busy(msg);
  }
  if (code == "23505") return Status::Conflict(msg);
  if (code.rfind("23", 0) == 0 || code.rfind("22", 0) == 0) return Status::InvalidArgument(msg);
  if (code == "40001" || code == "40P01" || code == "55P03" || code == "57014") return Status::Busy(msg);
  if (code == "53100") return Status::NoSpace(msg);
  if (code == "XX001" || code == "XX002") return Status::Corrupt(msg);
  return Status::IOError(msg);
}

class Db;

class Stmt : public sql::StmtImpl {
 public:
  Stmt(Db* db, std::string sql) : db_(db), sql_(std::move(sql)) {}
  ~Stmt() override { Clear(); }

  void BindInt(int index, std::int64_t value) override { Set(index, std::to_string(value), kInt8); }
  void BindDouble(int index, double value) override {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", value);
    Set(index, buf, kFloat8);
  }
  // PostgreSQL text holds only well-formed UTF-8 without NUL: anything else
  // becomes U+FFFD (SQLite would have kept the bytes).
  void BindText(int index, const std::string& value) override {
    if (base::IsValidUtf8(value) && value.find('\0') == std::string::npos) {
      Set(index, value, kUnknown);
      return;
    }
    std::string text = base::ReplaceIllFormedUtf8(value);
    for (std::size_t at; (at = text.find('\0')) != std::string::npos;) text.replace(at, 1, "\xEF\xBF\xBD");
    Set(index, std::move(text), kUnknown);
  }
  void BindNull(int index) override {
    Grow(index);
    values_[index - 1].reset();
    types_[index - 1] = kUnknown;
  }

  Result<bool> Step() override;
  void Reset() override { Clear(); }

  int ColumnCount() const override { return res_ ? PQnfields(res_) : 0; }
  bool IsNull(int col) const override { return !res_ || PQgetisnull(res_, row_, col); }
  std::int64_t Int(int col) const override {
    if (IsNull(col)) return 0;
    const char* v = PQgetvalue(res_, row_, col);
    if (v[0] == 't' && v[1] == '\0') return 1;  // a boolean
    if (v[0] == 'f' && v[1] == '\0') return 0;
    return std::strtoll(v, nullptr, 10);
  }
  double Double(int col) const override { return IsNull(col) ? 0 : std::strtod(PQgetvalue(res_, row_, col), nullptr); }
  std::string Text(int col) const override {
    if (IsNull(col)) return "";
    return std::string(PQgetvalue(res_, row_, col), static_cast<std::size_t>(PQgetlength(res_, row_, col)));
  }

 private:
  void Grow(int index) {
    if (index > static_cast<int>(values_.size())) {
      values_.resize(index);
      types_.resize(index, kUnknown);
    }
  }
  void Set(int index, std::string value, Oid type) {
    Grow(index);
    values_[index - 1] = std::move(value);
    types_[index - 1] = type;
  }
  void Clear() {
    if (res_) PQclear(res_);
    res_ = nullptr;
    row_ = -1;
  }

  Db* db_;
  const std::string sql_;
  std::vector<std::optional<std::string>> values_;
  std::vector<Oid> types_;
  PGresult* res_ = nullptr;
  int row_ = -1;
};

class Db : public sql::Db {
 public:
  explicit Db(PGconn* conn) : conn_(conn) {}
  ~Db() override { PQfinish(conn_); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  sql::Engine engine() const override { return sql::Engine::kPostgres; }

  Status Exec(const std::string& sql) override {
    PGresult* res = PQexec(conn_, sql.c_str());
    const ExecStatusType st = PQresultStatus(res);
    Status s = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK
                   ? Status::OK()
                   : StatusFromResult(conn_, res, sql.substr(0, 60));
    PQclear(res);
    return s;
  }

  Result<sql::Stmt> Prepare(const std::string& sql) override {
    return sql::Stmt(std::make_unique<Stmt>(this, NumberedParameters(sql)));
  }

  std::int64_t Changes() const override { return changes_; }

  bool Healthy() const { return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE; }
  PGconn* conn() { return conn_; }
  void set_changes(std::int64_t n) { changes_ = n; }

 private:
  PGconn* conn_;
  std::int64_t changes_ = 0;
};

Result<bool> Stmt::Step() {
  if (!res_) {
    std::vector<const char*> values(values_.size());
    for (std::size_t i = 0; i < values_.size(); ++i) values[i] = values_[i] ? values_[i]->c_str() : nullptr;
    res_ = PQexecParams(db_->conn(), sql_.c_str(), static_cast<int>(values.size()), types_.data(),
                        values.data(), nullptr, nullptr, 0);
    const ExecStatusType st = PQresultStatus(res_);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
      Status s = StatusFromResult(db_->conn(), res_, sql_.substr(0, 60));
      Clear();
      return s;
    }
    const char* changed = PQcmdTuples(res_);
    if (changed && *changed) db_->set_changes(std::strtoll(changed, nullptr, 10));
  }
  ++row_;
  return row_ < PQntuples(res_);
}

Result<std::unique_ptr<Db>> Connect(const std::string& url) {
  // Later keywords win: the URL's own connect_timeout overrides this one.
  const char* keys[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {"5", url.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, 1);
  if (!conn) return Status::Busy("catalog: out of memory connecting to the database");
  auto db = std::make_unique<Db>(conn);
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string why = PQerrorMessage(conn);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    return Status::Busy("catalog: cannot connect to the database: " + why);
  }
  // Bounded waits: a statement and a lock wait each give up (Busy) in time.
  CATALOG_RETURN_IF_ERROR(db->Exec(
      "SET statement_timeout = '30s'; SET lock_timeout = '10s'; SET client_min_messages = warning; "
      "SET TIME ZONE 'UTC'"));
  return db;
}

class Pool;

class WriteTxn : public sql::WriteTxn::Impl {
 public:
  WriteTxn(Pool* pool, std::unique_ptr<Db> db) : pool_(pool), db_(std::move(db)) {}
  ~WriteTxn() override;
  sql::Db& db() override { return *db_; }
  Status Commit() override {
    // The change counter tells every process that something changed.
    Status s = db_->Exec("UPDATE catalog_change SET n = n + 1");
    if (s.ok()) s = db_->Exec("COMMIT");
    if (!s.ok()) (void)db_->Exec("ROLLBACK");
    done_ = true;
    return s;
  }

 private:
  Pool* pool_;
  std::unique_ptr<Db> db_;
  bool done_ = false;
};

class ReadTxn : public sql::ReadTxn::Impl {
 public:
  ReadTxn(Pool* pool, std::unique_ptr<Db> db) : pool_(pool), db_(std::move(db)) {}
  ~ReadTxn() override;
  sql::Db& db() override { return *db_; }

 private:
  Pool* pool_;
  std::unique_ptr<Db> db_;
};

class Pool : public sql::Pool {
 public:
  explicit Pool(std::string url) : url_(std::move(url)) {}

  sql::Engine engine() const override { return sql::Engine::kPostgres; }

  Result<sql::WriteTxn> Write() override {
    CATALOG_ASSIGN_OR_RETURN(std::unique_ptr<Db> db, Take());
    Status s = db->Exec("BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kWriterLock) + ")");
    if (!s.ok()) return s;
    return sql::WriteTxn(std::make_unique<WriteTxn>(this, std::move(db)));
  }

  Result<sql::ReadTxn> Read() override {
    CATALOG_ASSIGN_OR_RETURN(std::unique_ptr<Db> db, Take());
    CATALOG_RETURN_IF_ERROR(db->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    return sql::ReadTxn(std::make_unique<ReadTxn>(this, std::move(db)));
  }

  Result<std::int64_t> DataVersion() override {
    std::lock_guard<std::mutex> lock(version_mu_);
    if (version_db_ && !version_db_->Healthy()) version_db_.reset();
    if (!version_db_) {
      CATALOG_ASSIGN_OR_RETURN(version_db_, Connect(url_));
    }
    CATALOG_ASSIGN_OR_RETURN(sql::Stmt st, version_db_->Prepare("SELECT n FROM catalog_change"));
    CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::IOError("catalog: the change counter has no row");
    return st.Int(0);
  }

  // The server checks keys and types on every write; nothing to add here.
  Result<std::string> StorageProblems() override { return std::string(); }

  // Puts a connection back for reuse, unless it is broken or busy.
  void Return(std::unique_ptr<Db> db) {
    if (!db->Healthy()) return;
    std::lock_guard<std::mutex> lock(idle_mu_);
    if (idle_.size() < kMaxIdle) idle_.push_back(std::move(db));
  }

 private:
  // An idle connection, or a new one.
  Result<std::unique_ptr<Db>> Take() {
    {
      std::lock_guard<std::mutex> lock(idle_mu_);
      while (!idle_.empty()) {
        std::unique_ptr<Db> db = std::move(idle_.back());
        idle_.pop_back();
        if (db->Healthy()) return db;
      }
    }
    return Connect(url_);
  }

  const std::string url_;
  std::mutex idle_mu_;
  std::vector<std::unique_ptr<Db>> idle_;
  std::mutex version_mu_;
  std::unique_ptr<Db> version_db_;
};

WriteTxn::~WriteTxn() {
  if (!done_) (void)db_->Exec("ROLLBACK");
  pool_->Return(std::move(db_));
}

ReadTxn::~ReadTxn() {
  (void)db_->Exec("COMMIT");
  pool_->Return(std::move(db_));
}

// The schema version, 0 for an empty database.
Result<int> SchemaVersion(Db& db) {
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt exists,
                           db.Prepare("SELECT to_regclass('catalog_version') IS NOT NULL"));
  CATALOG_ASSIGN_OR_RETURN(bool row, exists.Step());
  if (!row || exists.Int(0) == 0) return 0;
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st, db.Prepare("SELECT version FROM catalog_version"));
  CATALOG_ASSIGN_OR_RETURN(row, st.Step());
  return row ? static_cast<int>(st.Int(0)) : 0;
}

// Brings the schema to the latest version, holding the writers' lock so two
// processes starting together migrate once; each migration in its own
// transaction.
Status Migrate(Db& db) {
  CATALOG_RETURN_IF_ERROR(db.Exec("SELECT pg_advisory_lock(" + std::to_string(kWriterLock) + ")"));
  Status s = Status::OK();
  Result<int> version = SchemaVersion(db);
  if (!version.ok()) s = version.status();
  const int latest = catalog::LatestSchemaVersion();
  if (s.ok() && *version > latest) {
    s = Status::Unsupported("catalog: schema version " + std::to_string(*version) +
                            " was written by a newer program (this one knows up to " +
                            std::to_string(latest) + "); upgrade the program, the database was left untouched");
  }
  for (const PgMigration& m : PgMigrations()) {
    if (!s.ok() || m.to <= *version) continue;
    s = db.Exec(std::string("BEGIN; ") + m.sql + "; UPDATE catalog_version SET version = " +
                std::to_string(m.to) + "; COMMIT");
    if (!s.ok()) {
      (void)db.Exec("ROLLBACK");
      s = Status(s.code() == Status::Code::kBusy
                     ? s
                     : Status::IOError("migration to schema version " + std::to_string(m.to) +
                                       " failed: " + s.message()));
    }
  }
  (void)db.Exec("SELECT pg_advisory_unlock(" + std::to_string(kWriterLock) + ")");
  return s;
}

}  // namespace

bool IsPostgresUrl(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

std::string NumberedParameters(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      out += c;
      if (c == quote) quote = 0;  // a doubled quote reopens on the next char
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c != '?') {
      out += c;
      continue;
    }
    std::size_t j = i + 1;
    while (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) ++j;
    int n = j > i + 1 ? std::atoi(sql.substr(i + 1, j - i - 1).c_str()) : next + 1;
    if (n > next) next = n;
    out += "$" + std::to_string(n);
    i = j - 1;
  }
  return out;
}

Result<std::unique_ptr<sql::Pool>> OpenPool(const std::string& url) {
  PQconninfoOption* options = PQconninfoParse(url.c_str(), nullptr);
  if (!options) return Status::InvalidArgument("catalog: not a valid PostgreSQL URL");
  bool has_password = false;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (std::strcmp(o->keyword, "password") == 0 && o->val && *o->val) has_password = true;
  }
  PQconninfoFree(options);
  if (has_password) {
    return Status::InvalidArgument(
        "catalog: the PostgreSQL URL holds a password; give it through PGPASSWORD or a password file "
        "(PGPASSFILE) instead");
  }
  CATALOG_ASSIGN_OR_RETURN(std::unique_ptr<Db> db, Connect(url));
  CATALOG_RETURN_IF_ERROR(Migrate(*db));
  auto pool = std::make_unique<Pool>(url);
  pool->Return(std::move(db));
  return std::unique_ptr<sql::Pool>(std::move(pool));
}

}  // namespace media::pg
