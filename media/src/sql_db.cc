#include "sql_db.h"

namespace media::sql {

Status Stmt::Run() {
  for (;;) {
    Result<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::OK();
  }
}

Result<std::int64_t> Stmt::InsertId() {
  CATALOG_ASSIGN_OR_RETURN(bool row, Step());
  if (!row) return Status::IOError("catalog: an INSERT returned no id");
  std::int64_t id = Int(0);
  CATALOG_RETURN_IF_ERROR(Run());
  return id;
}

}  // namespace media::sql
