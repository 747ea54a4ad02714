// Albums: create, read, update (with history), delete.
#include "catalog_audience.h"
#include "catalog_cursor.h"
#include "catalog_rows.h"
#include "catalog_sql.h"
#include "catalog_validate.h"
#include "media/text_limits.h"

namespace media::catalog {
namespace {

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

// The albums matching `where` (whose parameters come first), as
// `audience` sees them: count and shown cover are its own, a chosen cover it
// may not see reads as none. At most `limit` rows when given.
Result<std::vector<Album>> ReadAlbums(sql::Db& db, const Audience& audience, const Query& where,
                                      int limit = 0) {
  // The album's photos the audience sees, as a condition on `p` (after `ap`).
  Query seen;
  AndNotEmbargoed(audience, &seen);
  const std::string photos = " FROM album_photo ap JOIN photo p ON p.id = ap.photo_id " + seen.where +
                             " AND ap.album_id = a.id";
  // The chosen cover as the audience may see it: one of the album's photos
  // it sees (editors see the choice as it is). Without one, the best photo
  // it sees (BestCoverOrderSql).
  const std::string chosen =
      audience.everything() ? std::string("a.cover_photo_id")
                            : "(SELECT p.id" + photos + " AND p.id = a.cover_photo_id)";
  std::string sql =
      "SELECT a.id, a.slug, coalesce(m.slug, ''), a.visibility, a.default_credit, " + chosen + ", "
      "coalesce(" + chosen + ", (SELECT p.id" + photos + " ORDER BY " + BestCoverOrderSql() +
      ", ap.position LIMIT 1)), "
      "(SELECT count(*)" + photos + "), a.show_location "
      "FROM album a LEFT JOIN meeting m ON m.id = a.meeting_id " + where.where + " ORDER BY a.id";
  if (limit > 0) sql += " LIMIT " + std::to_string(limit);
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st, db.Prepare(sql));
  // Four subqueries carry the audience's parameters (none for editors), then
  // the WHERE clause.
  int index = 1;
  for (int i = 0; i < 4; ++i, index += static_cast<int>(seen.args.size())) seen.BindAll(st, index);
  where.BindAll(st, index);
  CATALOG_ASSIGN_OR_RETURN(std::vector<Album> out, st.Collect([](sql::Stmt& row) {
    Album a;
    a.id = row.Int(0);
    a.slug = row.Text(1);
    a.meeting_slug = row.Text(2);
    a.visibility = ParseVisibility(row.Text(3)).value_or(Visibility::kPrivate);
    a.default_credit = row.Text(4);
    a.cover_photo_id = row.OptInt(5);
    a.shown_cover_id = row.OptInt(6);
    a.photo_count = row.Int(7);
    a.show_location = row.Int(8) != 0;
    return a;
  }));
  CATALOG_RETURN_IF_ERROR(LoadTitles(db, kAlbumText, &out));
  return out;
}

// The album as `audience` sees it; NotFound (in the same words as for no
// album) when it may not open it.
Result<Album> ReadAlbum(sql::Db& db, const std::string& slug, const Audience& audience = {}) {
  Query q;
  q.And("a.slug = ?", slug);
  AndAlbumOpen(audience, &q);
  CATALOG_ASSIGN_OR_RETURN(std::vector<Album> found, ReadAlbums(db, audience, q));
  if (found.empty()) return Status::NotFound("album '" + slug + "' not found");
  return std::move(found[0]);
}

// Writes every column and text of `a` (a.id set) after checking that its
// meeting and cover photo exist.
Status WriteAlbum(sql::Db& db, const Album& a, bool insert) {
  std::optional<std::int64_t> meeting_id;
  if (!a.meeting_slug.empty()) {
    CATALOG_ASSIGN_OR_RETURN(meeting_id, MeetingId(db, a.meeting_slug));
  }
  if (a.cover_photo_id) CATALOG_RETURN_IF_ERROR(CheckPhotoExists(db, *a.cover_photo_id));
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      db.Prepare(insert ? "INSERT INTO album (slug, meeting_id, visibility, default_credit, "
                          "cover_photo_id, show_location) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"
                        : "UPDATE album SET slug = ?, meeting_id = ?, visibility = ?, "
                          "default_credit = ?, cover_photo_id = ?, show_location = ? WHERE id = ?"));
  st.Bind(1, a.slug).BindOptional(2, meeting_id).Bind(3, VisibilityName(a.visibility));
  st.Bind(4, a.default_credit).BindOptional(5, a.cover_photo_id).Bind(6, std::int64_t{a.show_location});
  if (!insert) st.Bind(7, a.id);
  Result<std::int64_t> written = insert ? st.InsertId() : Result<std::int64_t>(a.id);
  if (!insert) {
    Status s = st.Run();
    if (!s.ok()) written = s;
  }
  if (written.status().code() == Status::Code::kConflict) {
    return Status::Conflict("album '" + a.slug + "' already exists");
  }
  CATALOG_ASSIGN_OR_RETURN(std::int64_t id, std::move(written));
  CATALOG_RETURN_IF_ERROR(SaveLangText(db, kAlbumText, id, "title", a.title));
  return SaveLangText(db, kAlbumText, id, "description", a.description);
}

std::string CoverText(const std::optional<std::int64_t>& id) {
  return id ? std::to_string(*id) : std::string();
}

}  // namespace

Status SqlCatalog::CreateAlbum(const Album& in) {
  CATALOG_ASSIGN_OR_RETURN(Album a, ValidAlbum(in));
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  CATALOG_RETURN_IF_ERROR(WriteAlbum(txn.db(), a, /*insert=*/true));
  return txn.Commit();
}

Result<Album> SqlCatalog::GetAlbum(const std::string& slug, const Audience& audience) {
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  return ReadAlbum(txn.db(), slug, audience);
}

namespace {

// The albums of `meeting_slug` ("" = all) that `audience` lists, as a query.
Status ListedAlbums(sql::Db& db, const std::string& meeting_slug, const Audience& audience,
                    Query* q) {
  if (!meeting_slug.empty()) {
    CATALOG_ASSIGN_OR_RETURN(std::int64_t meeting_id, MeetingId(db, meeting_slug));
    q->And("a.meeting_id = ?", meeting_id);
  }
  AndAlbumListed(audience, q);
  return Status::OK();
}

}  // namespace

Result<std::vector<Album>> SqlCatalog::ListAlbums(const std::string& meeting_slug,
                                                     const Audience& audience) {
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  Query q;
  CATALOG_RETURN_IF_ERROR(ListedAlbums(txn.db(), meeting_slug, audience, &q));
  return ReadAlbums(txn.db(), audience, q);
}

Result<AlbumPage> SqlCatalog::ListAlbumPage(const AlbumFilter& f) {
  if (f.limit < 1 || f.limit > 500) {
    return Status::InvalidArgument("limit: " + std::to_string(f.limit) + " is outside 1..500");
  }
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  Query q;
  CATALOG_RETURN_IF_ERROR(ListedAlbums(txn.db(), f.meeting_slug, f.audience, &q));
  if (!f.credit.empty()) {
    Query holds;
    holds.And("hp.album_id = a.id");
    holds.And("p.credit_line = ?", f.credit);
    AndNotEmbargoed(f.audience, &holds);
    q.where += " AND EXISTS (SELECT 1 FROM album_photo hp JOIN photo p ON p.id = hp.photo_id " +
               holds.where + ")";
    q.args.insert(q.args.end(), holds.args.begin(), holds.args.end());
  }
  if (!f.cursor.empty()) {
    CATALOG_ASSIGN_OR_RETURN(PageKey key, DecodeCursor(f.cursor));
    if (key.kind != PageKey::kAlbums) return Status::InvalidArgument("cursor: belongs to another listing");
    q.And("a.id > ?", key.album_id);
  }
  AlbumPage page;
  CATALOG_ASSIGN_OR_RETURN(page.albums, ReadAlbums(txn.db(), f.audience, q, f.limit + 1));
  if (static_cast<int>(page.albums.size()) > f.limit) {
    page.albums.pop_back();
    PageKey last;
    last.kind = PageKey::kAlbums;
    last.album_id = page.albums.back().id;
    page.next_cursor = EncodeCursor(last);
  }
  return page;
}

Status SqlCatalog::UpdateAlbum(const std::string& slug, const Album& in, const std::string& who) {
  Album wanted = in;
  if (wanted.slug.empty()) wanted.slug = slug;
  CATALOG_ASSIGN_OR_RETURN(Album a, ValidAlbum(wanted));
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
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
  diffs.Add("show_location", BoolText(old.show_location), BoolText(a.show_location));
  if (diffs.empty()) return Status::OK();
  CATALOG_RETURN_IF_ERROR(WriteAlbum(txn.db(), a, /*insert=*/false));
  HistoryEntry subject;
  subject.album_id = a.id;
  CATALOG_RETURN_IF_ERROR(diffs.Record(txn.db(), subject, who));
  return txn.Commit();
}

Status SqlCatalog::DeleteAlbum(const std::string& slug) {
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(std::int64_t id, AlbumId(txn.db(), slug));
  // Memberships, texts and share links go by ON DELETE CASCADE; photos stay.
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st, txn.db().Prepare("DELETE FROM album WHERE id = ?"));
  st.Bind(1, id);
  CATALOG_RETURN_IF_ERROR(st.Run());
  return txn.Commit();
}

Result<std::vector<HistoryEntry>> SqlCatalog::AlbumHistory(const std::string& album_slug) {
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  CATALOG_ASSIGN_OR_RETURN(std::int64_t id, AlbumId(txn.db(), album_slug));
  return LoadHistory(txn.db(), "album_id", id);
}

}  // namespace media::catalog
