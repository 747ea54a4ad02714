// The HTTP endpoint: one class owns the router and registers every route of
// the route table in setupRoutes(). Each request takes the same path:
// decode, authenticate, call the handler, answer, log one line, count.
// Domain state lives in the archive, not here.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <pistache/endpoint.h>
#include <pistache/router.h>

#include "http/api.h"
#include "http/metrics.h"
#include "http/request_gate.h"
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
  // Counted from the connection's opening or the previous request's end: the
  // head must be whole within header_timeout (so an idle connection is closed
  // then) and the whole request, body included, within body_timeout; else
  // 408 and close.
  std::chrono::milliseconds header_timeout{std::chrono::seconds(30)};
  std::chrono::milliseconds body_timeout{std::chrono::seconds(900)};
  int max_connections = 0;  // more open connections get 503 and are closed; 0: no cap
  int max_connections_per_address = 0;  // the same per client address; 0: no cap
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
  // Stops accepting, closes connections and joins the threads.
  void Shutdown();

 private:
  void setupRoutes();
  void Dispatch(const RouteSpec& route, std::shared_ptr<const Pistache::Rest::Request> request,
                Pistache::Http::ResponseWriter response);
  // Queues `job` (a handler's deferred answer to `req`) on the workers; the
  // worker that runs it sends its answer. `request` is kept until then.
  void Defer(const RouteSpec& route, std::shared_ptr<const Pistache::Rest::Request> request,
             const HttpRequest& req, std::function<HttpResponse()> job,
             Pistache::Http::ResponseWriter response, double started_ms);
  // The handler's answer to `req`, from the response cache when the route
  // is cacheable and the catalog has not changed since it was stored.
  std::shared_ptr<const HttpResponse> Answer(const RouteSpec& route, const HttpRequest& req);
  // A number that changes whenever a cached answer may have gone stale: on
  // every request other than a GET answered here, and when the catalog's
  // data version (sampled at most every 20 ms, for changes made by other
  // processes) moved.
  std::int64_t Generation();
  void NoRoute(const Pistache::Rest::Request& request, Pistache::Http::ResponseWriter response);
  // The credential check of the route `head` names, made from the head
  // alone: the 401/403 the route would answer, or nullopt when it would let
  // the request in or the head does not tell (no route, a bad query).
  // Where several routes match, the least strict decides.
  std::optional<HttpResponse> JudgeHead(const RequestHead& head);
  // The largest body the route `head` names accepts: max_upload_bytes for
  // an upload route, kMaxJsonBodyBytes for any other (or none).
  std::size_t BodyLimit(const RequestHead& head) const;
  // Sends `res` and logs it. From the thread that reads the connection, a
  // whole answer is written to the socket at once (WriteAnswerNow); from
  // others, and for streams, it goes through the library.
  void Send(const HttpRequest& req, const std::string& route, const HttpResponse& res,
            Pistache::Http::ResponseWriter& response, double started_ms, bool on_connection_thread);
  // Writes `res` with Connection: close on the peer's socket directly, from
  // a thread other than the server's, then ends the connection.
  void SendClosing(const HttpRequest& req, const std::string& route, const HttpResponse& res,
                   const std::weak_ptr<Pistache::Tcp::Peer>& peer, double started_ms);
  // Logs and counts one answered request.
  void Answered(const HttpRequest& req, const std::string& route, int status, std::size_t bytes,
                double started_ms);
  // Sends the headers of `res` now and its streamed body from a thread of
  // its own, which logs and counts the request when the body is done.
  void SendStream(const HttpRequest& req, const std::string& route, const HttpResponse& res,
                  Pistache::Http::ResponseWriter& response, double started_ms);

  Api* api_;
  Metrics* metrics_;
  WorkerPool* workers_;
  ServerOptions options_;
  Pistache::Rest::Router router_;
  ResponseCache cache_{64u << 20};
  std::unique_ptr<Pistache::Http::Endpoint> endpoint_;
  bool running_ = false;
  std::atomic<int> active_streams_{0};  // streamed bodies still being sent
  std::atomic<int> active_deferred_{0};  // deferred answers queued or being made
  std::mutex endpoint_mu_;  // held to send from a worker; Shutdown takes it to
  bool endpoint_open_ = false;  // ... clear this before the endpoint goes
  std::atomic<bool> stopping_{false};
  std::atomic<std::int64_t> generation_{0};
  std::atomic<std::int64_t> catalog_version_{-1};
  std::atomic<double> version_sampled_ms_{-1e12};
};

}  // namespace gallery::http
