// Change detection: the engine's commit counter, and the next embargo to end.
#include "media/utc_time.h"
#include "catalog_sql.h"

namespace media::catalog {

Result<std::int64_t> SqlCatalog::DataVersion() { return pool_->DataVersion(); }

Result<std::string> SqlCatalog::NextEmbargoEnd() {
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      txn.db().Prepare("SELECT min(embargo_until) FROM photo WHERE embargo_until > ?"));
  st.Bind(1, NowUtc());
  CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Text(0) : std::string();
}

}  // namespace media::catalog
