#include "http/session.h"

#include <openssl/crypto.h>

#include "base/strings.h"
#include "media/sha256.h"

namespace gallery::http {

namespace {

std::string Trim(const std::string& s) { return std::string(base::Trim(s, " \t")); }

bool SameText(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::string CsrfTokenFor(const std::string& secret) {
  std::string input = "csrf:" + secret;
  return media::Sha256Hex(input.data(), input.size());
}

std::string SessionCookie(const HttpRequest& req) {
  std::string header = req.Header("Cookie");
  std::size_t i = 0;
  while (i < header.size()) {
    std::size_t end = header.find(';', i);
    if (end == std::string::npos) end = header.size();
    std::string pair = header.substr(i, end - i);
    std::size_t eq = pair.find('=');
    if (eq != std::string::npos && Trim(pair.substr(0, eq)) == kSessionCookie) {
      return Trim(pair.substr(eq + 1));
    }
    i = end + 1;
  }
  return "";
}

std::string SessionCookieHeader(const std::string& secret, bool secure) {
  std::string value = std::string(kSessionCookie) + "=" + secret + "; HttpOnly; SameSite=Strict; Path=/";
  value += secret.empty() ? "; Max-Age=0" : "; Max-Age=" + std::to_string(kSessionSeconds);
  if (secure) value += "; Secure";
  return value;
}

std::optional<HttpResponse> AuthenticateSession(media::Catalog& catalog, HttpRequest& req) {
  if (!req.Header("Authorization").empty()) return std::nullopt;
  std::string secret = SessionCookie(req);
  if (secret.empty()) return std::nullopt;
  auto cred = catalog.FindCredential(media::Sha256Hex(secret.data(), secret.size()));
  if (!cred.ok()) return std::nullopt;
  bool safe = req.method == "GET" || req.method == "HEAD";
  if (!safe && !SameText(req.Header(kCsrfHeader), CsrfTokenFor(secret))) {
    return ErrorResponse(ApiError::kCsrf,
                         std::string("a write with a session cookie needs the session's ") + kCsrfHeader +
                             " header (from GET /api/session)");
  }
  req.principal.authenticated = true;
  req.principal.role = cred->role;
  req.principal.name = cred->user;
  return std::nullopt;
}

}  // namespace gallery::http
