// The handlers behind every route: each turns an HttpRequest into an
// HttpResponse by asking the archive. No HTTP library type appears here, and
// no domain state lives here: the archive and the metrics are borrowed from
// the caller. Work on images is returned as a deferred answer (Deferred),
// which the server runs on its worker pool.
//
// Thread-safety: handlers are called from several HTTP threads at once; they
// keep no state of their own beyond the borrowed, thread-safe services.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/client_address.h"
#include "http/cursor_seal.h"
#include "http/http_types.h"
#include "http/metrics.h"
#include "media/upload_store.h"
#include "service/archive.h"
#include "service/first_run.h"
#include "thumbnails/pyramid_store.h"
#include "thumbnails/region_renderer.h"
#include "thumbnails/region_cache.h"

namespace gallery::http {

struct ApiContext {
  Archive* archive = nullptr;     // not owned
  Metrics* metrics = nullptr;     // not owned
  media::UploadStore* uploads = nullptr;  // resumable uploads; not owned
  std::size_t max_upload_bytes = 0;
  std::size_t max_chunk_bytes = 16u << 20;  // one tus request's body (OPTIONS advertises it)
  std::string web_dir;  // the pages' folder; "" = the source tree's web/
  std::string cursor_key;  // 32 bytes sealing page cursors (DIR/cursor.key)
  TrustedProxies trusted_proxies;  // whose X-Forwarded-For names the client
  bool metrics_elsewhere = false;  // /metrics is served on its own listener
  // Origins besides this one whose pages may frame the embed pages
  // (/embed/...), as ParseEmbedOrigins returns them; no other page is framed.
  std::vector<std::string> embed_origins;
  // The first-run setup (an archive without an admin); not owned. nullptr:
  // closed.
  FirstRun* first_run = nullptr;
  // Rendered image-service regions (--iiif-cache-bytes); not owned.
  // nullptr: none kept.
  thumbnails::RegionCache* iiif_cache = nullptr;
  // The tiled pyramids of large photos, made on their first image-service
  // region; not owned. nullptr: every region decodes the original.
  thumbnails::PyramidStore* pyramids = nullptr;
  std::int64_t pyramid_min_pixels = 4'000'000;  // --iiif-pyramid-min-pixels
  // The archive's public address (--public-url, as ParsePublicUrl returns
  // it): the start of IIIF ids and homepages. "": the request's own origin.
  std::string public_url;
};

class Api {
 public:
  explicit Api(ApiContext context);

  // Fills req.principal from its credentials; nullopt when the request may
  // go on to a route needing `access`, else the 401/403 answer.
  std::optional<HttpResponse> Authorize(HttpRequest& req, Access access);

  // The catalog's data version (Catalog::DataVersion); nullopt when it
  // cannot be read (then nothing may be answered from a cache).
  std::optional<std::int64_t> CatalogVersion();
  // How long an answer may be kept while nothing is committed: until the
  // next embargo ends, at most an hour; nullopt when that cannot be read.
  std::optional<std::chrono::seconds> CacheLifetime();

  // --- service
  HttpResponse Health(const HttpRequest& req);
  HttpResponse OpenApi(const HttpRequest& req);
  HttpResponse MetricsText(const HttpRequest& req);

  // --- reading
  HttpResponse ListMeetings(const HttpRequest& req);
  HttpResponse GetMeeting(const HttpRequest& req);
  HttpResponse ListAlbums(const HttpRequest& req);
  HttpResponse GetAlbum(const HttpRequest& req);
  HttpResponse ListAlbumPhotos(const HttpRequest& req);
  HttpResponse ListPhotos(const HttpRequest& req);
  HttpResponse GetPhoto(const HttpRequest& req);
  HttpResponse ListCredits(const HttpRequest& req);
  HttpResponse ListTags(const HttpRequest& req);

  // --- uploads
  HttpResponse UploadPhotos(const HttpRequest& req);
  HttpResponse LookupPhotos(const HttpRequest& req);
  // Resumable uploads, tus 1.0.0 (api_tus.cc).
  HttpResponse TusOptions(const HttpRequest& req);
  HttpResponse CreateUpload(const HttpRequest& req);
  HttpResponse UploadState(const HttpRequest& req);
  HttpResponse PatchUpload(const HttpRequest& req);
  HttpResponse DeleteUpload(const HttpRequest& req);

  // --- editing
  HttpResponse EditPhoto(const HttpRequest& req);
  HttpResponse EditPhotos(const HttpRequest& req);
  HttpResponse PhotoHistory(const HttpRequest& req);
  HttpResponse RevertEdit(const HttpRequest& req);
  HttpResponse DeletePhoto(const HttpRequest& req);
  HttpResponse ListTrash(const HttpRequest& req);
  HttpResponse EmptyTrash(const HttpRequest& req);
  HttpResponse RestorePhoto(const HttpRequest& req);

  // --- web pages and sessions (web_pages.cc, session_routes.cc)
  HttpResponse WebPage(const HttpRequest& req);
  HttpResponse WebEmbedPage(const HttpRequest& req);
  HttpResponse WebPageRoutes(const HttpRequest& req);
  HttpResponse WebStatic(const HttpRequest& req);
  HttpResponse GetSession(const HttpRequest& req);
  HttpResponse Login(const HttpRequest& req);
  HttpResponse Logout(const HttpRequest& req);

  // --- albums and meetings (api_albums.cc, api_meetings.cc), share links
  // (api_links.cc), album downloads (api_download.cc)
  HttpResponse CreateAlbum(const HttpRequest& req);
  HttpResponse UpdateAlbum(const HttpRequest& req);
  HttpResponse DeleteAlbum(const HttpRequest& req);
  HttpResponse AddAlbumPhotos(const HttpRequest& req);
  HttpResponse RemoveAlbumPhotos(const HttpRequest& req);
  HttpResponse ReorderAlbum(const HttpRequest& req);
  HttpResponse AlbumHistory(const HttpRequest& req);
  HttpResponse CreateMeeting(const HttpRequest& req);
  HttpResponse UpdateMeeting(const HttpRequest& req);
  HttpResponse DeleteMeeting(const HttpRequest& req);
  HttpResponse MeetingHistory(const HttpRequest& req);
  HttpResponse CreateShareLink(const HttpRequest& req);
  HttpResponse ListShareLinks(const HttpRequest& req);
  HttpResponse RevokeShareLink(const HttpRequest& req);
  HttpResponse DownloadAlbum(const HttpRequest& req);

  // --- accounts (api_accounts.cc): users and API tokens, for admins
  HttpResponse ListUsers(const HttpRequest& req);
  HttpResponse CreateUser(const HttpRequest& req);
  HttpResponse UpdateUser(const HttpRequest& req);
  HttpResponse ListTokens(const HttpRequest& req);
  HttpResponse CreateToken(const HttpRequest& req);
  HttpResponse RevokeToken(const HttpRequest& req);
  // The first-run setup: whether it is open, and the first admin made with
  // its one-time token.
  HttpResponse GetSetup(const HttpRequest& req);
  HttpResponse Setup(const HttpRequest& req);

  // --- media
  HttpResponse GetRendition(const HttpRequest& req);
  HttpResponse GetOriginal(const HttpRequest& req);
  HttpResponse GetSidecar(const HttpRequest& req);

  // IIIF Image API 3.0 (api_iiif.cc)
  HttpResponse IiifBase(const HttpRequest& req);
  HttpResponse IiifInfo(const HttpRequest& req);
  HttpResponse IiifImage(const HttpRequest& req);
  // `request` rendered from the photo's pyramid, made first when there is
  // none (from the original `read_original` reads into `original`); nullopt
  // when there is no usable pyramid (then render from the original).
  std::optional<thumbnails::RegionImage> RenderFromPyramid(const std::string& sha, std::int64_t version,
                                                           int width, int height,
                                                           const thumbnails::RegionRequest& request,
                                                           const std::function<media::Status()>& read_original,
                                                           const std::optional<std::string>& original);
  // IIIF Presentation API 3.0 (api_iiif_presentation.cc)
  HttpResponse IiifAlbumManifest(const HttpRequest& req);
  HttpResponse IiifMeetingCollection(const HttpRequest& req);

 private:
  std::string WebRoot() const;
  HttpResponse PhotoPage(const HttpRequest& req, media::PhotoFilter filter, const std::string& context);
  // The request's `cursor` opened for `context` into *cursor ("" when none);
  // the 400 answer when it does not open.
  std::optional<HttpResponse> OpenCursor(const HttpRequest& req, const std::string& context,
                                         std::string* cursor);

  // The rendition at `path` as the answer `r` (its headers already set).
  HttpResponse RenditionAnswer(HttpResponse r, const media::Result<std::string>& path,
                               thumbnails::Format format);
  // One file's ingest, run on an image worker: the answer, and the photo's
  // JSON when it worked.
  struct Upload {
    HttpResponse response;
    nlohmann::json photo;
  };
  Upload IngestOne(const std::string& bytes, const IngestOptions& options);
  HttpResponse UploadForm(const HttpRequest& req, const std::string& boundary, IngestOptions options);
  // The upload named by the `id` parameter into *info when it is the
  // asker's and has not expired; else the 404 (another account's upload
  // too) or the error answer.
  std::optional<HttpResponse> OwnUpload(const HttpRequest& req, media::UploadInfo* info);
  // Writes `bytes` at `offset` of upload `id` durably, on an image worker,
  // and ingests the file once it is whole: the tus answer. `checksum` (hex
  // SHA-256, "" for none) must match the bytes, else nothing is written (460).
  HttpResponse WriteChunk(const std::string& id, std::uint64_t offset, const std::string& bytes,
                          const std::string& checksum);

  // Rewrites the text in the photo's cached renditions after an edit; a
  // failure is logged (the catalog edit stands).
  void RefreshText(std::int64_t id);

  // The photo named by the `id` parameter if the principal may reach it.
  std::optional<media::Photo> VisiblePhoto(const HttpRequest& req);

  ApiContext ctx_;
  CursorSeal cursors_;
  Archive& archive() { return *ctx_.archive; }
  media::Catalog& catalog() { return ctx_.archive->catalog(); }
};

}  // namespace gallery::http
