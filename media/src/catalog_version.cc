// Change detection: SQLite's data_version counter on a connection of its
// own, and the next embargo to end.
#include "catalog_sqlite.h"
#include "catalog_validate.h"

namespace media::catalog {

Result<std::int64_t> SqliteCatalog::DataVersion() {
  std::lock_guard<std::mutex> lock(version_mu_);
  if (!version_stmt_) {
    if (!version_db_) {
      CATALOG_ASSIGN_OR_RETURN(version_db_, sqlite::Db::Open(path_));
    }
    CATALOG_ASSIGN_OR_RETURN(sqlite::Stmt st, version_db_->Prepare("PRAGMA data_version"));
    version_stmt_.emplace(std::move(st));
  }
  version_stmt_->Reset();
  CATALOG_ASSIGN_OR_RETURN(bool row, version_stmt_->Step());
  if (!row) return Status::IOError("catalog: PRAGMA data_version returned no row");
  std::int64_t version = version_stmt_->Int(0);
  version_stmt_->Reset();
  return version;
}

Result<std::string> SqliteCatalog::NextEmbargoEnd() {
  CATALOG_ASSIGN_OR_RETURN(sqlite::ReadTxn txn, pool_->Read());
  CATALOG_ASSIGN_OR_RETURN(
      sqlite::Stmt st,
      txn.db().Prepare("SELECT min(embargo_until) FROM photo WHERE embargo_until > ?"));
  st.Bind(1, NowUtc());
  CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Text(0) : std::string();
}

}  // namespace media::catalog
