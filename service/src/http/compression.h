// Private: gzip for answers whose clients accept it — the pages' text files
// (compressed once per content, see web_assets.h) and JSON answers of 1 kB
// or more (compressed when made; a cached answer is kept compressed).
#pragma once

#include <string>

#include "http/http_types.h"

namespace gallery::http {

// Whether an Accept-Encoding value accepts gzip: "gzip" or "*" listed
// without q=0 (case-insensitive; "gzip;q=0" refuses it even when "*" is
// listed).
bool AcceptsGzip(const std::string& accept_encoding);

// `body` in the gzip format at `level` (1-9); "" when the library fails.
std::string Gzip(const std::string& body, int level);

// The smallest body worth compressing.
inline constexpr std::size_t kMinGzipBytes = 1024;

// Compresses `response` in place when it is a JSON answer with a body of
// kMinGzipBytes or more, no ETag (its validators stay those of the plain
// form) and no encoding yet, and `gzip` (the client accepts it) is true; adds
// "Vary: Accept-Encoding" to every such answer, compressed or not.
void MaybeGzipJson(HttpResponse* response, bool gzip);

}  // namespace gallery::http
