// Editing photos: one or many at once (one transaction), their history and
// reverting an entry; deleting a photo from the catalog (admin).
#include <cstdio>

#include "http/api.h"
#include "http/request_params.h"
#include "http/status_map.h"
#include "http/views.h"

namespace gallery::http {

namespace {

using nlohmann::json;

HttpResponse BadBody(const std::string& why) {
  return ErrorResponse(400, "invalid_argument", "request body: " + why);
}

// The body as a JSON object, or the 400 answer.
std::optional<HttpResponse> ParseObject(const HttpRequest& req, json* out) {
  *out = json::parse(*req.body, nullptr, /*allow_exceptions=*/false);
  if (out->is_discarded()) return BadBody("not valid JSON");
  if (!out->is_object()) return BadBody("must be a JSON object");
  return std::nullopt;
}

// {"caption": {"en": ...}, "credit": ..., "keywords": [...], ...} as the
// catalog's field changes; an error message for a field or value it refuses.
std::optional<std::string> ToChanges(const json& set, std::vector<media::FieldChange>* changes) {
  static const char* const kPerLanguage[] = {"caption", "headline", "alt_text"};
  static const char* const kText[] = {"credit", "creator", "copyright", "event",
                                      "usage_terms", "embargo_until", "meeting"};
  for (const auto& [field, value] : set.items()) {
    bool known = false;
    for (const char* f : kPerLanguage) {
      if (field != f) continue;
      known = true;
      if (!value.is_object()) return field + " must be an object of language: text";
      for (const auto& [lang, text] : value.items()) {
        if (!text.is_string() && !text.is_null()) return field + "." + lang + " must be text or null";
        changes->push_back({field + "." + lang, text.is_null() ? "" : text.get<std::string>()});
      }
    }
    for (const char* f : kText) {
      if (field != f) continue;
      known = true;
      if (!value.is_string() && !value.is_null()) return field + " must be text or null";
      changes->push_back({field, value.is_null() ? "" : value.get<std::string>()});
    }
    if (field == "keywords") {
      known = true;
      if (!value.is_array()) return std::string("keywords must be an array of text");
      for (const auto& k : value) {
        if (!k.is_string()) return std::string("keywords must be an array of text");
      }
      changes->push_back({field, value.dump()});
    }
    if (!known) return "unknown field '" + field + "'";
  }
  if (changes->empty()) return std::string("nothing to change");
  return std::nullopt;
}

json HistoryJson(const media::HistoryEntry& e) {
  return {{"id", e.id}, {"field", e.field}, {"old_value", e.old_value},
          {"new_value", e.new_value}, {"who", e.who}, {"at", e.at}};
}

}  // namespace

void Api::RefreshText(std::int64_t id) {
  media::Status s = archive().RefreshEmbeddedText(id);
  if (!s.ok()) {
    std::fprintf(stderr, "photo %lld: renditions keep their old text: %s\n",
                 static_cast<long long>(id), s.ToString().c_str());
  }
}

HttpResponse Api::EditPhoto(const HttpRequest& req) {
  auto id = ParseId(req.Param("id"));
  if (!id) return ErrorResponse(404, "not_found", "no photo '" + req.Param("id") + "'");
  json body;
  if (auto bad = ParseObject(req, &body)) return *bad;
  std::vector<media::FieldChange> changes;
  if (auto why = ToChanges(body, &changes)) return BadBody(*why);
  media::Status s = catalog().EditPhoto(*id, changes, req.principal.name);
  if (!s.ok()) return ErrorFromStatus(s);
  RefreshText(*id);
  auto photo = catalog().GetPhoto(*id);
  if (!photo.ok()) return ErrorFromStatus(photo.status());
  return JsonResponse(PhotoJson(*photo));
}

HttpResponse Api::EditPhotos(const HttpRequest& req) {
  json body;
  if (auto bad = ParseObject(req, &body)) return *bad;
  if (!body.contains("ids") || !body["ids"].is_array() || body["ids"].empty()) {
    return BadBody("'ids' must be a non-empty array of photo ids");
  }
  std::vector<std::int64_t> ids;
  for (const auto& v : body["ids"]) {
    if (!v.is_number_integer()) return BadBody("'ids' must hold whole numbers");
    ids.push_back(v.get<std::int64_t>());
  }
  if (!body.contains("set") || !body["set"].is_object()) return BadBody("'set' must be an object");
  std::vector<media::FieldChange> changes;
  if (auto why = ToChanges(body["set"], &changes)) return BadBody(*why);
  media::Status s = catalog().EditPhotos(ids, changes, req.principal.name);
  if (!s.ok()) return ErrorFromStatus(s);
  for (std::int64_t id : ids) RefreshText(id);
  return JsonResponse({{"updated", ids.size()}});
}

HttpResponse Api::PhotoHistory(const HttpRequest& req) {
  auto id = ParseId(req.Param("id"));
  if (!id) return ErrorResponse(404, "not_found", "no photo '" + req.Param("id") + "'");
  auto history = catalog().PhotoHistory(*id);
  if (!history.ok()) return ErrorFromStatus(history.status());
  json items = json::array();
  for (const auto& e : *history) items.push_back(HistoryJson(e));
  return JsonResponse({{"items", items}});
}

HttpResponse Api::RevertEdit(const HttpRequest& req) {
  auto id = ParseId(req.Param("id"));
  auto entry = ParseId(req.Param("entry"));
  if (!id || !entry) return ErrorResponse(404, "not_found", "no such history entry");
  media::Status s = catalog().RevertEdit(*id, *entry, req.principal.name);
  if (!s.ok()) return ErrorFromStatus(s);
  RefreshText(*id);
  auto photo = catalog().GetPhoto(*id);
  if (!photo.ok()) return ErrorFromStatus(photo.status());
  return JsonResponse(PhotoJson(*photo));
}

HttpResponse Api::DeletePhoto(const HttpRequest& req) {
  auto id = ParseId(req.Param("id"));
  if (!id) return ErrorResponse(404, "not_found", "no photo '" + req.Param("id") + "'");
  auto sha = catalog().DeletePhoto(*id);
  if (!sha.ok()) return ErrorFromStatus(sha.status());
  return JsonResponse({{"deleted", *id}, {"sha256", *sha}});
}

}  // namespace gallery::http
