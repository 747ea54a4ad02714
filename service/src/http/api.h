// The handlers behind every route: each turns an HttpRequest into an
// HttpResponse by asking the archive. No HTTP library type appears here, and
// no domain state lives here: the catalog, the stores and the worker pool are
// borrowed from the caller.
//
// Thread-safety: handlers are called from several HTTP threads at once; they
// keep no state of their own beyond the borrowed, thread-safe services.
#pragma once

#include <cstddef>

#include "http/http_types.h"
#include "http/metrics.h"

namespace gallery::http {

struct ApiContext {
  Metrics* metrics = nullptr;             // not owned
  std::size_t max_upload_bytes = 0;
};

class Api {
 public:
  explicit Api(ApiContext context);

  // --- service
  HttpResponse Health(const HttpRequest& req);
  HttpResponse OpenApi(const HttpRequest& req);
  HttpResponse MetricsText(const HttpRequest& req);

 private:
  ApiContext ctx_;
};

}  // namespace gallery::http
