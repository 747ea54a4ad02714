#include "http/json_body.h"

#include <cctype>
#include <iterator>
#include <regex>
#include <set>
#include <utility>

#include "media/text_limits.h"
#include "media/utc_time.h"

namespace gallery::http {

using nlohmann::json;

HttpResponse BadField(const std::string& field, const std::string& why) {
  return ErrorResponse(ApiError::kInvalidArgument, field + ": " + why);
}

std::optional<HttpResponse> CheckJsonText(std::string_view text) {
  if (text.size() > kMaxJsonBodyBytes) {
    return ErrorResponse(ApiError::kTooLarge,
                         "body: " + std::to_string(text.size()) + " bytes, over the limit of " +
                             std::to_string(kMaxJsonBodyBytes));
  }
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      std::size_t len = media::Utf8SequenceLength(text, i);
      if (len == 0) return BadField("body", "not valid UTF-8 (at byte " + std::to_string(i) + ")");
      i += len;
      continue;
    }
    if (c == '\0') {
      // Never valid JSON, and the parser would take it for the end of the text.
      return BadField("body", "a NUL byte (at byte " + std::to_string(i) + ")");
    }
    if (in_string) {
      if (c == '\\') {
        i += 2;  // an escaped character (a byte over 0x7F there is invalid JSON anyway)
        continue;
      }
      in_string = c != '"';
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) {
        return BadField("body", "arrays and objects nested deeper than " + std::to_string(kMaxJsonDepth) +
                                    " levels, the limit");
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
    ++i;
  }
  return std::nullopt;
}

std::optional<HttpResponse> ParseJsonObject(const HttpRequest& req, json* out) {
  return ParseJsonText(req.body ? *req.body : std::string(), out);
}

std::optional<HttpResponse> ParseJsonText(const std::string& text, json* out) {
  if (auto refused = CheckJsonText(text)) return refused;
  *out = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (out->is_discarded()) return BadField("body", "not valid JSON");
  if (!out->is_object()) return BadField("body", "must be a JSON object");
  return std::nullopt;
}

namespace {

// A key the client sent, as a message names it: as it is when it is a plain
// word, else quoted as JSON text (so an empty or odd key stays visible).
std::string KeyName(const std::string& key) {
  bool plain = !key.empty();
  for (unsigned char c : key) plain = plain && (std::isalnum(c) || c == '_' || c == '-' || c == '.');
  return plain ? key : json(key).dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::optional<HttpResponse> RejectUnknownFields(const json& body, const std::vector<std::string>& known) {
  for (const auto& item : body.items()) {
    bool found = false;
    for (const std::string& k : known) found = found || item.key() == k;
    if (!found) return BadField(KeyName(item.key()), "unknown field");
  }
  return std::nullopt;
}

std::optional<HttpResponse> MergeLangText(const std::string& field, const json& value,
                                          media::LangText* text) {
  if (!value.is_object()) return BadField(field, "must be an object of language: text");
  for (const auto& [lang, t] : value.items()) {
    if (t.is_null() || (t.is_string() && t.get<std::string>().empty())) {
      text->erase(lang);
    } else if (t.is_string()) {
      (*text)[lang] = t.get<std::string>();
    } else {
      return BadField(field + "." + KeyName(lang), "must be text or null");
    }
  }
  return std::nullopt;
}

std::optional<HttpResponse> ReadText(const std::string& field, const json& value, std::string* out) {
  if (value.is_null()) {
    out->clear();
  } else if (value.is_string()) {
    *out = value.get<std::string>();
  } else {
    return BadField(field, "must be text or null");
  }
  return std::nullopt;
}

std::optional<HttpResponse> ReadFlag(const json& body, const char* field, bool* out) {
  auto it = body.find(field);
  if (it == body.end()) return std::nullopt;
  if (!it->is_boolean()) return BadField(field, "must be true or false");
  *out = it->get<bool>();
  return std::nullopt;
}

std::optional<HttpResponse> ReadExpiry(const json& body, int default_days, std::string* expires_at) {
  constexpr int kMaxDays = 3650;
  if (body.contains("expires_at") && body.contains("expires_in_days")) {
    return BadField("expires_at", "give expires_at or expires_in_days, not both");
  }
  if (body.contains("expires_at")) {
    static const std::regex kTime(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
    const json& v = body["expires_at"];
    if (!v.is_string() || !std::regex_match(v.get<std::string>(), kTime)) {
      return BadField("expires_at", "must be a UTC time 'YYYY-MM-DDTHH:MM:SSZ'");
    }
    if (v.get<std::string>() <= media::NowUtc()) return BadField("expires_at", "must be in the future");
    *expires_at = v.get<std::string>();
    return std::nullopt;
  }
  long days = default_days;
  if (body.contains("expires_in_days")) {
    const json& v = body["expires_in_days"];
    if (!v.is_number_integer() || v.get<std::int64_t>() < 1 || v.get<std::int64_t>() > kMaxDays) {
      return BadField("expires_in_days", "must be a whole number of days from 1 to " + std::to_string(kMaxDays));
    }
    days = v.get<long>();
  }
  if (days > 0) *expires_at = media::UtcAfter(days * 86400L);
  return std::nullopt;
}

std::optional<HttpResponse> ReadIds(const json& body, std::vector<std::int64_t>* ids) {
  auto it = body.find("ids");
  if (it == body.end() || !it->is_array() || it->empty()) {
    return BadField("ids", "must be a non-empty array of photo ids");
  }
  if (it->size() > media::kMaxBulkIds) {
    return BadField("ids", std::to_string(it->size()) + " photos, over the limit of " +
                               std::to_string(media::kMaxBulkIds));
  }
  std::set<std::int64_t> seen;
  for (const auto& v : *it) {
    if (!v.is_number_integer() || v.get<std::int64_t>() <= 0) {
      return BadField("ids", "must hold positive whole numbers");
    }
    if (!seen.insert(v.get<std::int64_t>()).second) {
      return BadField("ids", "photo " + std::to_string(v.get<std::int64_t>()) + " is given twice");
    }
    ids->push_back(v.get<std::int64_t>());
  }
  return std::nullopt;
}

namespace {

// The per-language and the plain text fields of a photo edit set.
const std::pair<const char*, media::LangText media::PhotoEdit::*> kPerLanguageFields[] = {
    {"caption", &media::PhotoEdit::caption},
    {"headline", &media::PhotoEdit::headline},
    {"alt_text", &media::PhotoEdit::alt_text},
};
const std::pair<const char*, std::optional<std::string> media::PhotoEdit::*> kTextFields[] = {
    {"credit", &media::PhotoEdit::credit},
    {"creator", &media::PhotoEdit::creator},
    {"copyright", &media::PhotoEdit::copyright},
    {"event", &media::PhotoEdit::event},
    {"usage_terms", &media::PhotoEdit::usage_terms},
    {"embargo_until", &media::PhotoEdit::embargo_until},
    {"meeting", &media::PhotoEdit::meeting},
};

std::optional<HttpResponse> ReadLangTexts(const std::string& field, const json& value, media::LangText* texts) {
  if (!value.is_object()) return BadField(field, "must be an object of language: text");
  if (value.size() > media::kMaxLanguages) {
    return BadField(field, std::to_string(value.size()) + " languages, over the limit of " +
                               std::to_string(media::kMaxLanguages));
  }
  for (const auto& [lang, text] : value.items()) {
    if (!text.is_string() && !text.is_null()) return BadField(field + "." + KeyName(lang), "must be text or null");
    (*texts)[lang] = text.is_null() ? "" : text.get<std::string>();
  }
  return std::nullopt;
}

std::optional<HttpResponse> ReadKeywords(const json& value, std::vector<std::string>* keywords) {
  if (!value.is_array()) return BadField("keywords", "must be an array of text");
  if (value.size() > media::kMaxKeywords) {
    return BadField("keywords", std::to_string(value.size()) + " keywords, over the limit of " +
                                    std::to_string(media::kMaxKeywords));
  }
  for (const auto& k : value) {
    if (!k.is_string()) return BadField("keywords", "must be an array of text");
    keywords->push_back(k.get<std::string>());
  }
  return std::nullopt;
}

// One field of a photo edit set into *edit; the 400 answer when the field is
// unknown or its value of the wrong type.
std::optional<HttpResponse> ReadPhotoEditField(const std::string& field, const json& value,
                                               media::PhotoEdit* edit) {
  for (const auto& [name, member] : kPerLanguageFields) {
    if (field == name) return ReadLangTexts(field, value, &(edit->*member));
  }
  for (const auto& [name, member] : kTextFields) {
    if (field != name) continue;
    if (!value.is_string() && !value.is_null()) return BadField(field, "must be text or null");
    edit->*member = value.is_null() ? "" : value.get<std::string>();
    return std::nullopt;
  }
  if (field == "keywords") return ReadKeywords(value, &edit->keywords.emplace());
  return BadField(KeyName(field), "unknown field");
}

}  // namespace

std::optional<HttpResponse> ReadPhotoEdit(const json& set, media::PhotoEdit* edit) {
  if (!set.is_object()) return BadField("set", "must be an object of fields to change");
  for (const auto& [field, value] : set.items()) {
    if (auto bad = ReadPhotoEditField(field, value, edit)) return bad;
  }
  if (edit->empty()) return BadField("body", "nothing to change");
  return std::nullopt;
}

std::optional<HttpResponse> ReadBulkEdit(const json& body, std::vector<std::int64_t>* ids,
                                         media::PhotoEdit* edit) {
  if (auto bad = RejectUnknownFields(body, {"ids", "set"})) return bad;
  if (auto bad = ReadIds(body, ids)) return bad;
  auto set = body.find("set");
  if (set == body.end() || !set->is_object()) return BadField("set", "must be an object of fields to change");
  return ReadPhotoEdit(*set, edit);
}

std::optional<HttpResponse> ReadCoverField(const json& body, CoverChange* cover) {
  if (!body.contains("cover_photo_id")) return std::nullopt;
  const json& c = body["cover_photo_id"];
  cover->given = true;
  if (c.is_null()) return std::nullopt;
  if (!c.is_number_integer() || c.get<std::int64_t>() <= 0) {
    return BadField("cover_photo_id", "must be a photo id or null");
  }
  cover->id = c.get<std::int64_t>();
  return std::nullopt;
}

std::optional<HttpResponse> ReadAlbumFields(const json& body, bool creating, media::Album* album,
                                            CoverChange* cover) {
  std::vector<std::string> known = {"slug", "title", "description", "meeting", "visibility",
                                    "default_credit", "show_location"};
  if (!creating) known.push_back("cover_photo_id");
  if (auto bad = RejectUnknownFields(body, known)) return bad;
  if (creating && !body.contains("slug")) return BadField("slug", "is required");
  if (body.contains("slug")) {
    if (!body["slug"].is_string()) return BadField("slug", "must be text");
    album->slug = body["slug"].get<std::string>();
  }
  if (body.contains("title")) {
    if (auto bad = MergeLangText("title", body["title"], &album->title)) return bad;
  }
  if (body.contains("description")) {
    if (auto bad = MergeLangText("description", body["description"], &album->description)) return bad;
  }
  if (body.contains("meeting")) {
    if (auto bad = ReadText("meeting", body["meeting"], &album->meeting_slug)) return bad;
  }
  if (body.contains("visibility")) {
    auto v = body["visibility"].is_string() ? media::ParseVisibility(body["visibility"].get<std::string>())
                                            : std::nullopt;
    if (!v) return BadField("visibility", "must be public, unlisted or private");
    album->visibility = *v;
  }
  if (body.contains("default_credit")) {
    if (auto bad = ReadText("default_credit", body["default_credit"], &album->default_credit)) return bad;
  }
  if (auto bad = ReadFlag(body, "show_location", &album->show_location)) return bad;
  return ReadCoverField(body, cover);
}

std::optional<HttpResponse> ReadMeetingFields(const json& body, bool creating, media::Meeting* meeting,
                                              CoverChange* cover) {
  std::vector<std::string> known = {"slug", "title", "description", "place", "start_date",
                                    "end_date", "time_zone", "default_credit", "show_location"};
  if (!creating) known.push_back("cover_photo_id");
  if (auto bad = RejectUnknownFields(body, known)) return bad;
  if (creating && !body.contains("slug")) return BadField("slug", "is required");
  if (body.contains("slug")) {
    if (!body["slug"].is_string()) return BadField("slug", "must be text");
    meeting->slug = body["slug"].get<std::string>();
  }
  if (body.contains("title")) {
    if (auto bad = MergeLangText("title", body["title"], &meeting->title)) return bad;
  }
  if (body.contains("description")) {
    if (auto bad = MergeLangText("description", body["description"], &meeting->description)) return bad;
  }
  const std::pair<const char*, std::string*> texts[] = {{"place", &meeting->place},
                                                        {"start_date", &meeting->start_date},
                                                        {"end_date", &meeting->end_date},
                                                        {"time_zone", &meeting->time_zone},
                                                        {"default_credit", &meeting->default_credit}};
  for (const auto& [field, target] : texts) {
    if (!body.contains(field)) continue;
    if (auto bad = ReadText(field, body[field], target)) return bad;
  }
  if (auto bad = ReadFlag(body, "show_location", &meeting->show_location)) return bad;
  return ReadCoverField(body, cover);
}

json HistoryEntryJson(const media::HistoryEntry& e) {
  return {{"id", e.id}, {"field", e.field}, {"old_value", e.old_value},
          {"new_value", e.new_value}, {"who", e.who}, {"at", e.at}};
}

}  // namespace gallery::http
