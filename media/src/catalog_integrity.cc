// The health check of the catalog file.
#include "catalog_sqlite.h"

namespace media::catalog {
namespace {

// Every row of `pragma` joined, "ok" rows of integrity_check left out.
Result<std::string> Problems(sqlite::Db& db, const char* pragma) {
  CATALOG_ASSIGN_OR_RETURN(sqlite::Stmt st, db.Prepare(pragma));
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

// Photos without a search row and search rows without a photo.
constexpr char kSearchCheck[] =
    "SELECT 'photo ' || id || ' has no search row' FROM photo "
    "WHERE id NOT IN (SELECT rowid FROM photo_fts) "
    "UNION ALL SELECT 'search row ' || rowid || ' has no photo' FROM photo_fts "
    "WHERE rowid NOT IN (SELECT id FROM photo)";

}  // namespace

Status SqliteCatalog::CheckIntegrity() {
  CATALOG_ASSIGN_OR_RETURN(sqlite::ReadTxn txn, pool_->Read());
  CATALOG_ASSIGN_OR_RETURN(std::string integrity, Problems(txn.db(), "PRAGMA integrity_check"));
  CATALOG_ASSIGN_OR_RETURN(std::string keys, Problems(txn.db(), "PRAGMA foreign_key_check"));
  CATALOG_ASSIGN_OR_RETURN(std::string search, Problems(txn.db(), kSearchCheck));
  if (integrity.empty() && keys.empty() && search.empty()) return Status::OK();
  std::string msg;
  if (!integrity.empty()) msg += "; integrity_check: " + integrity;
  if (!keys.empty()) msg += "; foreign_key_check: " + keys;
  if (!search.empty()) msg += "; search index out of step: " + search;
  return Status::Corrupt("catalog" + msg);
}

}  // namespace media::catalog
