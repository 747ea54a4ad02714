// IIIF Presentation API 3.0: an album as a Manifest (one Canvas per photo,
// in album order, each painted with its image and image service) and a
// meeting as a Collection of its albums' Manifests; only for audiences that
// may open the album (or the meeting).
#include <map>

#include "http/access.h"
#include "http/api.h"
#include "http/iiif_common.h"
#include "http/iiif_request.h"
#include "http/status_map.h"
#include "http/views.h"

namespace gallery::http {

namespace {

const char kPresentationContext[] = "http://iiif.io/api/presentation/3/context.json";
// At most this many photos per manifest (pages of 500 read in turn).
constexpr int kMaxPages = 40;

// A language map ({"en": [...], "fr": [...]}) of `text`: "x-default" stands
// for English when there is no "en"; with neither language, `fallback`
// under "none" (omitted when empty too).
nlohmann::json LanguageMap(const media::LangText& text, const std::string& fallback = "") {
  nlohmann::json map = nlohmann::json::object();
  auto put = [&](const char* lang, const char* key) {
    auto it = text.find(key);
    if (it != text.end() && !it->second.empty() && !map.contains(lang)) map[lang] = {it->second};
  };
  put("en", "en");
  put("en", "x-default");
  put("fr", "fr");
  if (map.empty() && !fallback.empty()) map["none"] = {fallback};
  return map;
}

nlohmann::json Plain(const std::string& value) { return {{"none", {value}}}; }

nlohmann::json Pair(const char* en, const char* fr, const std::string& value) {
  return {{"label", {{"en", {en}}, {"fr", {fr}}}}, {"value", Plain(value)}};
}

nlohmann::json Homepage(const std::string& url, const nlohmann::json& label) {
  return nlohmann::json::array({{{"id", url}, {"type", "Text"}, {"label", label}, {"format", "text/html"}}});
}

// The size full/max answers for a displayed width × height.
std::pair<int, int> MaxSize(int width, int height) {
  IiifRefusal refusal;
  auto request = ParseIiifRequest("full", "max", "0", "default.jpg", &refusal);
  auto plan = request ? ResolveIiifRequest(*request, width, height, kIiifLimits, &refusal)
                      : std::nullopt;
  if (!plan) return {width, height};
  return {plan->out_w, plan->out_h};
}

nlohmann::json Canvas(const std::string& base, const std::string& manifest_id, const media::Photo& p,
                      const std::string& place) {
  const std::string canvas = manifest_id + "/canvas/" + std::to_string(p.id);
  const std::string service = base + "/iiif/3/" + std::to_string(p.id);
  const auto [max_w, max_h] = MaxSize(p.meta.width, p.meta.height);
  nlohmann::json label = LanguageMap(p.meta.headline, p.original_filename);
  nlohmann::json c = {
      {"id", canvas},
      {"type", "Canvas"},
      {"label", label},
      {"width", p.meta.width},
      {"height", p.meta.height},
      {"thumbnail", nlohmann::json::array({{{"id", base + RenditionUrl(p, "small", "jpg")},
                                            {"type", "Image"},
                                            {"format", "image/jpeg"}}})},
      {"homepage", Homepage(base + "/photos/" + std::to_string(p.id), label)},
      {"items",
       nlohmann::json::array(
           {{{"id", canvas + "/page"},
             {"type", "AnnotationPage"},
             {"items", nlohmann::json::array(
                           {{{"id", canvas + "/page/painting"},
                             {"type", "Annotation"},
                             {"motivation", "painting"},
                             {"target", canvas},
                             {"body",
                              {{"id", service + "/full/max/0/default.jpg"},
                               {"type", "Image"},
                               {"format", "image/jpeg"},
                               {"width", max_w},
                               {"height", max_h},
                               {"service", nlohmann::json::array({{{"id", service},
                                                                   {"type", "ImageService3"},
                                                                   {"profile", "level2"}}})}}}}})}}})},
  };
  nlohmann::json summary = LanguageMap(p.meta.caption);
  if (!summary.empty()) c["summary"] = summary;
  if (!p.meta.credit.empty()) c["requiredStatement"] = Pair("Credit", "Crédit", p.meta.credit);
  if (IsHttpUri(p.meta.usage_terms)) c["rights"] = p.meta.usage_terms;
  nlohmann::json metadata = nlohmann::json::array();
  if (!p.meta.creator.empty()) metadata.push_back(Pair("Creator", "Auteur", p.meta.creator));
  if (!p.meta.copyright.empty()) metadata.push_back(Pair("Copyright", "Droits d'auteur", p.meta.copyright));
  if (p.meta.taken_at) metadata.push_back(Pair("Date taken", "Date de prise de vue", *p.meta.taken_at));
  if (!place.empty()) metadata.push_back(Pair("Place", "Lieu", place));
  if (!metadata.empty()) c["metadata"] = metadata;
  return c;
}

HttpResponse Presentation(const HttpRequest& req, const nlohmann::json& doc, bool is_public) {
  HttpResponse r;
  r.content_type = req.Header("Accept").find("application/ld+json") != std::string::npos
                       ? std::string("application/ld+json;profile=\"") + kPresentationContext + "\""
                       : "application/json";
  r.headers = {{"Cache-Control", is_public ? "no-cache" : "private, no-cache"}, {"Vary", "Accept, Host"}};
  if (is_public) r.headers.emplace_back("Access-Control-Allow-Origin", "*");
  r.body = doc.dump();
  return r;
}

}  // namespace

HttpResponse Api::IiifAlbumManifest(const HttpRequest& req) {
  const media::Audience audience = AudienceOf(req.principal);
  auto album = catalog().GetAlbum(req.Param("slug"), audience);
  if (!album.ok()) return ErrorFromStatus(album.status());
  const std::string base = IiifOrigin(req, ctx_.public_url);
  const std::string id = base + "/iiif/3/manifests/albums/" + album->slug;
  nlohmann::json label = LanguageMap(album->title, album->slug);
  nlohmann::json manifest = {{"@context", kPresentationContext},
                             {"id", id},
                             {"type", "Manifest"},
                             {"label", label},
                             {"homepage", Homepage(base + "/albums/" + album->slug, label)}};
  nlohmann::json summary = LanguageMap(album->description);
  if (!summary.empty()) manifest["summary"] = summary;
  std::map<std::string, std::string> places;  // meeting slug -> place
  auto place_of = [&](const std::string& meeting) -> std::string {
    if (meeting.empty()) return "";
    auto it = places.find(meeting);
    if (it != places.end()) return it->second;
    auto m = catalog().GetMeeting(meeting, audience);
    return places[meeting] = m.ok() ? m->place : "";
  };
  nlohmann::json items = nlohmann::json::array();
  media::PhotoFilter filter;
  filter.album_slug = album->slug;
  filter.audience = audience;
  filter.limit = 500;
  for (int page = 0; page < kMaxPages; ++page) {
    auto photos = catalog().ListPhotos(filter);
    if (!photos.ok()) return ErrorFromStatus(photos.status());
    for (const media::Photo& p : photos->photos) {
      if (items.empty()) {
        manifest["thumbnail"] = nlohmann::json::array(
            {{{"id", base + RenditionUrl(p, "small", "jpg")}, {"type", "Image"}, {"format", "image/jpeg"}}});
      }
      items.push_back(Canvas(base, id, p, place_of(p.meeting_slug)));
    }
    if (photos->next_cursor.empty()) break;
    filter.cursor = photos->next_cursor;
  }
  manifest["items"] = std::move(items);
  return Presentation(req, manifest, catalog().GetAlbum(album->slug, media::Audience::Public()).ok());
}

HttpResponse Api::IiifMeetingCollection(const HttpRequest& req) {
  const media::Audience audience = AudienceOf(req.principal);
  auto meeting = catalog().GetMeeting(req.Param("slug"), audience);
  if (!meeting.ok()) return ErrorFromStatus(meeting.status());
  auto albums = catalog().ListAlbums(meeting->slug, audience);
  if (!albums.ok()) return ErrorFromStatus(albums.status());
  const std::string base = IiifOrigin(req, ctx_.public_url);
  nlohmann::json label = LanguageMap(meeting->title, meeting->slug);
  nlohmann::json collection = {{"@context", kPresentationContext},
                               {"id", base + "/iiif/3/collections/meetings/" + meeting->slug},
                               {"type", "Collection"},
                               {"label", label},
                               {"homepage", Homepage(base + "/meetings/" + meeting->slug, label)}};
  nlohmann::json summary = LanguageMap(meeting->description);
  if (!summary.empty()) collection["summary"] = summary;
  nlohmann::json items = nlohmann::json::array();
  for (const media::Album& a : *albums) {
    items.push_back({{"id", base + "/iiif/3/manifests/albums/" + a.slug},
                     {"type", "Manifest"},
                     {"label", LanguageMap(a.title, a.slug)}});
  }
  collection["items"] = std::move(items);
  return Presentation(req, collection, catalog().GetMeeting(meeting->slug, media::Audience::Public()).ok());
}

}  // namespace gallery::http
