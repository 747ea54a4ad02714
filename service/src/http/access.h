// Who may change what, and who the asker is to the catalog's audience rule
// (which decides, inside every query, who may see what: media::Audience).
#pragma once

#include <optional>
#include <string>

#include "http/http_types.h"
#include "media/catalog.h"

namespace gallery::http {

// The principal named by the request's credentials: `Authorization: Bearer
// TOKEN` (an API token), the web session cookie (whose writes also need the
// CSRF token) and/or a share link secret (`?share=SECRET` or the
// `X-Share-Token` header). An error response (401) when a credential is
// given but unknown or expired; anonymous when none is given.
std::optional<HttpResponse> Authenticate(media::Catalog& catalog, HttpRequest& req);

// nullopt when `principal` may use a route needing `access`; else 401
// (anonymous) or 403 (a role too low).
std::optional<HttpResponse> CheckAccess(const Principal& principal, Access access);

bool IsEditor(const Principal& principal);
// Who `principal` is to the catalog's audience rule (media::Audience):
// editors and admins see everything, viewers every album, anyone else what
// the public sees plus the album of the share link they hold.
media::Audience AudienceOf(const Principal& principal);
// The audience as text, for binding cursors to who they were made for.
std::string AudienceKey(const Principal& principal);

}  // namespace gallery::http
