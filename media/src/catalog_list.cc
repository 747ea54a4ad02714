// Listing: photo pages with filters and keyset paging, credit and tag counts.
#include "catalog_audience.h"
#include "catalog_cursor.h"
#include "catalog_photo_read.h"
#include "catalog_rows.h"
#include "catalog_dialect.h"
#include "catalog_sql.h"
#include "catalog_validate.h"

namespace media::catalog {
namespace {

Status AddDateFilters(const PhotoFilter& f, Query* q) {
  if (f.taken_from.empty() && f.taken_to.empty()) return Status::OK();
  q->And("p.taken_at IS NOT NULL");
  if (!f.taken_from.empty()) {
    CATALOG_ASSIGN_OR_RETURN(RangeBound from, ParseTakenFrom(f.taken_from));
    q->And("p.taken_sort >= ?", from.key);
  }
  if (!f.taken_to.empty()) {
    CATALOG_ASSIGN_OR_RETURN(RangeBound to, ParseTakenTo(f.taken_to));
    q->And(to.strict ? "p.taken_sort < ?" : "p.taken_sort <= ?", to.key);
  }
  return Status::OK();
}

// Everything but the album and the cursor.
Status AddFilters(sql::Db& db, const PhotoFilter& f, Query* q) {
  if (!f.meeting_slug.empty()) {
    CATALOG_ASSIGN_OR_RETURN(std::int64_t id, MeetingId(db, f.meeting_slug));
    q->And("p.meeting_id = ?", id);
  }
  if (!f.credit.empty()) q->And("p.credit_line = ?", f.credit);
  if (!f.tag.empty()) {
    q->And("EXISTS (SELECT 1 FROM photo_keyword k WHERE k.photo_id = p.id AND k.keyword = ?)",
           f.tag);
  }
  if (auto search = SearchCondition(db.engine(), f.text)) q->And(search->first, search->second);
  return AddDateFilters(f, q);
}

Result<PhotoPage> RunPage(sql::Db& db, const std::string& sql, const Query& q, int limit,
                          const std::optional<std::int64_t>& album_id, const Audience& audience) {
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st, db.Prepare(sql));
  q.BindAll(st);
  PhotoPage page;
  PageKey last;
  for (;;) {
    CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    if (static_cast<int>(page.photos.size()) == limit) {
      page.next_cursor = EncodeCursor(last);
      break;
    }
    page.photos.push_back(PhotoFromRow(st, audience));
    last.photo_id = page.photos.back().id;
    last.kind = album_id ? PageKey::kAlbumOrder : PageKey::kTaken;
    last.album_id = album_id.value_or(0);
    if (album_id) last.position = st.Int(kPhotoColumnCount);
    else last.taken_sort = TakenSortFromRow(st);
  }
  CATALOG_RETURN_IF_ERROR(FillDetails(db, audience, &page.photos));
  return page;
}

Result<PhotoPage> ListPage(sql::Db& db, const PhotoFilter& f) {
  Query q;
  std::optional<std::int64_t> album_id;
  if (!f.album_slug.empty()) {
    // Within an album the audience may open, it sees every photo not under
    // embargo (a photo of an unlisted album is reached through it).
    CATALOG_ASSIGN_OR_RETURN(album_id, OpenAlbumId(db, f.album_slug, f.audience));
    q.And("ap.album_id = ?", *album_id);
    AndNotEmbargoed(f.audience, &q);
  } else {
    AndPhotoListed(f.audience, &q);
  }
  CATALOG_RETURN_IF_ERROR(AddFilters(db, f, &q));
  if (!f.cursor.empty()) {
    CATALOG_ASSIGN_OR_RETURN(PageKey key, DecodeCursor(f.cursor));
    if (key.kind != (album_id ? PageKey::kAlbumOrder : PageKey::kTaken) ||
        key.album_id != album_id.value_or(0)) {
      return Status::InvalidArgument("cursor: belongs to another listing");
    }
    if (album_id) {
      q.And("(ap.position, p.id) > (?, ?)", key.position);
    } else {
      q.And("(p.taken_sort, p.id) > (?, ?)", key.taken_sort);
    }
    q.args.emplace_back(key.photo_id);
  }
  std::string sql = album_id
                        ? PhotoSelect(", ap.position", "JOIN album_photo ap ON ap.photo_id = p.id") +
                              q.where + " ORDER BY ap.position, p.id"
                        : PhotoSelect("", "") + q.where + " ORDER BY p.taken_sort, p.id";
  sql += " LIMIT " + std::to_string(f.limit + 1);
  return RunPage(db, sql, q, f.limit, album_id, f.audience);
}

// The photos `f` lists, as conditions on `p` (no join): the album's members
// the audience may see in it, else the photos it lists; then every filter.
Status AddScope(sql::Db& db, const PhotoFilter& f, Query* q) {
  if (!f.album_slug.empty()) {
    CATALOG_ASSIGN_OR_RETURN(std::int64_t album_id, OpenAlbumId(db, f.album_slug, f.audience));
    q->And("EXISTS (SELECT 1 FROM album_photo ap WHERE ap.photo_id = p.id AND ap.album_id = ?)",
           album_id);
    AndNotEmbargoed(f.audience, q);
  } else {
    AndPhotoListed(f.audience, q);
  }
  return AddFilters(db, f, q);
}

}  // namespace

Result<PhotoPage> SqlCatalog::ListPhotos(const PhotoFilter& filter) {
  if (filter.limit < 1 || filter.limit > 500) {
    return Status::InvalidArgument("limit: " + std::to_string(filter.limit) +
                                   " is outside 1..500");
  }
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  return ListPage(txn.db(), filter);
}

Result<std::vector<CreditCount>> SqlCatalog::ListCredits(const std::string& meeting_slug,
                                                           const Audience& audience) {
  PhotoFilter scope;
  scope.meeting_slug = meeting_slug;
  scope.audience = audience;
  return ListCreditsIn(scope);
}

Result<std::vector<TagCount>> SqlCatalog::ListTags(const std::string& meeting_slug,
                                                     const Audience& audience) {
  PhotoFilter scope;
  scope.meeting_slug = meeting_slug;
  scope.audience = audience;
  return ListTagsIn(scope);
}

Result<std::vector<CreditCount>> SqlCatalog::ListCreditsIn(const PhotoFilter& scope) {
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  Query q;
  q.And("p.credit_line <> ''");
  CATALOG_RETURN_IF_ERROR(AddScope(txn.db(), scope, &q));
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      txn.db().Prepare("SELECT p.credit_line, count(*) FROM photo p " + q.where +
                       " GROUP BY p.credit_line ORDER BY count(*) DESC, p.credit_line"));
  q.BindAll(st);
  return st.Collect([&](sql::Stmt& row) { return CreditCount{row.Text(0), row.Int(1)}; });
}

Result<std::vector<TagCount>> SqlCatalog::ListTagsIn(const PhotoFilter& scope) {
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  Query q;
  CATALOG_RETURN_IF_ERROR(AddScope(txn.db(), scope, &q));
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      txn.db().Prepare("SELECT k.keyword, count(*) FROM photo_keyword k "
                       "JOIN photo p ON p.id = k.photo_id " + q.where +
                       " GROUP BY k.keyword ORDER BY count(*) DESC, k.keyword"));
  q.BindAll(st);
  return st.Collect([&](sql::Stmt& row) { return TagCount{row.Text(0), row.Int(1)}; });
}

}  // namespace media::catalog
