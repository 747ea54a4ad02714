// The server's side of a TCP connection, on the network library's public TCP
// interface (a Tcp::Handler: bytes in, connections opened and closed). Each
// connection reads its requests with one RequestParser and writes its answers
// through one writer; the server decides what the answers are.
//
// Writing: an answer is written to the socket at once, from whichever thread
// made it, when nothing of the connection waits in the library's write queue
// (the queue costs a wake-up of the connection's thread per answer); what the
// socket does not take goes through the queue, and so does every later
// answer until the queue has sent it. Streamed bodies wait for the socket to
// take each piece (back-pressure).
//
// Answers keep the order of requests: while an answer is made on another
// thread (a deferred job, a stream), bytes that come on the connection are
// dropped, not read; that answer is then sent with Connection: close and the
// connection ends (only a client that pipelines sends before its answer).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include <pistache/listener.h>
#include <pistache/tcp.h>

#include "http/request_parser.h"
#include "media/status.h"

namespace Pistache::Tcp {
class Peer;
}

namespace gallery::http {

struct ConnectionLimits {
  RequestLimits request;
  int max_connections = 0;              // 0: no cap
  int max_connections_per_address = 0;  // open connections from one client address; 0: no cap
  // A request's head must be whole within header_timeout of the connection's
  // opening or the previous answer, the whole request within body_timeout.
  std::chrono::milliseconds header_timeout{std::chrono::seconds(30)};
  std::chrono::milliseconds body_timeout{std::chrono::seconds(900)};
};

class Connection;

// What the server does with a connection's requests and refusals.
struct ConnectionCallbacks {
  RequestParser::Judge judge;           // may be empty
  RequestParser::BodyLimit body_limit;  // may be empty
  // Answers `request` (on the connection's thread), through `connection`.
  std::function<void(const std::shared_ptr<Connection>& connection, ParsedRequest request)> answer;
  // Told of each answer written here (refusals, 408, 503) with its status,
  // size and what it was, in words ("(refused from the request head)").
  std::function<void(int status, std::size_t bytes, const char* what)> answered;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(const std::shared_ptr<Pistache::Tcp::Peer>& peer,
             std::shared_ptr<const ConnectionLimits> limits,
             std::shared_ptr<const ConnectionCallbacks> callbacks);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // The client's address ("127.0.0.1", "::1").
  const std::string& address() const { return address_; }

  // Writes a whole answer, made by `serialize` (told whether it is the
  // connection's last: `last`, or input was dropped while it was made), and
  // ends the connection after it when last. Ends a HoldInput. Any thread.
  // False when the client is gone.
  bool Send(const std::function<std::string(bool last)>& serialize, bool last);
  // Writes `bytes` and returns once the socket took them; waits while the
  // client does not read, up to two minutes without progress. False when
  // the client is gone, `stop` is set or the wait ran out. For the thread
  // of a stream, between HoldInput and EndHold.
  bool SendAndWait(std::string_view bytes, const std::atomic<bool>& stop);

  // The request just read is answered later, from another thread: bytes
  // that come meanwhile are dropped. Called on the connection's thread.
  void HoldInput();
  // Ends HoldInput after an answer written with SendAndWait; the connection
  // ends when `last` or input was dropped meanwhile.
  void EndHold(bool last);

  // Called by the handler, on the connection's thread.
  void OnInput(std::string_view bytes);
  void OnClosed();
  // Closes the connection when it waited past its time limit (408 when a
  // request was begun, or none was ever made). Any thread.
  void CheckTimeout(std::chrono::steady_clock::time_point now);
  bool closed() const;

  // Writes `response` with Connection: close and stops reading; `what` is
  // logged.
  void Refuse(const HttpResponse& response, const char* what);

 private:
  // Each with mu_ held.
  bool WriteLocked(std::string bytes);
  void ShutdownLocked(int how);
  // Stops reading and shuts the socket `how` once the queue is sent.
  void EndLocked(int how);
  // Writes `response` closing and ends the connection; the bytes written
  // (0 when it was already ending).
  std::size_t RefuseLocked(const HttpResponse& response);

  std::weak_ptr<Pistache::Tcp::Peer> peer_;
  int fd_;
  std::string address_;
  std::shared_ptr<const ConnectionLimits> limits_;
  std::shared_ptr<const ConnectionCallbacks> callbacks_;
  RequestParser parser_;  // the connection's thread only

  mutable std::mutex mu_;
  std::condition_variable drained_;  // queued_ fell to 0, or the connection closed
  bool closed_ = false;      // the library closed the socket: never touch fd_ again
  bool closing_ = false;     // answered for the last time; input is dropped
  bool busy_ = false;        // the connection's thread is reading or answering
  bool holding_ = false;     // an answer is made elsewhere; input is dropped
  bool dropped_ = false;     // input came while holding_
  bool answered_once_ = false;
  int end_how_ = -1;         // shut the socket so once the queue is sent
  int queued_ = 0;           // writes in the library's queue not yet sent
  RequestParser::Stage stage_ = RequestParser::Stage::kIdle;
  // The start of the wait for the next request: the opening, or the last answer.
  std::chrono::steady_clock::time_point since_;
  std::chrono::steady_clock::time_point closing_since_;
};

// The connections the server has open: counted (in all and per address)
// and checked for time limits by the server.
class ConnectionSet {
 public:
  ConnectionSet(ConnectionLimits limits, ConnectionCallbacks callbacks);
  // Registers a new connection; nullptr (after answering 503 and closing)
  // when it is over a cap.
  std::shared_ptr<Connection> Open(const std::shared_ptr<Pistache::Tcp::Peer>& peer);
  void Close(const std::shared_ptr<Connection>& connection);
  // Applies the time limits to every open connection.
  void CheckTimeouts();
  std::size_t size() const;

 private:
  std::shared_ptr<const ConnectionLimits> limits_;
  std::shared_ptr<const ConnectionCallbacks> callbacks_;
  struct Entry {
    std::shared_ptr<Connection> connection;
    bool counted = false;  // counts against the caps (not refused for them)
  };
  mutable std::mutex mu_;
  std::unordered_map<const Connection*, Entry> open_;
  int counted_ = 0;
  std::unordered_map<std::string, int> per_address_;
};

// A listening socket and its connections: the library's TCP listener with
// one handler per network thread, all feeding one ConnectionSet, and a
// thread of its own applying the time limits. Start and Shutdown are
// called from one thread.
class Listener {
 public:
  Listener() = default;
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  // Binds `host`:`port` (0: any free port) and serves on `threads` network
  // threads. IOError naming the address when it cannot be bound.
  media::Status Start(const std::string& host, int port, int threads, ConnectionLimits limits,
                      ConnectionCallbacks callbacks);
  std::uint16_t port() const;
  // Stops the time limits' thread and the library's listener (which closes
  // every connection); joins their threads.
  void Shutdown();

 private:
  std::shared_ptr<ConnectionSet> connections_;
  std::unique_ptr<Pistache::Tcp::Listener> listener_;
  std::mutex mu_;
  std::condition_variable stop_changed_;
  bool stop_ = false;
  std::thread timer_;
};

}  // namespace gallery::http
