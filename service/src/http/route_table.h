// Every route the server answers, as data: method, path pattern (OpenAPI
// style, "{id}" for a path parameter), handler and the access it needs. The
// server registers exactly these; the OpenAPI document is checked against
// them by a test.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "http/http_types.h"

namespace gallery::http {

class Api;
using Handler = HttpResponse (Api::*)(const HttpRequest&);

enum class Access {
  kPublic,  // anyone (private albums are filtered inside the handler)
  kEditor,  // an editor or an admin token
  kAdmin,   // an admin token
};

struct RouteSpec {
  const char* method;   // "GET", "POST", "PATCH", "PUT", "DELETE"
  const char* pattern;  // "/api/photos/{id}"
  Handler handler;
  Access access;
  // A GET whose answer depends only on the catalog, the path, the query and
  // who asks: the server may answer it from its response cache.
  bool cacheable = false;
  // The body is a photo upload, up to --max-upload-bytes; every other
  // route's body (JSON) is at most kMaxJsonBodyBytes (json_body.h).
  bool upload = false;
};

// The table, in registration order. Never empty; the same vector each call.
const std::vector<RouteSpec>& RouteTable();

// True when `path` matches `pattern`, where "{name}" matches one non-empty
// segment; fills `params` (when given) with the segments, undecoded.
bool MatchPattern(const std::string& pattern, const std::string& path,
                  std::map<std::string, std::string>* params);

// The pattern in the router's syntax: "/api/photos/:id".
std::string RouterPattern(const std::string& pattern);

// The names of the pattern's parameters, in order.
std::vector<std::string> PatternParams(const std::string& pattern);

}  // namespace gallery::http
