// The gallery's pages and their static files (HTML, CSS, JavaScript modules,
// icons), read from one folder: the source tree's web/ unless `gallery serve
// --web DIR` names another. Nothing outside that folder is ever read.
#pragma once

#include <string>
#include <vector>

#include "http/http_types.h"
#include "media/status.h"

namespace gallery::http {

struct WebFile {
  std::string body;
  std::string content_type;  // with charset for text
  std::string etag;          // quoted, from the content's SHA-256
  // The body gzip-compressed, for text of 1 kB or more that it makes
  // smaller; "" otherwise. Its ETag is `etag` with "-gzip" inside the quotes.
  std::string gzip;
};

// The folder compiled in as the source tree's web/.
std::string DefaultWebRoot();

// The Content-Type for a served file name by its extension; "" when files
// of that kind are not served (so they answer 404).
std::string WebContentType(const std::string& name);

// Reads root/segments[0]/segments[1]/... On success the file's bytes, type
// and ETag. NotFound (with the reason) when there is no segment, a segment
// is empty, starts with '.', or holds '/', '\\' or a control character, the
// extension is not served, or the file is not a readable regular file.
// Thread-safe.
media::Result<WebFile> ReadWebFile(const std::string& root, const std::vector<std::string>& segments);

// A file made by the server (not read from the folder): `body` with its
// type, its ETag and its gzip form (compressed once per content and kept in
// a bounded cache shared by all threads).
WebFile MakeWebFile(std::string body, std::string content_type);

// `file` as a 200 answer with its ETag and "Cache-Control: no-cache" (the
// browser revalidates; the pages change without a version in their URL), or
// 304 with no body when `if_none_match` names the ETag. Gzip-compressed
// ("Content-Encoding: gzip", its own ETag) when the file has a gzip form and
// `accept_encoding` (the request's Accept-Encoding) accepts gzip; "Vary:
// Accept-Encoding" whenever the file has a gzip form.
HttpResponse WebFileResponse(const WebFile& file, const std::string& if_none_match,
                             const std::string& accept_encoding);

// Adds the headers every page carries: the Content-Security-Policy (no
// inline script, images from this origin and data:/blob: only, no framing),
// nosniff and no referrer (share-link secrets stay in this origin).
void AddPageSecurityHeaders(HttpResponse* response);

// The same headers for an embed page (/embed/...), which this origin and
// `frame_origins` may frame: "frame-ancestors 'self' ORIGIN..." instead of
// 'none', and no X-Frame-Options (it cannot name origins). Every other
// directive is the same as on every page.
void AddEmbedSecurityHeaders(HttpResponse* response, const std::vector<std::string>& frame_origins);

// The origins of `gallery serve --embed-origins` ("ORIGIN[,ORIGIN...]"),
// each scheme://host[:port] with scheme http or https, a host name, IPv4
// address or [IPv6] address, and a port of 1-65535; no path, query, user or
// wildcard. Returned lower-cased, in the order given, without repeats.
// InvalidArgument naming the first one that is not such an origin (an empty
// item too).
media::Result<std::vector<std::string>> ParseEmbedOrigins(const std::string& text);

}  // namespace gallery::http
