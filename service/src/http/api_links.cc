// Share links: POST /api/albums/{slug}/links makes a secret URL that opens
// this one album (private ones included), its photos and their media, until
// it expires. The secret comes from the system's cryptographic random
// generator; only its SHA-256 is stored, and it is shown once, in the
// creation's answer. GET lists an album's links (never their secrets) and
// DELETE .../links/{id} revokes one. An unknown, expired or revoked secret
// answers 401 on every route from the next request on (access.cc looks each
// one up in the catalog before any answer, cached or not, is made).


#include "http/access.h"
#include "http/api.h"
#include "http/json_body.h"
#include "http/status_map.h"
#include "media/sha256.h"
#include "media/utc_time.h"
#include "service/secrets.h"

namespace gallery::http {

namespace {

using nlohmann::json;

constexpr int kDefaultDays = 30;

}  // namespace

HttpResponse Api::CreateShareLink(const HttpRequest& req) {
  auto album = catalog().GetAlbum(req.Param("slug"));
  if (!album.ok()) return ErrorFromStatus(album.status());
  json body = json::object();
  if (req.body && !req.body->empty()) {
    if (auto bad = ParseJsonObject(req, &body)) return *bad;
  }
  media::ShareLink link;
  if (auto bad = RejectUnknownFields(body, {"expires_at", "expires_in_days"})) return *bad;
  if (auto bad = ReadExpiry(body, kDefaultDays, &link.expires_at)) return *bad;
  auto secret = NewSecret();
  if (!secret.ok()) return ErrorFromStatus(secret.status());
  link.album_slug = album->slug;
  link.secret_sha256 = media::Sha256Hex(secret->data(), secret->size());
  link.created_by = req.principal.name;
  auto id = catalog().AddShareLink(link);
  if (!id.ok()) return ErrorFromStatus(id.status());
  return JsonResponse({{"id", *id},
                       {"album", album->slug},
                       {"secret", *secret},
                       {"url", "/albums/" + album->slug + "?share=" + *secret},
                       {"api_url", "/api/albums/" + album->slug + "?share=" + *secret},
                       {"expires_at", link.expires_at}},
                      201);
}

namespace {

nlohmann::json LinkJson(const media::ShareLink& link) {
  return {{"id", link.id},
          {"album", link.album_slug},
          {"created_by", link.created_by},
          {"created_at", link.created_at},
          {"expires_at", link.expires_at.empty() ? json() : json(link.expires_at)},
          {"expired", !link.expires_at.empty() && link.expires_at <= media::NowUtc()}};
}

}  // namespace

HttpResponse Api::ListShareLinks(const HttpRequest& req) {
  auto links = catalog().ListShareLinks(req.Param("slug"));
  if (!links.ok()) return ErrorFromStatus(links.status());
  json items = json::array();
  for (const media::ShareLink& link : *links) items.push_back(LinkJson(link));
  HttpResponse r = JsonResponse({{"items", items}});
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

HttpResponse Api::RevokeShareLink(const HttpRequest& req) {
  const std::string id_text = req.Param("id");
  if (id_text.empty() || id_text.size() > 18 || id_text.find_first_not_of("0123456789") != std::string::npos) {
    return ErrorResponse(ApiError::kNotFound, "a share link id is a whole number");
  }
  media::Status s = catalog().RemoveShareLink(req.Param("slug"), std::stoll(id_text));
  if (!s.ok()) return ErrorFromStatus(s);
  return NoContent();
}

}  // namespace gallery::http
