#include "sqlite_pool.h"

namespace media::sqlite {
namespace {

constexpr std::size_t kMaxIdleReaders = 8;

class WriteTxn : public sql::WriteTxn::Impl {
 public:
  WriteTxn(std::unique_lock<std::mutex> lock, Db* db) : lock_(std::move(lock)), db_(db) {}
  ~WriteTxn() override {
    if (!done_) (void)db_->Exec("ROLLBACK");
  }
  sql::Db& db() override { return *db_; }
  Status Commit() override {
    Status s = db_->Exec("COMMIT");
    if (!s.ok()) (void)db_->Exec("ROLLBACK");
    done_ = true;
    return s;
  }

 private:
  std::unique_lock<std::mutex> lock_;
  Db* db_;
  bool done_ = false;
};

class ReadTxn : public sql::ReadTxn::Impl {
 public:
  ReadTxn(Pool* pool, std::unique_ptr<Db> db) : pool_(pool), db_(std::move(db)) {}
  ~ReadTxn() override {
    if (db_->Exec("COMMIT").ok()) pool_->Return(std::move(db_));
  }
  sql::Db& db() override { return *db_; }

 private:
  Pool* pool_;
  std::unique_ptr<Db> db_;
};

// Every row of `pragma` joined, "ok" rows of integrity_check left out.
Result<std::string> Problems(sql::Db& db, const char* pragma) {
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st, db.Prepare(pragma));
  std::string out;
  for (;;) {
    CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    std::string line;
    for (int col = 0; col < st.ColumnCount(); ++col) {
      std::string v = st.Text(col);
      if (!v.empty()) line += (line.empty() ? "" : " ") + v;
    }
    if (line != "ok") out += (out.empty() ? "" : "; ") + line;
  }
  return out;
}

}  // namespace

Result<sql::WriteTxn> Pool::Write() {
  std::unique_lock<std::mutex> lock(write_mu_);
  CATALOG_RETURN_IF_ERROR(writer_->Exec("BEGIN IMMEDIATE"));
  return sql::WriteTxn(std::make_unique<WriteTxn>(std::move(lock), writer_.get()));
}

Result<sql::ReadTxn> Pool::Read() {
  std::unique_ptr<Db> db;
  {
    std::lock_guard<std::mutex> lock(idle_mu_);
    if (!idle_readers_.empty()) {
      db = std::move(idle_readers_.back());
      idle_readers_.pop_back();
    }
  }
  if (!db) {
    CATALOG_ASSIGN_OR_RETURN(db, Db::Open(path_));
  }
  CATALOG_RETURN_IF_ERROR(db->Exec("BEGIN"));
  return sql::ReadTxn(std::make_unique<ReadTxn>(this, std::move(db)));
}

void Pool::Return(std::unique_ptr<Db> db) {
  std::lock_guard<std::mutex> lock(idle_mu_);
  if (idle_readers_.size() < kMaxIdleReaders) idle_readers_.push_back(std::move(db));
}

Result<std::int64_t> Pool::DataVersion() {
  std::lock_guard<std::mutex> lock(version_mu_);
  if (!version_stmt_) {
    if (!version_db_) {
      CATALOG_ASSIGN_OR_RETURN(version_db_, Db::Open(path_));
    }
    CATALOG_ASSIGN_OR_RETURN(sql::Stmt st, version_db_->Prepare("PRAGMA data_version"));
    version_stmt_.emplace(std::move(st));
  }
  version_stmt_->Reset();
  CATALOG_ASSIGN_OR_RETURN(bool row, version_stmt_->Step());
  if (!row) return Status::IOError("catalog: PRAGMA data_version returned no row");
  std::int64_t version = version_stmt_->Int(0);
  version_stmt_->Reset();
  return version;
}

Result<std::string> Pool::StorageProblems() {
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, Read());
  CATALOG_ASSIGN_OR_RETURN(std::string integrity, Problems(txn.db(), "PRAGMA integrity_check"));
  CATALOG_ASSIGN_OR_RETURN(std::string keys, Problems(txn.db(), "PRAGMA foreign_key_check"));
  std::string out;
  if (!integrity.empty()) out += "; integrity_check: " + integrity;
  if (!keys.empty()) out += "; foreign_key_check: " + keys;
  return out;
}

}  // namespace media::sqlite
