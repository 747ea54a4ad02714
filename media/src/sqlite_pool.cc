#include "sqlite_pool.h"

namespace media::sqlite {
namespace {
constexpr std::size_t kMaxIdleReaders = 8;
}  // namespace

WriteTxn::~WriteTxn() {
  if (db_ && !done_) (void)db_->Exec("ROLLBACK");
}

Status WriteTxn::Commit() {
  Status s = db_->Exec("COMMIT");
  if (!s.ok()) {
    (void)db_->Exec("ROLLBACK");
  }
  done_ = true;
  return s;
}

ReadTxn::~ReadTxn() {
  if (!db_) return;
  if (db_->Exec("COMMIT").ok()) {
    pool_->Return(std::move(db_));
  }
}

Result<WriteTxn> Pool::Write() {
  std::unique_lock<std::mutex> lock(write_mu_);
  CATALOG_RETURN_IF_ERROR(writer_->Exec("BEGIN IMMEDIATE"));
  return WriteTxn(std::move(lock), writer_.get());
}

Result<ReadTxn> Pool::Read() {
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
  return ReadTxn(this, std::move(db));
}

void Pool::Return(std::unique_ptr<Db> db) {
  std::lock_guard<std::mutex> lock(idle_mu_);
  if (idle_readers_.size() < kMaxIdleReaders) idle_readers_.push_back(std::move(db));
}

}  // namespace media::sqlite
