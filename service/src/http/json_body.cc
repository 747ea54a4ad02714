#include "http/json_body.h"

#include <set>

namespace gallery::http {

using nlohmann::json;

HttpResponse BadField(const std::string& field, const std::string& why) {
  return ErrorResponse(400, "invalid_argument", field + ": " + why);
}

std::optional<HttpResponse> ParseJsonObject(const HttpRequest& req, json* out) {
  *out = json::parse(req.body ? *req.body : std::string(), nullptr, /*allow_exceptions=*/false);
  if (out->is_discarded()) return BadField("body", "not valid JSON");
  if (!out->is_object()) return BadField("body", "must be a JSON object");
  return std::nullopt;
}

std::optional<HttpResponse> RejectUnknownFields(const json& body, const std::vector<std::string>& known) {
  for (const auto& item : body.items()) {
    bool found = false;
    for (const std::string& k : known) found = found || item.key() == k;
    if (!found) return BadField(item.key(), "unknown field");
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
      return BadField(field + "." + lang, "must be text or null");
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

std::optional<HttpResponse> ReadIds(const json& body, std::vector<std::int64_t>* ids) {
  auto it = body.find("ids");
  if (it == body.end() || !it->is_array() || it->empty()) {
    return BadField("ids", "must be a non-empty array of photo ids");
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

json HistoryEntryJson(const media::HistoryEntry& e) {
  return {{"id", e.id}, {"field", e.field}, {"old_value", e.old_value},
          {"new_value", e.new_value}, {"who", e.who}, {"at", e.at}};
}

}  // namespace gallery::http
