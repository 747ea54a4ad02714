// Web sessions of editors: a random secret in an HttpOnly, SameSite=Strict
// cookie; the catalog stores only its SHA-256 (as a credential with an
// expiry). Every write made with the cookie must carry the session's CSRF
// token in the X-CSRF-Token header; bearer-token requests need none.
#pragma once

#include <optional>
#include <string>

#include "http/http_types.h"
#include "media/catalog.h"

namespace gallery::http {

constexpr char kSessionCookie[] = "gallery_session";
constexpr char kCsrfHeader[] = "X-CSRF-Token";
constexpr long kSessionSeconds = 12 * 3600;

// The CSRF token of the session whose secret is `secret` (64 hex digits);
// the same secret always gives the same token, and the token does not
// reveal the secret.
std::string CsrfTokenFor(const std::string& secret);

// The value of the session cookie in the request's Cookie header, or "".
std::string SessionCookie(const HttpRequest& req);

// The Set-Cookie value that stores `secret` (empty: clears the cookie).
// `secure` adds the Secure attribute (the request came over HTTPS).
std::string SessionCookieHeader(const std::string& secret, bool secure);

// When the request has no Authorization header but a session cookie naming
// a live session, fills req.principal from it; an unknown or expired cookie
// leaves the request anonymous. nullopt to go on, or 403 (code "csrf") when
// a live session's request is not GET/HEAD and lacks the right X-CSRF-Token.
std::optional<HttpResponse> AuthenticateSession(media::Catalog& catalog, HttpRequest& req);

}  // namespace gallery::http
