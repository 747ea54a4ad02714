// The editable fields of a photo, by their API names ("caption.fr",
// "credit", "keywords", ...): parsing a change, reading the current value and
// writing the new one, each as text the history can hold.
#pragma once

#include <string>
#include <vector>

#include "media/catalog.h"
#include "sqlite_db.h"

namespace media::catalog {

struct ParsedChange {
  enum class Kind { kLangText, kColumn, kKeywords, kMeeting };
  Kind kind = Kind::kColumn;
  std::string field;        // the API name, language tag normalised
  std::string text_field;   // kLangText: photo_text.field
  std::string lang;         // kLangText
  std::string column;       // kColumn: photo's column
  std::string value;        // normalised; keywords as a compact JSON array
  std::vector<std::string> keywords;  // kKeywords
};

// InvalidArgument naming the field for an unknown field or a bad value
// (language tag, time, slug, keywords that are not a JSON array of strings).
Result<ParsedChange> ParseChange(const FieldChange& change);

// The field's current value for photo `id`, as ParseChange would normalise it.
Result<std::string> CurrentValue(sqlite::Db& db, std::int64_t id, const ParsedChange& c);

// Writes the new value. InvalidArgument when "meeting" names no meeting.
Status WriteValue(sqlite::Db& db, std::int64_t id, const ParsedChange& c);

// The keywords as a compact JSON array: the form history rows hold.
std::string KeywordsJson(const std::vector<std::string>& keywords);

}  // namespace media::catalog
