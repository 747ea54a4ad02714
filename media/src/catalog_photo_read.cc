#include "catalog_photo_read.h"

#include <map>

#include "catalog_audience.h"
#include "catalog_dialect.h"
#include "catalog_rows.h"

namespace media::catalog {

std::string PhotoSelect(const std::string& extra_columns, const std::string& joins) {
  return "SELECT p.id, p.sha256, p.original_filename, p.file_size, p.format, p.width, p.height, "
         "p.orientation, p.taken_at, p.make, p.model, p.lens, p.exposure_time, p.f_number, p.iso, "
         "p.focal_length, p.gps_latitude, p.gps_longitude, p.gps_altitude, p.credit_line, "
         "p.creator, p.copyright_notice, p.event, p.usage_terms, coalesce(p.embargo_until, ''), "
         "coalesce(m.slug, ''), p.uploaded_at, p.uploaded_by, p.version, p.taken_sort, " +
         AccessStateSql() + ", " + MeetingShowsLocationSql() + ", " + AlbumsShowingLocationSql() +
         extra_columns + " FROM photo p LEFT JOIN meeting m ON m.id = p.meeting_id " + joins + " ";
}

Photo PhotoFromRow(const sql::Stmt& st, const Audience& audience) {
  Photo p;
  p.id = st.Int(0);
  p.sha256 = st.Text(1);
  p.original_filename = st.Text(2);
  p.file_size = st.Int(3);
  PhotoMetadata& m = p.meta;
  m.format = st.Text(4);
  m.width = static_cast<int>(st.Int(5));
  m.height = static_cast<int>(st.Int(6));
  m.orientation = static_cast<int>(st.Int(7));
  m.taken_at = st.OptText(8);
  m.make = st.Text(9);
  m.model = st.Text(10);
  m.lens = st.Text(11);
  m.exposure_time = st.OptDouble(12);
  m.f_number = st.OptDouble(13);
  if (!st.IsNull(14)) m.iso = static_cast<int>(st.Int(14));
  m.focal_length = st.OptDouble(15);
  if (!st.IsNull(16) && !st.IsNull(17)) {
    m.gps = GpsPosition{st.Double(16), st.Double(17), st.OptDouble(18)};
  }
  m.credit = st.Text(19);
  m.creator = st.Text(20);
  m.copyright = st.Text(21);
  m.event = st.Text(22);
  m.usage_terms = st.Text(23);
  p.embargo_until = st.Text(24);
  p.meeting_slug = st.Text(25);
  p.uploaded_at = st.Text(26);
  p.uploaded_by = st.Text(27);
  p.version = st.Int(28);
  p.access_stamp = AccessStamp(st.Text(30));
  p.location_shown = PhotoLocationShown(audience, st.Int(31) != 0, st.Text(32));
  if (!p.location_shown) m.gps.reset();
  return p;
}

std::string TakenSortFromRow(const sql::Stmt& st) { return st.Text(29); }

Status FillDetails(sql::Db& db, const Audience& audience, std::vector<Photo>* photos) {
  if (photos->empty()) return Status::OK();
  std::vector<std::int64_t> ids;
  std::map<std::int64_t, Photo*> by_id;
  for (Photo& p : *photos) {
    ids.push_back(p.id);
    by_id[p.id] = &p;
  }
  CATALOG_ASSIGN_OR_RETURN(OwnerTexts texts, LoadLangTexts(db, kPhotoText, ids));
  for (auto& [id, fields] : texts) {
    Photo* p = by_id[id];
    p->meta.caption = std::move(fields["description"]);
    p->meta.headline = std::move(fields["headline"]);
    p->meta.alt_text = std::move(fields["alt_text"]);
  }
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      db.Prepare("SELECT photo_id, keyword FROM photo_keyword "
                 "WHERE photo_id IN " + IdsIn(db) + " ORDER BY photo_id, position"));
  st.Bind(1, IdsJson(ids));
  for (;;) {
    CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    by_id[st.Int(0)]->meta.keywords.push_back(st.Text(1));
  }
  Query listed;
  listed.And("ap.photo_id IN " + IdsIn(db), IdsJson(ids));
  AndAlbumListed(audience, &listed);
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt albums,
      db.Prepare("SELECT ap.photo_id, a.slug FROM album_photo ap JOIN album a ON a.id = ap.album_id " +
                 listed.where + " ORDER BY ap.photo_id, a.slug"));
  listed.BindAll(albums);
  for (;;) {
    CATALOG_ASSIGN_OR_RETURN(bool row, albums.Step());
    if (!row) break;
    by_id[albums.Int(0)]->album_slugs.push_back(albums.Text(1));
  }
  return Status::OK();
}

Result<std::vector<std::string>> LoadKeywords(sql::Db& db, std::int64_t photo_id) {
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      db.Prepare("SELECT keyword FROM photo_keyword WHERE photo_id = ? ORDER BY position"));
  st.Bind(1, photo_id);
  return st.Collect([&](sql::Stmt& row) { return row.Text(0); });
}

Status SaveKeywords(sql::Db& db, std::int64_t photo_id, const std::vector<std::string>& keywords) {
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt del, db.Prepare("DELETE FROM photo_keyword WHERE photo_id = ?"));
  del.Bind(1, photo_id);
  CATALOG_RETURN_IF_ERROR(del.Run());
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt ins,
      db.Prepare("INSERT INTO photo_keyword (photo_id, keyword, position) VALUES (?, ?, ?) "
                 // Distinct words that one engine keeps apart may be one in
                 // the other (PostgreSQL turns ill-formed UTF-8 into U+FFFD).
                 "ON CONFLICT DO NOTHING"));
  for (std::size_t i = 0; i < keywords.size(); ++i) {
    ins.Reset();
    ins.Bind(1, photo_id).Bind(2, keywords[i]).Bind(3, static_cast<std::int64_t>(i));
    CATALOG_RETURN_IF_ERROR(ins.Run());
  }
  return Status::OK();
}

Result<Photo> ReadPhoto(sql::Db& db, std::int64_t id, const Audience& audience) {
  Query q;
  q.And("p.id = ?", id);
  AndPhotoReachable(audience, &q);
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st, db.Prepare(PhotoSelect("", "") + q.where));
  q.BindAll(st);
  CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("photo " + std::to_string(id) + " not found");
  std::vector<Photo> one{PhotoFromRow(st, audience)};
  CATALOG_RETURN_IF_ERROR(FillDetails(db, audience, &one));
  return std::move(one[0]);
}

}  // namespace media::catalog
