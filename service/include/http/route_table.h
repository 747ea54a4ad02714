// Every route the server answers, as data: method, path pattern (OpenAPI
// style, "{id}" for a path parameter), handler, the access it needs, and its
// description — summary, parameters, request body and responses. The server
// registers exactly these; the OpenAPI document (openapi_document.cc) is
// generated from them, and the pages learn their own addresses from the page
// routes (web_pages.cc serves them as a JavaScript module).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/http_types.h"

namespace gallery::http {

class Api;
using Handler = HttpResponse (Api::*)(const HttpRequest&);

// Where a parameter is read from.
enum class In { kPath, kQuery, kHeader };

// One parameter of a route. Path parameters are required; the others never.
struct ParamSpec {
  const char* name;
  In in;
  const char* type;         // its JSON schema type: "string" or "integer"
  const char* description;  // "" when the name says it all
};

// One answer of a route that is not an error. Errors are listed by status
// alone (RouteSpec::errors): each is the shared Error object.
struct ResponseSpec {
  int status;
  const char* description;          // with the shape when no schema names it
  const char* schema = nullptr;     // a shared schema's name (openapi_schemas.cc), or none
  const char* media_type = "application/json";  // with no schema, listed only when not JSON
};

struct RouteSpec {
  const char* method;   // "GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"
  const char* pattern;  // "/api/photos/{id}"
  Handler handler;
  Access access;
  // A GET whose answer depends only on the catalog, the path, the query and
  // who asks: the server may answer it from its response cache.
  bool cacheable = false;
  // The body is a photo upload, up to --max-upload-bytes; every other
  // route's body (JSON) is at most kMaxJsonBodyBytes (json_body.h).
  bool upload = false;
  const char* upload_body = "PhotoUpload";  // an upload's request body (openapi_schemas.cc)

  // The description. Routes needing an editor or an admin are documented
  // with their credentials and their 401 and 403 without saying so here.
  const char* summary = "";
  const char* description = nullptr;  // a longer note, or none
  std::vector<ParamSpec> params;      // every path parameter, then the others
  const char* body = nullptr;         // the JSON body's shared schema, or none
  bool body_required = true;
  std::vector<ResponseSpec> responses;
  std::vector<int> errors;  // statuses answered with an Error; 0 is "default"
  // A page of the gallery, by the name its script draws it under
  // (web/js/main.js); nullptr for every other route.
  const char* page = nullptr;

  // Setters for the table, each returning the route.
  RouteSpec& Cacheable() { cacheable = true; return *this; }
  RouteSpec& Upload(const char* request_body = "PhotoUpload") {
    upload = true;
    upload_body = request_body;
    return *this;
  }
  RouteSpec& Summary(const char* text) { summary = text; return *this; }
  RouteSpec& Description(const char* text) { description = text; return *this; }
  RouteSpec& Params(std::vector<ParamSpec> list) { params = std::move(list); return *this; }
  RouteSpec& Body(const char* schema, bool required = true) {
    body = schema;
    body_required = required;
    return *this;
  }
  RouteSpec& Responds(int status, const char* text, const char* schema = nullptr,
                      const char* media_type = "application/json") {
    responses.push_back({status, text, schema, media_type});
    return *this;
  }
  RouteSpec& Errors(std::vector<int> statuses) { errors = std::move(statuses); return *this; }
  RouteSpec& Page(const char* name) { page = name; return *this; }
};

// The table, in registration order. Never empty; the same vector each call.
const std::vector<RouteSpec>& RouteTable();

// The route of `method` and `path` (HEAD takes GET's): among the routes
// that match, the one with the most fixed segments ("/api/photos/lookup"
// before "/api/photos/{id}"), the first in the table on a tie; null when
// none. Fills `params` (when given) with its parameters, undecoded.
const RouteSpec* FindRoute(std::string_view method, std::string_view path,
                           std::map<std::string, std::string>* params);
// Every route whose pattern matches `path`, whatever its method, in table order.
std::vector<const RouteSpec*> RoutesOfPath(std::string_view path);

// The names of the pattern's parameters, in order.
std::vector<std::string> PatternParams(const std::string& pattern);

}  // namespace gallery::http
