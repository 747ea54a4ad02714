// Routes of the web gallery: every page address answers the one HTML shell
// (its script reads the address), the embed pages (/embed/...) their own
// smaller shell, which the --embed-origins may frame; /static/js/page_routes.js
// tells the scripts the page addresses from the route table, and /static/...
// serves the files beside them.
#include <nlohmann/json.hpp>

#include "http/api.h"
#include "http/route_table.h"
#include "http/web_assets.h"

namespace gallery::http {

namespace {

HttpResponse WebNotFound(const HttpRequest& req, const media::Status& why) {
  return ErrorResponse(ApiError::kNotFound, "no file at " + req.path + " (" + why.message() + ")");
}

// The route table as a JavaScript module: PAGE_ROUTES, [{pattern, page}]
// of the pages, and API_ROUTES, ["METHOD /pattern"] of every other route,
// in the table's order.
const WebFile& PageRoutesModule() {
  static const WebFile file = [] {
    std::string pages, api;
    for (const RouteSpec& route : RouteTable()) {
      if (route.page) {
        pages += "  " + nlohmann::json({{"pattern", route.pattern}, {"page", route.page}}).dump() + ",\n";
      } else {
        api += "  " + nlohmann::json(std::string(route.method) + " " + route.pattern).dump() + ",\n";
      }
    }
    return MakeWebFile(
        "// Made by the server from its route table (service/src/http/route_table.cc):\n"
        "// each page address, \"{name}\" standing for one path segment, with the page\n"
        "// drawn there.\nexport const PAGE_ROUTES = [\n" + pages +
            "];\n// Every other route, \"METHOD /pattern\", so the pages offer only what the\n"
            "// server does.\nexport const API_ROUTES = [\n" + api + "];\n",
        WebContentType("page_routes.js"));
  }();
  return file;
}

}  // namespace

std::string Api::WebRoot() const {
  return ctx_.web_dir.empty() ? DefaultWebRoot() : ctx_.web_dir;
}

HttpResponse Api::WebPage(const HttpRequest& req) {
  auto file = ReadWebFile(WebRoot(), {"index.html"});
  if (!file.ok()) {
    return ErrorResponse(ApiError::kInternal, "the gallery pages are missing from " + WebRoot());
  }
  HttpResponse r = WebFileResponse(*file, req.Header("If-None-Match"), req.Header("Accept-Encoding"));
  AddPageSecurityHeaders(&r);
  return r;
}

HttpResponse Api::WebEmbedPage(const HttpRequest& req) {
  auto file = ReadWebFile(WebRoot(), {"embed.html"});
  if (!file.ok()) {
    return ErrorResponse(ApiError::kInternal, "the gallery's embed page is missing from " + WebRoot());
  }
  HttpResponse r = WebFileResponse(*file, req.Header("If-None-Match"), req.Header("Accept-Encoding"));
  AddEmbedSecurityHeaders(&r, ctx_.embed_origins);
  return r;
}

HttpResponse Api::WebPageRoutes(const HttpRequest& req) {
  HttpResponse r = WebFileResponse(PageRoutesModule(), req.Header("If-None-Match"), req.Header("Accept-Encoding"));
  AddPageSecurityHeaders(&r);
  return r;
}

HttpResponse Api::WebStatic(const HttpRequest& req) {
  std::vector<std::string> segments;
  if (!req.Param("dir").empty()) segments.push_back(req.Param("dir"));
  segments.push_back(req.Param("file"));
  if (segments.back() == "index.html" || segments.back() == "embed.html") return WebNotFound(req, media::Status::NotFound("a page"));
  auto file = ReadWebFile(WebRoot(), segments);
  if (!file.ok()) return WebNotFound(req, file.status());
  HttpResponse r = WebFileResponse(*file, req.Header("If-None-Match"), req.Header("Accept-Encoding"));
  AddPageSecurityHeaders(&r);
  return r;
}

}  // namespace gallery::http
