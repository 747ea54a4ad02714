// The API's JSON shapes of photos, albums, meetings, credits and tags.
#pragma once

#include <nlohmann/json.hpp>

#include "http/http_types.h"
#include "media/catalog.h"

namespace gallery::http {

// The metadata under `gallery inspect`'s field names, plus id, sha256,
// filename, file_size, meeting, albums, version, uploaded_at, embargo_until
// and the media URLs (they change with every edit and with who may see the
// photo); uploaded_by
// (a login name) only when `for_editor`.
nlohmann::json PhotoJson(const media::Photo& photo, bool for_editor);
// Counts and covers as the catalog read them for the asker's audience.
nlohmann::json AlbumJson(const media::Album& album);
nlohmann::json MeetingJson(const media::Meeting& meeting);
// The `v` of a photo's media URLs: its version and access stamp, so that a
// URL changes with every edit and whenever who may see the photo changes.
std::string MediaVersion(const media::Photo& photo);
// The Cache-Control of a photo's media: a URL whose `v` is the current
// MediaVersion is immutable (public when anyone may see the photo, else
// private); any other is revalidated. `depends_on_location`: the answer
// carries the photo's location when the asker may know it, so it is shared
// only when the public gets the same.
std::string MediaCacheControl(media::Catalog& catalog, const std::string& v, const media::Photo& photo,
                              bool depends_on_location = false);
// The same for a caller that already knows whether the public may see the
// photo (PhotoIsPublic), so the catalog is not asked again.
std::string MediaCacheControlOf(bool is_public, const std::string& v, const media::Photo& photo);
// True when the request's If-None-Match names `etag` (or is "*").
bool NotModified(const HttpRequest& req, const std::string& etag);
// True when the public (no account, no share link) may see the photo.
bool PhotoIsPublic(media::Catalog& catalog, const media::Photo& photo);
// "/media/{id}/{name}.{ext}?v={MediaVersion}"
std::string RenditionUrl(const media::Photo& photo, const std::string& name, const char* ext);

}  // namespace gallery::http
