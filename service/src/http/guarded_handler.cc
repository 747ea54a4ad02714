#include "http/guarded_handler.h"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include <pistache/peer.h>

namespace gallery::http {

namespace {

// Tcp::Handler::associateTransport is private to the library's transport,
// which calls it only on the handler it was given (this one). The router's
// handler must write through the same transport, so its pointer to the
// member is taken the one way the language allows: an explicit
// instantiation, where access is not checked.
using AttachFn = void (Pistache::Tcp::Handler::*)(Pistache::Tcp::Transport*);
struct AttachTag {
  friend AttachFn AttachMember(AttachTag);
};
template <AttachFn Member>
struct AttachAccess {
  friend AttachFn AttachMember(AttachTag) { return Member; }
};
template struct AttachAccess<&Pistache::Tcp::Handler::associateTransport>;

constexpr const char* kStateKey = "gallery.connection";
constexpr auto kLingerAfterRefusal = std::chrono::seconds(1);

// Writes all of `bytes` on a fresh or idle socket (a short answer fits its
// buffer; waits at most a second otherwise). False when the peer is gone.
bool WriteSmall(int fd, const std::string& bytes) {
  std::size_t done = 0;
  for (int tries = 0; done < bytes.size() && tries < 100; ++tries) {
    ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
    } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      return false;
    } else {
      pollfd p{fd, POLLOUT, 0};
      ::poll(&p, 1, 10);
    }
  }
  return done == bytes.size();
}

}  // namespace

// Open connections per client address, shared by the handler's clones.
struct GuardedHandler::AddressCounts {
  std::mutex mu;
  std::unordered_map<std::string, int> open;

  // Counts one more connection from `address`; the count with it.
  int Add(const std::string& address) {
    std::lock_guard<std::mutex> lock(mu);
    return ++open[address];
  }
  void Remove(const std::string& address) {
    std::lock_guard<std::mutex> lock(mu);
    auto it = open.find(address);
    if (it != open.end() && --it->second <= 0) open.erase(it);
  }
};

// A connection's state, kept with the library's peer. It holds one of the
// open connections from its creation until Release or its destruction (the
// library's request time limit drops peers without a disconnection call).
struct GuardedHandler::PeerState {
  PeerState(const ConnectionLimits& limits, std::shared_ptr<std::atomic<int>> open,
            std::shared_ptr<AddressCounts> per_address, std::string address)
      : gate(limits.gate, limits.judge, limits.body_limit),
        open_(std::move(open)),
        per_address_(std::move(per_address)),
        address_(std::move(address)) {
    count_ = ++*open_;
    address_count_ = per_address_->Add(address_);
  }
  ~PeerState() { Release(); }
  PeerState(const PeerState&) = delete;
  PeerState& operator=(const PeerState&) = delete;

  // The number of open connections counting this one, when it was opened:
  // in all, and from its client's address.
  int count() const { return count_; }
  int address_count() const { return address_count_; }
  // This connection no longer counts as open (idempotent; with `mu` held
  // once other threads may see the state).
  void Release() {
    if (counted_) {
      --*open_;
      per_address_->Remove(address_);
    }
    counted_ = false;
  }

  RequestGate gate;  // used on the connection's thread only
  // Also set from the thread of a PendingAnswer, hence the lock.
  std::mutex mu;
  bool closing = false;  // answered for the last time; input is dropped
  std::chrono::steady_clock::time_point closing_since;
  bool answer_pending = false;  // a PendingAnswer is open: input is dropped
  bool dropped = false;         // input came while it was
  bool queued = false;          // an answer went through the library (NoteQueuedAnswer)

  // Stops reading for good (called with `mu` held).
  void StartClosing() {
    closing = true;
    closing_since = std::chrono::steady_clock::now();
    Release();  // a closing connection no longer counts against the cap
  }

 private:
  std::shared_ptr<std::atomic<int>> open_;
  std::shared_ptr<AddressCounts> per_address_;
  std::string address_;
  int count_ = 0;
  int address_count_ = 0;
  bool counted_ = true;
};

std::shared_ptr<GuardedHandler::PeerState> GuardedHandler::StateOf(
    const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  return std::static_pointer_cast<PeerState>(peer->tryGetData(kStateKey));
}

GuardedHandler::GuardedHandler(std::shared_ptr<Pistache::Rest::Private::RouterHandler> router,
                               ConnectionLimits limits)
    : router_(std::move(router)),
      limits_(std::move(limits)),
      open_(std::make_shared<std::atomic<int>>(0)),
      per_address_(std::make_shared<AddressCounts>()) {}

GuardedHandler::GuardedHandler(const GuardedHandler& other)
    : Pistache::Http::Handler(other),
      router_(std::static_pointer_cast<Pistache::Rest::Private::RouterHandler>(other.router_->clone())),
      limits_(other.limits_),
      open_(other.open_),
      per_address_(other.per_address_) {}

std::shared_ptr<Pistache::Tcp::Handler> GuardedHandler::clone() const {
  return std::make_shared<GuardedHandler>(*this);
}

void GuardedHandler::onRequest(const Pistache::Http::Request& request,
                               Pistache::Http::ResponseWriter response) {
  router_->onRequest(request, std::move(response));
}

void GuardedHandler::onConnection(const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  if (!attached_) {
    (static_cast<Pistache::Tcp::Handler&>(*router_).*AttachMember(AttachTag{}))(transport());
    router_->setMaxRequestSize(getMaxRequestSize());
    router_->setMaxResponseSize(getMaxResponseSize());
    attached_ = true;
  }
  Inner().onConnection(peer);  // the request parser of this connection
  auto state = std::make_shared<PeerState>(limits_, open_, per_address_, peer->address().host());
  peer->putData(kStateKey, state);
  if (limits_.max_connections > 0 && state->count() > limits_.max_connections) {
    Close(peer, *state,
          BusyResponse("the server has " + std::to_string(limits_.max_connections) +
                           " connections open, its limit; try again shortly",
                       1));
  } else if (limits_.max_connections_per_address > 0 &&
             state->address_count() > limits_.max_connections_per_address) {
    Close(peer, *state,
          BusyResponse("your address has " + std::to_string(limits_.max_connections_per_address) +
                           " connections open, the limit per address; try again shortly",
                       1));
  }
}

void GuardedHandler::onDisconnection(const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  if (auto state = StateOf(peer)) {
    std::lock_guard<std::mutex> lock(state->mu);
    state->Release();
  }
  Inner().onDisconnection(peer);
}

void GuardedHandler::onInput(const char* buffer, size_t len,
                             const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  auto state = StateOf(peer);
  if (!state) return Inner().onInput(buffer, len, peer);
  // True (and the input dropped) while a request of this connection awaits
  // its answer from another thread, or once it is closing.
  auto holding = [&] {
    std::lock_guard<std::mutex> lock(state->mu);
    if (state->answer_pending) {
      state->dropped = true;
      return true;
    }
    if (state->closing &&
        std::chrono::steady_clock::now() - state->closing_since > kLingerAfterRefusal) {
      ::shutdown(peer->fd(), SHUT_RD);  // the next read sees the end: the library closes
    }
    return state->closing;
  };
  if (holding()) return;
  for (GateAction& action : state->gate.Feed(std::string_view(buffer, len))) {
    if (holding()) return;  // the request just forwarded is answered later
    switch (action.kind) {
      case GateAction::kForward:
        Inner().onInput(action.bytes.data(), action.bytes.size(), peer);
        break;
      case GateAction::kContinue:
        WriteSmall(peer->fd(), "HTTP/1.1 100 Continue\r\n\r\n");
        break;
      case GateAction::kRefuse:
        Close(peer, *state, action.response);
        return;
    }
  }
}

void GuardedHandler::Close(const std::shared_ptr<Pistache::Tcp::Peer>& peer, PeerState& state,
                           const HttpResponse& response) {
  std::string bytes = SerializeClosingResponse(response);
  WriteSmall(peer->fd(), bytes);
  if (limits_.answered) limits_.answered(response.status, bytes.size());
  // Both ways at once: the kernel keeps the answer for the client, and the
  // library reads only what is already queued before it sees the end.
  ::shutdown(peer->fd(), SHUT_RDWR);
  std::lock_guard<std::mutex> lock(state.mu);
  state.StartClosing();
}

PendingAnswer::PendingAnswer(const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  if (!peer) return;
  auto state = GuardedHandler::StateOf(peer);
  if (!state) return;
  std::lock_guard<std::mutex> lock(state->mu);
  state->answer_pending = true;
  state_ = std::move(state);
}

bool PendingAnswer::Finish() {
  if (!state_) return false;
  auto& state = *std::static_pointer_cast<GuardedHandler::PeerState>(state_);
  std::lock_guard<std::mutex> lock(state.mu);
  state.answer_pending = false;
  if (state.dropped) state.StartClosing();
  return state.dropped;
}

DirectWrite WriteAnswerNow(const std::shared_ptr<Pistache::Tcp::Peer>& peer, const std::string& bytes) {
  auto state = GuardedHandler::StateOf(peer);
  if (!state) return DirectWrite::kNotAllowed;
  std::lock_guard<std::mutex> lock(state->mu);
  if (state->queued) return DirectWrite::kNotAllowed;
  ssize_t n = ::send(peer->fd(), bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return DirectWrite::kGone;
  std::size_t done = n > 0 ? static_cast<std::size_t>(n) : 0;
  if (done < bytes.size()) {
    state->queued = true;
    peer->send(Pistache::RawBuffer(bytes.substr(done), bytes.size() - done));
  }
  // As the library marks a connection whose answer it wrote: one that then
  // idles past the time limit is closed without a 408.
  peer->setIdle(true);
  return DirectWrite::kWritten;
}

void NoteQueuedAnswer(const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  if (!peer) return;
  auto state = GuardedHandler::StateOf(peer);
  if (!state) return;
  std::lock_guard<std::mutex> lock(state->mu);
  state->queued = true;
}

}  // namespace gallery::http
