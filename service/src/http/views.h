// The API's JSON shapes of photos, albums, meetings, credits and tags.
#pragma once

#include <nlohmann/json.hpp>

#include "media/catalog.h"

namespace gallery::http {

// The metadata under `gallery inspect`'s field names, plus id, sha256,
// filename, file_size, meeting, albums, version, uploaded_at, embargo_until
// and the media URLs (versioned: they change with every edit); uploaded_by
// (a login name) only when `for_editor`.
nlohmann::json PhotoJson(const media::Photo& photo, bool for_editor);
// `all_photos`: count every photo (for editors); otherwise only those the
// public may see.
nlohmann::json AlbumJson(const media::Album& album, bool all_photos);
nlohmann::json MeetingJson(const media::Meeting& meeting, bool all_photos);
// "/media/{id}/{name}.{ext}?v={version}"
std::string RenditionUrl(const media::Photo& photo, const std::string& name, const char* ext);

}  // namespace gallery::http
