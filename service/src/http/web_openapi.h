// The OpenAPI paths of the web gallery's routes (pages, static files,
// sessions), kept beside their handlers and merged into the API document.
#pragma once

#include <string>

namespace gallery::http {

// `document` (an OpenAPI JSON text) with the web routes added to its paths
// and the session cookie to its security schemes, re-serialised. Returns
// `document` unchanged when it is not a JSON object.
std::string WithWebPaths(const std::string& document);

}  // namespace gallery::http
