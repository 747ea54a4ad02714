// Reading photos: the column list every photo query selects, and filling a
// batch of photos with their texts, keywords and albums in three queries
// (never one query per photo).
#pragma once

#include <string>
#include <vector>

#include "media/catalog.h"
#include "sql_db.h"

namespace media::catalog {

// "SELECT <photo columns> FROM photo p LEFT JOIN meeting m ON ..." followed
// by the caller's joins, WHERE and ORDER BY. Extra selected columns go in
// `extra_columns` (", ap.position") and start at index kPhotoColumnCount.
std::string PhotoSelect(const std::string& extra_columns, const std::string& joins);
constexpr int kPhotoColumnCount = 33;

// The photo of the current row (texts, keywords and albums not filled), as
// `audience` sees it: its location_shown, and no GPS when it is false.
Photo PhotoFromRow(const sql::Stmt& st, const Audience& audience);
// The sort key column of the current row: taken_sort.
std::string TakenSortFromRow(const sql::Stmt& st);

// Fills caption, headline, alt text, keywords and album slugs (the albums
// holding it that `audience` lists) of every photo, in three queries.
Status FillDetails(sql::Db& db, const Audience& audience, std::vector<Photo>* photos);

// The photo's current keywords, in order.
Result<std::vector<std::string>> LoadKeywords(sql::Db& db, std::int64_t photo_id);
// Replaces the photo's keywords.
Status SaveKeywords(sql::Db& db, std::int64_t photo_id, const std::vector<std::string>& keywords);

// The photo with `id` with everything filled, album slugs included (those
// the audience lists); NotFound when absent or not reachable by `audience`.
Result<Photo> ReadPhoto(sql::Db& db, std::int64_t id, const Audience& audience = {});

}  // namespace media::catalog
