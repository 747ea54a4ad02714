// Reading and checking the parameters handlers share: ids, paging.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "http/http_types.h"

namespace gallery::http {

// A positive decimal id, or nullopt.
std::optional<std::int64_t> ParseId(const std::string& s);

// `limit` (default 50, 1..500) into *limit; an error response otherwise.
std::optional<HttpResponse> ParseLimit(const HttpRequest& req, int* limit);

}  // namespace gallery::http
