// The handler the endpoint's connections talk to: it counts open
// connections, in all and per client address (one over either cap gets a
// JSON 503 and is closed), passes each
// connection's bytes through a RequestGate (a refused request gets its JSON
// answer at once and the connection is closed without reading the body;
// `Expect: 100-continue` is answered), and hands the requests that pass to
// the router's handler, which parses and dispatches them as before.
//
// A request answered later from another thread (PendingAnswer) holds its
// connection: bytes that come before the answer are dropped, not parsed.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>

#include <pistache/http.h>
#include <pistache/router.h>

#include "http/request_gate.h"

namespace gallery::http {

struct ConnectionLimits {
  GateLimits gate;
  int max_connections = 0;  // 0: no cap
  int max_connections_per_address = 0;  // open connections from one client address; 0: no cap
  RequestGate::Judge judge;  // may refuse a request from its head; may be empty
  RequestGate::BodyLimit body_limit;  // the body limit of a head's route; may be empty
  // Told of each answer written here (refusals) with its status and size;
  // called on the connection's thread; may be empty.
  std::function<void(int status, std::size_t bytes)> answered;
};

// The connection of a request whose answer is sent later, from another
// thread (HttpResponse::deferred). Until Finish, bytes that come on the
// connection are dropped rather than parsed: only a client that pipelines
// sends before its answer, and no later answer may overtake this one. Such
// a connection must then get its answer with Connection: close, and is
// closed. Thread-safe.
class PendingAnswer {
 public:
  // Marks the request now being dispatched on `peer` (the HTTP thread's
  // current request) as answered later.
  explicit PendingAnswer(const std::shared_ptr<Pistache::Tcp::Peer>& peer);
  PendingAnswer(const PendingAnswer&) = delete;
  PendingAnswer& operator=(const PendingAnswer&) = delete;
  // Ends the wait; called once. True when bytes were dropped: the caller
  // then writes the answer, closing, itself, and the connection reads
  // nothing more.
  bool Finish();

 private:
  std::shared_ptr<void> state_;  // the connection's GuardedHandler::PeerState
};

// Writing an answer on the thread that reads its connection, straight to
// the socket: the library's write queue costs a wake-up of that thread and
// four system calls per answer, a third of the cost of a small cached
// answer. What the socket does not take at once goes through the queue, and
// so does every later answer of that connection, since the queue may still
// hold its bytes.
enum class DirectWrite {
  kWritten,     // all of it was written or handed to the queue in order
  kGone,        // the client is gone
  kNotAllowed,  // an answer of this connection went through the queue: use it
};
DirectWrite WriteAnswerNow(const std::shared_ptr<Pistache::Tcp::Peer>& peer, const std::string& bytes);
// Notes that an answer of `peer`'s connection is going through the library
// (its write queue, or another thread): WriteAnswerNow is not allowed after.
// Thread-safe.
void NoteQueuedAnswer(const std::shared_ptr<Pistache::Tcp::Peer>& peer);

// The endpoint clones one per HTTP thread; the clones share the count of
// open connections. Each connection's bytes arrive on one thread.
class GuardedHandler : public Pistache::Http::Handler {
 public:
  GuardedHandler(std::shared_ptr<Pistache::Rest::Private::RouterHandler> router,
                 ConnectionLimits limits);
  GuardedHandler(const GuardedHandler& other);

  std::shared_ptr<Pistache::Tcp::Handler> clone() const override;
  // Answers a parsed request through the router (the router's handler is
  // the one that parses, so this is called only if the library calls it).
  void onRequest(const Pistache::Http::Request& request,
                 Pistache::Http::ResponseWriter response) override;

 private:
  friend class PendingAnswer;
  friend DirectWrite WriteAnswerNow(const std::shared_ptr<Pistache::Tcp::Peer>&, const std::string&);
  friend void NoteQueuedAnswer(const std::shared_ptr<Pistache::Tcp::Peer>&);
  struct PeerState;
  // The state onConnection kept with `peer`; null for a peer it never saw.
  static std::shared_ptr<PeerState> StateOf(const std::shared_ptr<Pistache::Tcp::Peer>& peer);
  void onConnection(const std::shared_ptr<Pistache::Tcp::Peer>& peer) override;
  void onDisconnection(const std::shared_ptr<Pistache::Tcp::Peer>& peer) override;
  void onInput(const char* buffer, size_t len,
               const std::shared_ptr<Pistache::Tcp::Peer>& peer) override;
  // Writes `response` (closing) on the peer's socket and stops reading: the
  // socket is shut down both ways at once, so the library reads at most what
  // the kernel already holds and then closes it (data the client sends
  // later is answered with a reset by the kernel, after the answer, which
  // the client can still read). Input that still comes is dropped.
  void Close(const std::shared_ptr<Pistache::Tcp::Peer>& peer, PeerState& state,
             const HttpResponse& response);
  // The router's handler as the library's base class sees it.
  Pistache::Tcp::Handler& Inner() { return *router_; }

  std::shared_ptr<Pistache::Rest::Private::RouterHandler> router_;
  ConnectionLimits limits_;
  std::shared_ptr<std::atomic<int>> open_;  // shared by all clones
  struct AddressCounts;
  std::shared_ptr<AddressCounts> per_address_;  // shared by all clones
  bool attached_ = false;  // router_ writes through this handler's transport
};

}  // namespace gallery::http
