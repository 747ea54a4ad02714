// Album membership: adding, removing and ordering photos in an album.
#include <algorithm>
#include <set>

#include "catalog_rows.h"
#include "catalog_sql.h"

namespace media::catalog {
namespace {

Result<std::vector<std::int64_t>> Members(sql::Db& db, std::int64_t album_id) {
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      db.Prepare("SELECT photo_id FROM album_photo WHERE album_id = ? ORDER BY position, photo_id"));
  st.Bind(1, album_id);
  return st.Collect([&](sql::Stmt& row) { return row.Int(0); });
}

}  // namespace

// Appends the photos not yet in the album, in the order given.
Status AppendToAlbum(sql::Db& db, std::int64_t album_id, const std::vector<std::int64_t>& ids) {
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      db.Prepare("INSERT INTO album_photo (album_id, photo_id, position) "
                 "SELECT ?1, ?2, coalesce(max(position), 0) + 1 FROM album_photo "
                 "WHERE album_id = ?1 ON CONFLICT DO NOTHING"));
  for (std::int64_t id : ids) {
    CATALOG_RETURN_IF_ERROR(CheckPhotoExists(db, id));
    st.Reset();
    st.Bind(1, album_id).Bind(2, id);
    CATALOG_RETURN_IF_ERROR(st.Run());
  }
  return Status::OK();
}

Status SqlCatalog::AddToAlbum(const std::string& album_slug, const std::vector<std::int64_t>& ids) {
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(std::int64_t album_id, AlbumId(txn.db(), album_slug));
  CATALOG_RETURN_IF_ERROR(AppendToAlbum(txn.db(), album_id, ids));
  return txn.Commit();
}

// Takes the photos out of the album (and off its cover).
Status LeaveAlbum(sql::Db& db, std::int64_t album_id, const std::vector<std::int64_t>& ids) {
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt del,
                           db.Prepare("DELETE FROM album_photo WHERE album_id = ? AND photo_id = ?"));
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt cover, db.Prepare("UPDATE album SET cover_photo_id = NULL "
                                                          "WHERE id = ? AND cover_photo_id = ?"));
  for (std::int64_t id : ids) {
    del.Reset();
    del.Bind(1, album_id).Bind(2, id);
    CATALOG_RETURN_IF_ERROR(del.Run());
    cover.Reset();
    cover.Bind(1, album_id).Bind(2, id);
    CATALOG_RETURN_IF_ERROR(cover.Run());
  }
  return Status::OK();
}

Status SqlCatalog::RemoveFromAlbum(const std::string& album_slug,
                                      const std::vector<std::int64_t>& ids) {
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(std::int64_t album_id, AlbumId(txn.db(), album_slug));
  CATALOG_RETURN_IF_ERROR(LeaveAlbum(txn.db(), album_id, ids));
  return txn.Commit();
}

Status SqlCatalog::ReorderAlbum(const std::string& album_slug,
                                   const std::vector<std::int64_t>& ids) {
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(std::int64_t album_id, AlbumId(txn.db(), album_slug));
  CATALOG_ASSIGN_OR_RETURN(std::vector<std::int64_t> members, Members(txn.db(), album_id));
  std::vector<std::int64_t> given = ids;
  std::sort(given.begin(), given.end());
  std::sort(members.begin(), members.end());
  if (given != members) {
    return Status::InvalidArgument("order: must list each of the album's " +
                                   std::to_string(members.size()) + " photos exactly once");
  }
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      txn.db().Prepare("UPDATE album_photo SET position = ? WHERE album_id = ? AND photo_id = ?"));
  for (std::size_t i = 0; i < ids.size(); ++i) {
    st.Reset();
    st.Bind(1, static_cast<std::int64_t>(i + 1)).Bind(2, album_id).Bind(3, ids[i]);
    CATALOG_RETURN_IF_ERROR(st.Run());
  }
  return txn.Commit();
}

}  // namespace media::catalog
