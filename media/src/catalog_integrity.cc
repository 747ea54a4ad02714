// The health check of the catalog: the engine's own checks, and the search
// index in step with the photos.
#include "catalog_sql.h"

namespace media::catalog {
namespace {

// Photos without a search row and search rows without a photo.
constexpr char kSearchCheck[] =
    "SELECT 'photo ' || id || ' has no search row' FROM photo "
    "WHERE id NOT IN (SELECT rowid FROM photo_fts) "
    "UNION ALL SELECT 'search row ' || rowid || ' has no photo' FROM photo_fts "
    "WHERE rowid NOT IN (SELECT id FROM photo)";

}  // namespace

Status SqlCatalog::CheckIntegrity() {
  CATALOG_ASSIGN_OR_RETURN(std::string storage, pool_->StorageProblems());
  std::string search;
  {
    CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
    CATALOG_ASSIGN_OR_RETURN(sql::Stmt st, txn.db().Prepare(kSearchCheck));
    for (;;) {
      CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      search += (search.empty() ? "" : "; ") + st.Text(0);
    }
  }
  if (storage.empty() && search.empty()) return Status::OK();
  std::string msg = storage;
  if (!search.empty()) msg += "; search index out of step: " + search;
  return Status::Corrupt("catalog" + msg);
}

}  // namespace media::catalog
