// Routes of the web gallery: every page address answers the one HTML shell
// (its script reads the address), and /static/... the files beside it.
#include "http/api.h"
#include "http/web_assets.h"

namespace gallery::http {

namespace {

HttpResponse WebNotFound(const HttpRequest& req, const media::Status& why) {
  return ErrorResponse(404, "not_found", "no file at " + req.path + " (" + why.message() + ")");
}

}  // namespace

std::string Api::WebRoot() const {
  return ctx_.web_dir.empty() ? DefaultWebRoot() : ctx_.web_dir;
}

HttpResponse Api::WebPage(const HttpRequest& req) {
  auto file = ReadWebFile(WebRoot(), {"index.html"});
  if (!file.ok()) {
    return ErrorResponse(500, "internal", "the gallery pages are missing from " + WebRoot());
  }
  HttpResponse r = WebFileResponse(*file, req.Header("If-None-Match"));
  AddPageSecurityHeaders(&r);
  return r;
}

HttpResponse Api::WebStatic(const HttpRequest& req) {
  std::vector<std::string> segments;
  if (!req.Param("dir").empty()) segments.push_back(req.Param("dir"));
  segments.push_back(req.Param("file"));
  if (segments.back() == "index.html") return WebNotFound(req, media::Status::NotFound("a page"));
  auto file = ReadWebFile(WebRoot(), segments);
  if (!file.ok()) return WebNotFound(req, file.status());
  HttpResponse r = WebFileResponse(*file, req.Header("If-None-Match"));
  AddPageSecurityHeaders(&r);
  return r;
}

}  // namespace gallery::http
