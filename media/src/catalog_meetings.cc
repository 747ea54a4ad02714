// Meetings: create, read, update (with history), delete.
#include "catalog_audience.h"
#include "catalog_rows.h"
#include "catalog_sql.h"
#include "catalog_validate.h"
#include "media/text_limits.h"

namespace media::catalog {
namespace {

// Checks and normalises a meeting given by a caller.
Result<Meeting> ValidMeeting(const Meeting& in) {
  Meeting m = in;
  CATALOG_RETURN_IF_ERROR(CheckSlug("meeting slug", m.slug));
  CATALOG_ASSIGN_OR_RETURN(m.title, NormalizeLangText("title", m.title));
  CATALOG_ASSIGN_OR_RETURN(m.description, NormalizeLangText("description", m.description));
  CATALOG_RETURN_IF_ERROR(CheckLangText("title", m.title, kMaxTitleChars));
  CATALOG_RETURN_IF_ERROR(CheckLangText("description", m.description, kMaxDescriptionChars));
  CATALOG_RETURN_IF_ERROR(CheckChars("place", m.place, kMaxShortTextChars));
  CATALOG_RETURN_IF_ERROR(CheckChars("default_credit", m.default_credit, kMaxCreditChars));
  CATALOG_RETURN_IF_ERROR(CheckOptionalDate("start_date", m.start_date));
  CATALOG_RETURN_IF_ERROR(CheckOptionalDate("end_date", m.end_date));
  CATALOG_RETURN_IF_ERROR(CheckOptionalTimeZone("time_zone", m.time_zone));
  if (!m.start_date.empty() && !m.end_date.empty() && m.end_date < m.start_date) {
    return Status::InvalidArgument("end_date: " + m.end_date + " is before start_date " +
                                   m.start_date);
  }
  return m;
}

// The meetings (all, or the one named `slug`) with the count of their
// photos `audience` lists and the cover it sees: the chosen one when it lists
// it and it is still the meeting's, else the best photo it lists
// (BestCoverOrderSql).
Result<std::vector<Meeting>> ReadMeetings(sql::Db& db, const Audience& audience,
                                          const std::string& slug) {
  Query listed;
  listed.And("p.meeting_id = m.id");
  AndPhotoListed(audience, &listed);
  const std::string photos = " FROM photo p " + listed.where;
  const std::string chosen = "(SELECT p.id" + photos + " AND p.id = m.cover_photo_id)";
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      db.Prepare("SELECT m.id, m.slug, m.place, coalesce(m.start_date, ''), coalesce(m.end_date, ''), "
                 "m.default_credit, (SELECT count(*)" + photos + "), m.show_location, " +
                 (audience.everything() ? std::string("m.cover_photo_id") : chosen) + ", "
                 "coalesce(" + chosen + ", (SELECT p.id" + photos + " ORDER BY " + BestCoverOrderSql() +
                 ", p.taken_sort, p.id LIMIT 1)), m.time_zone "
                 "FROM meeting m " +
                 (slug.empty() ? "" : "WHERE m.slug = ? ") +
                 "ORDER BY m.start_date IS NULL, m.start_date DESC, m.slug"));
  // Each photo subquery carries the audience's parameters, then the slug.
  const int subqueries = audience.everything() ? 3 : 4;
  int index = 1;
  for (int i = 0; i < subqueries; ++i, index += static_cast<int>(listed.args.size())) {
    listed.BindAll(st, index);
  }
  if (!slug.empty()) st.Bind(index, slug);
  CATALOG_ASSIGN_OR_RETURN(std::vector<Meeting> out, st.Collect([](sql::Stmt& row) {
    Meeting m;
    m.id = row.Int(0);
    m.slug = row.Text(1);
    m.place = row.Text(2);
    m.start_date = row.Text(3);
    m.end_date = row.Text(4);
    m.default_credit = row.Text(5);
    m.photo_count = row.Int(6);
    m.show_location = row.Int(7) != 0;
    m.cover_photo_id = row.OptInt(8);
    m.shown_cover_id = row.OptInt(9);
    m.time_zone = row.Text(10);
    return m;
  }));
  CATALOG_RETURN_IF_ERROR(LoadTitles(db, kMeetingText, &out));
  return out;
}

Result<Meeting> ReadMeeting(sql::Db& db, const std::string& slug, const Audience& audience = {}) {
  if (slug.empty()) return Status::NotFound("meeting '' not found");
  CATALOG_ASSIGN_OR_RETURN(std::vector<Meeting> found, ReadMeetings(db, audience, slug));
  if (found.empty()) return Status::NotFound("meeting '" + slug + "' not found");
  return std::move(found[0]);
}

Status SaveMeetingTexts(sql::Db& db, const Meeting& m) {
  CATALOG_RETURN_IF_ERROR(SaveLangText(db, kMeetingText, m.id, "title", m.title));
  return SaveLangText(db, kMeetingText, m.id, "description", m.description);
}

std::string CoverText(const std::optional<std::int64_t>& id) {
  return id ? std::to_string(*id) : std::string();
}

// NotFound for an unknown photo, InvalidArgument for one of another meeting.
Status CheckMeetingCover(sql::Db& db, std::int64_t meeting_id, std::int64_t photo_id) {
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st, db.Prepare("SELECT meeting_id FROM photo WHERE id = ?"));
  st.Bind(1, photo_id);
  CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("photo " + std::to_string(photo_id) + " not found");
  if (st.OptInt(0) != std::optional<std::int64_t>(meeting_id)) {
    return Status::InvalidArgument("cover_photo_id: photo " + std::to_string(photo_id) +
                                   " is not one of the meeting's photos");
  }
  return Status::OK();
}

Status SlugTaken(const std::string& slug) {
  return Status::Conflict("meeting '" + slug + "' already exists");
}

}  // namespace

Status SqlCatalog::CreateMeeting(const Meeting& in) {
  CATALOG_ASSIGN_OR_RETURN(Meeting m, ValidMeeting(in));
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      txn.db().Prepare("INSERT INTO meeting (slug, place, start_date, end_date, default_credit, "
                       "show_location, time_zone) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  st.Bind(1, m.slug).Bind(2, m.place).BindTextOrNull(3, m.start_date);
  st.BindTextOrNull(4, m.end_date).Bind(5, m.default_credit).Bind(6, std::int64_t{m.show_location});
  st.Bind(7, m.time_zone);
  Result<std::int64_t> id = st.InsertId();
  if (id.status().code() == Status::Code::kConflict) return SlugTaken(m.slug);
  CATALOG_ASSIGN_OR_RETURN(m.id, std::move(id));
  CATALOG_RETURN_IF_ERROR(SaveMeetingTexts(txn.db(), m));
  return txn.Commit();
}

Result<Meeting> SqlCatalog::GetMeeting(const std::string& slug, const Audience& audience) {
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  return ReadMeeting(txn.db(), slug, audience);
}

Result<std::vector<Meeting>> SqlCatalog::ListMeetings(const Audience& audience) {
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  return ReadMeetings(txn.db(), audience, "");
}

Status SqlCatalog::UpdateMeeting(const std::string& slug, const Meeting& in,
                                    const std::string& who) {
  Meeting wanted = in;
  if (wanted.slug.empty()) wanted.slug = slug;
  CATALOG_ASSIGN_OR_RETURN(Meeting m, ValidMeeting(wanted));
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(Meeting old, ReadMeeting(txn.db(), slug));
  m.id = old.id;
  FieldDiffs diffs;
  diffs.Add("slug", old.slug, m.slug);
  diffs.AddLang("title", old.title, m.title);
  diffs.AddLang("description", old.description, m.description);
  diffs.Add("place", old.place, m.place);
  diffs.Add("start_date", old.start_date, m.start_date);
  diffs.Add("end_date", old.end_date, m.end_date);
  diffs.Add("time_zone", old.time_zone, m.time_zone);
  diffs.Add("default_credit", old.default_credit, m.default_credit);
  diffs.Add("show_location", BoolText(old.show_location), BoolText(m.show_location));
  diffs.Add("cover_photo_id", CoverText(old.cover_photo_id), CoverText(m.cover_photo_id));
  if (diffs.empty()) return Status::OK();
  if (m.cover_photo_id && m.cover_photo_id != old.cover_photo_id) {
    CATALOG_RETURN_IF_ERROR(CheckMeetingCover(txn.db(), m.id, *m.cover_photo_id));
  }
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      txn.db().Prepare("UPDATE meeting SET slug = ?, place = ?, start_date = ?, end_date = ?, "
                       "default_credit = ?, show_location = ?, cover_photo_id = ?, time_zone = ? WHERE id = ?"));
  st.Bind(1, m.slug).Bind(2, m.place).BindTextOrNull(3, m.start_date);
  st.BindTextOrNull(4, m.end_date).Bind(5, m.default_credit);
  st.Bind(6, std::int64_t{m.show_location}).BindOptional(7, m.cover_photo_id).Bind(8, m.time_zone);
  st.Bind(9, m.id);
  Status s = st.Run();
  if (s.code() == Status::Code::kConflict) return SlugTaken(m.slug);
  CATALOG_RETURN_IF_ERROR(s);
  CATALOG_RETURN_IF_ERROR(SaveMeetingTexts(txn.db(), m));
  HistoryEntry subject;
  subject.meeting_id = m.id;
  CATALOG_RETURN_IF_ERROR(diffs.Record(txn.db(), subject, who));
  return txn.Commit();
}

Result<std::vector<HistoryEntry>> SqlCatalog::MeetingHistory(const std::string& slug) {
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  CATALOG_ASSIGN_OR_RETURN(std::int64_t id, MeetingId(txn.db(), slug));
  return LoadHistory(txn.db(), "meeting_id", id);
}

Status SqlCatalog::DeleteMeeting(const std::string& slug) {
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(std::int64_t id, MeetingId(txn.db(), slug));
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt count,
                           txn.db().Prepare("SELECT count(*) FROM photo WHERE meeting_id = ?"));
  count.Bind(1, id);
  CATALOG_ASSIGN_OR_RETURN(bool counted, count.Step());
  std::int64_t photos = counted ? count.Int(0) : 0;
  if (photos > 0) {
    return Status::Conflict("meeting " + slug + " still has " + std::to_string(photos) +
                            (photos == 1 ? " photo" : " photos") +
                            ": move them to another meeting or delete them first");
  }
  // Albums lose the meeting through ON DELETE SET NULL, and so do photos in
  // the trash when they come back.
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st, txn.db().Prepare("DELETE FROM meeting WHERE id = ?"));
  st.Bind(1, id);
  CATALOG_RETURN_IF_ERROR(st.Run());
  return txn.Commit();
}

}  // namespace media::catalog
