// Photos: adding (with credit and meeting defaults), reading one, deleting,
// and the sha256 questions of `gallery check` and `gallery gc`.

#include "catalog_audience.h"
#include "catalog_dialect.h"
#include "catalog_json.h"
#include "catalog_photo_read.h"
#include "catalog_rows.h"
#include "catalog_sql.h"
#include "catalog_validate.h"
#include "media/text_limits.h"

namespace media::catalog {
namespace {

// Checks and normalises what the caller brings, before any transaction.
Result<NewPhoto> ValidNewPhoto(const NewPhoto& in) {
  NewPhoto p = in;
  CATALOG_ASSIGN_OR_RETURN(p.sha256, NormalizeSha256("sha256", p.sha256));
  if (!p.meeting_slug.empty()) CATALOG_RETURN_IF_ERROR(CheckSlug("meeting", p.meeting_slug));
  if (!p.album_slug.empty()) CATALOG_RETURN_IF_ERROR(CheckSlug("album", p.album_slug));
  if (p.file_size < 0 || p.meta.width < 0 || p.meta.height < 0) {
    return Status::InvalidArgument("file_size, width and height must not be negative");
  }
  if (p.meta.orientation < 1 || p.meta.orientation > 8) p.meta.orientation = 1;
  // Text from the file: a photo is never refused for its language tags.
  p.meta.caption = LenientLangText(p.meta.caption);
  p.meta.headline = LenientLangText(p.meta.headline);
  p.meta.alt_text = LenientLangText(p.meta.alt_text);
  p.meta.keywords = NormalizeKeywords(p.meta.keywords);
  // Text from the file is cut to the limits, never refused.
  ClampToLimits(&p.meta);
  p.meta.keywords = NormalizeKeywords(p.meta.keywords);
  p.fallback_credit = ClampChars(p.fallback_credit, kMaxCreditChars);
  return p;
}

struct Placement {
  std::optional<std::int64_t> meeting_id;
  std::optional<std::int64_t> album_id;
  std::string credit;
};

// Resolves the photo's meeting and album and its credit line: the file's,
// else the fallback, else the album's default, else the meeting's.
Result<Placement> Place(sql::Db& db, const NewPhoto& p) {
  Placement out;
  std::string album_credit;
  if (!p.album_slug.empty()) {
    CATALOG_ASSIGN_OR_RETURN(
        sql::Stmt st, db.Prepare("SELECT id, meeting_id, default_credit FROM album WHERE slug = ?"));
    st.Bind(1, p.album_slug);
    CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::NotFound("album '" + p.album_slug + "' not found");
    out.album_id = st.Int(0);
    out.meeting_id = st.OptInt(1);
    album_credit = st.Text(2);
  }
  if (!p.meeting_slug.empty()) {
    CATALOG_ASSIGN_OR_RETURN(out.meeting_id, MeetingId(db, p.meeting_slug));
  }
  std::string meeting_credit;
  if (out.meeting_id) {
    CATALOG_ASSIGN_OR_RETURN(sql::Stmt st,
                             db.Prepare("SELECT default_credit FROM meeting WHERE id = ?"));
    st.Bind(1, *out.meeting_id);
    CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (row) meeting_credit = st.Text(0);
  }
  for (const std::string* c : std::initializer_list<const std::string*>{
           &p.meta.credit, &p.fallback_credit, &album_credit, &meeting_credit}) {
    if (out.credit.empty()) out.credit = *c;
  }
  return out;
}

Result<std::int64_t> InsertPhotoRow(sql::Db& db, const NewPhoto& p, const Placement& where) {
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      db.Prepare("INSERT INTO photo (sha256, original_filename, format, width, height, orientation, "
                 "file_size, taken_at, taken_sort, make, model, lens, exposure_time, f_number, iso, "
                 "focal_length, gps_latitude, gps_longitude, gps_altitude, credit_line, creator, "
                 "copyright_notice, event, usage_terms, meeting_id, uploaded_at, uploaded_by) "
                 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id"));
  const PhotoMetadata& m = p.meta;
  st.Bind(1, p.sha256).Bind(2, p.original_filename).Bind(3, m.format).Bind(4, m.width);
  st.Bind(5, m.height).Bind(6, m.orientation).Bind(7, p.file_size).BindOptional(8, m.taken_at);
  st.Bind(9, TakenSortKey(m.taken_at.value_or(""))).Bind(10, m.make).Bind(11, m.model);
  st.Bind(12, m.lens).BindOptional(13, m.exposure_time).BindOptional(14, m.f_number);
  st.BindOptional(15, m.iso).BindOptional(16, m.focal_length);
  if (m.gps) {
    st.Bind(17, m.gps->lat).Bind(18, m.gps->lon).BindOptional(19, m.gps->alt);
  } else {
    st.BindNull(17).BindNull(18).BindNull(19);
  }
  st.Bind(20, where.credit).Bind(21, m.creator).Bind(22, m.copyright).Bind(23, m.event);
  st.Bind(24, m.usage_terms).BindOptional(25, where.meeting_id).Bind(26, NowUtc());
  st.Bind(27, p.uploaded_by);
  return st.InsertId();
}

Result<std::optional<std::int64_t>> IdBySha256(sql::Db& db, const std::string& sha256) {
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st, db.Prepare("SELECT id FROM photo WHERE sha256 = ?"));
  st.Bind(1, sha256);
  CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(st.Int(0));
}

Status SavePhotoTexts(sql::Db& db, std::int64_t id, const PhotoMetadata& m) {
  CATALOG_RETURN_IF_ERROR(SaveLangText(db, kPhotoText, id, "description", m.caption));
  CATALOG_RETURN_IF_ERROR(SaveLangText(db, kPhotoText, id, "headline", m.headline));
  CATALOG_RETURN_IF_ERROR(SaveLangText(db, kPhotoText, id, "alt_text", m.alt_text));
  return SaveKeywords(db, id, m.keywords);
}

}  // namespace

namespace {

// Inserts a valid photo inside the caller's write transaction (see AddPhoto).
Result<std::int64_t> InsertPhoto(sql::Db& db, const NewPhoto& p, std::int64_t* existing_id) {
  CATALOG_ASSIGN_OR_RETURN(std::optional<std::int64_t> existing, IdBySha256(db, p.sha256));
  if (existing) {
    if (existing_id) *existing_id = *existing;
    return Status::Conflict("photo " + p.sha256 + " is already catalogued as photo " +
                            std::to_string(*existing));
  }
  CATALOG_ASSIGN_OR_RETURN(Placement where, Place(db, p));
  CATALOG_ASSIGN_OR_RETURN(std::int64_t id, InsertPhotoRow(db, p, where));
  CATALOG_RETURN_IF_ERROR(SavePhotoTexts(db, id, p.meta));
  if (where.album_id) CATALOG_RETURN_IF_ERROR(AppendToAlbum(db, *where.album_id, {id}));
  CATALOG_RETURN_IF_ERROR(RefreshSearchRow(db, id));
  return id;
}

}  // namespace

Result<std::int64_t> SqlCatalog::AddPhoto(const NewPhoto& in, std::int64_t* existing_id) {
  CATALOG_ASSIGN_OR_RETURN(NewPhoto p, ValidNewPhoto(in));
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  // The IMMEDIATE transaction makes check-then-insert atomic across threads
  // and processes: of concurrent adds of the same bytes exactly one inserts.
  CATALOG_ASSIGN_OR_RETURN(std::int64_t id, InsertPhoto(txn.db(), p, existing_id));
  CATALOG_RETURN_IF_ERROR(txn.Commit());
  return id;
}

Result<std::vector<std::int64_t>> SqlCatalog::AddPhotos(const std::vector<NewPhoto>& photos) {
  std::vector<NewPhoto> valid;
  valid.reserve(photos.size());
  auto named = [](std::size_t i, const Status& s) { return s.Prefixed("photos[" + std::to_string(i) + "]: "); };
  for (std::size_t i = 0; i < photos.size(); ++i) {
    Result<NewPhoto> p = ValidNewPhoto(photos[i]);
    if (!p.ok()) return named(i, p.status());
    valid.push_back(std::move(*p));
  }
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  std::vector<std::int64_t> ids;
  ids.reserve(valid.size());
  for (std::size_t i = 0; i < valid.size(); ++i) {
    Result<std::int64_t> id = InsertPhoto(txn.db(), valid[i], nullptr);
    if (!id.ok()) return named(i, id.status());
    ids.push_back(*id);
  }
  CATALOG_RETURN_IF_ERROR(txn.Commit());
  return ids;
}

Result<Photo> SqlCatalog::GetPhoto(std::int64_t id, const Audience& audience) {
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  return ReadPhoto(txn.db(), id, audience);
}

Result<std::optional<std::int64_t>> SqlCatalog::FindPhotoBySha256(const std::string& sha256) {
  CATALOG_ASSIGN_OR_RETURN(std::string hex, NormalizeSha256("sha256", sha256));
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  return IdBySha256(txn.db(), hex);
}

Result<std::vector<KnownPhoto>> SqlCatalog::FindPhotosBySha256(const std::vector<std::string>& sha256s,
                                                                 const Audience& audience) {
  std::vector<std::string> hexes;
  hexes.reserve(sha256s.size());
  for (std::size_t i = 0; i < sha256s.size(); ++i) {
    CATALOG_ASSIGN_OR_RETURN(std::string hex,
                             NormalizeSha256("sha256[" + std::to_string(i) + "]", sha256s[i]));
    hexes.push_back(std::move(hex));
  }
  if (hexes.empty()) return std::vector<KnownPhoto>{};
  Query q;
  AndPhotoReachable(audience, &q);
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  // Each hash once, in the order first asked.
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      txn.db().Prepare("SELECT p.sha256, p.id FROM (SELECT value, min(key) AS first FROM " + JsonEach(txn.db()) + " "
                       "GROUP BY value) asked JOIN photo p ON p.sha256 = asked.value " +
                       q.where + " ORDER BY asked.first"));
  st.Bind(1, JsonStringArray(hexes));
  q.BindAll(st, 2);
  return st.Collect([&](sql::Stmt& row) { return KnownPhoto{row.Text(0), row.Int(1)}; });
}

Result<std::vector<std::string>> SqlCatalog::AllSha256() {
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st, txn.db().Prepare("SELECT sha256 FROM photo ORDER BY sha256"));
  return st.Collect([&](sql::Stmt& row) { return row.Text(0); });
}

Result<std::vector<std::string>> SqlCatalog::UnreferencedSha256(
    const std::vector<std::string>& stored) {
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      txn.db().Prepare("SELECT value FROM " + JsonEach(txn.db()) + " "
                       "WHERE lower(value) NOT IN (SELECT sha256 FROM photo UNION ALL "
                       "SELECT sha256 FROM deleted_photo) ORDER BY key"));
  // Invalid UTF-8 (never a hash) is replaced rather than refused.
  st.Bind(1, JsonStringArray(stored));
  return st.Collect([&](sql::Stmt& row) { return row.Text(0); });
}

}  // namespace media::catalog
