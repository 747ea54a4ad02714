// The OpenAPI 3.1 description of every route (kept in openapi_document.cc).
#pragma once

#include <string>

namespace gallery::http {

// The document as JSON text. Thread-safe; the same string for the process's life.
const std::string& OpenApiDocument();

}  // namespace gallery::http
