#include "http/web_assets.h"

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>

#include "http/compression.h"
#include "media/sha256.h"

namespace gallery::http {

namespace {

const std::map<std::string, std::string>& TypesByExtension() {
  static const std::map<std::string, std::string> types = {
      {"html", "text/html; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"json", "application/json"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"ico", "image/x-icon"},
      {"webp", "image/webp"},
      {"woff2", "font/woff2"},
  };
  return types;
}

// Why `segment` may not name a file or folder, or "" when it may.
std::string SegmentProblem(const std::string& segment) {
  if (segment.empty()) return "an empty path segment";
  if (segment.front() == '.') return "a path segment starting with '.'";
  // The build's packages (web/node_modules) stay on the server.
  if (segment == "node_modules") return "the build's packages are not served";
  for (unsigned char c : segment) {
    if (c == '/' || c == '\\') return "a slash inside a path segment";
    if (c < 0x20 || c == 0x7f) return "a control character in the path";
  }
  return "";
}

bool IsText(const std::string& content_type) {
  return content_type.rfind("text/", 0) == 0 || content_type == "application/json" ||
         content_type == "image/svg+xml";
}

// The gzip form of a text body by its ETag: the pages' files are read on
// every request but compressed once per content. Bounded: emptied when it
// holds more than 256 forms (the web folder has a few dozen files).
std::string CachedGzip(const std::string& etag, const std::string& body) {
  static std::mutex mutex;
  static std::map<std::string, std::string> forms;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = forms.find(etag);
    if (it != forms.end()) return it->second;
  }
  std::string gzip = Gzip(body, Z_BEST_COMPRESSION);
  if (gzip.size() >= body.size()) gzip.clear();
  std::lock_guard<std::mutex> lock(mutex);
  if (forms.size() >= 256) forms.clear();
  forms.emplace(etag, gzip);
  return gzip;
}

std::string GzipEtag(const std::string& etag) { return etag.substr(0, etag.size() - 1) + "-gzip\""; }

}  // namespace

std::string DefaultWebRoot() { return GALLERY_WEB_DIR; }

std::string WebContentType(const std::string& name) {
  std::size_t dot = name.rfind('.');
  if (dot == std::string::npos) return "";
  auto it = TypesByExtension().find(name.substr(dot + 1));
  return it == TypesByExtension().end() ? "" : it->second;
}

media::Result<WebFile> ReadWebFile(const std::string& root, const std::vector<std::string>& segments) {
  if (segments.empty()) return media::Status::NotFound("no file named");
  std::string path = root;
  for (const std::string& segment : segments) {
    std::string problem = SegmentProblem(segment);
    if (!problem.empty()) return media::Status::NotFound("refused: " + problem);
    path += "/" + segment;
  }
  std::string content_type = WebContentType(segments.back());
  if (content_type.empty()) return media::Status::NotFound("files of this kind are not served");
  struct stat st {};
  if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return media::Status::NotFound("no such file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return media::Status::NotFound("the file cannot be read");
  std::string body(std::istreambuf_iterator<char>(in), (std::istreambuf_iterator<char>()));
  if (in.bad()) return media::Status::NotFound("the file cannot be read");
  return MakeWebFile(std::move(body), std::move(content_type));
}

WebFile MakeWebFile(std::string body, std::string content_type) {
  WebFile file;
  file.etag = "\"" + media::Sha256Hex(body.data(), body.size()).substr(0, 32) + "\"";
  if (IsText(content_type) && body.size() >= kMinGzipBytes) file.gzip = CachedGzip(file.etag, body);
  file.body = std::move(body);
  file.content_type = std::move(content_type);
  return file;
}

HttpResponse WebFileResponse(const WebFile& file, const std::string& if_none_match,
                             const std::string& accept_encoding) {
  const bool gzip = !file.gzip.empty() && AcceptsGzip(accept_encoding);
  const std::string etag = gzip ? GzipEtag(file.etag) : file.etag;
  HttpResponse r;
  r.headers.emplace_back("ETag", etag);
  r.headers.emplace_back("Cache-Control", "no-cache");
  if (!file.gzip.empty()) r.headers.emplace_back("Vary", "Accept-Encoding");
  if (!if_none_match.empty() && if_none_match.find(etag) != std::string::npos) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  r.content_type = file.content_type;
  if (gzip) r.headers.emplace_back("Content-Encoding", "gzip");
  r.body = gzip ? file.gzip : file.body;
  return r;
}

namespace {

// The policy of every page but the framing: "frame-ancestors " + `ancestors`.
std::string ContentSecurityPolicy(const std::string& ancestors) {
  return "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; "
         "frame-ancestors " + ancestors + "; form-action 'self'";
}

bool IsHostNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

// Why `host` (lower-cased) is not a host name, IPv4 or [IPv6] address; "" when it is one.
std::string HostProblem(const std::string& host) {
  if (host.empty()) return "no host";
  if (host.front() == '[') {
    if (host.size() < 4 || host.back() != ']') return "an IPv6 address is written [ADDRESS]";
    for (std::size_t i = 1; i + 1 < host.size(); ++i) {
      char c = host[i];
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.')) {
        return "a character that is not in an IPv6 address";
      }
    }
    return "";
  }
  if (host.size() > 253) return "a host name longer than 253 characters";
  std::size_t start = 0;
  while (true) {
    std::size_t dot = host.find('.', start);
    std::string label = host.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (label.empty()) return "an empty label in the host name";
    if (label.size() > 63) return "a host name label longer than 63 characters";
    for (char c : label) {
      if (!IsHostNameChar(c)) return "a character that is not in a host name";
    }
    if (label.front() == '-' || label.back() == '-') return "a host name label starting or ending with '-'";
    if (dot == std::string::npos) return "";
    start = dot + 1;
  }
}

// `item` as a lower-cased origin, or why it is not one.
media::Result<std::string> ParseOrigin(const std::string& item) {
  auto refuse = [&item](const std::string& why) {
    return media::Status::InvalidArgument("--embed-origins: '" + item + "' is not an origin (scheme://host[:port]): " +
                                          why);
  };
  if (item.empty()) return refuse("an empty item");
  std::string text;
  for (char c : item) text += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  std::size_t colon = text.find("://");
  if (colon == std::string::npos) return refuse("no scheme:// in front");
  std::string scheme = text.substr(0, colon);
  if (scheme != "https" && scheme != "http") return refuse("the scheme is not http or https");
  std::string rest = text.substr(colon + 3);
  if (rest.find_first_of("/?#") != std::string::npos) return refuse("an origin has no path, query or fragment");
  if (rest.find('@') != std::string::npos) return refuse("an origin has no user name");
  if (rest.find('*') != std::string::npos) return refuse("wildcards are not taken");
  std::string host = rest;
  std::size_t port_colon = rest.rfind(':');
  if (port_colon != std::string::npos && (rest.front() != '[' || port_colon > rest.rfind(']'))) {
    host = rest.substr(0, port_colon);
    std::string port = rest.substr(port_colon + 1);
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(port) < 1 || std::stoi(port) > 65535) {
      return refuse("the port is not a number from 1 to 65535");
    }
  }
  std::string problem = HostProblem(host);
  if (!problem.empty()) return refuse(problem);
  return text;
}

}  // namespace

void AddPageSecurityHeaders(HttpResponse* response) {
  response->headers.emplace_back("Content-Security-Policy", ContentSecurityPolicy("'none'"));
  response->headers.emplace_back("Referrer-Policy", "no-referrer");
  response->headers.emplace_back("X-Frame-Options", "DENY");
}

void AddEmbedSecurityHeaders(HttpResponse* response, const std::vector<std::string>& frame_origins) {
  std::string ancestors = "'self'";
  for (const std::string& origin : frame_origins) ancestors += " " + origin;
  response->headers.emplace_back("Content-Security-Policy", ContentSecurityPolicy(ancestors));
  response->headers.emplace_back("Referrer-Policy", "no-referrer");
}

media::Result<std::vector<std::string>> ParseEmbedOrigins(const std::string& text) {
  std::vector<std::string> origins;
  std::size_t start = 0;
  while (true) {
    std::size_t comma = text.find(',', start);
    std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    auto origin = ParseOrigin(item);
    if (!origin.ok()) return origin.status();
    if (std::find(origins.begin(), origins.end(), *origin) == origins.end()) origins.push_back(*origin);
    if (comma == std::string::npos) return origins;
    start = comma + 1;
  }
}

}  // namespace gallery::http
