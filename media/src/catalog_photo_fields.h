// The editable fields of a photo, by their API names ("caption.fr",
// "credit", "keywords", ...): a PhotoEdit checked and split into one change
// per field, reading a field's current value and writing the new one, each
// as text the history can hold.
#pragma once

#include <string>
#include <vector>

#include "media/catalog.h"
#include "media/photo_edit.h"
#include "sql_db.h"

namespace media::catalog {

struct ParsedChange {
  // kKeywordDelta: keywords to add (`keywords`) and remove (`removed`),
  // made a kKeywords change for each photo by ResolveChange.
  enum class Kind { kLangText, kColumn, kKeywords, kKeywordDelta, kMeeting };
  Kind kind = Kind::kColumn;
  std::string field;        // the API name, language tag normalised
  std::string text_field;   // kLangText: photo_text.field
  std::string lang;         // kLangText
  std::string column;       // kColumn: photo's column
  std::string value;        // normalised; keywords as a compact JSON array
  std::vector<std::string> keywords;  // kKeywords, kKeywordDelta
  std::vector<std::string> removed;   // kKeywordDelta
};

// The edit's changes, one per field, checked and normalised, in the order of
// their field names. InvalidArgument naming the field for a bad value
// (language tag, text over its limit, time, slug, too many keywords) or two
// language tags that are one once normalised.
Result<std::vector<ParsedChange>> ParseEdit(const PhotoEdit& edit);

// The edit that sets `field` (a history row's field name) to `value` (its
// text, as a history row holds it). InvalidArgument for a field no edit
// writes or keywords that are not a JSON array of strings.
Result<PhotoEdit> EditFromHistory(const std::string& field, const std::string& value);

// The change `c` as it applies to photo `id`: itself, but a kKeywordDelta
// becomes the kKeywords change to the photo's own keywords with those added
// and removed (InvalidArgument when that makes too many).
Result<ParsedChange> ResolveChange(sql::Db& db, std::int64_t id, const ParsedChange& c);

// The field's current value for photo `id`, as ParseEdit normalises it.
Result<std::string> CurrentValue(sql::Db& db, std::int64_t id, const ParsedChange& c);

// Writes the new value. InvalidArgument when "meeting" names no meeting.
Status WriteValue(sql::Db& db, std::int64_t id, const ParsedChange& c);

}  // namespace media::catalog
