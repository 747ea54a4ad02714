// Editing photos: a typed edit with one history row per real change, bulk
// edits in one transaction, reverting a history entry.
#include <set>

#include "catalog_photo_fields.h"
#include "catalog_rows.h"
#include "catalog_sql.h"
#include "media/text_limits.h"

namespace media::catalog {
namespace {

// InvalidArgument when a per-language field that `changes` touched now holds
// more than kMaxLanguages languages for photo `id`.
Status CheckLanguageCounts(sql::Db& db, std::int64_t id, const std::vector<ParsedChange>& changes) {
  std::set<std::string> checked;
  for (const ParsedChange& c : changes) {
    if (c.kind != ParsedChange::Kind::kLangText || !checked.insert(c.text_field).second) continue;
    CATALOG_ASSIGN_OR_RETURN(
        sql::Stmt st, db.Prepare("SELECT count(*) FROM photo_text WHERE photo_id = ? AND field = ?"));
    st.Bind(1, id).Bind(2, c.text_field);
    CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
    const std::int64_t n = row ? st.Int(0) : 0;
    if (n > static_cast<std::int64_t>(kMaxLanguages)) {
      return Status::InvalidArgument(c.field.substr(0, c.field.find('.')) + ": " + std::to_string(n) +
                                     " languages, over the limit of " + std::to_string(kMaxLanguages));
    }
  }
  return Status::OK();
}

// Applies the changes to one photo inside the caller's transaction: writes
// and records only the fields whose value differs, then bumps the version and
// refreshes the search row when anything changed.
Status ApplyChanges(sql::Db& db, std::int64_t id, const std::vector<ParsedChange>& changes,
                    const std::string& who) {
  CATALOG_RETURN_IF_ERROR(CheckPhotoExists(db, id));
  FieldDiffs diffs;
  for (const ParsedChange& given : changes) {
    CATALOG_ASSIGN_OR_RETURN(ParsedChange c, ResolveChange(db, id, given));
    CATALOG_ASSIGN_OR_RETURN(std::string old_value, CurrentValue(db, id, c));
    if (old_value == c.value) continue;
    CATALOG_RETURN_IF_ERROR(WriteValue(db, id, c));
    diffs.Add(c.field, old_value, c.value);
  }
  if (diffs.empty()) return Status::OK();
  CATALOG_RETURN_IF_ERROR(CheckLanguageCounts(db, id, changes));
  HistoryEntry subject;
  subject.photo_id = id;
  CATALOG_RETURN_IF_ERROR(diffs.Record(db, subject, who));
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st,
                           db.Prepare("UPDATE photo SET version = version + 1 WHERE id = ?"));
  st.Bind(1, id);
  CATALOG_RETURN_IF_ERROR(st.Run());
  return RefreshSearchRow(db, id);
}

}  // namespace

Status SqlCatalog::EditPhoto(std::int64_t id, const PhotoEdit& edit, const std::string& who) {
  return EditPhotos({id}, edit, who);
}

Status SqlCatalog::EditPhotos(const std::vector<std::int64_t>& ids, const PhotoEdit& edit,
                                 const std::string& who) {
  if (ids.size() > kMaxBulkIds) {
    return Status::InvalidArgument("ids: " + std::to_string(ids.size()) + " photos, over the limit of " +
                                   std::to_string(kMaxBulkIds));
  }
  CATALOG_ASSIGN_OR_RETURN(std::vector<ParsedChange> parsed, ParseEdit(edit));
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  std::set<std::int64_t> done;
  std::vector<std::int64_t> unique;
  for (std::int64_t id : ids) {
    if (!done.insert(id).second) continue;
    unique.push_back(id);
    CATALOG_RETURN_IF_ERROR(ApplyChanges(txn.db(), id, parsed, who));
  }
  if (!edit.add_to_album.empty()) {
    CATALOG_ASSIGN_OR_RETURN(std::int64_t album_id, AlbumId(txn.db(), edit.add_to_album));
    CATALOG_RETURN_IF_ERROR(AppendToAlbum(txn.db(), album_id, unique));
  }
  if (!edit.remove_from_album.empty()) {
    CATALOG_ASSIGN_OR_RETURN(std::int64_t album_id, AlbumId(txn.db(), edit.remove_from_album));
    CATALOG_RETURN_IF_ERROR(LeaveAlbum(txn.db(), album_id, unique));
  }
  return txn.Commit();
}

Result<std::vector<HistoryEntry>> SqlCatalog::PhotoHistory(std::int64_t id) {
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  CATALOG_ASSIGN_OR_RETURN(std::vector<HistoryEntry> entries, LoadHistory(txn.db(), "photo_id", id));
  // A deleted photo keeps its history; an id that never had any is unknown.
  if (entries.empty()) CATALOG_RETURN_IF_ERROR(CheckPhotoExists(txn.db(), id));
  return entries;
}

Status SqlCatalog::RevertEdit(std::int64_t photo_id, std::int64_t entry_id,
                                 const std::string& who) {
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      txn.db().Prepare("SELECT field, old_value FROM edit_history WHERE id = ? AND photo_id = ?"));
  st.Bind(1, entry_id).Bind(2, photo_id);
  CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) {
    return Status::NotFound("history entry " + std::to_string(entry_id) + " of photo " +
                            std::to_string(photo_id) + " not found");
  }
  const std::string field = st.Text(0);
  const std::string old_value = st.Text(1);
  st.Reset();
  CATALOG_ASSIGN_OR_RETURN(PhotoEdit back, EditFromHistory(field, old_value));
  CATALOG_ASSIGN_OR_RETURN(std::vector<ParsedChange> changes, ParseEdit(back));
  CATALOG_RETURN_IF_ERROR(ApplyChanges(txn.db(), photo_id, changes, who));
  return txn.Commit();
}

}  // namespace media::catalog
