#include "http/request_params.h"

namespace gallery::http {

std::optional<std::int64_t> ParseId(const std::string& s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v <= 0) return std::nullopt;
  return v;
}

std::optional<HttpResponse> ParseLimit(const HttpRequest& req, int* limit) {
  std::string s = req.Query("limit");
  if (s.empty()) {
    *limit = 50;
    return std::nullopt;
  }
  auto v = ParseId(s);
  if (!v || *v > 500) {
    return ErrorResponse(ApiError::kInvalidArgument, "limit must be a whole number from 1 to 500");
  }
  *limit = static_cast<int>(*v);
  return std::nullopt;
}

}  // namespace gallery::http
