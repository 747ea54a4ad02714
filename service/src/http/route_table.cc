// The route table: each route with its description, as the server registers
// it and the OpenAPI document (openapi_document.cc) describes it. The shared
// schemas named here ("Photo", "AlbumCreate", ...) are in openapi_schemas.cc.
#include "http/route_table.h"

#include <algorithm>

#include "http/api.h"

namespace gallery::http {

namespace {

RouteSpec Route(const char* method, const char* pattern, Handler handler, Access access) {
  RouteSpec route{};
  route.method = method;
  route.pattern = pattern;
  route.handler = handler;
  route.access = access;
  return route;
}
RouteSpec Get(const char* pattern, Handler handler, Access access = Access::kPublic) {
  return Route("GET", pattern, handler, access);
}
RouteSpec Post(const char* pattern, Handler handler, Access access = Access::kPublic) {
  return Route("POST", pattern, handler, access);
}
RouteSpec Patch(const char* pattern, Handler handler, Access access = Access::kPublic) {
  return Route("PATCH", pattern, handler, access);
}
RouteSpec Put(const char* pattern, Handler handler, Access access = Access::kPublic) {
  return Route("PUT", pattern, handler, access);
}
RouteSpec Delete(const char* pattern, Handler handler, Access access = Access::kPublic) {
  return Route("DELETE", pattern, handler, access);
}
RouteSpec Options(const char* pattern, Handler handler, Access access = Access::kPublic) {
  return Route("OPTIONS", pattern, handler, access);
}

// Parameters several routes share.
const ParamSpec kPhotoId = {"id", In::kPath, "integer", "the photo's id"};
const ParamSpec kAlbumSlug = {"slug", In::kPath, "string", "the album's slug"};
const ParamSpec kMeetingSlug = {"slug", In::kPath, "string", "the meeting's slug"};
const ParamSpec kSlug = {"slug", In::kPath, "string", "lower-case letters, digits and dashes"};
const ParamSpec kShare = {"share", In::kQuery, "string",
                          "a share link's secret: opens one private album and its media"};
const ParamSpec kCursor = {"cursor", In::kQuery, "string",
                           "from next_cursor of the previous page: opaque, and only for the same "
                           "asker, route and filters (400 otherwise)"};
const ParamSpec kLimit = {"limit", In::kQuery, "integer", "1..500, default 50"};
const ParamSpec kMeetingFilter = {"meeting", In::kQuery, "string", "a meeting's slug"};
const ParamSpec kCreditFilter = {"credit", In::kQuery, "string", "an exact credit line"};
// The photos a facet list counts: those /api/photos lists with the same filters.
const std::vector<ParamSpec> kFacetScope = {
    kMeetingFilter, {"album", In::kQuery, "string", "an album's slug"},
    {"q", In::kQuery, "string", "words, all required (as /api/photos)"}};
const ParamSpec kVersion = {"v", In::kQuery, "string", "the photo's version"};
const ParamSpec kJsonLdAccept = {"Accept", In::kHeader, "string", "application/ld+json for JSON-LD"};
const ParamSpec kRange = {"Range", In::kHeader, "string", ""};
// Resumable uploads (tus 1.0.0).
const ParamSpec kUploadId = {"id", In::kPath, "string", "the upload's id, from the creation's Location"};
const ParamSpec kTusResumable = {"Tus-Resumable", In::kHeader, "string",
                                 "1.0.0, required (412 tus_version otherwise, with Tus-Version)"};
const ParamSpec kUploadChecksum = {"Upload-Checksum", In::kHeader, "string",
                                   "sha256 and the base64 of the body's SHA-256: a body that does not match "
                                   "is discarded with 460 checksum_mismatch"};

}  // namespace

const std::vector<RouteSpec>& RouteTable() {
  static const std::vector<RouteSpec> table = {
      Get("/api/health", &Api::Health)
          .Summary("Liveness")
          .Responds(200, "{\"status\": \"ok\"}"),
      Get("/api/openapi.json", &Api::OpenApi)
          .Summary("This document")
          .Responds(200, "The OpenAPI document"),
      Get("/metrics", &Api::MetricsText, Access::kAdmin)
          .Summary("Prometheus metrics: requests by route and status, ingests, queue depth (admin). With "
                   "`gallery serve --metrics-listen 127.0.0.1:PORT` they are served there without "
                   "credentials instead, and this route answers 404")
          .Responds(200, "text/plain; version=0.0.4")
          .Errors({404}),
      Get("/api/meetings", &Api::ListMeetings)
          .Cacheable()
          .Summary("Every meeting")
          .Responds(200, "{items: [Meeting]}")
          .Errors({0}),
      Get("/api/meetings/{slug}", &Api::GetMeeting)
          .Cacheable()
          .Summary("One meeting with its albums (those the caller may see) and photo counts")
          .Params({kSlug})
          .Responds(200, "The meeting", "Meeting")
          .Errors({404}),
      Get("/api/albums", &Api::ListAlbums)
          .Cacheable()
          .Summary("Albums, filtered by meeting and by credit (albums holding a photo with that credit line)")
          .Params({kMeetingFilter, kCreditFilter, kCursor, kLimit})
          .Responds(200, "A page", "AlbumPage")
          .Errors({400}),
      Get("/api/albums/{slug}", &Api::GetAlbum)
          .Cacheable()
          .Summary("One album (private ones: 404 unless editor or share link)")
          .Params({kSlug, kShare})
          .Responds(200, "The album", "Album")
          .Errors({404}),
      Get("/api/albums/{slug}/photos", &Api::ListAlbumPhotos)
          .Cacheable()
          .Summary("The album's photos in album order")
          .Params({kSlug, kShare, kCursor, kLimit})
          .Responds(200, "A page", "PhotoPage")
          .Errors({400, 404}),
      Get("/api/photos", &Api::ListPhotos)
          .Cacheable()
          .Summary("Photos, filtered; q is full text over captions (every language), headline, keywords, "
                   "credit and filename")
          .Params({kMeetingFilter,
                   {"album", In::kQuery, "string", "an album's slug (album order)"},
                   kCreditFilter,
                   {"tag", In::kQuery, "string", "an exact keyword"},
                   {"q", In::kQuery, "string", "words, all required"},
                   {"from", In::kQuery, "string", "date or date-time taken, inclusive"},
                   {"to", In::kQuery, "string", "date or date-time taken, inclusive"},
                   kCursor,
                   kLimit})
          .Responds(200, "A page", "PhotoPage")
          .Errors({400, 404}),
      Get("/api/photos/{id}", &Api::GetPhoto)
          .Cacheable()
          .Summary("One photo")
          .Params({kPhotoId, kShare})
          .Responds(200, "The photo", "Photo")
          .Errors({404}),
      Post("/api/photos", &Api::UploadPhotos, Access::kEditor)
          .Upload()
          .Summary("Upload: the raw image (Content-Type image/*, name in X-Filename or Content-Disposition) "
                   "or multipart/form-data with one or many files and optional album, meeting, credit fields")
          .Description("The photos are decoded and stored on the image workers, which answer. 503 busy with "
                       "Retry-After when their queue is full, or when the upload waited in it past half the "
                       "server's header timeout.")
          .Params({{"album", In::kQuery, "string", "add to this album"},
                   {"meeting", In::kQuery, "string", "belongs to this meeting"},
                   {"credit", In::kQuery, "string", "credit line when the file has none"}})
          .Responds(200,
                    "The same bytes were already there (duplicate: true), or a multipart upload of "
                    "several files: {items: [{filename, status, photo | error}]}")
          .Responds(201, "Created: the photo", "Photo")
          .Errors({400, 404, 413, 415, 422, 503, 507}),
      Post("/api/photos/lookup", &Api::LookupPhotos, Access::kEditor)
          .Summary("Which of these SHA-256 digests of originals the archive already has, so that an "
                   "uploader skips those files before sending them (editor): {sha256: [hex, ...]}, 1 to "
                   "1,000 digests of 64 hex digits. Each known one once, in the order asked, lower case; "
                   "only photos the asker may see")
          .Body("Sha256List")
          .Responds(200, "{known: [{sha256, id}]}")
          .Errors({400, 413}),
      Options("/api/uploads", &Api::TusOptions)
          .Summary("Resumable uploads (tus 1.0.0): what this server speaks")
          .Responds(204, "Tus-Version: 1.0.0, Tus-Extension: creation,creation-with-upload,termination,"
                         "expiration,checksum, Tus-Max-Size (--max-upload-bytes), Tus-Checksum-Algorithm: "
                         "sha256, Upload-Max-Chunk-Size (--max-chunk-bytes: the largest body of one POST or "
                         "PATCH here, 413 beyond)"),
      Post("/api/uploads", &Api::CreateUpload, Access::kEditor)
          .Upload("TusChunk")
          .Summary("Begin a resumable upload (tus creation, editor): Upload-Length and Upload-Metadata "
                   "(comma-separated `key base64(value)`: filename required; album, meeting, credit as "
                   "for POST /api/photos). A body (Content-Type application/offset+octet-stream) is its "
                   "first bytes (creation-with-upload)")
          .Description("Each account may have at most 20 unfinished uploads (429 too_many_uploads) whose "
                       "declared lengths add up to at most 5 GiB (413 upload_quota); `gallery serve "
                       "--upload-quota COUNT,BYTES` changes both. An upload expires (Upload-Expires) "
                       "--upload-expiry after its creation and is then removed. A body that makes the file "
                       "whole is ingested as the last PATCH is.")
          .Params({kTusResumable,
                   {"Upload-Length", In::kHeader, "integer", "the file's size, at most Tus-Max-Size"},
                   {"Upload-Metadata", In::kHeader, "string",
                    "filename, album, meeting, credit, filetype (415 when it names no image)"},
                   kUploadChecksum})
          .Responds(201, "Created: Location /api/uploads/{id}, Upload-Offset, Upload-Expires; the body is "
                         "the upload's state {id, offset, length, expires, filename, photo_id, error}, or "
                         "when the body made the file whole, the ingest's answer as for the last PATCH")
          .Errors({400, 404, 412, 413, 415, 429, 460, 503}),
      Get("/api/uploads/{id}", &Api::UploadState, Access::kEditor)
          .Summary("A resumable upload's state (tus HEAD, editor; GET gives the same as JSON): "
                   "Upload-Offset (every byte before it is stored durably), Upload-Length, Upload-Expires, "
                   "and once ingested Upload-Photo: the photo's id. Another account's upload is 404")
          .Params({kUploadId, kTusResumable})
          .Responds(200, "{id, offset, length, expires, filename, photo_id, error}: photo_id once the file "
                         "became a photo, error (the ingest's refusal, {code, message}) when it did not")
          .Errors({404, 412}),
      Patch("/api/uploads/{id}", &Api::PatchUpload, Access::kEditor)
          .Upload("TusChunk")
          .Summary("The next bytes of a resumable upload (tus PATCH, editor): Upload-Offset must be the "
                   "upload's offset (409 otherwise), Content-Type application/offset+octet-stream (415), "
                   "at most Upload-Max-Chunk-Size bytes (413)")
          .Description("The bytes are written and fsynced before the answer. The PATCH that brings the last "
                       "byte ingests the photo on the image workers exactly as POST /api/photos does: it "
                       "answers 201 (or 200 for bytes already in the archive, duplicate: true) with the "
                       "Photo and Upload-Photo: its id, or the same error POST /api/photos gives (400, 404, "
                       "415, 422), which a later HEAD repeats in `error`. When the ingest could not be made "
                       "(503, 5xx) the bytes stay: an empty PATCH at the end retries it.")
          .Params({kUploadId, kTusResumable,
                   {"Upload-Offset", In::kHeader, "integer", "where these bytes go"}, kUploadChecksum})
          .Responds(204, "Stored: Upload-Offset, Upload-Expires")
          .Responds(201, "The last byte: the photo (Upload-Photo: its id)", "Photo")
          .Responds(200, "The last byte, and the bytes were already in the archive (duplicate: true)", "Photo")
          .Errors({400, 404, 409, 412, 413, 415, 422, 460, 503, 507}),
      Delete("/api/uploads/{id}", &Api::DeleteUpload, Access::kEditor)
          .Summary("Abandon a resumable upload (tus termination, editor): its bytes are removed; a photo it "
                   "became stays")
          .Params({kUploadId, kTusResumable})
          .Responds(204, "Removed")
          .Errors({404, 409, 412}),
      Patch("/api/photos", &Api::EditPhotos, Access::kEditor)
          .Summary("Edit up to 1,000 photos in one transaction: {ids: [...], set: {...}}; each photo's "
                   "history records its changed fields; add_to_album and remove_from_album change the "
                   "album in the same transaction")
          .Body("PhotoBulkEdit")
          .Responds(200, "{updated: n}")
          .Errors({400, 404}),
      Patch("/api/photos/{id}", &Api::EditPhoto, Access::kEditor)
          .Summary("Edit one photo's text fields (each change kept in the history)")
          .Params({kPhotoId})
          .Body("PhotoEdit")
          .Responds(200, "The photo", "Photo")
          .Errors({400, 404}),
      Delete("/api/photos/{id}", &Api::DeletePhoto, Access::kAdmin)
          .Summary("Move the photo to the trash (admin): out of every album, list and search; POST "
                   "/api/trash/{id}/restore brings it back until `gallery gc` empties the trash and removes "
                   "its files")
          .Params({kPhotoId})
          .Responds(200, "{deleted: id, sha256}")
          .Errors({404}),
      Get("/api/trash", &Api::ListTrash, Access::kAdmin)
          .Summary("The deleted photos that can still be restored (admin), most recent first")
          .Responds(200, "{items: [{id, sha256, filename, deleted_at, deleted_by}]}"),
      Delete("/api/trash", &Api::EmptyTrash, Access::kAdmin)
          .Summary("Empty the trash (admin): every deleted photo is gone for good and can no longer be "
                   "restored; its files are removed by the next `gallery gc`")
          .Responds(200, "{purged: the number of photos removed for good}"),
      Post("/api/trash/{id}/restore", &Api::RestorePhoto, Access::kAdmin)
          .Summary("Bring a deleted photo back as it was (admin): its id, fields, texts, keywords and places"
                   " in the albums that still exist")
          .Params({{"id", In::kPath, "integer", "the deleted photo's id"}})
          .Responds(200, "The restored photo", "Photo")
          .Errors({404, 409}),
      Get("/api/photos/{id}/history", &Api::PhotoHistory, Access::kEditor)
          .Summary("The photo's edit history, oldest first; field \"album\" is the photo joining (old_value "
                   "\"\", new_value the album's slug) or leaving (the reverse) an album, and such an entry "
                   "also has album: {slug, title} (title null when the album is gone)")
          .Params({kPhotoId})
          .Responds(200, "{items: [{id, field, old_value, new_value, who, at, album?}]}")
          .Errors({404}),
      Post("/api/photos/{id}/history/{entry}/revert", &Api::RevertEdit, Access::kEditor)
          .Summary("Set the entry's field back to its old value (recorded as a new edit); an album entry is "
                   "undone by leaving the album joined or joining again (at its end) the album left")
          .Params({kPhotoId, {"entry", In::kPath, "integer", "a history entry's id"}})
          .Responds(200, "The photo", "Photo")
          .Errors({404}),
      Post("/api/albums", &Api::CreateAlbum, Access::kEditor)
          .Summary("Create an album (editor). The default credit fills the credit of uploads that have none.")
          .Body("AlbumCreate")
          .Responds(201, "The new album", "Album")
          .Errors({400, 409}),
      Patch("/api/albums/{slug}", &Api::UpdateAlbum, Access::kEditor)
          .Summary("Update an album's title, description, meeting, visibility, default credit, cover photo "
                   "or slug (editor)")
          .Params({kAlbumSlug})
          .Body("AlbumPatch")
          .Responds(200, "The album", "Album")
          .Errors({400, 404, 409}),
      Delete("/api/albums/{slug}", &Api::DeleteAlbum, Access::kEditor)
          .Summary("Delete an album; its photos stay in the archive (editor)")
          .Params({kAlbumSlug})
          .Responds(204, "Deleted")
          .Errors({404}),
      Post("/api/albums/{slug}/photos", &Api::AddAlbumPhotos, Access::kEditor)
          .Summary("Append photos to the album, in the order given (editor)")
          .Params({kAlbumSlug})
          .Body("PhotoIds")
          .Responds(200, "The album", "Album")
          .Errors({400, 404}),
      Delete("/api/albums/{slug}/photos", &Api::RemoveAlbumPhotos, Access::kEditor)
          .Summary("Remove photos from the album (never from the archive); removing the cover clears it "
                   "(editor)")
          .Params({kAlbumSlug})
          .Body("PhotoIds")
          .Responds(200, "The album", "Album")
          .Errors({400, 404}),
      Put("/api/albums/{slug}/order", &Api::ReorderAlbum, Access::kEditor)
          .Summary("Set the album's order: ids is every photo of the album exactly once (editor)")
          .Params({kAlbumSlug})
          .Body("PhotoIds")
          .Responds(200, "{slug, ids}")
          .Errors({400, 404}),
      Get("/api/albums/{slug}/history", &Api::AlbumHistory, Access::kEditor)
          .Summary("The album's edit history (editor)")
          .Params({kAlbumSlug})
          .Responds(200, "{items: [{id, field, old_value, new_value, who, at}]}, oldest first")
          .Errors({404}),
      Post("/api/albums/{slug}/links", &Api::CreateShareLink, Access::kEditor)
          .Summary("Create a share link opening this one album, its photos and their media until it expires "
                   "(editor). Give expires_at or expires_in_days (default 30 days). Only the secret's "
                   "SHA-256 is stored; an unknown or expired secret answers 401.")
          .Params({kAlbumSlug})
          .Body("ShareLinkCreate", /*required=*/false)
          .Responds(201, "{id, album, secret, url: /albums/{slug}?share=SECRET, api_url, expires_at}")
          .Errors({400, 404}),
      Get("/api/albums/{slug}/links", &Api::ListShareLinks, Access::kEditor)
          .Summary("The album's share links, expired ones included, never their secrets: {items: [{id, "
                   "album, created_by, created_at, expires_at, expired}]} (editor)")
          .Params({kAlbumSlug})
          .Responds(200, "The links, oldest first")
          .Errors({404}),
      Delete("/api/albums/{slug}/links/{id}", &Api::RevokeShareLink, Access::kEditor)
          .Summary("Revoke a share link: every route answers its secret 401 from the next request on "
                   "(editor)")
          .Params({kAlbumSlug, {"id", In::kPath, "integer", "the link's id"}})
          .Responds(204, "Revoked")
          .Errors({404}),
      Get("/api/albums/{slug}/download", &Api::DownloadAlbum)
          .Summary("A ZIP of the album's originals (stored, with the catalog's text written in where the "
                   "format allows), streamed as it is built; entry names safe and unique")
          .Params({kAlbumSlug, kShare})
          .Responds(200, "The archive", "ZipArchive", "application/zip")
          .Errors({401, 404, 503}),
      Post("/api/meetings", &Api::CreateMeeting, Access::kEditor)
          .Summary("Create a meeting (editor)")
          .Body("MeetingCreate")
          .Responds(201, "The new meeting", "Meeting")
          .Errors({400, 409}),
      Patch("/api/meetings/{slug}", &Api::UpdateMeeting, Access::kEditor)
          .Summary("Update a meeting (editor)")
          .Params({kMeetingSlug})
          .Body("MeetingPatch")
          .Responds(200, "The meeting", "Meeting")
          .Errors({400, 404, 409}),
      Delete("/api/meetings/{slug}", &Api::DeleteMeeting, Access::kEditor)
          .Summary("Delete a meeting that has no photos left (409 conflict otherwise; those in the trash "
                   "do not count and come back without it); its albums stay, without a meeting (editor)")
          .Params({kMeetingSlug})
          .Responds(204, "Deleted")
          .Errors({404, 409}),
      Get("/api/meetings/{slug}/history", &Api::MeetingHistory, Access::kEditor)
          .Summary("The meeting's edit history (editor)")
          .Params({kMeetingSlug})
          .Responds(200, "{items: [{id, field, old_value, new_value, who, at}]}, oldest first")
          .Errors({404}),
      Get("/api/credits", &Api::ListCredits)
          .Cacheable()
          .Summary("Each credit line with its photo count, among the photos /api/photos lists with the "
                   "same meeting, album and q (all of them when none is given), counted for the asker")
          .Params(kFacetScope)
          .Responds(200, "{items: [{credit, photo_count}]}, most used first")
          .Errors({0, 404}),
      Get("/api/tags", &Api::ListTags)
          .Cacheable()
          .Summary("Each keyword with its photo count, among the photos /api/photos lists with the same "
                   "meeting, album and q (all of them when none is given), counted for the asker")
          .Params(kFacetScope)
          .Responds(200, "{items: [{tag, photo_count}]}, most used first")
          .Errors({0, 404}),
      Get("/media/{id}/original", &Api::GetOriginal)
          .Summary("The original with the catalog's current caption, credit, creator, copyright, keywords "
                   "and alt text written in (XMP and IPTC). Range requests work.")
          .Params({kPhotoId, kVersion, kShare, kRange})
          .Responds(200, "The file")
          .Responds(206, "Partial content")
          .Responds(304, "Not modified")
          .Errors({404, 416}),
      Get("/media/{id}/sidecar.xmp", &Api::GetSidecar)
          .Summary("An XMP sidecar with the photo's descriptive fields")
          .Params({kPhotoId, kShare})
          .Responds(200, "application/rdf+xml")
          .Errors({404}),
      Get("/media/{id}/{file}", &Api::GetRendition)
          .Cacheable()
          .Summary("A rendition: {name}.{webp|jpg}, name one of tile, small, medium, large (rendered on "
                   "first request, then cached). ETag; immutable when ?v= is the photo's version; 304 on "
                   "If-None-Match")
          .Params({kPhotoId, {"file", In::kPath, "string", "e.g. tile.webp, large.jpg"}, kVersion, kShare})
          .Responds(200, "image/webp or image/jpeg")
          .Responds(304, "Not modified")
          .Errors({404, 503}),
      Get("/iiif/3/{id}", &Api::IiifBase)
          .Summary("IIIF Image API 3.0: the image service's base URI, redirecting to its info.json")
          .Params({kPhotoId, kShare})
          .Responds(303, "See Other: Location is the info.json")
          .Errors({404}),
      Get("/iiif/3/{id}/info.json", &Api::IiifInfo)
          .Summary("IIIF Image API 3.0 (level 2): the image's information (size as displayed, sizes, "
                   "512 px tiles with their scale factors, limits, extra formats, qualities and features, "
                   "rights when the usage terms are a URI). application/ld+json with the context as profile "
                   "when Accept asks for it; Access-Control-Allow-Origin: * for public photos")
          .Params({kPhotoId, kShare, kJsonLdAccept})
          .Responds(200, "The image information (application/json or application/ld+json)")
          .Errors({404}),
      Get("/iiif/3/{id}/{region}/{size}/{rotation}/{quality_format}", &Api::IiifImage)
          .Summary("IIIF Image API 3.0 (level 2): a region of the image as displayed, scaled, mirrored, "
                   "turned, in colour, grey or black and white, as JPEG, PNG or WebP (rendered on the image "
                   "workers). ETag; 304 on If-None-Match")
          .Params({kPhotoId,
                   {"region", In::kPath, "string", "full, square, x,y,w,h or pct:x,y,w,h"},
                   {"size", In::kPath, "string", "max, w,, ,h, pct:n, w,h or !w,h, each with an optional ^"},
                   {"rotation", In::kPath, "string", "0, 90, 180 or 270, with an optional ! (mirrored)"},
                   {"quality_format", In::kPath, "string",
                    "{quality}.{format}: default, color, gray or bitonal; jpg, png or webp"},
                   kVersion,
                   kShare})
          .Responds(200, "image/jpeg, image/png or image/webp")
          .Responds(304, "Not modified")
          .Errors({400, 404, 501, 503}),
      Get("/iiif/3/manifests/albums/{slug}", &Api::IiifAlbumManifest)
          .Summary("IIIF Presentation API 3.0: the album as a Manifest, one Canvas per photo the caller may see "
                   "in album order, each painted with its image and ImageService3; labels and summaries as "
                   "en/fr language maps, the credit line as requiredStatement, rights when a URI, creator, "
                   "copyright, date taken and place as metadata, thumbnail and homepage. Private albums: 404 "
                   "unless editor or share link")
          .Params({kAlbumSlug, kShare, kJsonLdAccept})
          .Responds(200, "The Manifest (application/json or application/ld+json)")
          .Errors({404}),
      Get("/iiif/3/collections/meetings/{slug}", &Api::IiifMeetingCollection)
          .Summary("IIIF Presentation API 3.0: the meeting as a Collection of its albums' Manifests (those the "
                   "caller may see)")
          .Params({kMeetingSlug, kJsonLdAccept})
          .Responds(200, "The Collection (application/json or application/ld+json)")
          .Errors({404}),
      Get("/api/session", &Api::GetSession)
          .Summary("Who is asking: {authenticated, name, role, csrf_token} (csrf_token for a session cookie)")
          .Responds(200, "The principal"),
      Post("/api/session", &Api::Login)
          .Summary("Log in with {name, password}: sets the HttpOnly, SameSite=Strict session cookie")
          .Body("Login")
          .Responds(200, "{authenticated, name, role, csrf_token, expires_at}")
          .Responds(429,
                    "Too many failed logins from this address, for this name or for any name, within "
                    "the window (GALLERY_LOGIN_WINDOW_SECONDS, default 300 s: 5 per address and name, "
                    "20 per address); Retry-After gives the seconds to wait. Never counted per name alone",
                    "Error")
          .Errors({400, 401, 415}),
      Delete("/api/session", &Api::Logout)
          .Summary("Log out: forgets the session and clears the cookie (needs X-CSRF-Token)")
          .Responds(200, "{authenticated: false}")
          .Errors({403}),
      Get("/api/users", &Api::ListUsers, Access::kAdmin)
          .Summary("Every user: {items: [{name, role, disabled, created_at}]} (admin)")
          .Responds(200, "The users, by name"),
      Post("/api/users", &Api::CreateUser, Access::kAdmin)
          .Summary("Add a user who logs in with a password of at least 8 characters (admin)")
          .Body("UserCreate")
          .Responds(201, "{name, role, disabled, created_at}")
          .Errors({400, 409}),
      Patch("/api/users/{name}", &Api::UpdateUser, Access::kAdmin)
          .Summary("Change a user's role, disable or enable them, or give a new password. Disabling and a "
                   "new password end the user's sessions (a new password given by the user for themselves "
                   "keeps the session asking); a role change applies to their sessions at once. An admin "
                   "cannot disable or demote their own account here (409 own_account) (admin)")
          .Params({{"name", In::kPath, "string", "the user's login name"}})
          .Body("UserPatch")
          .Responds(200, "{name, role, disabled, created_at}")
          .Errors({400, 404, 409}),
      Get("/api/tokens", &Api::ListTokens, Access::kAdmin)
          .Summary("Every API token (never its secret or hash): {items: [{id, name, role, created_by, "
                   "created_at, last_used_at (recorded at most once a minute), expires_at, expired}]} "
                   "(admin)")
          .Responds(200, "The tokens, oldest first"),
      Post("/api/tokens", &Api::CreateToken, Access::kAdmin)
          .Summary("Create an API token; its secret is in this answer only, as `token` (admin)")
          .Body("TokenCreate")
          .Responds(201,
                    "{id, name, role, created_by, created_at, last_used_at (recorded at most once a "
                    "minute), expires_at, expired} and token")
          .Errors({400}),
      Delete("/api/tokens/{id}", &Api::RevokeToken, Access::kAdmin)
          .Summary("Revoke a token: requests bearing it get 401 from the next one on (admin)")
          .Params({{"id", In::kPath, "integer", "the token's id"}})
          .Responds(204, "Revoked")
          .Errors({404}),
      Get("/api/setup", &Api::GetSetup)
          .Summary("Whether the first-run setup is open: {open: true} while the archive has no admin and "
                   "`gallery serve` printed a setup address; {open: false} afterwards")
          .Responds(200, "{open}"),
      Post("/api/setup", &Api::Setup)
          .Summary("Create the first admin with the one-time token of the setup address `gallery serve` "
                   "printed (compared in constant time): {token, name, password}, the password of at least 8 "
                   "characters. Only while the archive has no admin; then the token is forgotten and this "
                   "route answers 410 gone")
          .Body("Setup")
          .Responds(201, "{name, role: admin, disabled, created_at}")
          .Errors({400, 403, 409, 410}),
      Get("/", &Api::WebPage)
          .Page("home")
          .Summary("Home: meetings and albums"),
      Get("/meetings/{slug}", &Api::WebPage)
          .Page("meeting")
          .Summary("A meeting's page: its albums and photos")
          .Params({kMeetingSlug}),
      Get("/albums/{slug}", &Api::WebPage)
          .Page("album")
          .Summary("An album's page: its photos in a grid")
          .Params({kAlbumSlug}),
      Get("/photos/{id}", &Api::WebPage)
          .Page("photo")
          .Summary("A photo's page (editors edit its text here)")
          .Params({{"id", In::kPath, "string", "the photo's id"}}),
      Get("/upload", &Api::WebPage)
          .Page("upload")
          .Summary("Bulk upload (editors)"),
      Get("/setup", &Api::WebPage)
          .Page("setup")
          .Summary("First run: create the first admin (the address `gallery serve` printed, with its token)"),
      Get("/login", &Api::WebPage)
          .Page("login")
          .Summary("Log in (editors)"),
      Get("/people", &Api::WebPage)
          .Page("people")
          .Summary("Users and API tokens: add, change role, disable, new password; create, revoke (admins)"),
      Get("/embed/meetings/{slug}", &Api::WebEmbedPage)
          .Page("embed_meeting")
          .Summary("A meeting's photos, compact, for a frame on another site (--embed-origins); "
                   "its links open the gallery outside the frame")
          .Params({kMeetingSlug}),
      Get("/embed/albums/{slug}", &Api::WebEmbedPage)
          .Page("embed_album")
          .Summary("An album's photos, compact, for a frame on another site (--embed-origins); "
                   "its links open the gallery outside the frame")
          .Params({kAlbumSlug}),
      Get("/static/js/page_routes.js", &Api::WebPageRoutes)
          .Summary("The page routes of this table as a JavaScript module, for the pages' script: "
                   "PAGE_ROUTES, [{pattern, page}]")
          .Responds(200, "The module, with ETag and Cache-Control: no-cache", nullptr, "text/javascript")
          .Responds(304, "Not modified"),
      Get("/static/{file}", &Api::WebStatic)
          .Summary("A static file of the gallery pages (CSS, JavaScript module, icon)")
          .Params({{"file", In::kPath, "string", ""}})
          .Responds(200, "The file, with ETag and Cache-Control: no-cache")
          .Responds(304, "Not modified")
          .Errors({404}),
      Get("/static/{dir}/{file}", &Api::WebStatic)
          .Summary("A static file of the gallery pages (CSS, JavaScript module, icon)")
          .Params({{"dir", In::kPath, "string", ""}, {"file", In::kPath, "string", ""}})
          .Responds(200, "The file, with ETag and Cache-Control: no-cache")
          .Responds(304, "Not modified")
          .Errors({404}),
  };
  return table;
}

namespace {

std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool IsParam(const std::string& seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

}  // namespace

namespace {

// A route's pattern split once: its segments, which are parameters, and
// how many are fixed.
struct SplitRoute {
  const RouteSpec* route;
  std::vector<std::string> segments;  // a parameter's without its braces
  std::vector<bool> param;
  int fixed = 0;
};

const std::vector<SplitRoute>& SplitRoutes() {
  static const std::vector<SplitRoute> routes = [] {
    std::vector<SplitRoute> out;
    for (const RouteSpec& route : RouteTable()) {
      SplitRoute split{&route, {}, {}, 0};
      for (const std::string& seg : Segments(route.pattern)) {
        const bool param = IsParam(seg);
        split.segments.push_back(param ? seg.substr(1, seg.size() - 2) : seg);
        split.param.push_back(param);
        split.fixed += param ? 0 : 1;
      }
      out.push_back(std::move(split));
    }
    return out;
  }();
  return routes;
}

std::vector<std::string_view> PathSegments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t j = std::min(path.find('/', i), path.size());
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool Matches(const SplitRoute& split, const std::vector<std::string_view>& have) {
  if (split.segments.size() != have.size()) return false;
  for (std::size_t i = 0; i < have.size(); ++i) {
    if (!split.param[i] && split.segments[i] != have[i]) return false;
  }
  return true;
}

// The routes of the most specific pattern matching the path: the one with the
// most fixed segments, so /api/photos/lookup is never taken for
// /api/photos/{id}, whatever the method.
std::vector<const SplitRoute*> BestMatches(std::string_view path) {
  const std::vector<std::string_view> have = PathSegments(path);
  std::vector<const SplitRoute*> out;
  for (const SplitRoute& split : SplitRoutes()) {
    if (!Matches(split, have)) continue;
    if (!out.empty() && split.fixed < out.front()->fixed) continue;
    if (!out.empty() && split.fixed > out.front()->fixed) out.clear();
    out.push_back(&split);
  }
  return out;
}

}  // namespace

const RouteSpec* FindRoute(std::string_view method, std::string_view path,
                           std::map<std::string, std::string>* params) {
  if (method == "HEAD") method = "GET";
  for (const SplitRoute* split : BestMatches(path)) {
    if (method != split->route->method) continue;
    if (params) {
      const std::vector<std::string_view> have = PathSegments(path);
      params->clear();
      for (std::size_t i = 0; i < have.size(); ++i) {
        if (split->param[i]) (*params)[split->segments[i]] = std::string(have[i]);
      }
    }
    return split->route;
  }
  return nullptr;
}

std::vector<const RouteSpec*> RoutesOfPath(std::string_view path) {
  std::vector<const RouteSpec*> out;
  for (const SplitRoute* split : BestMatches(path)) out.push_back(split->route);
  return out;
}

std::vector<std::string> PatternParams(const std::string& pattern) {
  std::vector<std::string> out;
  for (const std::string& seg : Segments(pattern)) {
    if (IsParam(seg)) out.push_back(seg.substr(1, seg.size() - 2));
  }
  return out;
}

}  // namespace gallery::http
