// Row-level helpers shared by the catalog's operations: id lookups by slug,
// per-language text tables, history rows and the search index. Each runs on
// the connection (and inside the transaction) it is given.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "media/catalog.h"
#include "sql_db.h"

namespace media::catalog {

// NotFound ("meeting 'x' not found") when the slug names nothing.
Result<std::int64_t> MeetingId(sql::Db& db, const std::string& slug);
Result<std::int64_t> AlbumId(sql::Db& db, const std::string& slug);
// NotFound when no photo has this id.
Status CheckPhotoExists(sql::Db& db, std::int64_t id);

// The ORDER BY terms that put the best cover candidate among photos `p`
// first: not under embargo, then kCoverMinShortSide, then the largest;
// callers add their own tie-breaker.
std::string BestCoverOrderSql();

// Appends the photos not yet in the album at its end, in the order given;
// NotFound (nothing appended by the caller's transaction) for an unknown id.
// Defined in catalog_album_members.cc.
Status AppendToAlbum(sql::Db& db, std::int64_t album_id, const std::vector<std::int64_t>& ids);
Status LeaveAlbum(sql::Db& db, std::int64_t album_id, const std::vector<std::int64_t>& ids);

// A table of per-language texts: (owner, field, lang, value).
struct TextTable {
  const char* table;
  const char* owner_column;
};
extern const TextTable kMeetingText, kAlbumText, kPhotoText;

// Replaces every language of `field` of `owner` with `text`.
Status SaveLangText(sql::Db& db, const TextTable& t, std::int64_t owner, const std::string& field,
                    const LangText& text);
// Sets one language (an empty value removes it).
Status SetLangValue(sql::Db& db, const TextTable& t, std::int64_t owner, const std::string& field,
                    const std::string& lang, const std::string& value);
// owner -> field -> lang -> value for all `owners`, in one query.
using OwnerTexts = std::map<std::int64_t, std::map<std::string, LangText>>;
Result<OwnerTexts> LoadLangTexts(sql::Db& db, const TextTable& t,
                                 const std::vector<std::int64_t>& owners);
// Fills the title and description of each of `owners` (albums or meetings)
// from `t`, in one query.
template <typename Owner>
Status LoadTitles(sql::Db& db, const TextTable& t, std::vector<Owner>* owners) {
  std::vector<std::int64_t> ids;
  for (const Owner& o : *owners) ids.push_back(o.id);
  CATALOG_ASSIGN_OR_RETURN(OwnerTexts texts, LoadLangTexts(db, t, ids));
  for (Owner& o : *owners) {
    o.title = texts[o.id]["title"];
    o.description = texts[o.id]["description"];
  }
  return Status::OK();
}

// A JSON array of the ids, for `IN (SELECT value FROM json_each(?))`.
std::string IdsJson(const std::vector<std::int64_t>& ids);

// Appends `e` (its id and `at` are filled by the catalog).
Status AddHistory(sql::Db& db, const HistoryEntry& e);
// The entries whose `column` ("photo_id", "album_id", "meeting_id") is `id`,
// oldest first.
Result<std::vector<HistoryEntry>> LoadHistory(sql::Db& db, const char* column, std::int64_t id);

// Rewrites (or removes) the search row of one photo from its current data.
Status RefreshSearchRow(sql::Db& db, std::int64_t photo_id);
Status RemoveSearchRow(sql::Db& db, std::int64_t photo_id);

}  // namespace media::catalog

namespace media::catalog {

// A flag as history text: "true" or "false".
inline const char* BoolText(bool b) { return b ? "true" : "false"; }

// The changed fields between two versions of a record, as history rows to be.
class FieldDiffs {
 public:
  void Add(const std::string& field, const std::string& old_value, const std::string& new_value);
  // One "<prefix>.<lang>" entry per language whose text changed.
  void AddLang(const std::string& prefix, const LangText& old_text, const LangText& new_text);
  bool empty() const { return entries_.empty(); }
  // Writes one history row per change, for the subject set in `subject`
  // (photo_id, album_id or meeting_id) by `who`.
  Status Record(sql::Db& db, HistoryEntry subject, const std::string& who) const;

 private:
  std::vector<HistoryEntry> entries_;
};

}  // namespace media::catalog
