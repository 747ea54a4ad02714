// The OpenAPI document's shared components (openapi_schemas.cc): security
// schemes, the Error answer and every schema the route table names.
#pragma once

#include <nlohmann/json.hpp>

namespace gallery::http {

// The "components" object. Thread-safe; the same object for the process's life.
const nlohmann::json& OpenApiComponents();

}  // namespace gallery::http
