#include "service/photo_json.h"

namespace gallery {
namespace {

nlohmann::json TextOrNull(const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); }

template <typename T>
nlohmann::json OptionalOrNull(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

nlohmann::json LangObject(const media::LangText& text) {
  nlohmann::json obj = nlohmann::json::object();
  for (const auto& [lang, value] : text) obj[lang] = value;
  return obj;
}

}  // namespace

nlohmann::json MetadataToJson(const media::PhotoMetadata& m) {
  nlohmann::json j = nlohmann::json::object();
  j["format"] = TextOrNull(m.format);
  j["width"] = m.width;
  j["height"] = m.height;
  j["orientation"] = m.orientation;
  j["taken_at"] = OptionalOrNull(m.taken_at);
  j["make"] = TextOrNull(m.make);
  j["model"] = TextOrNull(m.model);
  j["lens"] = TextOrNull(m.lens);
  j["exposure_time"] = OptionalOrNull(m.exposure_time);
  j["f_number"] = OptionalOrNull(m.f_number);
  j["iso"] = OptionalOrNull(m.iso);
  j["focal_length"] = OptionalOrNull(m.focal_length);
  if (m.gps) {
    j["gps"] = {{"lat", m.gps->lat}, {"lon", m.gps->lon}, {"alt", OptionalOrNull(m.gps->alt)}};
  } else {
    j["gps"] = nullptr;
  }
  j["caption"] = LangObject(m.caption);
  j["headline"] = LangObject(m.headline);
  j["credit"] = TextOrNull(m.credit);
  j["creator"] = TextOrNull(m.creator);
  j["copyright"] = TextOrNull(m.copyright);
  j["keywords"] = m.keywords;
  j["alt_text"] = LangObject(m.alt_text);
  j["event"] = TextOrNull(m.event);
  j["usage_terms"] = TextOrNull(m.usage_terms);
  return j;
}

}  // namespace gallery
