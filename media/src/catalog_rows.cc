#include "catalog_rows.h"
#include "catalog_dialect.h"

#include "catalog_validate.h"

namespace media::catalog {

const TextTable kMeetingText{"meeting_text", "meeting_id"};
const TextTable kAlbumText{"album_text", "album_id"};
const TextTable kPhotoText{"photo_text", "photo_id"};

namespace {
Result<std::int64_t> IdBySlug(sql::Db& db, const char* table, const std::string& slug) {
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st,
                           db.Prepare(std::string("SELECT id FROM ") + table + " WHERE slug = ?"));
  st.Bind(1, slug);
  CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound(std::string(table) + " '" + slug + "' not found");
  return st.Int(0);
}
}  // namespace

Result<std::int64_t> MeetingId(sql::Db& db, const std::string& slug) {
  return IdBySlug(db, "meeting", slug);
}

Result<std::int64_t> AlbumId(sql::Db& db, const std::string& slug) {
  return IdBySlug(db, "album", slug);
}

Status CheckPhotoExists(sql::Db& db, std::int64_t id) {
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st, db.Prepare("SELECT 1 FROM photo WHERE id = ?"));
  st.Bind(1, id);
  CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("photo " + std::to_string(id) + " not found");
  return Status::OK();
}

std::string BestCoverOrderSql() {
  // Under embargo last: only editors see such a photo at all, and it becomes
  // a cover only when there is nothing else.
  return "(p.embargo_until IS NULL OR p.embargo_until <= utc_now()) DESC, "
         "CASE WHEN p.width < p.height THEN p.width ELSE p.height END >= " +
         std::to_string(kCoverMinShortSide) +
         " DESC, p.width * p.height DESC";
}

Status SaveLangText(sql::Db& db, const TextTable& t, std::int64_t owner, const std::string& field,
                    const LangText& text) {
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt del, db.Prepare(std::string("DELETE FROM ") + t.table + " WHERE " +
                                   t.owner_column + " = ? AND field = ?"));
  del.Bind(1, owner).Bind(2, field);
  CATALOG_RETURN_IF_ERROR(del.Run());
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt ins, db.Prepare(std::string("INSERT INTO ") + t.table + " (" + t.owner_column +
                                   ", field, lang, value) VALUES (?, ?, ?, ?)"));
  for (const auto& [lang, value] : text) {
    if (value.empty()) continue;
    ins.Reset();
    ins.Bind(1, owner).Bind(2, field).Bind(3, lang).Bind(4, value);
    CATALOG_RETURN_IF_ERROR(ins.Run());
  }
  return Status::OK();
}

Status SetLangValue(sql::Db& db, const TextTable& t, std::int64_t owner, const std::string& field,
                    const std::string& lang, const std::string& value) {
  std::string sql =
      value.empty()
          ? std::string("DELETE FROM ") + t.table + " WHERE " + t.owner_column +
                " = ?1 AND field = ?2 AND lang = ?3"
          : std::string("INSERT INTO ") + t.table + " (" + t.owner_column +
                ", field, lang, value) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (" + t.owner_column +
                ", field, lang) DO UPDATE SET value = ?4";
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st, db.Prepare(sql));
  st.Bind(1, owner).Bind(2, field).Bind(3, lang);
  if (!value.empty()) st.Bind(4, value);
  return st.Run();
}

std::string IdsJson(const std::vector<std::int64_t>& ids) {
  std::string out = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return out + "]";
}

Result<OwnerTexts> LoadLangTexts(sql::Db& db, const TextTable& t,
                                 const std::vector<std::int64_t>& owners) {
  OwnerTexts out;
  if (owners.empty()) return out;
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      db.Prepare(std::string("SELECT ") + t.owner_column + ", field, lang, value FROM " + t.table +
                 " WHERE " + t.owner_column + " IN " + IdsIn(db)));
  st.Bind(1, IdsJson(owners));
  for (;;) {
    CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out[st.Int(0)][st.Text(1)][st.Text(2)] = st.Text(3);
  }
  return out;
}

Status AddHistory(sql::Db& db, const HistoryEntry& e) {
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      db.Prepare("INSERT INTO edit_history (photo_id, album_id, meeting_id, field, old_value, "
                 "new_value, who, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  auto id_or_null = [&](int index, std::int64_t id) {
    if (id) st.Bind(index, id); else st.BindNull(index);
  };
  id_or_null(1, e.photo_id);
  id_or_null(2, e.album_id);
  id_or_null(3, e.meeting_id);
  st.Bind(4, e.field).Bind(5, e.old_value).Bind(6, e.new_value).Bind(7, e.who).Bind(8, NowUtc());
  return st.Run();
}

Result<std::vector<HistoryEntry>> LoadHistory(sql::Db& db, const char* column, std::int64_t id) {
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      db.Prepare(std::string("SELECT id, coalesce(photo_id, 0), coalesce(album_id, 0), "
                             "coalesce(meeting_id, 0), field, old_value, new_value, who, at "
                             "FROM edit_history WHERE ") +
                 column + " = ? ORDER BY id"));
  st.Bind(1, id);
  return st.Collect([](sql::Stmt& row) {
    return HistoryEntry{row.Int(0),  row.Int(1),  row.Int(2),  row.Int(3), row.Text(4),
                        row.Text(5), row.Text(6), row.Text(7), row.Text(8)};
  });
}

Status RemoveSearchRow(sql::Db& db, std::int64_t photo_id) {
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st, db.Prepare("DELETE FROM photo_fts WHERE rowid = ?"));
  st.Bind(1, photo_id);
  return st.Run();
}

Status RefreshSearchRow(sql::Db& db, std::int64_t photo_id) {
  CATALOG_RETURN_IF_ERROR(RemoveSearchRow(db, photo_id));
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st, db.Prepare(InsertSearchRowSql(db.engine())));
  st.Bind(1, photo_id);
  return st.Run();
}

}  // namespace media::catalog

namespace media::catalog {

void FieldDiffs::Add(const std::string& field, const std::string& old_value,
                     const std::string& new_value) {
  if (old_value == new_value) return;
  HistoryEntry e;
  e.field = field;
  e.old_value = old_value;
  e.new_value = new_value;
  entries_.push_back(std::move(e));
}

void FieldDiffs::AddLang(const std::string& prefix, const LangText& old_text,
                         const LangText& new_text) {
  LangText all = old_text;
  all.insert(new_text.begin(), new_text.end());
  for (const auto& entry : all) {
    const std::string& lang = entry.first;
    auto o = old_text.find(lang);
    auto n = new_text.find(lang);
    Add(prefix + "." + lang, o == old_text.end() ? "" : o->second,
        n == new_text.end() ? "" : n->second);
  }
}

Status FieldDiffs::Record(sql::Db& db, HistoryEntry subject, const std::string& who) const {
  for (const HistoryEntry& e : entries_) {
    subject.field = e.field;
    subject.old_value = e.old_value;
    subject.new_value = e.new_value;
    subject.who = who;
    CATALOG_RETURN_IF_ERROR(AddHistory(db, subject));
  }
  return Status::OK();
}

}  // namespace media::catalog
