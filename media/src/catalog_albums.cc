// Albums: create, read, update (with history), delete.
#include "catalog_rows.h"
#include "catalog_sqlite.h"
#include "catalog_validate.h"
#include "media/text_limits.h"

namespace media::catalog {
namespace {

constexpr char kAlbumColumns[] =
    "SELECT a.id, a.slug, coalesce(m.slug, ''), a.visibility, a.default_credit, a.cover_photo_id, "
    "(SELECT count(*) FROM album_photo ap WHERE ap.album_id = a.id), "
    "(SELECT count(*) FROM album_photo ap JOIN photo p ON p.id = ap.photo_id "
    " WHERE ap.album_id = a.id AND (p.embargo_until IS NULL OR "
    " p.embargo_until <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))) "
    "FROM album a LEFT JOIN meeting m ON m.id = a.meeting_id ";

Result<Album> ValidAlbum(const Album& in) {
  Album a = in;
  CATALOG_RETURN_IF_ERROR(CheckSlug("album slug", a.slug));
  if (!a.meeting_slug.empty()) CATALOG_RETURN_IF_ERROR(CheckSlug("meeting", a.meeting_slug));
  CATALOG_ASSIGN_OR_RETURN(a.title, NormalizeLangText("title", a.title));
  CATALOG_ASSIGN_OR_RETURN(a.description, NormalizeLangText("description", a.description));
  CATALOG_RETURN_IF_ERROR(CheckLangText("title", a.title, kMaxTitleChars));
  CATALOG_RETURN_IF_ERROR(CheckLangText("description", a.description, kMaxDescriptionChars));
  CATALOG_RETURN_IF_ERROR(CheckChars("default_credit", a.default_credit, kMaxCreditChars));
  if (!ParseVisibility(VisibilityName(a.visibility))) {
    return Status::InvalidArgument("visibility: unknown value");
  }
  return a;
}

Result<std::vector<Album>> ReadAlbums(sqlite::Db& db, const std::string& where,
                                      const std::string& param) {
  CATALOG_ASSIGN_OR_RETURN(sqlite::Stmt st, db.Prepare(kAlbumColumns + where + " ORDER BY a.id"));
  if (!param.empty()) st.Bind(1, param);
  std::vector<Album> out;
  std::vector<std::int64_t> ids;
  for (;;) {
    CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    Album a;
    a.id = st.Int(0);
    a.slug = st.Text(1);
    a.meeting_slug = st.Text(2);
    a.visibility = ParseVisibility(st.Text(3)).value_or(Visibility::kPrivate);
    a.default_credit = st.Text(4);
    a.cover_photo_id = st.OptInt(5);
    a.photo_count = st.Int(6);
    a.public_photo_count = st.Int(7);
    ids.push_back(a.id);
    out.push_back(std::move(a));
  }
  CATALOG_ASSIGN_OR_RETURN(OwnerTexts texts, LoadLangTexts(db, kAlbumText, ids));
  for (Album& a : out) {
    a.title = texts[a.id]["title"];
    a.description = texts[a.id]["description"];
  }
  return out;
}

Result<Album> ReadAlbum(sqlite::Db& db, const std::string& slug) {
  CATALOG_ASSIGN_OR_RETURN(std::vector<Album> found, ReadAlbums(db, "WHERE a.slug = ?", slug));
  if (found.empty()) return Status::NotFound("album '" + slug + "' not found");
  return std::move(found[0]);
}

// Writes every column and text of `a` (a.id set) after checking that its
// meeting and cover photo exist.
Status WriteAlbum(sqlite::Db& db, const Album& a, bool insert) {
  std::optional<std::int64_t> meeting_id;
  if (!a.meeting_slug.empty()) {
    CATALOG_ASSIGN_OR_RETURN(meeting_id, MeetingId(db, a.meeting_slug));
  }
  if (a.cover_photo_id) CATALOG_RETURN_IF_ERROR(CheckPhotoExists(db, *a.cover_photo_id));
  CATALOG_ASSIGN_OR_RETURN(
      sqlite::Stmt st,
      db.Prepare(insert ? "INSERT INTO album (slug, meeting_id, visibility, default_credit, "
                          "cover_photo_id, id) VALUES (?, ?, ?, ?, ?, NULL)"
                        : "UPDATE album SET slug = ?, meeting_id = ?, visibility = ?, "
                          "default_credit = ?, cover_photo_id = ? WHERE id = ?"));
  st.Bind(1, a.slug).BindOptional(2, meeting_id).Bind(3, VisibilityName(a.visibility));
  st.Bind(4, a.default_credit).BindOptional(5, a.cover_photo_id);
  if (!insert) st.Bind(6, a.id);
  Status s = st.Run();
  if (s.code() == Status::Code::kConflict) {
    return Status::Conflict("album '" + a.slug + "' already exists");
  }
  CATALOG_RETURN_IF_ERROR(s);
  std::int64_t id = insert ? db.LastInsertId() : a.id;
  CATALOG_RETURN_IF_ERROR(SaveLangText(db, kAlbumText, id, "title", a.title));
  return SaveLangText(db, kAlbumText, id, "description", a.description);
}

std::string CoverText(const std::optional<std::int64_t>& id) {
  return id ? std::to_string(*id) : std::string();
}

}  // namespace

Status SqliteCatalog::CreateAlbum(const Album& in) {
  CATALOG_ASSIGN_OR_RETURN(Album a, ValidAlbum(in));
  CATALOG_ASSIGN_OR_RETURN(sqlite::WriteTxn txn, pool_->Write());
  CATALOG_RETURN_IF_ERROR(WriteAlbum(txn.db(), a, /*insert=*/true));
  return txn.Commit();
}

Result<Album> SqliteCatalog::GetAlbum(const std::string& slug) {
  CATALOG_ASSIGN_OR_RETURN(sqlite::ReadTxn txn, pool_->Read());
  return ReadAlbum(txn.db(), slug);
}

Result<std::vector<Album>> SqliteCatalog::ListAlbums(const std::string& meeting_slug) {
  CATALOG_ASSIGN_OR_RETURN(sqlite::ReadTxn txn, pool_->Read());
  if (meeting_slug.empty()) return ReadAlbums(txn.db(), "", "");
  CATALOG_RETURN_IF_ERROR(MeetingId(txn.db(), meeting_slug).status());
  return ReadAlbums(txn.db(), "WHERE m.slug = ?", meeting_slug);
}

Status SqliteCatalog::UpdateAlbum(const std::string& slug, const Album& in, const std::string& who) {
  Album wanted = in;
  if (wanted.slug.empty()) wanted.slug = slug;
  CATALOG_ASSIGN_OR_RETURN(Album a, ValidAlbum(wanted));
  CATALOG_ASSIGN_OR_RETURN(sqlite::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(Album old, ReadAlbum(txn.db(), slug));
  a.id = old.id;
  FieldDiffs diffs;
  diffs.Add("slug", old.slug, a.slug);
  diffs.AddLang("title", old.title, a.title);
  diffs.AddLang("description", old.description, a.description);
  diffs.Add("meeting", old.meeting_slug, a.meeting_slug);
  diffs.Add("visibility", VisibilityName(old.visibility), VisibilityName(a.visibility));
  diffs.Add("default_credit", old.default_credit, a.default_credit);
  diffs.Add("cover_photo_id", CoverText(old.cover_photo_id), CoverText(a.cover_photo_id));
  if (diffs.empty()) return Status::OK();
  CATALOG_RETURN_IF_ERROR(WriteAlbum(txn.db(), a, /*insert=*/false));
  HistoryEntry subject;
  subject.album_id = a.id;
  CATALOG_RETURN_IF_ERROR(diffs.Record(txn.db(), subject, who));
  return txn.Commit();
}

Status SqliteCatalog::DeleteAlbum(const std::string& slug) {
  CATALOG_ASSIGN_OR_RETURN(sqlite::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(std::int64_t id, AlbumId(txn.db(), slug));
  // Memberships, texts and share links go by ON DELETE CASCADE; photos stay.
  CATALOG_ASSIGN_OR_RETURN(sqlite::Stmt st, txn.db().Prepare("DELETE FROM album WHERE id = ?"));
  st.Bind(1, id);
  CATALOG_RETURN_IF_ERROR(st.Run());
  return txn.Commit();
}

Result<std::vector<HistoryEntry>> SqliteCatalog::AlbumHistory(const std::string& album_slug) {
  CATALOG_ASSIGN_OR_RETURN(sqlite::ReadTxn txn, pool_->Read());
  CATALOG_ASSIGN_OR_RETURN(std::int64_t id, AlbumId(txn.db(), album_slug));
  return LoadHistory(txn.db(), "album_id", id);
}

}  // namespace media::catalog
