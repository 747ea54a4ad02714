#include "sqlite_db.h"

#include "media/utc_time.h"

namespace media::sqlite {

Status StatusFromCode(int rc, const std::string& context, const char* sqlite_message) {
  std::string msg = "catalog: " + context + ": " + (sqlite_message ? sqlite_message : sqlite3_errstr(rc));
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Busy(msg);
    case SQLITE_FULL:
      return Status::NoSpace(msg);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corrupt(msg);
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return Status::Conflict(msg);
      }
      return Status::InvalidArgument(msg);
    default:
      return Status::IOError(msg);
  }
}

namespace {

class Stmt : public sql::StmtImpl {
 public:
  Stmt(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt, &sqlite3_finalize) {}

  void BindInt(int index, std::int64_t value) override {
    Check(sqlite3_bind_int64(stmt_.get(), index, value), index);
  }
  void BindDouble(int index, double value) override {
    Check(sqlite3_bind_double(stmt_.get(), index, value), index);
  }
  void BindText(int index, const std::string& value) override {
    Check(sqlite3_bind_text64(stmt_.get(), index, value.data(), value.size(), SQLITE_TRANSIENT,
                              SQLITE_UTF8),
          index);
  }
  void BindNull(int index) override { Check(sqlite3_bind_null(stmt_.get(), index), index); }

  Result<bool> Step() override {
    if (bind_rc_ != SQLITE_OK) {
      return StatusFromCode(bind_rc_, "binding parameter " + std::to_string(bind_index_), nullptr);
    }
    int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    // sqlite3_errmsg holds the extended error of the failed step.
    int code = sqlite3_extended_errcode(db_);
    const char* sql = sqlite3_sql(stmt_.get());
    std::string head = sql ? std::string(sql).substr(0, 60) : std::string("statement");
    return StatusFromCode(code, head, sqlite3_errmsg(db_));
  }
  void Reset() override { sqlite3_reset(stmt_.get()); }

  int ColumnCount() const override { return sqlite3_column_count(stmt_.get()); }
  bool IsNull(int col) const override { return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL; }
  std::int64_t Int(int col) const override { return sqlite3_column_int64(stmt_.get(), col); }
  double Double(int col) const override { return sqlite3_column_double(stmt_.get(), col); }
  std::string Text(int col) const override {
    const unsigned char* text = sqlite3_column_text(stmt_.get(), col);
    if (!text) return "";
    return std::string(reinterpret_cast<const char*>(text),
                       static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), col)));
  }

 private:
  void Check(int rc, int index) {
    if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) {
      bind_rc_ = rc;
      bind_index_ = index;
    }
  }
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt_;
  int bind_rc_ = SQLITE_OK;
  int bind_index_ = 0;
};

}  // namespace

Result<std::unique_ptr<Db>> Db::Open(const std::string& path) {
  sqlite3* handle = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &handle,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
    sqlite3_close(handle);
    return Status::IOError("catalog: cannot open " + path + ": " + why);
  }
  sqlite3_extended_result_codes(handle, 1);
  // utc_now(): the current instant as the catalog writes it (both engines
  // have it).
  sqlite3_create_function(
      handle, "utc_now", 0, SQLITE_UTF8, nullptr,
      [](sqlite3_context* context, int, sqlite3_value**) {
        const std::string now = NowUtc();
        sqlite3_result_text(context, now.data(), static_cast<int>(now.size()), SQLITE_TRANSIENT);
      },
      nullptr, nullptr);
  sqlite3_busy_timeout(handle, 5000);
  std::unique_ptr<Db> db(new Db(handle));
  // journal_mode answers with a row; Exec ignores it. WAL lets readers run
  // while one writer commits; FULL syncs the WAL on every commit.
  Status s = db->Exec(
      "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;");
  if (!s.ok()) return s;
  return db;
}

Db::~Db() { sqlite3_close_v2(db_); }

Status Db::Exec(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::OK();
  Status s = StatusFromCode(sqlite3_extended_errcode(db_), sql.substr(0, 60), err);
  sqlite3_free(err);
  return s;
}

Result<sql::Stmt> Db::Prepare(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return StatusFromCode(rc, sql.substr(0, 60), sqlite3_errmsg(db_));
  return sql::Stmt(std::make_unique<Stmt>(db_, stmt));
}

}  // namespace media::sqlite
