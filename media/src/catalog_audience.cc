#include "catalog_audience.h"

#include "media/sha256.h"
#include "media/utc_time.h"

namespace media::catalog {

void Query::BindAll(sql::Stmt& st, int first) const {
  for (std::size_t i = 0; i < args.size(); ++i) {
    int index = static_cast<int>(i) + first;
    if (const auto* n = std::get_if<std::int64_t>(&args[i])) st.Bind(index, *n);
    else st.Bind(index, std::get<std::string>(args[i]));
  }
}

namespace {

// Albums the public lists: public ones, and the one whose link it holds.
constexpr char kListedByPublic[] = "(%a.visibility = 'public' OR %a.slug = ?)";
// Albums the public may open: every one but the private ones it holds no link of.
constexpr char kOpenToPublic[] = "(%a.visibility <> 'private' OR %a.slug = ?)";

std::string WithAlias(const char* condition, const std::string& alias) {
  std::string out;
  for (const char* c = condition; *c; ++c) {
    if (*c == '%' && c[1] == 'a') {
      out += alias;
      ++c;
    } else {
      out += *c;
    }
  }
  return out;
}

// Adds: `p` is in no album, or in one matching `album_condition` (aliased
// `va`), which takes the share album as its one parameter.
void AndInNoAlbumOrOne(const char* album_condition, const Audience& audience, Query* q) {
  q->And("(NOT EXISTS (SELECT 1 FROM album_photo v0 WHERE v0.photo_id = p.id) OR "
         "EXISTS (SELECT 1 FROM album_photo v1 JOIN album va ON va.id = v1.album_id "
         "WHERE v1.photo_id = p.id AND " + WithAlias(album_condition, "va") + "))",
         audience.share_album);
}

}  // namespace

void AndNotEmbargoed(const Audience& audience, Query* q) {
  if (audience.everything()) return;
  q->And("(p.embargo_until IS NULL OR p.embargo_until <= ?)", NowUtc());
}

void AndPhotoListed(const Audience& audience, Query* q) {
  AndNotEmbargoed(audience, q);
  if (audience.kind == Audience::Kind::kPublic) AndInNoAlbumOrOne(kListedByPublic, audience, q);
}

void AndPhotoReachable(const Audience& audience, Query* q) {
  AndNotEmbargoed(audience, q);
  if (audience.kind == Audience::Kind::kPublic) AndInNoAlbumOrOne(kOpenToPublic, audience, q);
}

void AndAlbumListed(const Audience& audience, Query* q) {
  if (audience.kind == Audience::Kind::kPublic) q->And(WithAlias(kListedByPublic, "a"), audience.share_album);
}

void AndAlbumOpen(const Audience& audience, Query* q) {
  if (audience.kind == Audience::Kind::kPublic) q->And(WithAlias(kOpenToPublic, "a"), audience.share_album);
}

Result<std::int64_t> OpenAlbumId(sql::Db& db, const std::string& slug, const Audience& audience) {
  Query q;
  q.And("a.slug = ?", slug);
  AndAlbumOpen(audience, &q);
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st, db.Prepare("SELECT a.id FROM album a " + q.where));
  q.BindAll(st);
  CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("album '" + slug + "' not found");
  return st.Int(0);
}

std::string MeetingShowsLocationSql() { return "coalesce(m.show_location, 0)"; }

std::string AlbumsShowingLocationSql() {
  return "coalesce((SELECT group_concat(la.visibility || ':' || la.slug, ',') FROM album_photo lp "
         "JOIN album la ON la.id = lp.album_id WHERE lp.photo_id = p.id AND la.show_location = 1), '')";
}

bool PhotoLocationShown(const Audience& audience, bool meeting_shows, const std::string& albums_showing) {
  if (audience.everything() || meeting_shows) return true;
  std::size_t at = 0;
  while (at < albums_showing.size()) {
    std::size_t end = albums_showing.find(',', at);
    if (end == std::string::npos) end = albums_showing.size();
    const std::string entry = albums_showing.substr(at, end - at);
    const std::size_t colon = entry.find(':');
    const std::string visibility = entry.substr(0, colon);
    const std::string slug = colon == std::string::npos ? "" : entry.substr(colon + 1);
    // The albums the audience may open (kOpenToPublic for the public).
    if (audience.kind == Audience::Kind::kViewer || visibility != "private" ||
        (!audience.share_album.empty() && slug == audience.share_album)) {
      return true;
    }
    at = end + 1;
  }
  return false;
}

std::string AccessStateSql() {
  return "coalesce(p.embargo_until, '') || '|' || coalesce((SELECT group_concat(s.album_id || ':' || "
         "s.visibility || ':' || s.show_location, ',') FROM (SELECT sap.album_id, sa.visibility, "
         "sa.show_location FROM album_photo sap JOIN album sa ON sa.id = sap.album_id "
         "WHERE sap.photo_id = p.id ORDER BY sap.album_id) s), '') || '|' || " + MeetingShowsLocationSql();
}

std::string AccessStamp(const std::string& state) {
  return Sha256Hex(state.data(), state.size()).substr(0, 16);
}

}  // namespace media::catalog
