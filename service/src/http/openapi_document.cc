// The OpenAPI 3.1 document served at GET /api/openapi.json. It lists every
// route of route_table.cc, no more and no fewer (a test checks both ways).
#include "http/openapi_document.h"

namespace gallery::http {

namespace {

const char kDocument[] = R"openapi({
  "openapi": "3.1.0",
  "info": {
    "title": "Photo archive",
    "version": "1.0.0",
    "description": "Meetings, albums and photos with their credits and captions; uploads, editing and media. Errors are JSON {code, message}."
  },
  "components": {
    "securitySchemes": {
      "bearer": {"type": "http", "scheme": "bearer"}
    },
    "schemas": {
      "Error": {
        "type": "object",
        "required": ["code", "message"],
        "properties": {
          "code": {"type": "string", "description": "stable, e.g. not_found, invalid_argument, corrupt"},
          "message": {"type": "string"}
        }
      }
    },
    "responses": {
      "Error": {
        "description": "An error",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
      }
    }
  },
  "paths": {
    "/api/health": {
      "get": {
        "summary": "Liveness",
        "responses": {"200": {"description": "{\"status\": \"ok\"}"}}
      }
    },
    "/api/openapi.json": {
      "get": {
        "summary": "This document",
        "responses": {"200": {"description": "The OpenAPI document"}}
      }
    },
    "/metrics": {
      "get": {
        "summary": "Prometheus metrics: requests by route and status, ingests, queue depth",
        "responses": {"200": {"description": "text/plain; version=0.0.4"}}
      }
    }
  }
}
)openapi";

}  // namespace

const std::string& OpenApiDocument() {
  static const std::string document(kDocument);
  return document;
}

}  // namespace gallery::http
