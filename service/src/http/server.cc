#include "http/server.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <exception>
#include <set>
#include <sstream>
#include <thread>

#include <pistache/peer.h>

#include "http/guarded_handler.h"
#include "http/json_body.h"
#include "http/url_codec.h"

namespace gallery::http {

using Pistache::Http::ResponseWriter;
using Pistache::Rest::Request;

namespace {

double NowMs() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

const char* MethodName(Pistache::Http::Method m) {
  return Pistache::Http::methodString(m);
}

Pistache::Http::Method MethodFromName(const std::string& name) {
  using M = Pistache::Http::Method;
  if (name == "POST") return M::Post;
  if (name == "PUT") return M::Put;
  if (name == "PATCH") return M::Patch;
  if (name == "DELETE") return M::Delete;
  if (name == "HEAD") return M::Head;
  if (name == "OPTIONS") return M::Options;
  return M::Get;
}

// A response header given by name and value. (The library writes only
// typed headers, never raw ones.)
class NamedHeader : public Pistache::Http::Header::Header {
 public:
  NamedHeader(std::string name, std::string value)
      : name_(std::move(name)), value_(std::move(value)) {}
  const char* name() const override { return name_.c_str(); }
  std::uint64_t hash() const override {
    return Pistache::Http::Header::detail::hash(name_.c_str());
  }
  void write(std::ostream& os) const override { os << value_; }

 private:
  std::string name_, value_;
};

bool HasRoute(const std::string& method, const std::string& pattern) {
  for (const RouteSpec& route : RouteTable()) {
    if (method == route.method && pattern == route.pattern) return true;
  }
  return false;
}

// Looks a header up whether the library parsed it into a typed header or
// kept it raw.
std::optional<std::string> LookupHeader(const Pistache::Http::Header::Collection& headers,
                                        const std::string& name) {
  if (auto raw = headers.tryGetRaw(name)) return raw->value();
  if (auto typed = headers.tryGet(name)) {
    std::ostringstream os;
    typed->write(os);
    return os.str();
  }
  return std::nullopt;
}

// The request as handlers see it; nullopt when the query string or a path
// parameter is not valid percent-encoding.
std::optional<HttpRequest> Convert(const Request& request, const std::string& pattern) {
  HttpRequest req;
  req.method = MethodName(request.method());
  req.path = request.resource();
  for (const std::string& name : PatternParams(pattern)) {
    auto value = PercentDecode(request.param(":" + name).as<std::string>(), false);
    if (!value) return std::nullopt;
    req.params[name] = *value;
  }
  const auto& query = request.query();
  for (auto it = query.parameters_begin(); it != query.parameters_end(); ++it) {
    auto value = PercentDecode(it->second, true);
    if (!value) return std::nullopt;
    req.query.emplace_back(it->first, *value);
  }
  const auto& headers = request.headers();
  req.header = [&headers](const std::string& name) { return LookupHeader(headers, name); };
  req.body = &request.body();
  req.peer = request.address().host();
  return req;
}

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

// Writes all of `bytes` to the peer's socket from a thread other than the
// server's: waits (polling, half a second at a time) while the socket is
// full. False when the peer is gone, the server is stopping, a write fails,
// or nothing moved for two minutes.
bool SendAll(const std::weak_ptr<Pistache::Tcp::Peer>& weak, std::string_view bytes,
             const std::atomic<bool>& stopping) {
  int idle_ms = 0;
  while (!bytes.empty()) {
    auto peer = weak.lock();
    if (!peer || stopping || idle_ms >= 120000) return false;
    ssize_t n = ::send(peer->fd(), bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      idle_ms = 0;
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      pollfd p{peer->fd(), POLLOUT, 0};
      ::poll(&p, 1, 500);
      idle_ms += 500;
    } else {
      return false;
    }
  }
  return true;
}

// The status line and headers of a streamed (chunked) response.
std::string StreamHead(const HttpResponse& res) {
  std::string head = "HTTP/1.1 " + std::to_string(res.status) + " " +
                     Pistache::Http::codeString(static_cast<Pistache::Http::Code>(res.status)) + "\r\n";
  if (!res.content_type.empty()) head += "Content-Type: " + res.content_type + "\r\n";
  for (const auto& [name, value] : res.headers) head += name + ": " + value + "\r\n";
  return head + "X-Content-Type-Options: nosniff\r\nTransfer-Encoding: chunked\r\n\r\n";
}

// A HEAD request is answered as its GET, without the body.
bool IsHead(const HttpRequest& req) { return req.method == "HEAD"; }

// HTTP/1.1 connections stay open unless the client asks to close (the
// library would close every connection whose request does not name
// keep-alive, costing a new connection per request).
bool ClientAskedToClose(const HttpRequest& req) {
  std::string asked = req.header ? req.Header("Connection") : "";
  for (char& c : asked) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return asked.find("close") != std::string::npos;
}

void KeepAliveUnlessAsked(const HttpRequest& req, Pistache::Http::Header::Collection& headers) {
  using Pistache::Http::ConnectionControl;
  bool close = ClientAskedToClose(req);
  headers.remove<Pistache::Http::Header::Connection>();
  headers.add<Pistache::Http::Header::Connection>(close ? ConnectionControl::Close
                                                        : ConnectionControl::KeepAlive);
}

}  // namespace

HttpServer::HttpServer(Api* api, Metrics* metrics, WorkerPool* workers, ServerOptions options)
    : api_(api), metrics_(metrics), workers_(workers), options_(std::move(options)) {}

HttpServer::~HttpServer() { Shutdown(); }

void HttpServer::setupRoutes() {
  for (const RouteSpec& route : RouteTable()) {
    const RouteSpec* spec = &route;
    auto handler = [this, spec](Request request, ResponseWriter response) {
      Dispatch(*spec, std::make_shared<const Request>(std::move(request)), std::move(response));
      return Pistache::Rest::Route::Result::Ok;
    };
    router_.addRoute(MethodFromName(route.method), RouterPattern(route.pattern),
                     handler);
    // HEAD is answered as GET is, without the body.
    if (std::string_view(route.method) == "GET") {
      router_.addRoute(Pistache::Http::Method::Head, RouterPattern(route.pattern), handler);
    }
  }
  // The router answers a known path with an unknown method by itself, in
  // plain text: every other method of every pattern goes to NoRoute instead.
  auto no_route = [this](const Request request, ResponseWriter response) {
    NoRoute(request, std::move(response));
    return Pistache::Rest::Route::Result::Ok;
  };
  std::set<std::string> patterns;
  for (const RouteSpec& route : RouteTable()) patterns.insert(route.pattern);
  for (const std::string& pattern : patterns) {
    for (const char* method : kServedMethods) {
      if (!HasRoute(method, pattern) &&
          !(std::string_view(method) == "HEAD" && HasRoute("GET", pattern))) {
        router_.addRoute(MethodFromName(method), RouterPattern(pattern), no_route);
      }
    }
  }
  router_.addNotFoundHandler(no_route);
}

void HttpServer::Dispatch(const RouteSpec& route, std::shared_ptr<const Request> request,
                          ResponseWriter response) {
  double started = NowMs();
  HttpRequest bare;
  bare.method = MethodName(request->method());
  bare.path = request->resource();
  std::optional<HttpRequest> req;
  std::shared_ptr<const HttpResponse> res;
  try {
    req = Convert(*request, route.pattern);
    if (!req) {
      res = std::make_shared<HttpResponse>(
          ErrorResponse(ApiError::kInvalidArgument, "malformed percent-encoding in the URL"));
    } else if (auto denied = api_->Authorize(*req, route.access)) {
      res = std::make_shared<HttpResponse>(std::move(*denied));
    } else {
      res = Answer(route, *req);
      // A change made here retires the cached answers before its own
      // answer reaches the client.
      if (std::string_view(route.method) != "GET") ++generation_;
    }
  } catch (const std::exception& e) {
    LogLine("internal-error", e.what(), 500, 0, 0);
    res = std::make_shared<HttpResponse>(
        ErrorResponse(ApiError::kInternal, "the server failed to answer this request"));
  }
  if (res->deferred) {
    Defer(route, std::move(request), *req, res->deferred, std::move(response), started);
    return;
  }
  Send(req ? *req : bare, route.pattern, *res, response, started, /*on_connection_thread=*/true);
}

// The library closes a connection whose request was read longer than the
// header time limit ago and that has not been answered (it takes the wait
// for a slow client), so a job still queued after half of that limit is
// answered 503 instead of being run: its answer would find no connection.
void HttpServer::Defer(const RouteSpec& route, std::shared_ptr<const Request> request,
                       const HttpRequest& req, std::function<HttpResponse()> job,
                       ResponseWriter response, double started_ms) {
  auto pending = std::make_shared<PendingAnswer>(response.getPeer());
  auto writer = std::make_shared<ResponseWriter>(std::move(response));
  const double queued_ms = NowMs();
  const double max_wait_ms = static_cast<double>(options_.header_timeout.count()) / 2;
  ++active_deferred_;
  auto answer = [this, &route, request, req, pending, writer, started_ms](const HttpResponse& res) {
    // The change a write made retires the cached answers before its own
    // answer reaches the client.
    if (std::string_view(route.method) != "GET") ++generation_;
    if (pending->Finish()) {
      // Written on the socket directly (it may wait for the client), not
      // through the endpoint.
      SendClosing(req, route.pattern, res, writer->getPeer(), started_ms);
      return;
    }
    std::lock_guard<std::mutex> lock(endpoint_mu_);
    if (endpoint_open_) Send(req, route.pattern, res, *writer, started_ms, /*on_connection_thread=*/false);
  };
  bool queued = workers_->TrySubmit([this, answer, job = std::move(job), queued_ms, max_wait_ms] {
    try {
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
      answer(res);
    } catch (const std::exception& e) {
      LogLine("internal-error", e.what(), 500, 0, 0);  // the answer could not be sent
    }
    --active_deferred_;
  });
  if (!queued) {
    answer(BusyResponse("the image workers are busy; retry shortly", 2));
    --active_deferred_;
  }
}

std::shared_ptr<const HttpResponse> HttpServer::Answer(const RouteSpec& route,
                                                       const HttpRequest& req) {
  std::optional<std::int64_t> version;
  std::string key;
  if (route.cacheable && req.Header("If-None-Match").empty()) version = Generation();
  if (version) {
    key = ResponseCacheKey(req);
    if (auto hit = cache_.Find(key, *version)) return hit;
  }
  auto res = std::make_shared<HttpResponse>((api_->*route.handler)(req));
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
  std::size_t q = head.target.find('?');
  req.path = head.target.substr(0, q);
  std::optional<Access> access;
  for (const RouteSpec& route : RouteTable()) {
    if (req.method == route.method && MatchPattern(route.pattern, req.path, nullptr) &&
        (!access || route.access < *access)) {
      access = route.access;
    }
  }
  if (!access || *access == Access::kPublic) return std::nullopt;
  std::string query = q == std::string::npos ? "" : head.target.substr(q + 1);
  for (std::size_t at = 0; at < query.size();) {
    std::size_t end = std::min(query.find('&', at), query.size());
    std::string pair = query.substr(at, end - at);
    std::size_t eq = pair.find('=');
    auto value = PercentDecode(eq == std::string::npos ? "" : pair.substr(eq + 1), true);
    if (!value) return std::nullopt;
    req.query.emplace_back(pair.substr(0, eq), *value);
    at = end + 1;
  }
  req.header = [&head](const std::string& name) -> std::optional<std::string> {
    std::string value = head.Header(name);
    if (value.empty()) return std::nullopt;
    return value;
  };
  try {
    return api_->Authorize(req, *access);
  } catch (const std::exception&) {
    return std::nullopt;  // the request's own dispatch answers
  }
}

std::size_t HttpServer::BodyLimit(const RequestHead& head) const {
  const std::string path = head.target.substr(0, head.target.find('?'));
  for (const RouteSpec& route : RouteTable()) {
    if (route.upload && head.method == route.method && MatchPattern(route.pattern, path, nullptr)) {
      return options_.max_upload_bytes;
    }
  }
  return kMaxJsonBodyBytes;
}

void HttpServer::NoRoute(const Request& request, ResponseWriter response) {
  double started = NowMs();
  HttpRequest req;
  req.method = MethodName(request.method());
  req.path = request.resource();
  std::string allow;
  for (const RouteSpec& route : RouteTable()) {
    if (MatchPattern(route.pattern, req.path, nullptr)) {
      allow += allow.empty() ? "" : ", ";
      allow += route.method;
      if (std::string_view(route.method) == "GET") allow += ", HEAD";
    }
  }
  if (!allow.empty()) allow += ", OPTIONS";
  HttpResponse res;
  if (allow.empty()) {
    res = ErrorResponse(ApiError::kNoRoute, "no route for " + req.method + " " + req.path);
  } else if (req.method == "OPTIONS") {
    res.status = 204;
    res.content_type.clear();
    res.headers.emplace_back("Allow", allow);
  } else {
    res = ErrorResponse(ApiError::kMethodNotAllowed,
                        req.method + " is not allowed on " + req.path + " (allowed: " + allow + ")");
    res.headers.emplace_back("Allow", allow);
  }
  Send(req, "unmatched", res, response, started, /*on_connection_thread=*/true);
}

void HttpServer::Send(const HttpRequest& req, const std::string& route, const HttpResponse& res,
                      ResponseWriter& response, double started_ms, bool on_connection_thread) {
  std::shared_ptr<Pistache::Tcp::Peer> peer = response.getPeer();
  const bool head_only = IsHead(req);
  const std::size_t body_bytes = head_only ? 0 : res.body.size();
  if (on_connection_thread && peer && !res.stream && !ClientAskedToClose(req)) {
    DirectWrite written = WriteAnswerNow(peer, SerializeResponse(res, /*keep_alive=*/true, head_only));
    if (written == DirectWrite::kWritten) return Answered(req, route, res.status, body_bytes, started_ms);
    if (written == DirectWrite::kGone) return Answered(req, route, 499, 0, started_ms);
  }
  NoteQueuedAnswer(peer);
  if (head_only && peer && !res.stream) {
    // The library's writer always sends the body: the head goes through its
    // queue as bytes, behind what the queue still holds.
    std::string bytes = SerializeResponse(res, !ClientAskedToClose(req), /*head_only=*/true);
    const std::size_t size = bytes.size();
    peer->send(Pistache::RawBuffer(std::move(bytes), size));
    return Answered(req, route, res.status, 0, started_ms);
  }
  auto& headers = response.headers();
  KeepAliveUnlessAsked(req, headers);
  // Every answer is its declared type, never sniffed (an uploaded file that is
  // also valid HTML stays an image).
  headers.add(std::make_shared<NamedHeader>("X-Content-Type-Options", "nosniff"));
  if (!res.content_type.empty()) {
    headers.add(std::make_shared<NamedHeader>("Content-Type", res.content_type));
  }
  for (const auto& [name, value] : res.headers) {
    headers.add(std::make_shared<NamedHeader>(name, value));
  }
  if (res.stream) {
    SendStream(req, route, res, response, started_ms);
    return;
  }
  response.send(static_cast<Pistache::Http::Code>(res.status), res.body);
  Answered(req, route, res.status, res.body.size(), started_ms);
}

void HttpServer::SendClosing(const HttpRequest& req, const std::string& route,
                             const HttpResponse& res, const std::weak_ptr<Pistache::Tcp::Peer>& peer,
                             double started_ms) {
  const bool head_only = IsHead(req);
  bool sent = SendAll(peer, SerializeClosingResponse(res, head_only), stopping_);
  if (auto p = peer.lock()) ::shutdown(p->fd(), SHUT_WR);
  Answered(req, route, sent ? res.status : 499, sent && !head_only ? res.body.size() : 0, started_ms);
}

void HttpServer::Answered(const HttpRequest& req, const std::string& route, int status,
                          std::size_t bytes, double started_ms) {
  metrics_->CountRequest(req.method, route, status);
  LogLine(req.method, req.path, status, bytes, NowMs() - started_ms);
}

// The body is written to the socket directly, not through the library's
// write queue: the library cannot take several queued writes on one
// connection from another thread, and writing directly lets this thread
// wait for the client, holding one piece at a time.
void HttpServer::SendStream(const HttpRequest& req, const std::string& route, const HttpResponse& res,
                            ResponseWriter& response, double started_ms) {
  std::weak_ptr<Pistache::Tcp::Peer> peer = response.getPeer();
  ++active_streams_;
  std::thread([this, peer, head = StreamHead(res), produce = res.stream, req, route,
               status = res.status, started_ms] {
    std::uint64_t bytes = 0;
    bool gone = !SendAll(peer, head, stopping_);
    if (IsHead(req)) {  // the head alone: no chunk, not even the last
      Answered(req, route, gone ? 499 : status, 0, started_ms);
      --active_streams_;
      return;
    }
    auto write = [&](std::string_view piece) {
      if (gone || piece.empty()) return !gone;
      char size[32];
      std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
      gone = !SendAll(peer, size, stopping_) || !SendAll(peer, piece, stopping_) ||
             !SendAll(peer, "\r\n", stopping_);
      if (!gone) bytes += piece.size();
      return !gone;
    };
    try {
      if (!gone) produce(write);
    } catch (const std::exception& e) {
      LogLine("internal-error", e.what(), 500, 0, 0);
      gone = true;
    }
    if (!gone) gone = !SendAll(peer, "0\r\n\r\n", stopping_);
    Answered(req, route, gone ? 499 : status, bytes, started_ms);
    --active_streams_;
  }).detach();
}

media::Status HttpServer::Start() {
  try {
    Pistache::Address address(options_.bind, Pistache::Port(static_cast<std::uint16_t>(options_.port)));
    endpoint_ = std::make_unique<Pistache::Http::Endpoint>(address);
    auto opts = Pistache::Http::Endpoint::options()
                    .threads(options_.threads)
                    .flags(Pistache::Tcp::Options::ReuseAddr)
                    .maxRequestSize(options_.max_body_bytes)
                    .headerTimeout(options_.header_timeout)
                    .bodyTimeout(options_.body_timeout)
                    .keepaliveTimeout(options_.header_timeout);
    endpoint_->init(opts);
    setupRoutes();
    ConnectionLimits limits;
    limits.gate.max_upload_bytes = options_.max_upload_bytes;
    limits.gate.max_request_bytes = options_.max_body_bytes;
    limits.max_connections = options_.max_connections;
    limits.max_connections_per_address = options_.max_connections_per_address;
    limits.judge = [this](const RequestHead& head) { return JudgeHead(head); };
    limits.body_limit = [this](const RequestHead& head) { return BodyLimit(head); };
    limits.answered = [this](int status, std::size_t bytes) {
      metrics_->CountRequest("-", "before-route", status);
      LogLine("-", "(refused from the request head)", status, bytes, 0);
    };
    auto handler = std::make_shared<GuardedHandler>(router_.handler(), std::move(limits));
    handler->setHeaderTimeout(options_.header_timeout);
    handler->setBodyTimeout(options_.body_timeout);
    endpoint_->setHandler(handler);
    endpoint_->serveThreaded();
    running_ = true;
    std::lock_guard<std::mutex> lock(endpoint_mu_);
    endpoint_open_ = true;
  } catch (const std::exception& e) {
    endpoint_.reset();
    return media::Status::IOError("cannot listen on " + options_.bind + ":" +
                                  std::to_string(options_.port) + ": " + e.what());
  }
  return media::Status::OK();
}

std::uint16_t HttpServer::port() const {
  return endpoint_ ? static_cast<std::uint16_t>(endpoint_->getPort()) : 0;
}

void HttpServer::Shutdown() {
  if (!running_) return;
  running_ = false;
  stopping_ = true;
  // Streams and deferred answers in progress get five seconds to finish;
  // queued ones are answered 503 meanwhile.
  for (int i = 0; i < 100 && (active_streams_ > 0 || active_deferred_ > 0); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  {
    std::lock_guard<std::mutex> lock(endpoint_mu_);
    endpoint_open_ = false;  // no worker sends through the endpoint from now on
  }
  endpoint_->shutdown();
}

}  // namespace gallery::http
