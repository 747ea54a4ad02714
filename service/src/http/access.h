// Who may see and change what. Public albums and their photos need no login;
// private albums and their photos exist only for editors, admins and holders
// of the album's share link; embargoed photos only for editors and admins
// until their date.
#pragma once

#include <optional>
#include <string>

#include "http/http_types.h"
#include "http/route_table.h"
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
// Which photos the catalog counts for `principal` (every one for an editor).
media::Audience AudienceOf(const Principal& principal);
// Everyone sees public and unlisted albums; private ones need an editor or
// the album's share link.
bool CanSeeAlbum(const Principal& principal, const media::Album& album);
// Whether the album appears in listings for `principal` (unlisted ones only
// for editors).
bool ListsAlbum(const Principal& principal, const media::Album& album);
// True while the photo's embargo date is in the future.
bool IsEmbargoed(const media::Photo& photo);
// Whether `photo` (as GetPhoto fills it, with its albums) is visible: to an
// editor always; else not while embargoed, and not when every album holding
// it is one `principal` may not see.
bool CanSeePhoto(media::Catalog& catalog, const Principal& principal, const media::Photo& photo);

}  // namespace gallery::http
