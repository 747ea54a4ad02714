// Routes about the service itself: health, the OpenAPI document, metrics.
#include "http/api.h"
#include "http/openapi_document.h"

namespace gallery::http {

Api::Api(ApiContext context) : ctx_(context) {}

std::optional<std::int64_t> Api::CatalogVersion() {
  auto version = catalog().DataVersion();
  if (!version.ok()) return std::nullopt;
  return *version;
}

HttpResponse Api::Health(const HttpRequest&) {
  return JsonResponse({{"status", "ok"}});
}

HttpResponse Api::OpenApi(const HttpRequest&) {
  HttpResponse r;
  r.body = OpenApiDocument();
  return r;
}

HttpResponse Api::MetricsText(const HttpRequest&) {
  HttpResponse r;
  r.content_type = "text/plain; version=0.0.4";
  r.body = ctx_.metrics->Render();
  return r;
}

}  // namespace gallery::http
