// Reading JSON request bodies for the write routes: every refusal is a 400
// naming the field at fault. Everything here works on the body alone (no
// catalog, no server), so it can be tested and fuzzed on its own; checks
// against stored data (does the meeting exist, is the cover in the album)
// stay with the handlers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/http_types.h"
#include "media/catalog.h"
#include "media/photo_edit.h"

namespace gallery::http {

// The largest JSON body (every route but the uploads) and its deepest
// nesting of arrays and objects.
inline constexpr std::size_t kMaxJsonBodyBytes = std::size_t{1} << 20;
inline constexpr int kMaxJsonDepth = 32;
// The most SHA-256 digests one POST /api/photos/lookup may ask about.
inline constexpr std::size_t kMaxLookupHashes = 1000;

// 400 {"code": "invalid_argument", "message": "<field>: <why>"}.
HttpResponse BadField(const std::string& field, const std::string& why);

// Checks `text` before any parser sees it, in one pass with no allocation:
// 413 too_large over kMaxJsonBodyBytes; 400 naming the limit when arrays and
// objects nest deeper than kMaxJsonDepth; 400 for bytes that are not UTF-8
// (overlong forms and surrogates included) and for a NUL byte (which the
// parser would take for the end of the text, ignoring what follows).
// nullopt when it may be parsed.
std::optional<HttpResponse> CheckJsonText(std::string_view text);

// The body as a JSON object into *out; else the 400 (or 413) answer.
std::optional<HttpResponse> ParseJsonObject(const HttpRequest& req, nlohmann::json* out);
// `text` as a JSON object into *out, after CheckJsonText; else the 400 (or
// 413) answer.
std::optional<HttpResponse> ParseJsonText(const std::string& text, nlohmann::json* out);

// The 400 answer when `body` has a key not in `known`.
std::optional<HttpResponse> RejectUnknownFields(const nlohmann::json& body,
                                                const std::vector<std::string>& known);

// Merges {"en": "...", "fr": null, ...} into *text (null or "" removes a
// language); the 400 answer when `value` is not such an object.
std::optional<HttpResponse> MergeLangText(const std::string& field, const nlohmann::json& value,
                                          media::LangText* text);

// A string or null (null = "") into *out; else the 400 answer.
std::optional<HttpResponse> ReadText(const std::string& field, const nlohmann::json& value,
                                     std::string* out);

// body[field], when present, as true or false into *out; else the 400
// answer. Absent: *out is left as it is.
std::optional<HttpResponse> ReadFlag(const nlohmann::json& body, const char* field, bool* out);

// An expiry, body["expires_at"] (a UTC time in the future) or
// body["expires_in_days"] (1..3650), not both, into *expires_at; neither
// given: `default_days` from now (0: never, *expires_at left empty). Else the
// 400 answer.
std::optional<HttpResponse> ReadExpiry(const nlohmann::json& body, int default_days, std::string* expires_at);

// body["ids"]: a non-empty array of positive whole numbers, no repeats, at
// most media::kMaxBulkIds of them.
std::optional<HttpResponse> ReadIds(const nlohmann::json& body, std::vector<std::int64_t>* ids);

// A photo edit set, {"caption": {"en": ..., "fr": null}, "credit": ...,
// "keywords": [...], ...}, into *edit: every field given sets its member
// (null clears: ""; a language's null removes that language). The 400
// answer for an unknown field, a wrong type, an empty set, more than
// media::kMaxKeywords keywords or media::kMaxLanguages languages (the
// lengths of the texts and the language tags are the catalog's to check).
std::optional<HttpResponse> ReadPhotoEdit(const nlohmann::json& set, media::PhotoEdit* edit);

// A bulk edit, {"ids": [...], "set": {...}}: the ids as ReadIds reads them
// and the set as ReadPhotoEdit does; else the 400 answer.
std::optional<HttpResponse> ReadBulkEdit(const nlohmann::json& body, std::vector<std::int64_t>* ids,
                                         media::PhotoEdit* edit);

// What an album body asks of the cover: nothing (not given), clear it
// (given, no id) or take photo `id`.
struct CoverChange {
  bool given = false;
  std::optional<std::int64_t> id;
};

// Reads "cover_photo_id" (a positive id or null) of `body` into *cover
// when present; the 400 answer when it is neither.
std::optional<HttpResponse> ReadCoverField(const nlohmann::json& body, CoverChange* cover);

// Applies an album body (slug, title, description, meeting, visibility,
// default_credit and, unless `creating`, cover_photo_id) to *album and
// *cover; `creating` requires the slug. The 400 answer naming the first
// field refused; *album may then be partly changed.
std::optional<HttpResponse> ReadAlbumFields(const nlohmann::json& body, bool creating, media::Album* album,
                                            CoverChange* cover);

// Applies a meeting body (slug, title, description, place, start_date,
// end_date, time_zone, default_credit, show_location) to *meeting and, unless
// `creating`, cover_photo_id to *cover; `creating` requires the slug. The
// 400 answer naming the first field refused; *meeting may then be partly
// changed.
std::optional<HttpResponse> ReadMeetingFields(const nlohmann::json& body, bool creating,
                                              media::Meeting* meeting, CoverChange* cover);

// One history row as the API shows it.
nlohmann::json HistoryEntryJson(const media::HistoryEntry& e);

}  // namespace gallery::http
