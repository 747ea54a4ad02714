// The audience rule (media::Audience) as SQL: conditions that every query
// of the catalog adds to its WHERE clause, so that what an audience may not
// see is left out before any LIMIT, any count and any cursor. The one place
// where visibility is decided.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "media/catalog.h"
#include "sql_db.h"

namespace media::catalog {

// A WHERE clause under construction with its parameters, bound in order.
struct Query {
  std::string where = "WHERE 1 = 1";
  std::vector<std::variant<std::int64_t, std::string>> args;

  void And(const std::string& condition) { where += " AND " + condition; }
  template <typename T>
  void And(const std::string& condition, T arg) {
    And(condition);
    args.emplace_back(std::move(arg));
  }
  // Binds every argument from index `first`.
  void BindAll(sql::Stmt& st, int first = 1) const;
};

// Adds: the photo `p` is not under embargo, unless the audience sees
// everything.
void AndNotEmbargoed(const Audience& audience, Query* q);
// Adds: the audience lists photo `p` (listings, search, facets, counts).
void AndPhotoListed(const Audience& audience, Query* q);
// Adds: the audience may open photo `p` (its page and media).
void AndPhotoReachable(const Audience& audience, Query* q);
// Adds: the audience lists album `a`.
void AndAlbumListed(const Audience& audience, Query* q);
// Adds: the audience may open album `a` (by its address).
void AndAlbumOpen(const Audience& audience, Query* q);

// The id of album `slug` when the audience may open it; NotFound in the
// same words as for an album that does not exist.
Result<std::int64_t> OpenAlbumId(sql::Db& db, const std::string& slug, const Audience& audience);

// The SQL expressions PhotoLocationShown reads, for the photo aliased `p`
// and its meeting `m`: whether the meeting shows locations (0 or 1), and the
// albums holding the photo that show locations, as "visibility:slug,...".
std::string MeetingShowsLocationSql();
std::string AlbumsShowingLocationSql();
// Photo::location_shown for `audience`, from the values of those two
// expressions.
bool PhotoLocationShown(const Audience& audience, bool meeting_shows, const std::string& albums_showing);

// The SQL expression of a photo's access stamp (Photo::access_stamp) for the
// photo aliased `p` (meeting `m`): its embargo, its albums with their
// visibility and whether they show locations, and whether its meeting does,
// as text to be hashed by AccessStamp.
std::string AccessStateSql();
std::string AccessStamp(const std::string& state);

}  // namespace media::catalog
