#include "http/access.h"

#include "http/session.h"
#include "media/sha256.h"
#include "media/utc_time.h"

namespace gallery::http {

namespace {

std::string BearerToken(const HttpRequest& req) {
  std::string value = req.Header("Authorization");
  const std::string prefix = "Bearer ";
  if (value.size() <= prefix.size() || value.compare(0, prefix.size(), prefix) != 0) return "";
  return value.substr(prefix.size());
}

// A token's last use is written at most once a minute, not on every request
// (a write costs a synced commit and retires the response cache). A failed
// write is not the request's failure.
void RecordUse(media::Catalog& catalog, const media::Credential& cred) {
  constexpr long kEverySeconds = 60;
  if (cred.kind != media::CredentialKind::kToken) return;
  const std::string not_before = media::UtcAfter(-kEverySeconds);
  if (!cred.last_used_at.empty() && cred.last_used_at >= not_before) return;
  (void)catalog.TouchCredential(cred.id, media::NowUtc(), not_before);
}

}  // namespace

std::optional<HttpResponse> Authenticate(media::Catalog& catalog, HttpRequest& req) {
  if (auto denied = AuthenticateSession(catalog, req)) return denied;
  if (!req.Header("Authorization").empty()) {
    std::string token = BearerToken(req);
    if (token.empty()) {
      return ErrorResponse(ApiError::kUnauthenticated, "the Authorization header must be 'Bearer TOKEN'");
    }
    auto cred = catalog.FindCredential(media::Sha256Hex(token.data(), token.size()));
    if (!cred.ok()) return ErrorResponse(ApiError::kUnauthenticated, "unknown or expired token");
    RecordUse(catalog, *cred);
    req.principal.authenticated = true;
    req.principal.role = cred->role;
    req.principal.name = cred->user;
  }
  std::string share = req.Query("share");
  if (share.empty()) share = req.Header("X-Share-Token");
  if (!share.empty()) {
    auto link = catalog.FindShareLink(media::Sha256Hex(share.data(), share.size()));
    if (!link.ok()) return ErrorResponse(ApiError::kUnauthenticated, "unknown or expired share link");
    req.principal.share_album = link->album_slug;
  }
  return std::nullopt;
}

std::optional<HttpResponse> CheckAccess(const Principal& principal, Access access) {
  if (access == Access::kPublic) return std::nullopt;
  if (!principal.authenticated) {
    HttpResponse r = ErrorResponse(ApiError::kUnauthenticated, "this route needs 'Authorization: Bearer TOKEN'");
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
  }
  bool ok = access == Access::kEditor ? principal.role != media::Role::kViewer
                                      : principal.role == media::Role::kAdmin;
  if (!ok) {
    return ErrorResponse(ApiError::kForbidden, std::string("this route needs the ") +
                                               (access == Access::kAdmin ? "admin" : "editor") + " role");
  }
  return std::nullopt;
}

bool IsEditor(const Principal& principal) {
  return principal.authenticated && principal.role != media::Role::kViewer;
}

media::Audience AudienceOf(const Principal& principal) {
  if (IsEditor(principal)) return media::Audience::Everything();
  if (principal.authenticated) return media::Audience::Viewer();
  return media::Audience::Public(principal.share_album);
}

std::string AudienceKey(const Principal& principal) {
  media::Audience audience = AudienceOf(principal);
  switch (audience.kind) {
    case media::Audience::Kind::kEditor: return "editor";
    case media::Audience::Kind::kViewer: return "viewer";
    case media::Audience::Kind::kPublic: break;
  }
  return "public:" + audience.share_album;
}

}  // namespace gallery::http
