#include "http/metrics_listener.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>

#include "http/client_address.h"
#include "http/http_types.h"

namespace gallery::http {

namespace {

class MetricsHandler : public Pistache::Http::Handler {
 public:
  HTTP_PROTOTYPE(MetricsHandler)
  explicit MetricsHandler(Metrics* metrics) : metrics_(metrics) {}

  void onRequest(const Pistache::Http::Request& request, Pistache::Http::ResponseWriter response) override {
    using Pistache::Http::Method;
    const bool get = request.method() == Method::Get || request.method() == Method::Head;
    if (get && request.resource() == "/metrics") {
      response.headers().add<Pistache::Http::Header::ContentType>("text/plain; version=0.0.4");
      response.send(Pistache::Http::Code::Ok, request.method() == Method::Head ? "" : metrics_->Render());
      return;
    }
    const HttpResponse none = ErrorResponse(ApiError::kNoRoute, "this listener serves GET /metrics only");
    response.headers().add<Pistache::Http::Header::ContentType>("application/json");
    response.send(static_cast<Pistache::Http::Code>(none.status), none.body);
  }

 private:
  Metrics* metrics_;
};

}  // namespace

media::Result<ListenAddress> ListenAddress::ParseLoopback(const std::string& text) {
  auto bad = [&text](const std::string& why) {
    return media::Status::InvalidArgument("--metrics-listen '" + text + "': " + why);
  };
  std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return bad("give HOST:PORT, e.g. 127.0.0.1:9100");
  std::string host = text.substr(0, colon), port = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  auto address = IpAddress::Parse(host);
  if (!address) return bad("the host must be an IP address");
  static const IpNetwork kLoopback4 = IpNetwork::Parse("127.0.0.0/8").value();
  static const IpNetwork kLoopback6 = IpNetwork::Parse("::1").value();
  if (!kLoopback4.Contains(*address) && !kLoopback6.Contains(*address)) {
    return bad("metrics are served without credentials, so only on a loopback address (127.0.0.1, ::1)");
  }
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(port) > 65535) {
    return bad("the port must be a number from 0 to 65535");
  }
  return ListenAddress{address->ToString(), std::stoi(port)};
}

MetricsListener::MetricsListener(Metrics* metrics, ListenAddress address)
    : metrics_(metrics), address_(std::move(address)) {}

MetricsListener::~MetricsListener() { Shutdown(); }

media::Status MetricsListener::Start() {
  try {
    Pistache::Address address(address_.host, Pistache::Port(static_cast<std::uint16_t>(address_.port)));
    endpoint_ = std::make_unique<Pistache::Http::Endpoint>(address);
    endpoint_->init(Pistache::Http::Endpoint::options().threads(1).flags(Pistache::Tcp::Options::ReuseAddr));
    endpoint_->setHandler(Pistache::Http::make_handler<MetricsHandler>(metrics_));
    endpoint_->serveThreaded();
  } catch (const std::exception& e) {
    endpoint_.reset();
    return media::Status::IOError("cannot listen for metrics on " + address_.host + ":" +
                                  std::to_string(address_.port) + ": " + e.what());
  }
  return media::Status::OK();
}

std::uint16_t MetricsListener::port() const {
  return endpoint_ ? static_cast<std::uint16_t>(endpoint_->getPort()) : 0;
}

void MetricsListener::Shutdown() {
  if (!endpoint_) return;
  endpoint_->shutdown();
  endpoint_.reset();
}

}  // namespace gallery::http
