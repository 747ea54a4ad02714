// `gallery serve --metrics-listen 127.0.0.1:PORT`: GET /metrics on a
// listener of its own, for a scraper on the same machine. It answers
// without credentials, so it binds only loopback addresses (127.0.0.0/8,
// ::1); everything else it is asked is a JSON 404. The main port then
// answers /metrics with 404.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "http/metrics.h"
#include "media/status.h"


namespace gallery::http {

class Listener;

struct ListenAddress {
  std::string host;  // "127.0.0.1", "::1"
  int port = 0;      // 0: any free port

  // "HOST:PORT" or "[V6]:PORT" with a loopback HOST and PORT 0..65535;
  // InvalidArgument naming `text` and the reason otherwise.
  static media::Result<ListenAddress> ParseLoopback(const std::string& text);
};

class MetricsListener {
 public:
  // `metrics` is not owned and must outlive the listener.
  MetricsListener(Metrics* metrics, ListenAddress address);
  ~MetricsListener();
  MetricsListener(const MetricsListener&) = delete;
  MetricsListener& operator=(const MetricsListener&) = delete;

  // Binds and serves on one background thread; IOError naming the address
  // when it cannot be bound.
  media::Status Start();
  std::uint16_t port() const;
  void Shutdown();

 private:
  Metrics* metrics_;
  ListenAddress address_;
  std::unique_ptr<Listener> listener_;
};

}  // namespace gallery::http
