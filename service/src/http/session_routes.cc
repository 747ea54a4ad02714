// Routes of web sessions: log in (POST /api/session), who am I and the CSRF
// token (GET), log out (DELETE).
#include <unistd.h>

#include <cstdio>

#include "base/strings.h"
#include "http/api.h"
#include "http/json_body.h"
#include "http/session.h"
#include "http/session_limit.h"
#include "service/password.h"
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

// 429 for a client that failed too often: the wait in Retry-After and the message.
HttpResponse TooManyAttempts(std::int64_t wait_seconds) {
  HttpResponse r = ErrorResponse(ApiError::kTooManyAttempts,
                                 "too many failed logins from this address; try again in " +
                                     std::to_string(wait_seconds) + " seconds");
  r.headers.emplace_back("Retry-After", std::to_string(wait_seconds));
  return r;
}

// One line on the server's log (standard error, as the request lines).
void LogLogin(const char* what, const std::string& address, const std::string& name) {
  std::string line = std::string("login ") + what + ": address " + address + " name " + base::QuotedForLog(name, 128) + "\n";
  ssize_t ignored = write(2, line.data(), line.size());
  (void)ignored;
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
    return ErrorResponse(ApiError::kUnsupportedMediaType, "send {\"name\": ..., \"password\": ...} as application/json");
  }
  if (auto refused = CheckJsonText(*req.body)) return *refused;  // size, depth, UTF-8
  nlohmann::json body = nlohmann::json::parse(*req.body, nullptr, false);
  if (!body.is_object() || !body.value("name", nlohmann::json()).is_string() ||
      !body.value("password", nlohmann::json()).is_string()) {
    return ErrorResponse(ApiError::kInvalidArgument, "the body must be {\"name\": text, \"password\": text}");
  }
  std::string name = body["name"], password = body["password"];
  // Failures count per (address, name) and per address, never per name
  // alone: whoever fails elsewhere cannot keep the name's owner out.
  const std::string address = ctx_.trusted_proxies.ClientAddress(req.peer, req.Header("X-Forwarded-For"));
  const std::string address_key = ThrottleKey(address), pair_key = address + " " + name;
  // Counted in the catalog: every process serving the archive counts the
  // same failures. When it cannot be reached, nobody is let in unchecked.
  LoginLimiter per_address = AddressLimiter(catalog());
  LoginLimiter per_pair = PairLimiter(catalog());
  media::Result<std::int64_t> wait = per_address.Wait(address_key);
  if (wait.ok() && *wait == 0) wait = per_pair.Admit(pair_key);
  if (!wait.ok()) return ErrorFromStatus(wait.status());
  if (*wait > 0) {
    LogLogin("refused (too many failures)", address, name);
    return TooManyAttempts(*wait);
  }
  auto user = catalog().GetUser(name);
  if (!user.ok()) SpendVerifyTime(password);
  if (!user.ok() || !VerifyPassword(user->password_hash, password) || user->disabled) {
    media::Result<std::int64_t> counted = per_address.Admit(address_key);
    if (!counted.ok()) return ErrorFromStatus(counted.status());
    LogLogin(user.ok() && user->disabled ? "failed (user disabled)" : "failed", address, name);
    return ErrorResponse(ApiError::kUnauthenticated, "wrong name or password");
  }
  if (media::Status forgot = per_pair.Succeeded(pair_key); !forgot.ok()) return ErrorFromStatus(forgot);
  auto secret = NewSecret();
  if (!secret.ok()) return ErrorFromStatus(secret.status());
  media::Credential cred;
  cred.secret_sha256 = media::Sha256Hex(secret->data(), secret->size());
  cred.role = user->role;
  cred.user = user->name;
  cred.kind = media::CredentialKind::kSession;
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
