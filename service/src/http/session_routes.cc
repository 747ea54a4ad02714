// Routes of web sessions: log in (POST /api/session), who am I and the CSRF
// token (GET), log out (DELETE).
#include "http/api.h"
#include "http/json_body.h"
#include "http/session.h"
#include "http/session_limit.h"
#include "http/session_password.h"
#include "http/status_map.h"
#include "media/sha256.h"
#include "media/utc_time.h"
#include "service/secrets.h"

namespace gallery::http {

namespace {

bool OverHttps(const HttpRequest& req) { return req.Header("X-Forwarded-Proto") == "https"; }

// Checks a password against an unknown user's stand-in hash, so that a
// wrong name takes as long as a wrong password.
void SpendVerifyTime(const std::string& password) {
  static const std::string stand_in = [] {
    auto h = HashPassword("stand-in password");
    return h.ok() ? *h : std::string();
  }();
  VerifyPassword(stand_in, password);
}

// 429 for a name that failed too often: the wait in Retry-After and the message.
HttpResponse TooManyAttempts(std::int64_t wait_seconds) {
  HttpResponse r = ErrorResponse(429, "too_many_attempts",
                                 "too many failed logins for this name; try again in " +
                                     std::to_string(wait_seconds) + " seconds");
  r.headers.emplace_back("Retry-After", std::to_string(wait_seconds));
  return r;
}

}  // namespace

HttpResponse Api::GetSession(const HttpRequest& req) {
  if (!req.principal.authenticated) return JsonResponse({{"authenticated", false}});
  nlohmann::json j = {{"authenticated", true},
                      {"name", req.principal.name},
                      {"role", media::RoleName(req.principal.role)},
                      {"csrf_token", nullptr}};
  std::string secret = SessionCookie(req);
  if (req.Header("Authorization").empty() && !secret.empty()) j["csrf_token"] = CsrfTokenFor(secret);
  return JsonResponse(j);
}

HttpResponse Api::Login(const HttpRequest& req) {
  std::string type = req.Header("Content-Type");
  if (type.substr(0, type.find(';')) != "application/json") {
    return ErrorResponse(415, "unsupported", "send {\"name\": ..., \"password\": ...} as application/json");
  }
  if (auto refused = CheckJsonText(*req.body)) return *refused;  // size, depth, UTF-8
  nlohmann::json body = nlohmann::json::parse(*req.body, nullptr, false);
  if (!body.is_object() || !body.value("name", nlohmann::json()).is_string() ||
      !body.value("password", nlohmann::json()).is_string()) {
    return ErrorResponse(400, "invalid_argument", "the body must be {\"name\": text, \"password\": text}");
  }
  std::string name = body["name"], password = body["password"];
  LoginLimiter& limiter = SharedLoginLimiter();
  if (std::int64_t wait = limiter.Admit(name); wait > 0) return TooManyAttempts(wait);
  auto user = catalog().GetUser(name);
  if (!user.ok()) SpendVerifyTime(password);
  if (!user.ok() || !VerifyPassword(user->password_hash, password)) {
    return ErrorResponse(401, "unauthenticated", "wrong name or password");
  }
  limiter.Succeeded(name);
  auto secret = NewSecret();
  if (!secret.ok()) return ErrorFromStatus(secret.status());
  media::Credential cred;
  cred.secret_sha256 = media::Sha256Hex(secret->data(), secret->size());
  cred.role = user->role;
  cred.user = user->name;
  cred.expires_at = media::UtcAfter(kSessionSeconds);
  auto stored = catalog().AddCredential(cred);
  if (!stored.ok()) return ErrorFromStatus(stored.status());
  HttpResponse r = JsonResponse({{"authenticated", true},
                                 {"name", user->name},
                                 {"role", media::RoleName(user->role)},
                                 {"csrf_token", CsrfTokenFor(*secret)},
                                 {"expires_at", cred.expires_at}});
  r.headers.emplace_back("Set-Cookie", SessionCookieHeader(*secret, OverHttps(req)));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

HttpResponse Api::Logout(const HttpRequest& req) {
  std::string secret = SessionCookie(req);
  if (!secret.empty()) {
    media::Status removed = catalog().RemoveCredential(media::Sha256Hex(secret.data(), secret.size()));
    if (!removed.ok() && removed.code() != media::Status::Code::kNotFound) return ErrorFromStatus(removed);
  }
  HttpResponse r = JsonResponse({{"authenticated", false}});
  r.headers.emplace_back("Set-Cookie", SessionCookieHeader("", OverHttps(req)));
  return r;
}

}  // namespace gallery::http
