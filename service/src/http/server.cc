#include "http/server.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <exception>

#include <pistache/http_defs.h>

#include "base/strings.h"
#include "http/compression.h"
#include "http/json_body.h"
#include "http/url_codec.h"

namespace gallery::http {

namespace {

double NowMs() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

constexpr int kMaxStreams = 64;  // streamed answers at once; more get 503

void LogLine(const std::string& method, const std::string& path, int status, std::size_t bytes,
             double ms) {
  char line[1024];
  int n = std::snprintf(line, sizeof line, "%s %s %d %zuB %.1fms\n", method.c_str(),
                        path.substr(0, 800).c_str(), status, bytes, ms);
  if (n > 0) {
    std::size_t len = static_cast<std::size_t>(n) < sizeof line ? n : sizeof line - 1;
    ssize_t ignored = write(2, line, len);
    (void)ignored;
  }
}

// The decoded pairs of a query string, in order; nullopt when one is not
// valid percent-encoding.
std::optional<std::vector<std::pair<std::string, std::string>>> ParseQuery(const std::string& target) {
  std::vector<std::pair<std::string, std::string>> out;
  const std::size_t q = target.find('?');
  if (q == std::string::npos) return out;
  const std::string query = target.substr(q + 1);
  for (std::size_t at = 0; at <= query.size();) {
    std::size_t end = std::min(query.find('&', at), query.size());
    std::string pair = query.substr(at, end - at);
    at = end + 1;
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    auto name = PercentDecode(pair.substr(0, eq), true);
    auto value = PercentDecode(eq == std::string::npos ? "" : pair.substr(eq + 1), true);
    if (!name || !value) return std::nullopt;
    out.emplace_back(std::move(*name), std::move(*value));
  }
  return out;
}

// Whether the connection stays open after this answer: HTTP/1.1 unless the
// client asks to close, HTTP/1.0 only when it asks to keep it.
bool KeepAlive(const ParsedRequest& request) {
  const std::string asked = base::AsciiLower(request.head.Header("Connection"));
  if (request.http10) return asked.find("keep-alive") != std::string::npos;
  return asked.find("close") == std::string::npos;
}

// The status line and headers of a streamed (chunked) response.
std::string StreamHead(const HttpResponse& res, bool keep_alive) {
  std::string head = "HTTP/1.1 " + std::to_string(res.status) + " " +
                     Pistache::Http::codeString(static_cast<Pistache::Http::Code>(res.status)) + "\r\n";
  if (!res.content_type.empty()) head += "Content-Type: " + res.content_type + "\r\n";
  for (const auto& [name, value] : res.headers) head += name + ": " + value + "\r\n";
  head += keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
  return head + "X-Content-Type-Options: nosniff\r\nTransfer-Encoding: chunked\r\n\r\n";
}

}  // namespace

// One request and what its answer needs: kept alive (the body, the
// headers) until the answer is sent, whichever thread sends it.
struct HttpServer::Exchange {
  std::shared_ptr<Connection> connection;
  ParsedRequest request;
  HttpRequest req;          // as handlers see it; its body and headers point into `request`
  std::string route = "unmatched";
  bool writes = false;      // a route other than GET: its answer may retire cached ones
  double started_ms = 0;
  bool head_only() const { return req.method == "HEAD"; }
};

HttpServer::HttpServer(Api* api, Metrics* metrics, WorkerPool* workers, ServerOptions options)
    : api_(api),
      metrics_(metrics),
      workers_(workers),
      options_(std::move(options)),
      cache_(options_.response_cache_bytes) {}

HttpServer::~HttpServer() { Shutdown(); }

void HttpServer::OnRequest(const std::shared_ptr<Connection>& connection, ParsedRequest request) {
  auto exchange = std::make_shared<Exchange>();
  exchange->connection = connection;
  exchange->request = std::move(request);
  exchange->started_ms = NowMs();
  const RequestHead& head = exchange->request.head;
  HttpRequest& req = exchange->req;
  req.method = head.method;
  req.path = head.target.substr(0, head.target.find('?'));
  req.peer = connection->address();
  req.body = &exchange->request.body;
  req.header = [&head](const std::string& name) -> std::optional<std::string> {
    for (const auto& [key, value] : head.headers) {
      if (base::AsciiLower(key) == base::AsciiLower(name)) return value;
    }
    return std::nullopt;
  };
  std::shared_ptr<const HttpResponse> res;
  try {
    std::map<std::string, std::string> raw_params;
    const RouteSpec* route = FindRoute(req.method, req.path, &raw_params);
    auto query = ParseQuery(head.target);
    if (route) {
      exchange->route = route->pattern;
      exchange->writes = std::string_view(route->method) != "GET";
    }
    bool decoded = query.has_value();
    for (const auto& [name, value] : raw_params) {
      auto param = PercentDecode(value, false);
      if (!param) decoded = false;
      else req.params[name] = std::move(*param);
    }
    if (!decoded) {
      res = std::make_shared<HttpResponse>(
          ErrorResponse(ApiError::kInvalidArgument, "malformed percent-encoding in the URL"));
    } else if (!route) {
      req.query = std::move(*query);
      res = std::make_shared<HttpResponse>(NoRoute(req));
    } else {
      req.query = std::move(*query);
      if (auto denied = api_->Authorize(req, route->access)) {
        res = std::make_shared<HttpResponse>(std::move(*denied));
      } else {
        res = Answer(*route, req);
        // A change made here retires the cached answers before its own
        // answer reaches the client.
        if (exchange->writes) ++generation_;
      }
    }
  } catch (const std::exception& e) {
    LogLine("internal-error", e.what(), 500, 0, 0);
    res = std::make_shared<HttpResponse>(
        ErrorResponse(ApiError::kInternal, "the server failed to answer this request"));
  }
  if (res->deferred) return Defer(std::move(exchange), res->deferred);
  if (res->stream) return Stream(std::move(exchange), *res);
  Send(*exchange, *res);
}

// A job still queued after half of the header time limit is answered 503
// instead of being run: a client waits about that long for an answer.
void HttpServer::Defer(std::shared_ptr<Exchange> exchange, std::function<HttpResponse()> job) {
  exchange->connection->HoldInput();
  const double queued_ms = NowMs();
  const double max_wait_ms = static_cast<double>(options_.header_timeout.count()) / 2;
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++active_deferred_;
  }
  auto finish = [this, exchange](const HttpResponse& res) {
    if (exchange->writes) ++generation_;
    Send(*exchange, res);
    std::lock_guard<std::mutex> lock(mu_);
    --active_deferred_;
    deferred_ended_.notify_all();
  };
  bool queued = workers_->TrySubmit([this, finish, job = std::move(job), queued_ms, max_wait_ms] {
    HttpResponse res;
    if (stopping_) {
      res = BusyResponse("the server is stopping", 2);
    } else if (NowMs() - queued_ms > max_wait_ms) {
      res = BusyResponse("the image workers are busy; retry shortly", 2);
    } else {
      try {
        res = job();
      } catch (const std::exception& e) {
        LogLine("internal-error", e.what(), 500, 0, 0);
        res = ErrorResponse(ApiError::kInternal, "the server failed to answer this request");
      }
    }
    finish(res);
  });
  if (!queued) finish(BusyResponse("the image workers are busy; retry shortly", 2));
}

void HttpServer::Stream(std::shared_ptr<Exchange> exchange, HttpResponse res) {
  exchange->connection->HoldInput();
  std::unique_lock<std::mutex> lock(mu_);
  JoinStreams(false);
  if (stopping_ || static_cast<int>(streams_.size()) >= kMaxStreams) {
    lock.unlock();
    Send(*exchange, BusyResponse("too many downloads are being sent; retry shortly", 2));
    return;
  }
  auto done = std::make_shared<std::atomic<bool>>(false);
  std::thread thread([this, exchange, res = std::move(res), done] {
    Connection& connection = *exchange->connection;
    const bool keep_alive = KeepAlive(exchange->request);
    std::uint64_t bytes = 0;
    const bool head_only = exchange->head_only();  // HEAD: the head alone, not even the last chunk
    bool gone = false;
    if (!head_only) {
      gone = !connection.SendAndWait(StreamHead(res, keep_alive), stopping_);
      auto write = [&](std::string_view piece) {
        if (gone || piece.empty()) return !gone;
        char size[32];
        std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
        gone = !connection.SendAndWait(size, stopping_) || !connection.SendAndWait(piece, stopping_) ||
               !connection.SendAndWait("\r\n", stopping_);
        if (!gone) bytes += piece.size();
        return !gone;
      };
      try {
        if (!gone) res.stream(write);
      } catch (const std::exception& e) {
        LogLine("internal-error", e.what(), 500, 0, 0);
        gone = true;
      }
    }
    // The last bytes and the end of the hold at once: a client that sends
    // its next request as soon as it has them finds the connection reading.
    // Counted before, as every answer is (see Send).
    metrics_->CountRequest(exchange->req.method, exchange->route, gone ? 499 : res.status);
    if (gone) {
      connection.EndHold(true);
    } else {
      gone = !connection.Send(
          [&](bool last) { return head_only ? StreamHead(res, !last) : std::string("0\r\n\r\n"); }, !keep_alive);
    }
    LogLine(exchange->req.method, exchange->req.path, gone ? 499 : res.status, bytes, NowMs() - exchange->started_ms);
    *done = true;
  });
  streams_.push_back(StreamThread{std::move(thread), done});
}

void HttpServer::JoinStreams(bool all) {
  for (auto it = streams_.begin(); it != streams_.end();) {
    if (all || *it->done) {
      it->thread.join();
      it = streams_.erase(it);
    } else {
      ++it;
    }
  }
}

std::shared_ptr<const HttpResponse> HttpServer::Answer(const RouteSpec& route,
                                                       const HttpRequest& req) {
  std::optional<std::int64_t> version;
  std::string key;
  if (route.cacheable && options_.response_cache_bytes > 0 && req.Header("If-None-Match").empty()) {
    version = Generation();
  }
  const bool gzip = AcceptsGzip(req.Header("Accept-Encoding"));
  if (version) {
    key = ResponseCacheKey(req) + (gzip ? "|gzip" : "|plain");
    if (auto hit = cache_.Find(key, *version)) return hit;
  }
  auto res = std::make_shared<HttpResponse>((api_->*route.handler)(req));
  MaybeGzipJson(res.get(), gzip);
  if (version && res->status == 200 && !res->stream && !res->deferred) {
    if (auto lifetime = api_->CacheLifetime()) {
      cache_.Store(key, *version, res, std::chrono::steady_clock::now() + *lifetime);
    }
  }
  return res;
}

std::int64_t HttpServer::Generation() {
  constexpr double kSampleMs = 20;
  double now = NowMs();
  double last = version_sampled_ms_.load();
  if (now - last >= kSampleMs && version_sampled_ms_.compare_exchange_strong(last, now)) {
    std::optional<std::int64_t> version = api_->CatalogVersion();
    std::int64_t seen = version.value_or(-1);
    if (!version || catalog_version_.exchange(seen) != seen) ++generation_;
  }
  return generation_.load();
}

std::optional<HttpResponse> HttpServer::JudgeHead(const RequestHead& head) {
  HttpRequest req;
  req.method = head.method;
  req.path = head.target.substr(0, head.target.find('?'));
  std::optional<Access> access;
  for (const RouteSpec* route : RoutesOfPath(req.path)) {
    if (req.method == route->method && (!access || route->access < *access)) access = route->access;
  }
  if (!access || *access == Access::kPublic) return std::nullopt;
  auto query = ParseQuery(head.target);
  if (!query) return std::nullopt;
  req.query = std::move(*query);
  req.header = [&head](const std::string& name) -> std::optional<std::string> {
    std::string value = head.Header(name);
    if (value.empty()) return std::nullopt;
    return value;
  };
  try {
    return api_->Authorize(req, *access);
  } catch (const std::exception&) {
    return std::nullopt;  // the request's own answer says what is wrong
  }
}

std::size_t HttpServer::BodyLimit(const RequestHead& head) const {
  const std::string path = head.target.substr(0, head.target.find('?'));
  for (const RouteSpec* route : RoutesOfPath(path)) {
    if (!route->upload || head.method != route->method) continue;
    if (std::string_view(route->upload_body) == "TusChunk") return options_.max_chunk_bytes;
    return options_.max_upload_bytes;
  }
  return kMaxJsonBodyBytes;
}

HttpResponse HttpServer::NoRoute(const HttpRequest& req) const {
  std::string allow;
  for (const RouteSpec* route : RoutesOfPath(req.path)) {
    if (std::string_view(route->method) == "OPTIONS") continue;  // listed last, once
    allow += allow.empty() ? "" : ", ";
    allow += route->method;
    if (std::string_view(route->method) == "GET") allow += ", HEAD";
  }
  if (!allow.empty()) allow += ", OPTIONS";
  HttpResponse res;
  if (allow.empty()) {
    res = ErrorResponse(ApiError::kNoRoute, "no route for " + req.method + " " + req.path);
  } else if (req.method == "OPTIONS") {
    res = NoContent();
    res.headers.emplace_back("Allow", allow);
  } else {
    res = ErrorResponse(ApiError::kMethodNotAllowed,
                        req.method + " is not allowed on " + req.path + " (allowed: " + allow + ")");
    res.headers.emplace_back("Allow", allow);
  }
  return res;
}

void HttpServer::Send(const Exchange& exchange, const HttpResponse& res) {
  const bool head_only = exchange.head_only();
  // Counted before the answer leaves: a client that reads it and then asks
  // for the metrics finds it counted. (The log line, after, says 499 when
  // the client was gone.)
  metrics_->CountRequest(exchange.req.method, exchange.route, res.status);
  const bool sent = exchange.connection->Send(
      [&](bool last) { return SerializeResponse(res, !last, head_only); }, !KeepAlive(exchange.request));
  LogLine(exchange.req.method, exchange.req.path, sent ? res.status : 499, sent && !head_only ? res.body.size() : 0,
          NowMs() - exchange.started_ms);
}

media::Status HttpServer::Start() {
  ConnectionLimits limits;
  limits.request.max_upload_bytes = options_.max_upload_bytes;
  limits.request.max_request_bytes = options_.max_body_bytes;
  limits.max_connections = options_.max_connections;
  limits.max_connections_per_address = options_.max_connections_per_address;
  limits.header_timeout = options_.header_timeout;
  limits.body_timeout = options_.body_timeout;
  ConnectionCallbacks callbacks;
  callbacks.judge = [this](const RequestHead& head) { return JudgeHead(head); };
  callbacks.body_limit = [this](const RequestHead& head) { return BodyLimit(head); };
  callbacks.answer = [this](const std::shared_ptr<Connection>& connection, ParsedRequest request) {
    OnRequest(connection, std::move(request));
  };
  callbacks.answered = [this](int status, std::size_t bytes, const char* what) {
    metrics_->CountRequest("-", "before-route", status);
    LogLine("-", what, status, bytes, 0);
  };
  media::Status started =
      listener_.Start(options_.bind, options_.port, options_.threads, std::move(limits), std::move(callbacks));
  running_ = started.ok();
  return started;
}

std::uint16_t HttpServer::port() const { return listener_.port(); }

void HttpServer::Shutdown() {
  if (!running_) return;
  running_ = false;
  {
    std::unique_lock<std::mutex> lock(mu_);
    stopping_ = true;
    // Jobs still queued answer 503 at once; those being made end as they do.
    deferred_ended_.wait(lock, [this] { return active_deferred_ == 0; });
    JoinStreams(true);  // each sees stopping_ within half a second
  }
  listener_.Shutdown();
}

}  // namespace gallery::http
