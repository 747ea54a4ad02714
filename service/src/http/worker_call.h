// Running a job on the bounded worker pool and waiting for its result, so
// the HTTP thread never decodes an image itself.
#pragma once

#include <functional>
#include <future>
#include <memory>
#include <optional>

#include "http/http_types.h"
#include "service/worker_pool.h"

namespace gallery::http {

// Runs `job` on `pool` and returns its result once done; nullopt (and `job`
// not run) when the pool's queue is full.
template <typename T>
std::optional<T> RunOnWorkers(WorkerPool& pool, std::function<T()> job) {
  auto task = std::make_shared<std::packaged_task<T()>>(std::move(job));
  std::future<T> result = task->get_future();
  if (!pool.TrySubmit([task] { (*task)(); })) return std::nullopt;
  return result.get();
}

// The answer to a full queue: 503 with Retry-After.
inline HttpResponse QueueFull() {
  HttpResponse r = ErrorResponse(503, "busy", "the image workers are busy; retry shortly");
  r.headers.emplace_back("Retry-After", "2");
  return r;
}

}  // namespace gallery::http
