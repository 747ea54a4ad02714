#include "http/connection.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>

#include <pistache/peer.h>

namespace gallery::http {

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kConnectionKey = "gallery.connection";
constexpr int kMaxStallMs = 120000;  // a stream waits this long for a client that reads nothing
constexpr int kPollMs = 500;

}  // namespace

Connection::Connection(const std::shared_ptr<Pistache::Tcp::Peer>& peer,
                       std::shared_ptr<const ConnectionLimits> limits,
                       std::shared_ptr<const ConnectionCallbacks> callbacks)
    : peer_(peer),
      fd_(peer->fd()),
      address_(peer->address().host()),
      limits_(std::move(limits)),
      callbacks_(std::move(callbacks)),
      parser_(limits_->request, callbacks_->judge, callbacks_->body_limit),
      since_(Clock::now()) {}

bool Connection::closed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return closed_;
}

bool Connection::WriteLocked(std::string bytes) {
  if (closed_) return false;
  std::size_t done = 0;
  if (queued_ == 0) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return false;
    done = n > 0 ? static_cast<std::size_t>(n) : 0;
    if (done == bytes.size()) return true;
  }
  std::shared_ptr<Pistache::Tcp::Peer> peer = peer_.lock();
  if (!peer) return false;
  // The rest goes through the library's queue, which writes it when the
  // socket has room; later bytes follow it there until it is sent.
  bytes.erase(0, done);
  const std::size_t size = bytes.size();
  ++queued_;
  std::weak_ptr<Connection> self = weak_from_this();
  auto sent = [self] {
    auto connection = self.lock();
    if (!connection) return;
    std::lock_guard<std::mutex> lock(connection->mu_);
    if (--connection->queued_ > 0) return;
    connection->drained_.notify_all();
    if (connection->end_how_ >= 0) connection->ShutdownLocked(connection->end_how_);
  };
  peer->send(Pistache::RawBuffer(std::move(bytes), size))
      .then([sent](ssize_t) { sent(); }, [sent](std::exception_ptr) { sent(); });
  return true;
}

void Connection::ShutdownLocked(int how) {
  if (!closed_) ::shutdown(fd_, how);
}

void Connection::EndLocked(int how) {
  if (!closing_) closing_since_ = Clock::now();
  closing_ = true;
  if (queued_ == 0) {
    ShutdownLocked(how);
  } else {
    end_how_ = how;
  }
}

bool Connection::Send(const std::function<std::string(bool last)>& serialize, bool last) {
  std::lock_guard<std::mutex> lock(mu_);
  last = last || dropped_;
  holding_ = false;
  dropped_ = false;
  answered_once_ = true;
  since_ = Clock::now();
  bool written = WriteLocked(serialize(last));
  if (last) EndLocked(SHUT_WR);
  return written;
}

bool Connection::SendAndWait(std::string_view bytes, const std::atomic<bool>& stop) {
  std::unique_lock<std::mutex> lock(mu_);
  int stalled_ms = 0;
  // What the library's queue holds goes first.
  while (queued_ > 0 && !closed_ && !stop) {
    if (drained_.wait_for(lock, std::chrono::milliseconds(kPollMs)) == std::cv_status::timeout &&
        (stalled_ms += kPollMs) >= kMaxStallMs) {
      return false;
    }
  }
  while (!bytes.empty()) {
    if (closed_ || stop || stalled_ms >= kMaxStallMs) return false;
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      stalled_ms = 0;
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return false;
    // Waits for room without the lock (the library may close the socket
    // meanwhile: closed_ is checked again before the next write).
    lock.unlock();
    pollfd p{fd_, POLLOUT, 0};
    ::poll(&p, 1, kPollMs);
    lock.lock();
    stalled_ms += kPollMs;
  }
  return true;
}

void Connection::HoldInput() {
  std::lock_guard<std::mutex> lock(mu_);
  holding_ = true;
}

void Connection::EndHold(bool last) {
  std::lock_guard<std::mutex> lock(mu_);
  last = last || dropped_;
  holding_ = false;
  dropped_ = false;
  answered_once_ = true;
  since_ = Clock::now();
  if (last) EndLocked(SHUT_WR);
}

void Connection::Refuse(const HttpResponse& response, const char* what) {
  std::size_t size = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    size = RefuseLocked(response);
  }
  if (size > 0 && callbacks_->answered) callbacks_->answered(response.status, size, what);
}

std::size_t Connection::RefuseLocked(const HttpResponse& response) {
  if (closed_ || closing_) return 0;
  std::string bytes = SerializeClosingResponse(response);
  const std::size_t size = bytes.size();
  WriteLocked(std::move(bytes));
  // Both ways at once: the kernel keeps the answer for the client, and the
  // library reads only what it already holds before it sees the end.
  EndLocked(SHUT_RDWR);
  return size;
}

void Connection::OnInput(std::string_view bytes) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_ || closing_) return;
    if (holding_) {
      dropped_ = true;
      return;
    }
    busy_ = true;
  }
  std::vector<ParserEvent> events = parser_.Feed(bytes);
  const RequestParser::Stage stage = parser_.stage();
  for (std::size_t i = 0; i < events.size(); ++i) {
    ParserEvent& event = events[i];
    if (event.kind == ParserEvent::kRefuse) {
      Refuse(event.response, "(refused from the request head)");
      break;
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (closed_ || closing_) break;
      if (holding_) {
        // The answer before this one is being made elsewhere: this request
        // is dropped, and that answer ends the connection.
        dropped_ = true;
        break;
      }
      if (event.kind == ParserEvent::kContinue) {
        WriteLocked("HTTP/1.1 100 Continue\r\n\r\n");
        continue;
      }
    }
    callbacks_->answer(shared_from_this(), std::move(event.request));
  }
  std::lock_guard<std::mutex> lock(mu_);
  busy_ = false;
  stage_ = stage;
}

void Connection::OnClosed() {
  std::lock_guard<std::mutex> lock(mu_);
  closed_ = true;
  drained_.notify_all();
}

void Connection::CheckTimeout(Clock::time_point now) {
  std::size_t size = 0;
  HttpResponse timeout;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_ || busy_ || holding_) return;
    if (closing_) {
      // A client that does not close after its last answer.
      if (now - closing_since_ > limits_->header_timeout) ShutdownLocked(SHUT_RDWR);
      return;
    }
    const bool body = stage_ == RequestParser::Stage::kBody;
    if (now - since_ < (body ? limits_->body_timeout : limits_->header_timeout)) return;
    if (stage_ == RequestParser::Stage::kIdle && answered_once_) {
      EndLocked(SHUT_RDWR);  // an idle kept-alive connection: closed without a word
      return;
    }
    timeout = ErrorResponse(ApiError::kRequestTimeout,
                            body ? "the request was not whole within the time limit"
                                 : "the request head did not come within the time limit");
    size = RefuseLocked(timeout);
  }
  if (size > 0 && callbacks_->answered) callbacks_->answered(timeout.status, size, "(timed out)");
}

ConnectionSet::ConnectionSet(ConnectionLimits limits, ConnectionCallbacks callbacks)
    : limits_(std::make_shared<const ConnectionLimits>(std::move(limits))),
      callbacks_(std::make_shared<const ConnectionCallbacks>(std::move(callbacks))) {}

std::shared_ptr<Connection> ConnectionSet::Open(const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  auto connection = std::make_shared<Connection>(peer, limits_, callbacks_);
  std::string refusal;
  {
    std::lock_guard<std::mutex> lock(mu_);
    int& from_address = per_address_[connection->address()];
    if (limits_->max_connections > 0 && counted_ >= limits_->max_connections) {
      refusal = "the server has " + std::to_string(limits_->max_connections) +
                " connections open, its limit; try again shortly";
    } else if (limits_->max_connections_per_address > 0 &&
               from_address >= limits_->max_connections_per_address) {
      refusal = "your address has " + std::to_string(limits_->max_connections_per_address) +
                " connections open, the limit per address; try again shortly";
    }
    open_[connection.get()] = Entry{connection, refusal.empty()};
    if (refusal.empty()) {
      ++counted_;
      ++from_address;
    } else if (from_address == 0) {
      per_address_.erase(connection->address());
    }
  }
  if (!refusal.empty()) connection->Refuse(BusyResponse(refusal, 1), "(over the connection limit)");
  return connection;
}

void ConnectionSet::Close(const std::shared_ptr<Connection>& connection) {
  connection->OnClosed();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = open_.find(connection.get());
  if (it == open_.end()) return;
  if (it->second.counted) {
    --counted_;
    auto from = per_address_.find(connection->address());
    if (from != per_address_.end() && --from->second <= 0) per_address_.erase(from);
  }
  open_.erase(it);
}

void ConnectionSet::CheckTimeouts() {
  std::vector<std::shared_ptr<Connection>> all;
  {
    std::lock_guard<std::mutex> lock(mu_);
    all.reserve(open_.size());
    for (const auto& [key, entry] : open_) all.push_back(entry.connection);
  }
  const auto now = Clock::now();
  for (const auto& connection : all) connection->CheckTimeout(now);
}

std::size_t ConnectionSet::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return open_.size();
}

namespace {

// The library's handler of TCP connections: one clone per network thread.
class ConnectionHandler : public Pistache::Tcp::Handler {
 public:
  explicit ConnectionHandler(std::shared_ptr<ConnectionSet> connections)
      : connections_(std::move(connections)) {}

  std::shared_ptr<Pistache::Tcp::Handler> clone() const override {
    return std::make_shared<ConnectionHandler>(connections_);
  }
  void onConnection(const std::shared_ptr<Pistache::Tcp::Peer>& peer) override {
    peer->putData(kConnectionKey, connections_->Open(peer));
  }
  void onDisconnection(const std::shared_ptr<Pistache::Tcp::Peer>& peer) override {
    if (auto connection = Of(peer)) connections_->Close(connection);
  }
  void onInput(const char* buffer, size_t len, const std::shared_ptr<Pistache::Tcp::Peer>& peer) override {
    if (auto connection = Of(peer)) connection->OnInput(std::string_view(buffer, len));
  }

 private:
  static std::shared_ptr<Connection> Of(const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
    return std::static_pointer_cast<Connection>(peer->tryGetData(kConnectionKey));
  }

  std::shared_ptr<ConnectionSet> connections_;
};

}  // namespace

Listener::~Listener() { Shutdown(); }

media::Status Listener::Start(const std::string& host, int port, int threads, ConnectionLimits limits,
                              ConnectionCallbacks callbacks) {
  connections_ = std::make_shared<ConnectionSet>(std::move(limits), std::move(callbacks));
  try {
    Pistache::Address address(host, Pistache::Port(static_cast<std::uint16_t>(port)));
    listener_ = std::make_unique<Pistache::Tcp::Listener>(address);
    listener_->init(static_cast<std::size_t>(threads),
                    Pistache::Flags<Pistache::Tcp::Options>(Pistache::Tcp::Options::ReuseAddr));
    listener_->setHandler(std::make_shared<ConnectionHandler>(connections_));
    listener_->bind();
    listener_->runThreaded();
  } catch (const std::exception& e) {
    listener_.reset();
    return media::Status::IOError("cannot listen on " + host + ":" + std::to_string(port) + ": " + e.what());
  }
  timer_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_) {
      stop_changed_.wait_for(lock, std::chrono::milliseconds(100));
      lock.unlock();
      connections_->CheckTimeouts();
      lock.lock();
    }
  });
  return media::Status::OK();
}

std::uint16_t Listener::port() const {
  return listener_ ? static_cast<std::uint16_t>(listener_->getPort()) : 0;
}

void Listener::Shutdown() {
  if (!listener_) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    stop_changed_.notify_all();
  }
  if (timer_.joinable()) timer_.join();
  listener_->shutdown();
  listener_.reset();
}

}  // namespace gallery::http
