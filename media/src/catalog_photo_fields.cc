#include "catalog_photo_fields.h"

#include <algorithm>

#include "catalog_json.h"
#include "catalog_photo_read.h"
#include "catalog_rows.h"
#include "catalog_validate.h"
#include "media/text_limits.h"

namespace media::catalog {
namespace {

// The per-language fields: API prefix, photo_text.field, member, limit.
struct LangField {
  const char* name;
  const char* text_field;
  LangText PhotoEdit::*member;
  std::size_t max_chars;
};
const LangField kLangFields[] = {
    {"caption", "description", &PhotoEdit::caption, kMaxCaptionChars},
    {"headline", "headline", &PhotoEdit::headline, kMaxHeadlineChars},
    {"alt_text", "alt_text", &PhotoEdit::alt_text, kMaxAltTextChars},
};

// The plain text fields: API name, photo column, member, limit (0: a time,
// normalised instead).
struct ColumnField {
  const char* name;
  const char* column;
  std::optional<std::string> PhotoEdit::*member;
  std::size_t max_chars;
};
const ColumnField kColumnFields[] = {
    {"credit", "credit_line", &PhotoEdit::credit, kMaxCreditChars},
    {"creator", "creator", &PhotoEdit::creator, kMaxCreditChars},
    {"copyright", "copyright_notice", &PhotoEdit::copyright, kMaxCreditChars},
    {"event", "event", &PhotoEdit::event, kMaxShortTextChars},
    {"usage_terms", "usage_terms", &PhotoEdit::usage_terms, kMaxCreditChars},
    {"embargo_until", "embargo_until", &PhotoEdit::embargo_until, 0},
};

Result<ParsedChange> ParseKeywords(const std::vector<std::string>& words) {
  if (words.size() > kMaxKeywords) {
    return Status::InvalidArgument("keywords: " + std::to_string(words.size()) +
                                   " keywords, over the limit of " + std::to_string(kMaxKeywords));
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    CATALOG_RETURN_IF_ERROR(CheckChars("keywords[" + std::to_string(i) + "]", words[i], kMaxKeywordChars));
  }
  ParsedChange c;
  c.kind = ParsedChange::Kind::kKeywords;
  c.field = "keywords";
  c.keywords = NormalizeKeywords(words);
  c.value = JsonStringArray(c.keywords);
  return c;
}

Status AddLangChanges(const LangField& f, const LangText& texts, std::vector<ParsedChange>* out) {
  for (const auto& [tag, text] : texts) {
    ParsedChange c;
    c.kind = ParsedChange::Kind::kLangText;
    CATALOG_ASSIGN_OR_RETURN(c.lang, NormalizeLang(std::string(f.name) + "." + tag, tag));
    c.field = std::string(f.name) + "." + c.lang;
    c.text_field = f.text_field;
    c.value = text;
    CATALOG_RETURN_IF_ERROR(CheckChars(c.field, c.value, f.max_chars));
    out->push_back(std::move(c));
  }
  return Status::OK();
}

Result<ParsedChange> ParseColumn(const ColumnField& f, const std::string& value) {
  ParsedChange c;
  c.kind = ParsedChange::Kind::kColumn;
  c.field = f.name;
  c.column = f.column;
  if (f.max_chars == 0) {
    CATALOG_ASSIGN_OR_RETURN(c.value, NormalizeUtcTime(f.name, value));
  } else {
    c.value = value;
    CATALOG_RETURN_IF_ERROR(CheckChars(f.name, value, f.max_chars));
  }
  return c;
}

}  // namespace

Result<std::vector<ParsedChange>> ParseEdit(const PhotoEdit& edit) {
  std::vector<ParsedChange> out;
  for (const LangField& f : kLangFields) CATALOG_RETURN_IF_ERROR(AddLangChanges(f, edit.*f.member, &out));
  for (const ColumnField& f : kColumnFields) {
    if (!(edit.*f.member)) continue;
    CATALOG_ASSIGN_OR_RETURN(ParsedChange c, ParseColumn(f, *(edit.*f.member)));
    out.push_back(std::move(c));
  }
  if (edit.meeting) {
    ParsedChange c;
    c.kind = ParsedChange::Kind::kMeeting;
    c.field = "meeting";
    c.value = *edit.meeting;
    if (!c.value.empty()) CATALOG_RETURN_IF_ERROR(CheckSlug("meeting", c.value));
    out.push_back(std::move(c));
  }
  if (edit.keywords) {
    CATALOG_ASSIGN_OR_RETURN(ParsedChange c, ParseKeywords(*edit.keywords));
    out.push_back(std::move(c));
  }
  if (!edit.keywords_add.empty() || !edit.keywords_remove.empty()) {
    if (edit.keywords) {
      return Status::InvalidArgument("keywords: replace them, or add and remove some, not both at once");
    }
    CATALOG_ASSIGN_OR_RETURN(ParsedChange add, ParseKeywords(edit.keywords_add));
    CATALOG_ASSIGN_OR_RETURN(ParsedChange remove, ParseKeywords(edit.keywords_remove));
    for (const std::string& k : add.keywords) {
      if (std::find(remove.keywords.begin(), remove.keywords.end(), k) != remove.keywords.end()) {
        return Status::InvalidArgument("keywords: '" + k + "' is both added and removed");
      }
    }
    add.kind = ParsedChange::Kind::kKeywordDelta;
    add.removed = std::move(remove.keywords);
    out.push_back(std::move(add));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const ParsedChange& a, const ParsedChange& b) { return a.field < b.field; });
  for (std::size_t i = 1; i < out.size(); ++i) {
    if (out[i].field == out[i - 1].field) {
      return Status::InvalidArgument("field '" + out[i].field + "' is given twice");
    }
  }
  return out;
}

Result<PhotoEdit> EditFromHistory(const std::string& field, const std::string& value) {
  PhotoEdit edit;
  const std::size_t dot = field.find('.');
  for (const LangField& f : kLangFields) {
    if (dot != std::string::npos && field.compare(0, dot, f.name) == 0) {
      (edit.*f.member)[field.substr(dot + 1)] = value;
      return edit;
    }
  }
  for (const ColumnField& f : kColumnFields) {
    if (field == f.name) {
      edit.*f.member = value;
      return edit;
    }
  }
  if (field == "meeting") {
    edit.meeting = value;
    return edit;
  }
  if (field == "keywords") {
    CATALOG_ASSIGN_OR_RETURN(std::vector<std::string> words, ReadJsonStringArray(field, value));
    edit.keywords = std::move(words);
    return edit;
  }
  return Status::InvalidArgument("unknown field '" + field + "'");
}

Result<ParsedChange> ResolveChange(sql::Db& db, std::int64_t id, const ParsedChange& c) {
  if (c.kind != ParsedChange::Kind::kKeywordDelta) return c;
  CATALOG_ASSIGN_OR_RETURN(std::vector<std::string> words, LoadKeywords(db, id));
  std::vector<std::string> kept;
  for (const std::string& k : words) {
    if (std::find(c.removed.begin(), c.removed.end(), k) == c.removed.end()) kept.push_back(k);
  }
  for (const std::string& k : c.keywords) {
    if (std::find(kept.begin(), kept.end(), k) == kept.end()) kept.push_back(k);
  }
  return ParseKeywords(kept);
}

Result<std::string> CurrentValue(sql::Db& db, std::int64_t id, const ParsedChange& c) {
  using Kind = ParsedChange::Kind;
  if (c.kind == Kind::kKeywords) {
    CATALOG_ASSIGN_OR_RETURN(std::vector<std::string> words, LoadKeywords(db, id));
    return JsonStringArray(words);
  }
  std::string sql;
  if (c.kind == Kind::kLangText) {
    sql = "SELECT value FROM photo_text WHERE photo_id = ?1 AND field = ?2 AND lang = ?3";
  } else if (c.kind == Kind::kMeeting) {
    sql = "SELECT m.slug FROM photo p JOIN meeting m ON m.id = p.meeting_id WHERE p.id = ?1";
  } else {
    sql = "SELECT " + c.column + " FROM photo WHERE id = ?1";  // column from a fixed table
  }
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st, db.Prepare(sql));
  st.Bind(1, id);
  if (c.kind == Kind::kLangText) st.Bind(2, c.text_field).Bind(3, c.lang);
  CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Text(0) : std::string();
}

Status WriteValue(sql::Db& db, std::int64_t id, const ParsedChange& c) {
  using Kind = ParsedChange::Kind;
  if (c.kind == Kind::kLangText) return SetLangValue(db, kPhotoText, id, c.text_field, c.lang, c.value);
  if (c.kind == Kind::kKeywords) return SaveKeywords(db, id, c.keywords);
  std::optional<std::int64_t> meeting_id;
  if (c.kind == Kind::kMeeting && !c.value.empty()) {
    Result<std::int64_t> found = MeetingId(db, c.value);
    if (found.status().code() == Status::Code::kNotFound) {
      return Status::InvalidArgument("meeting: no meeting '" + c.value + "'");
    }
    CATALOG_ASSIGN_OR_RETURN(meeting_id, std::move(found));
  }
  std::string column = c.kind == Kind::kMeeting ? "meeting_id" : c.column;
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st,
                           db.Prepare("UPDATE photo SET " + column + " = ? WHERE id = ?"));
  if (c.kind == Kind::kMeeting) st.BindOptional(1, meeting_id);
  else if (c.column == "embargo_until") st.BindTextOrNull(1, c.value);
  else st.Bind(1, c.value);
  st.Bind(2, id);
  return st.Run();
}

}  // namespace media::catalog
