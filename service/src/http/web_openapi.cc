#include "http/web_openapi.h"

#include <nlohmann/json.hpp>

namespace gallery::http {

namespace {

using nlohmann::json;

json Page(const char* summary, const char* param = nullptr) {
  json op = {{"summary", summary},
             {"description", "The gallery's HTML page (one shell; its script reads the address). "
                             "?lang=en|fr picks the language."},
             {"responses",
              {{"200", {{"description", "HTML"}, {"content", {{"text/html", json::object()}}}}},
               {"304", {{"description", "Not modified (If-None-Match)"}}}}}};
  if (param) {
    op["parameters"] = json::array(
        {{{"name", param}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}}});
  }
  return {{"get", op}};
}

json StaticFile(bool with_dir) {
  json params = json::array();
  if (with_dir) {
    params.push_back({{"name", "dir"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
  }
  params.push_back({{"name", "file"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
  return {{"get",
           {{"summary", "A static file of the gallery pages (CSS, JavaScript module, icon)"},
            {"parameters", params},
            {"responses",
             {{"200", {{"description", "The file, with ETag and Cache-Control: no-cache"}}},
              {"304", {{"description", "Not modified"}}},
              {"404", {{"$ref", "#/components/responses/Error"}}}}}}}};
}

json Session() {
  json error = {{"$ref", "#/components/responses/Error"}};
  return {
      {"get",
       {{"summary", "Who is asking: {authenticated, name, role, csrf_token} (csrf_token for a session cookie)"},
        {"responses", {{"200", {{"description", "The principal"}}}}}}},
      {"post",
       {{"summary", "Log in with {name, password}: sets the HttpOnly, SameSite=Strict session cookie"},
        {"requestBody",
         {{"required", true},
          {"content",
           {{"application/json",
             {{"schema",
               {{"type", "object"},
                {"required", {"name", "password"}},
                {"properties", {{"name", {{"type", "string"}}}, {"password", {{"type", "string"}}}}}}}}}}}}},
        {"responses",
         {{"200", {{"description", "{authenticated, name, role, csrf_token, expires_at}"}}},
          {"400", error},
          {"401", error},
          {"415", error},
          {"429",
           {{"description",
             "Too many failed logins from this address, for this name or for any name, within the window "
             "(GALLERY_LOGIN_WINDOW_SECONDS, default 300 s: 5 per address and name, 20 per address); "
             "Retry-After gives the seconds to wait. Never counted per name alone"},
            {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}}}}},
      {"delete",
       {{"summary", "Log out: forgets the session and clears the cookie (needs X-CSRF-Token)"},
        {"responses", {{"200", {{"description", "{authenticated: false}"}}}, {"403", error}}}}}};
}

}  // namespace

std::string WithWebPaths(const std::string& document) {
  json doc = json::parse(document, nullptr, false);
  if (!doc.is_object()) return document;
  json& paths = doc["paths"];
  paths["/"] = Page("Home: meetings and albums");
  paths["/meetings/{slug}"] = Page("A meeting's page: its albums and photos", "slug");
  paths["/albums/{slug}"] = Page("An album's page: its photos in a grid", "slug");
  paths["/photos/{id}"] = Page("A photo's page (editors edit its text here)", "id");
  paths["/upload"] = Page("Bulk upload (editors)");
  paths["/login"] = Page("Log in (editors)");
  paths["/static/{file}"] = StaticFile(false);
  paths["/static/{dir}/{file}"] = StaticFile(true);
  paths["/api/session"] = Session();
  doc["components"]["securitySchemes"]["session"] = {
      {"type", "apiKey"}, {"in", "cookie"}, {"name", "gallery_session"},
      {"description", "Writes with the cookie also need the X-CSRF-Token header from GET /api/session"}};
  return doc.dump(2);
}

}  // namespace gallery::http
