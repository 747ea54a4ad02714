#include "http/metrics_listener.h"

#include "http/client_address.h"
#include "http/connection.h"
#include "http/http_types.h"

namespace gallery::http {

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
    : metrics_(metrics), address_(std::move(address)), listener_(std::make_unique<Listener>()) {}

MetricsListener::~MetricsListener() { Shutdown(); }

media::Status MetricsListener::Start() {
  ConnectionCallbacks callbacks;
  callbacks.answer = [this](const std::shared_ptr<Connection>& connection, ParsedRequest request) {
    const std::string& method = request.head.method;
    const bool head_only = method == "HEAD";
    HttpResponse res;
    if ((method == "GET" || head_only) && request.head.target == "/metrics") {
      res.content_type = "text/plain; version=0.0.4";
      res.body = metrics_->Render();
    } else {
      res = ErrorResponse(ApiError::kNoRoute, "this listener serves GET /metrics only");
    }
    connection->Send([&](bool last) { return SerializeResponse(res, !last, head_only); }, request.http10);
  };
  media::Status started = listener_->Start(address_.host, address_.port, 1, ConnectionLimits{}, std::move(callbacks));
  if (!started.ok()) {
    return media::Status::IOError("metrics listener: " + started.message());
  }
  return started;
}

std::uint16_t MetricsListener::port() const { return listener_->port(); }

void MetricsListener::Shutdown() { listener_->Shutdown(); }

}  // namespace gallery::http
