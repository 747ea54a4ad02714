// The trash: DeletePhoto moves a photo's rows into the trash_* tables (one
// per live table, same columns, copied by name), RestorePhoto moves them
// back, PurgeDeletedPhotos drops them for good. Schema in
// catalog_schema_v2.cc.

#include "catalog_dialect.h"
#include "catalog_rows.h"
#include "catalog_sql.h"
#include "media/utc_time.h"

namespace media::catalog {
namespace {

// The live tables whose rows of one photo go to the trash, each with the
// column that names the photo and which rows come back on restore (an SQL
// condition, "" for all). `photo` comes first on the way back (the others
// refer to it).
struct TrashedTable {
  const char* live;
  const char* trash;
  const char* photo_column;
  const char* restored;
};
constexpr TrashedTable kTables[] = {
    {"photo", "trash_photo", "id", ""},
    {"photo_text", "trash_photo_text", "photo_id", ""},
    {"photo_keyword", "trash_photo_keyword", "photo_id", ""},
    // Places in albums deleted since are dropped.
    {"album_photo", "trash_album_photo", "photo_id", "album_id IN (SELECT id FROM album)"},
};

// "a, b, c": the columns of `table`, in its order.
Result<std::string> Columns(sql::Db& db, const std::string& table) {
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st, db.Prepare(TableColumnsSql(db.engine())));
  st.Bind(1, table);
  std::string out;
  for (;;) {
    CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out += (out.empty() ? "" : ", ") + st.Text(0);
  }
  if (out.empty()) return Status::IOError("catalog: no table " + table);
  return out;
}

// Copies the rows of photo `id` from table `from` to table `to` (same
// columns), keeping only those `where` allows (an SQL condition, or "").
Status CopyRows(sql::Db& db, const std::string& from, const std::string& to,
                const char* photo_column, std::int64_t id, const std::string& where = "") {
  CATALOG_ASSIGN_OR_RETURN(std::string columns, Columns(db, from));
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      db.Prepare("INSERT INTO " + to + " (" + columns + ") SELECT " + columns + " FROM " + from +
                 " WHERE " + photo_column + " = ?" + (where.empty() ? "" : " AND " + where)));
  st.Bind(1, id);
  return st.Run();
}

Status DeleteRows(sql::Db& db, const std::string& table, const char* photo_column,
                  std::int64_t id) {
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st,
                           db.Prepare("DELETE FROM " + table + " WHERE " + photo_column + " = ?"));
  st.Bind(1, id);
  return st.Run();
}

}  // namespace

Result<std::string> SqlCatalog::DeletePhoto(std::int64_t id, const std::string& who) {
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  sql::Db& db = txn.db();
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt find, db.Prepare("SELECT sha256 FROM photo WHERE id = ?"));
  find.Bind(1, id);
  CATALOG_ASSIGN_OR_RETURN(bool found, find.Step());
  if (!found) return Status::NotFound("photo " + std::to_string(id) + " not found");
  std::string sha256 = find.Text(0);
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt covers,
                           db.Prepare("SELECT id FROM album WHERE cover_photo_id = ? ORDER BY id"));
  covers.Bind(1, id);
  CATALOG_ASSIGN_OR_RETURN(std::vector<std::int64_t> covered,
                           covers.Collect([](sql::Stmt& row) { return row.Int(0); }));
  std::string cover_ids = IdsJson(covered);
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt record,
      db.Prepare("INSERT INTO deleted_photo (photo_id, sha256, deleted_at, deleted_by, covers) "
                 "VALUES (?, ?, ?, ?, ?)"));
  record.Bind(1, id).Bind(2, sha256).Bind(3, NowUtc()).Bind(4, who).Bind(5, cover_ids);
  CATALOG_RETURN_IF_ERROR(record.Run());
  for (const TrashedTable& t : kTables) {
    CATALOG_RETURN_IF_ERROR(CopyRows(db, t.live, t.trash, t.photo_column, id));
  }
  // Texts, keywords and memberships go by ON DELETE CASCADE, covers by SET
  // NULL; history rows stay.
  CATALOG_RETURN_IF_ERROR(DeleteRows(db, "photo", "id", id));
  CATALOG_RETURN_IF_ERROR(RemoveSearchRow(db, id));
  CATALOG_RETURN_IF_ERROR(txn.Commit());
  return sha256;
}

Result<std::vector<DeletedPhoto>> SqlCatalog::ListDeletedPhotos() {
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      txn.db().Prepare("SELECT d.photo_id, d.sha256, coalesce(p.original_filename, ''), "
                       "d.deleted_at, d.deleted_by FROM deleted_photo d "
                       "LEFT JOIN trash_photo p ON p.id = d.photo_id "
                       "ORDER BY d.deleted_at DESC, d.photo_id DESC"));
  return st.Collect([&](sql::Stmt& row) {
    return DeletedPhoto{row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4)};
  });
}

Status SqlCatalog::RestorePhoto(std::int64_t id) {
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  sql::Db& db = txn.db();
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt find,
                           db.Prepare("SELECT d.sha256, d.covers, p.id FROM deleted_photo d "
                                      "LEFT JOIN photo p ON p.sha256 = d.sha256 WHERE d.photo_id = ?"));
  find.Bind(1, id);
  CATALOG_ASSIGN_OR_RETURN(bool found, find.Step());
  if (!found) return Status::NotFound("photo " + std::to_string(id) + " is not in the trash");
  if (!find.IsNull(2)) {
    return Status::Conflict("the same bytes were catalogued again since, as photo " +
                            std::to_string(find.Int(2)) + "; delete that one first");
  }
  std::string cover_ids = find.Text(1);
  // A meeting deleted since leaves the photo without one, as deleting the
  // meeting would have.
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt meeting,
      db.Prepare("UPDATE trash_photo SET meeting_id = NULL WHERE id = ? AND meeting_id IS NOT NULL "
                 "AND meeting_id NOT IN (SELECT id FROM meeting)"));
  meeting.Bind(1, id);
  CATALOG_RETURN_IF_ERROR(meeting.Run());
  for (const TrashedTable& t : kTables) {
    CATALOG_RETURN_IF_ERROR(CopyRows(db, t.trash, t.live, t.photo_column, id, t.restored));
    CATALOG_RETURN_IF_ERROR(DeleteRows(db, t.trash, t.photo_column, id));
  }
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt covers,
      db.Prepare("UPDATE album SET cover_photo_id = ? WHERE cover_photo_id IS NULL AND "
                 "id IN " + IdsIn(db)));
  covers.Bind(1, id).Bind(2, cover_ids);
  CATALOG_RETURN_IF_ERROR(covers.Run());
  CATALOG_RETURN_IF_ERROR(DeleteRows(db, "deleted_photo", "photo_id", id));
  CATALOG_RETURN_IF_ERROR(RefreshSearchRow(db, id));
  return txn.Commit();
}

Result<std::vector<std::string>> SqlCatalog::PurgeDeletedPhotos() {
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  sql::Db& db = txn.db();
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt list,
                           db.Prepare("SELECT sha256 FROM deleted_photo ORDER BY photo_id"));
  std::vector<std::string> out;
  for (;;) {
    CATALOG_ASSIGN_OR_RETURN(bool row, list.Step());
    if (!row) break;
    out.push_back(list.Text(0));
  }
  for (const TrashedTable& t : kTables) {
    CATALOG_RETURN_IF_ERROR(db.Exec(std::string("DELETE FROM ") + t.trash));
  }
  CATALOG_RETURN_IF_ERROR(db.Exec("DELETE FROM deleted_photo"));
  CATALOG_RETURN_IF_ERROR(txn.Commit());
  return out;
}

}  // namespace media::catalog
