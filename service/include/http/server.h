// The HTTP endpoint: connections (connection.h) read requests, and every
// request takes the same path here: find its route in the route table,
// authenticate, call the handler, answer, log one line, count.
// Domain state lives in the archive, not here.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "http/api.h"
#include "http/connection.h"
#include "http/metrics.h"
#include "http/request_parser.h"
#include "http/response_cache.h"
#include "http/route_table.h"
#include "media/status.h"
#include "service/worker_pool.h"

namespace gallery::http {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;               // 0: any free port
  int threads = 2;               // HTTP threads
  std::size_t max_body_bytes = 0;  // request bodies the endpoint accepts at all
  std::size_t max_upload_bytes = 256u << 20;  // a larger declared body: 413 from its head
  // The largest body of one resumable upload request (a tus chunk): each is
  // held whole in memory until written, so it is bounded well below a photo.
  std::size_t max_chunk_bytes = 16u << 20;
  // Counted from the connection's opening or the previous request's end: the
  // head must be whole within header_timeout (so an idle connection is closed
  // then) and the whole request, body included, within body_timeout; else
  // 408 and close.
  std::chrono::milliseconds header_timeout{std::chrono::seconds(30)};
  std::chrono::milliseconds body_timeout{std::chrono::seconds(900)};
  int max_connections = 0;  // more open connections get 503 and are closed; 0: no cap
  int max_connections_per_address = 0;  // the same per client address; 0: no cap
  // Answers of read-only routes kept in memory (see ResponseCache); 0: none.
  std::size_t response_cache_bytes = 64u << 20;
};

// Not copyable. Start and Shutdown are called from one thread.
class HttpServer {
 public:
  // `api`, `metrics` and `workers` (where deferred answers are made) are
  // not owned and must outlive the server.
  HttpServer(Api* api, Metrics* metrics, WorkerPool* workers, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts serving on background threads. IOError (naming the
  // address) when the address cannot be bound.
  media::Status Start();
  // The bound port (after Start).
  std::uint16_t port() const;
  // Stops accepting, lets answers in progress end (queued jobs are answered
  // 503, streams stop), closes connections and joins every thread.
  void Shutdown();

 private:
  struct Exchange;
  // Answers one request read whole from `connection` (on its thread).
  void OnRequest(const std::shared_ptr<Connection>& connection, ParsedRequest request);
  // Queues `job` (a handler's deferred answer) on the workers; the worker
  // that runs it sends its answer.
  void Defer(std::shared_ptr<Exchange> exchange, std::function<HttpResponse()> job);
  // Sends the headers of `res` and its streamed body from a thread of the
  // server's own, which logs and counts the request when the body is done.
  void Stream(std::shared_ptr<Exchange> exchange, HttpResponse res);
  // The handler's answer to `req`, from the response cache when the route
  // is cacheable and the catalog has not changed since it was stored.
  std::shared_ptr<const HttpResponse> Answer(const RouteSpec& route, const HttpRequest& req);
  // A number that changes whenever a cached answer may have gone stale: on
  // every request other than a GET answered here, and when the catalog's
  // data version (sampled at most every 20 ms, for changes made by other
  // processes) moved.
  std::int64_t Generation();
  // The answer when no route has the request's method and path: 404, 405
  // with Allow, or 204 with Allow to OPTIONS.
  HttpResponse NoRoute(const HttpRequest& req) const;
  // The credential check of the route `head` names, made from the head
  // alone: the 401/403 the route would answer, or nullopt when it would let
  // the request in or the head does not tell (no route, a bad query).
  // Where several routes match, the least strict decides.
  std::optional<HttpResponse> JudgeHead(const RequestHead& head);
  // The largest body the route `head` names accepts: max_chunk_bytes for a
  // resumable upload's request, max_upload_bytes for another upload route,
  // kMaxJsonBodyBytes for any other (or none).
  std::size_t BodyLimit(const RequestHead& head) const;
  // Writes `res` as the answer of `exchange`, logs and counts it.
  void Send(const Exchange& exchange, const HttpResponse& res);
  // Joins the stream threads that are done (all of them with `all`, after
  // they were told to stop).
  void JoinStreams(bool all);

  Api* api_;
  Metrics* metrics_;
  WorkerPool* workers_;
  ServerOptions options_;
  ResponseCache cache_;
  Listener listener_;
  bool running_ = false;
  std::atomic<bool> stopping_{false};

  std::mutex mu_;  // guards what follows
  std::condition_variable deferred_ended_;
  int active_deferred_ = 0;  // deferred answers queued or being made
  struct StreamThread {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done;
  };
  std::vector<StreamThread> streams_;

  std::atomic<std::int64_t> generation_{0};
  std::atomic<std::int64_t> catalog_version_{-1};
  std::atomic<double> version_sampled_ms_{-1e12};
};

}  // namespace gallery::http
