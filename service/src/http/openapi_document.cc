// The OpenAPI 3.1 document served at GET /api/openapi.json, generated from
// the route table (route_table.cc: each route with its description) and the
// shared components (openapi_schemas.cc). Edit those, never the output.
#include "http/openapi_document.h"

#include <cctype>
#include <string>

#include "http/openapi_schemas.h"
#include "http/route_table.h"

namespace gallery::http {

namespace {

using nlohmann::json;

const char kTitle[] = "Photo archive";
const char kVersion[] = "1.0.0";
const char kAbout[] =
    "Meetings, albums and photos with their credits and captions; uploads, editing and media. "
    "Errors are JSON {code, message}. Every GET route also answers HEAD (the same headers, no "
    "body); OPTIONS answers 204 with the path's methods in Allow; a method the server does not "
    "know is refused 501 unsupported. Before any route, the server may answer a request from its "
    "head and then close the connection: 400, 417, 431 or 501 for malformed or unsupported "
    "framing, 413 too_large for a declared (or chunked, once past it) body over its route's limit"
    " (--max-upload-bytes for POST /api/photos, 1 MiB of JSON for every other route), 401 or 403 "
    "for a body sent to a route needing an editor or admin without such credentials (decided from"
    " the head, before the body is read), 503 busy with Retry-After when its connection cap or "
    "its client address's cap (--max-connections-per-address) is reached, and 408 (no body) when "
    "a request's head or whole request comes later than its time limits. A request with `Expect: "
    "100-continue` gets the 100 only when its head is acceptable, its credentials included. JSON "
    "bodies are refused with 400 when arrays and objects nest deeper than 32 levels or the bytes "
    "are not UTF-8. Texts are limited in characters (Unicode code points), a longer one refused "
    "with 400 naming the field and the limit: caption 2000 per language, headline 256, alt_text "
    "250, keyword 64 and at most 100 keywords, credit, creator, copyright, usage_terms and "
    "default_credit 512, event and place 256, titles 200, descriptions 5000, at most 10 languages"
    " per field; a bulk edit or album change names at most 1000 photos.";

const char kPageNote[] =
    "The gallery's HTML page (one shell; its script reads the address). ?lang=en|fr picks the language.";

json Ref(const std::string& kind, const char* name) {
  return {{"$ref", "#/components/" + kind + "/" + name}};
}

std::string Lower(const char* method) {
  std::string out;
  for (const char* c = method; *c; ++c) out += static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
  return out;
}

json Parameter(const ParamSpec& p) {
  const char* in = p.in == In::kPath ? "path" : p.in == In::kQuery ? "query" : "header";
  json out = {{"name", p.name}, {"in", in}, {"required", p.in == In::kPath}, {"schema", {{"type", p.type}}}};
  if (*p.description) out["description"] = p.description;
  return out;
}

json Response(const ResponseSpec& r) {
  json out = {{"description", r.description}};
  if (r.schema) {
    out["content"][r.media_type] = {{"schema", Ref("schemas", r.schema)}};
  } else if (std::string(r.media_type) != "application/json") {
    out["content"][r.media_type] = json::object();
  }
  return out;
}

json Operation(const RouteSpec& route) {
  json op = {{"summary", route.summary}};
  if (route.description) op["description"] = route.description;
  if (!route.params.empty()) {
    for (const ParamSpec& p : route.params) op["parameters"].push_back(Parameter(p));
  }
  if (route.upload) {
    op["requestBody"] = Ref("requestBodies", route.upload_body);
  } else if (route.body) {
    op["requestBody"] = {{"required", route.body_required},
                         {"content", {{"application/json", {{"schema", Ref("schemas", route.body)}}}}}};
  }
  json& responses = op["responses"] = json::object();
  if (route.page) {
    op["description"] = kPageNote;
    responses["200"] = Response({200, "HTML", nullptr, "text/html"});
    responses["304"] = Response({304, "Not modified (If-None-Match)"});
  }
  for (const ResponseSpec& r : route.responses) responses[std::to_string(r.status)] = Response(r);
  for (int status : route.errors) {
    responses[status == 0 ? "default" : std::to_string(status)] = Ref("responses", "Error");
  }
  if (route.access != Access::kPublic) {
    op["security"] = json::array({{{"bearer", json::array()}}, {{"session", json::array()}}});
    responses["401"] = Ref("responses", "Error");
    responses["403"] = Ref("responses", "Error");
  }
  return op;
}

std::string Generate() {
  json doc = {{"openapi", "3.1.0"},
              {"info", {{"title", kTitle}, {"version", kVersion}, {"description", kAbout}}},
              {"components", OpenApiComponents()},
              {"paths", json::object()}};
  // The codes from the one table of errors, so that clients (the pages'
  // messages) can check they know every one.
  doc["components"]["schemas"]["Error"]["properties"]["code"]["enum"] = ErrorCodes();
  for (const RouteSpec& route : RouteTable()) {
    doc["paths"][route.pattern][Lower(route.method)] = Operation(route);
  }
  return doc.dump(2);
}

}  // namespace

const std::string& OpenApiDocument() {
  static const std::string document = Generate();
  return document;
}

}  // namespace gallery::http
