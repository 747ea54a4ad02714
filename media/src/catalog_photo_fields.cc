#include "catalog_photo_fields.h"

#include <map>
#include <nlohmann/json.hpp>

#include "catalog_photo_read.h"
#include "catalog_rows.h"
#include "catalog_validate.h"
#include "media/text_limits.h"

namespace media::catalog {
namespace {

// API name -> photo column, for the plain text fields.
const std::map<std::string, std::string>& ColumnFields() {
  static const auto* fields = new std::map<std::string, std::string>{
      {"credit", "credit_line"}, {"creator", "creator"},         {"copyright", "copyright_notice"},
      {"event", "event"},        {"usage_terms", "usage_terms"}, {"embargo_until", "embargo_until"},
  };
  return *fields;
}

// The longest value of a field (a per-language one by its prefix), in
// characters; 0 for fields that are not free text.
std::size_t MaxChars(const std::string& field) {
  static const auto* limits = new std::map<std::string, std::size_t>{
      {"caption", kMaxCaptionChars}, {"headline", kMaxHeadlineChars}, {"alt_text", kMaxAltTextChars},
      {"credit", kMaxCreditChars},   {"creator", kMaxCreditChars},    {"copyright", kMaxCreditChars},
      {"usage_terms", kMaxCreditChars}, {"event", kMaxShortTextChars}};
  auto it = limits->find(field);
  return it == limits->end() ? 0 : it->second;
}

// API prefix -> photo_text.field, for the per-language fields.
const std::map<std::string, std::string>& LangFields() {
  static const auto* fields = new std::map<std::string, std::string>{
      {"caption", "description"}, {"headline", "headline"}, {"alt_text", "alt_text"}};
  return *fields;
}

Status ParseKeywords(const std::string& value, ParsedChange* c) {
  nlohmann::json j = nlohmann::json::parse(value, nullptr, /*allow_exceptions=*/false);
  bool ok = j.is_array();
  std::vector<std::string> words;
  if (ok && j.size() > kMaxKeywords) {
    return Status::InvalidArgument("keywords: " + std::to_string(j.size()) +
                                   " keywords, over the limit of " + std::to_string(kMaxKeywords));
  }
  for (const auto& item : ok ? j : nlohmann::json::array()) {
    if (!item.is_string()) ok = false; else words.push_back(item.get<std::string>());
  }
  if (!ok) {
    return Status::InvalidArgument("keywords: expected a JSON array of strings, got '" +
                                   value.substr(0, 80) + "'");
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    CATALOG_RETURN_IF_ERROR(CheckChars("keywords[" + std::to_string(i) + "]", words[i], kMaxKeywordChars));
  }
  c->keywords = NormalizeKeywords(words);
  c->value = KeywordsJson(c->keywords);
  return Status::OK();
}

Status ParseLangField(const FieldChange& in, const std::string& text_field, ParsedChange* c) {
  std::string prefix = in.field.substr(0, in.field.find('.'));
  CATALOG_ASSIGN_OR_RETURN(c->lang, NormalizeLang(in.field, in.field.substr(prefix.size() + 1)));
  c->kind = ParsedChange::Kind::kLangText;
  c->field = prefix + "." + c->lang;
  c->text_field = text_field;
  c->value = in.value;
  return CheckChars(c->field, c->value, MaxChars(prefix));
}

}  // namespace

std::string KeywordsJson(const std::vector<std::string>& keywords) {
  return nlohmann::json(keywords).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<ParsedChange> ParseChange(const FieldChange& in) {
  ParsedChange c;
  c.field = in.field;
  c.value = in.value;
  std::size_t dot = in.field.find('.');
  if (dot != std::string::npos) {
    auto lang_field = LangFields().find(in.field.substr(0, dot));
    if (lang_field == LangFields().end()) {
      return Status::InvalidArgument("unknown field '" + in.field + "'");
    }
    CATALOG_RETURN_IF_ERROR(ParseLangField(in, lang_field->second, &c));
  } else if (in.field == "keywords") {
    c.kind = ParsedChange::Kind::kKeywords;
    CATALOG_RETURN_IF_ERROR(ParseKeywords(in.value, &c));
  } else if (in.field == "meeting") {
    c.kind = ParsedChange::Kind::kMeeting;
    if (!c.value.empty()) CATALOG_RETURN_IF_ERROR(CheckSlug("meeting", c.value));
  } else if (auto col = ColumnFields().find(in.field); col != ColumnFields().end()) {
    c.kind = ParsedChange::Kind::kColumn;
    c.column = col->second;
    if (in.field == "embargo_until") {
      CATALOG_ASSIGN_OR_RETURN(c.value, NormalizeUtcTime("embargo_until", in.value));
    } else {
      CATALOG_RETURN_IF_ERROR(CheckChars(in.field, in.value, MaxChars(in.field)));
    }
  } else {
    return Status::InvalidArgument("unknown field '" + in.field +
                                   "' (editable: caption.<lang>, headline.<lang>, "
                                   "alt_text.<lang>, credit, creator, copyright, keywords, event, "
                                   "usage_terms, embargo_until, meeting)");
  }
  return c;
}

Result<std::string> CurrentValue(sqlite::Db& db, std::int64_t id, const ParsedChange& c) {
  using Kind = ParsedChange::Kind;
  if (c.kind == Kind::kKeywords) {
    CATALOG_ASSIGN_OR_RETURN(std::vector<std::string> words, LoadKeywords(db, id));
    return KeywordsJson(words);
  }
  std::string sql;
  if (c.kind == Kind::kLangText) {
    sql = "SELECT value FROM photo_text WHERE photo_id = ?1 AND field = ?2 AND lang = ?3";
  } else if (c.kind == Kind::kMeeting) {
    sql = "SELECT m.slug FROM photo p JOIN meeting m ON m.id = p.meeting_id WHERE p.id = ?1";
  } else {
    sql = "SELECT " + c.column + " FROM photo WHERE id = ?1";  // column from a fixed table
  }
  CATALOG_ASSIGN_OR_RETURN(sqlite::Stmt st, db.Prepare(sql));
  st.Bind(1, id);
  if (c.kind == Kind::kLangText) st.Bind(2, c.text_field).Bind(3, c.lang);
  CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Text(0) : std::string();
}

Status WriteValue(sqlite::Db& db, std::int64_t id, const ParsedChange& c) {
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
  CATALOG_ASSIGN_OR_RETURN(sqlite::Stmt st,
                           db.Prepare("UPDATE photo SET " + column + " = ? WHERE id = ?"));
  if (c.kind == Kind::kMeeting) st.BindOptional(1, meeting_id);
  else if (c.column == "embargo_until") st.BindTextOrNull(1, c.value);
  else st.Bind(1, c.value);
  st.Bind(2, id);
  return st.Run();
}

}  // namespace media::catalog
