#include "http/web_assets.h"

#include <sys/stat.h>

#include <fstream>
#include <iterator>
#include <map>

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
  for (unsigned char c : segment) {
    if (c == '/' || c == '\\') return "a slash inside a path segment";
    if (c < 0x20 || c == 0x7f) return "a control character in the path";
  }
  return "";
}

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
  file.body = std::move(body);
  file.content_type = std::move(content_type);
  return file;
}

HttpResponse WebFileResponse(const WebFile& file, const std::string& if_none_match) {
  HttpResponse r;
  r.headers.emplace_back("ETag", file.etag);
  r.headers.emplace_back("Cache-Control", "no-cache");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (!if_none_match.empty() && if_none_match.find(file.etag) != std::string::npos) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  r.content_type = file.content_type;
  r.body = file.body;
  return r;
}

void AddPageSecurityHeaders(HttpResponse* response) {
  response->headers.emplace_back(
      "Content-Security-Policy",
      "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; "
      "frame-ancestors 'none'; form-action 'self'");
  response->headers.emplace_back("Referrer-Policy", "no-referrer");
  response->headers.emplace_back("X-Frame-Options", "DENY");
}

}  // namespace gallery::http
