// Routes about the service itself: health, the OpenAPI document, metrics
// (admin only; on the main port not at all when `--metrics-listen` gives
// them a loopback listener of their own, metrics_listener.h).
#include <algorithm>
#include <ctime>

#include "http/api.h"
#include "http/openapi_document.h"

namespace gallery::http {

Api::Api(ApiContext context) : ctx_(context), cursors_(ctx_.cursor_key) {}

std::optional<std::int64_t> Api::CatalogVersion() {
  auto version = catalog().DataVersion();
  if (!version.ok()) return std::nullopt;
  return *version;
}

std::optional<std::chrono::seconds> Api::CacheLifetime() {
  constexpr std::chrono::seconds kLongest(3600);
  auto end = catalog().NextEmbargoEnd();
  if (!end.ok()) return std::nullopt;
  if (end->empty()) return kLongest;
  std::tm tm{};
  if (!strptime(end->c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm)) return std::chrono::seconds(0);
  auto left = std::chrono::seconds(timegm(&tm) - std::time(nullptr));
  return std::clamp(left, std::chrono::seconds(0), kLongest);
}

HttpResponse Api::Health(const HttpRequest&) {
  return JsonResponse({{"status", "ok"}});
}

HttpResponse Api::OpenApi(const HttpRequest&) {
  HttpResponse r;
  r.body = OpenApiDocument();
  return r;
}

HttpResponse Api::MetricsText(const HttpRequest& req) {
  if (ctx_.metrics_elsewhere) {
    return ErrorResponse(ApiError::kNoRoute, "no route for GET " + req.path + " (metrics are on their own listener)");
  }
  HttpResponse r;
  r.content_type = "text/plain; version=0.0.4";
  r.body = ctx_.metrics->Render();
  return r;
}

}  // namespace gallery::http
