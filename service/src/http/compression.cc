#include "http/compression.h"

#include <zlib.h>

#include <cstdlib>
#include <string_view>

#include "base/strings.h"

namespace gallery::http {

bool AcceptsGzip(const std::string& accept_encoding) {
  bool gzip = false, star = false, gzip_refused = false;
  std::string_view rest = accept_encoding;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const std::size_t semi = item.find(';');
    const std::string coding = base::AsciiLower(base::Trim(item.substr(0, semi)));
    bool refused = false;  // q=0: "not acceptable"
    if (semi != std::string_view::npos) {
      const std::string params = base::AsciiLower(item.substr(semi + 1));
      const std::size_t q = params.find("q=");
      if (q != std::string::npos) refused = std::strtod(params.c_str() + q + 2, nullptr) <= 0.0;
    }
    if (coding == "gzip" || coding == "x-gzip") {
      if (refused) gzip_refused = true;
      else gzip = true;
    } else if (coding == "*" && !refused) {
      star = true;
    }
  }
  return !gzip_refused && (gzip || star);
}

std::string Gzip(const std::string& body, int level) {
  z_stream z{};
  // 15 + 16: a gzip header and trailer around the deflate stream.
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return "";
  std::string out(deflateBound(&z, static_cast<uLong>(body.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  z.avail_in = static_cast<uInt>(body.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return result == Z_STREAM_END ? out : "";
}

void MaybeGzipJson(HttpResponse* response, bool gzip) {
  if (response->body.size() < kMinGzipBytes || response->stream || response->deferred) return;
  if (response->content_type.rfind("application/json", 0) != 0) return;
  for (const auto& [name, value] : response->headers) {
    const std::string lower = base::AsciiLower(name);
    if (lower == "etag" || lower == "content-encoding") return;
  }
  response->headers.emplace_back("Vary", "Accept-Encoding");
  if (!gzip) return;
  // Level 5: most of the gain of the best level for a fraction of its time
  // (answers that are not cached are compressed at each request).
  std::string compressed = Gzip(response->body, 5);
  if (compressed.empty() || compressed.size() >= response->body.size()) return;
  response->body = std::move(compressed);
  response->headers.emplace_back("Content-Encoding", "gzip");
}

}  // namespace gallery::http
