// Bounded input, refused early: a JSON body is at most 1 MiB (413 from the
// head, or while a chunked body is counted) and 32 levels deep (400 before
// any parser builds it), and must be UTF-8; a request with a body on a
// route needing credentials gets its 401/403 from the head, the connection
// closed, with next to nothing of the body read; one client address holds
// at most --max-connections-per-address connections. Memory is the server
// process's own (/proc/PID/status VmRSS); what the server took of a refused
// body is counted by the client, which goes on sending after the answer
// until the connection refuses more.
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fixtures/api_fixture.h"
#include "raw_connection.h"

namespace http_test {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

// The value of `key` (a "Key: number" line) in /proc/`pid`/`file`, or -1.
long long ProcField(pid_t pid, const std::string& file, const std::string& key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/" + file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.compare(0, key.size() + 1, key + ":") == 0) return std::stoll(line.substr(key.size() + 1));
  }
  return -1;
}
long long RssKb(pid_t pid) { return ProcField(pid, "status", "VmRSS"); }

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// What one streamed request got.
struct Streamed {
  int status = 0;
  std::string code;        // the JSON error code, if any
  std::string message;
  std::string connection;  // the Connection header
  double answer_ms = -1;   // from the end of the head to the whole answer
  double after_body_ms = -1;  // from the body's last byte sent to the whole answer
  std::size_t sent_at_answer = 0;  // body bytes the client got into its socket by then
  // Body bytes the client got into its socket in all, trying on for
  // `keep_sending_ms` after the answer: what the server's kernel and process
  // took before the connection refused more (the client's own socket buffer
  // included).
  std::size_t sent = 0;
};

// Sends `head`, then up to `body_bytes` of `fill` as fast as the socket
// takes them, while reading the answer (its head and Content-Length body);
// after the answer goes on sending for `keep_sending_ms` or until the
// connection refuses. One thread, a non-blocking socket, `limit_ms` in all:
// bounded in time whatever the server does.
Streamed StreamRequest(int port, const std::string& head, std::size_t body_bytes, char fill,
                       int keep_sending_ms = 0, int limit_ms = 5000) {
  Streamed out;
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (fd < 0) return out;
  // A small send buffer of its own, so that what the client counts as sent
  // is mostly what the server's side took.
  int send_buffer = 64 << 10;
  ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &send_buffer, sizeof send_buffer);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  const std::string piece(64 << 10, fill);
  std::string pending = head, got;
  bool head_sent = false, answered = false, refused = false, closed = false;
  Clock::time_point head_done, answered_at, body_done;
  const auto deadline = Clock::now() + std::chrono::milliseconds(limit_ms);
  std::size_t need = std::string::npos;  // the whole answer's size once its head is read
  while (Clock::now() < deadline) {
    if (answered && (refused || MsSince(answered_at) > keep_sending_ms)) break;
    const bool more = !refused && (!pending.empty() || out.sent < body_bytes);
    pollfd p{fd, static_cast<short>((closed ? 0 : POLLIN) | (more ? POLLOUT : 0)), 0};
    if (::poll(&p, 1, 10) < 0) break;
    if ((p.revents & POLLIN) && !closed) {
      char buf[65536];
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) {
        closed = true;
        if (!answered) break;
        continue;
      }
      got.append(buf, static_cast<std::size_t>(n));
      std::size_t end = got.find("\r\n\r\n");
      if (end != std::string::npos && need == std::string::npos) {
        std::string length = HeaderOf(got.substr(0, end + 4), "Content-Length");
        need = end + 4 + (length.empty() ? 0 : std::stoul(length));
      }
      if (!answered && got.size() >= need) {
        answered = true;
        answered_at = Clock::now();
        out.answer_ms = head_sent ? MsSince(head_done) : 0;
        if (head_sent && out.sent == body_bytes) out.after_body_ms = MsSince(body_done);
        out.sent_at_answer = out.sent;
      }
      continue;
    }
    if (more && (p.revents & (POLLOUT | POLLERR | POLLHUP))) {
      if (pending.empty()) pending = piece.substr(0, std::min(piece.size(), body_bytes - out.sent));
      ssize_t n = ::send(fd, pending.data(), pending.size(), MSG_NOSIGNAL);
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        refused = true;  // the server closed: what it answered may still be readable
        continue;
      }
      if (n > 0) {
        if (head_sent) out.sent += static_cast<std::size_t>(n);
        pending.erase(0, static_cast<std::size_t>(n));
        if (head_sent && out.sent == body_bytes) body_done = Clock::now();
        if (!head_sent && pending.empty()) {
          head_sent = true;
          head_done = Clock::now();
        }
      }
    } else if (!more && closed) {
      break;
    }
  }
  ::close(fd);
  std::size_t end = got.find("\r\n\r\n");
  if (end == std::string::npos) return out;
  std::string answer_head = got.substr(0, end + 4);
  out.status = StatusOf(answer_head);
  out.connection = HeaderOf(answer_head, "Connection");
  json body = json::parse(got.substr(end + 4), nullptr, false);
  if (body.is_object()) {
    out.code = body.value("code", "");
    out.message = body.value("message", "");
  }
  return out;
}

std::string PostHead(const std::string& target, const std::string& type, std::size_t length,
                     const std::string& extra = "") {
  return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(length) + "\r\n" + extra + "\r\n";
}

class InputBoundsTest : public ApiTest {
 protected:
  void SetUp() override { StartServer(); }
};

TEST_F(InputBoundsTest, TwentyMegabytesOfNestingAreRefusedFromTheHeadWithBoundedMemory) {
  const pid_t pid = server_->pid();
  const long long rss_before = RssKb(pid);
  Streamed r = StreamRequest(port(), PostHead("/api/session", "application/json", 20u << 20),
                             20u << 20, '[', 1000);
  EXPECT_EQ(r.status, 413);
  EXPECT_LT(r.sent, 1u << 20) << "the server took that much of the body";
  EXPECT_EQ(r.code, "too_large") << r.message;
  EXPECT_NE(r.message.find("1048576"), std::string::npos) << r.message;
  EXPECT_EQ(r.connection, "close");
  EXPECT_GE(r.answer_ms, 0);
  EXPECT_LT(r.answer_ms, 100);
  const long long growth_kb = RssKb(pid) - rss_before;
  EXPECT_LE(growth_kb, 50 * 1024);
  std::printf("20 MB of '[': %d after %.1f ms; %zu body bytes taken; server RSS %+lld kB\n", r.status,
              r.answer_ms, r.sent, growth_kb);
  EXPECT_EQ(Get("/api/health").status, 200);
}

TEST_F(InputBoundsTest, AChunkedJsonBodyIsRefusedOnceItPassesOneMebibyte) {
  RawConnection conn(port());
  ASSERT_TRUE(conn.connected());
  ASSERT_TRUE(conn.Write("POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         "Transfer-Encoding: chunked\r\n\r\n"));
  std::string chunk = "40000\r\n" + std::string(0x40000, '[') + "\r\n";  // 256 KiB
  for (int i = 0; i < 5; ++i) {
    if (!conn.Write(chunk)) break;
  }
  std::string head = conn.ReadHead(3000);
  EXPECT_EQ(StatusOf(head), 413) << head;
  EXPECT_EQ(HeaderOf(head, "Connection"), "close") << head;
}

TEST_F(InputBoundsTest, OneMebibyteOfNestingIsRefusedNamingTheDepthLimit) {
  const pid_t pid = server_->pid();
  const long long rss_before = RssKb(pid);
  const std::size_t size = 1u << 20;  // the largest JSON body allowed
  auto start = Clock::now();
  Streamed r = StreamRequest(port(), PostHead("/api/session", "application/json", size), size, '[');
  const double total_ms = MsSince(start);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.code, "invalid_argument");
  EXPECT_NE(r.message.find("32"), std::string::npos) << r.message;
  // Within 100 ms of the body's last byte (sending 1 MiB itself takes what
  // the machine gives it).
  EXPECT_GE(r.after_body_ms, 0);
  EXPECT_LT(r.after_body_ms, 100);
  const long long growth_kb = RssKb(pid) - rss_before;
  EXPECT_LE(growth_kb, 50 * 1024);
  std::printf("1 MiB of '[': %d %.1f ms after the last byte, %.1f ms from the first; server RSS %+lld kB\n",
              r.status, r.after_body_ms, total_ms, growth_kb);
  // The same on an editor's write route.
  Reply edit = Send(port(), "PATCH", "/api/photos", Editor(), std::string(100, '[') + std::string(100, ']'));
  EXPECT_EQ(edit.status, 400) << edit.body;
  EXPECT_NE(edit.body.find("32"), std::string::npos) << edit.body;
}

TEST_F(InputBoundsTest, AJsonBodyOverOneMebibyteIsRefusedOnEveryNonUploadRoute) {
  for (std::string target : {"/api/albums", "/api/meetings", "/api/session"}) {
    SCOPED_TRACE(target);
    Streamed r = StreamRequest(port(),
                               PostHead(target, "application/json", (1u << 20) + 1,
                                        "Authorization: Bearer " + editor_ + "\r\n"),
                               (1u << 20) + 1, ' ');
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(r.code, "too_large");
  }
}

TEST_F(InputBoundsTest, InvalidUtf8InAJsonBodyIsRefused) {
  Headers h = Editor();
  h.emplace_back("Content-Type", "application/json");
  for (const std::string& bad : {std::string("\xC0\xAF"), std::string("\xED\xA0\x80"),
                                 std::string("\xF5\x80\x80\x80"), std::string("caf\xE9")}) {
    Reply r = Send(port(), "POST", "/api/albums", h, "{\"slug\": \"x\", \"title\": {\"en\": \"" + bad + "\"}}");
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(r.body.find("UTF-8"), std::string::npos) << r.body;
  }
  Reply login = Send(port(), "POST", "/api/session", {{"Content-Type", "application/json"}},
                     "{\"name\": \"\xFF\", \"password\": \"x\"}");
  EXPECT_EQ(login.status, 400) << login.body;
  EXPECT_NE(login.body.find("UTF-8"), std::string::npos) << login.body;
}

TEST_F(InputBoundsTest, AnAnonymousHundredMegabyteUploadGets401FromItsHead) {
  const pid_t pid = server_->pid();
  const long long rss_before = RssKb(pid);
  const std::size_t size = 100u << 20;
  // The client goes on sending for a second after the answer: a server that
  // read on (to drain the body) would take it all.
  Streamed r = StreamRequest(port(), PostHead("/api/photos", "image/jpeg", size), size, 'x', 1000);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.code, "unauthenticated");
  EXPECT_EQ(r.connection, "close");
  EXPECT_GE(r.answer_ms, 0);
  EXPECT_LT(r.answer_ms, 100);
  EXPECT_LT(r.sent, 1u << 20) << "the server took that much of the body";
  std::printf("anonymous 100 MB upload: %d after %.1f ms; body bytes taken: %zu by the answer, %zu in all; "
              "server RSS %+lld kB\n",
              r.status, r.answer_ms, r.sent_at_answer, r.sent, RssKb(pid) - rss_before);
  EXPECT_EQ(Get("/api/health").status, 200);
}

TEST_F(InputBoundsTest, FourConcurrentAnonymousUploadsAreAllRefusedFastWithBoundedMemory) {
  const pid_t pid = server_->pid();
  const long long rss_before = RssKb(pid);
  std::vector<Streamed> results(4);
  std::vector<std::thread> clients;
  for (Streamed& result : results) {
    clients.emplace_back([this, &result] {
      const std::size_t size = 100u << 20;
      result = StreamRequest(port(), PostHead("/api/photos", "image/jpeg", size), size, 'x', 1000);
    });
  }
  for (auto& t : clients) t.join();
  const long long growth_kb = RssKb(pid) - rss_before;
  for (const Streamed& r : results) {
    EXPECT_EQ(r.status, 401);
    EXPECT_GE(r.answer_ms, 0);
    EXPECT_LT(r.answer_ms, 500);
    EXPECT_LT(r.sent, 1u << 20);
    std::printf("concurrent anonymous upload: %d after %.1f ms, %zu body bytes taken\n", r.status, r.answer_ms,
                r.sent);
  }
  EXPECT_LE(growth_kb, 50 * 1024);
  std::printf("four concurrent anonymous 100 MB uploads: server RSS %+lld kB\n", growth_kb);
}

TEST_F(InputBoundsTest, BadCredentialsAndTooLowARoleAreRefusedFromTheHead) {
  struct Case {
    std::string target, credentials;
    int status;
    std::size_t size;  // within the route's body limit
  } cases[] = {
      {"/api/photos", "Authorization: Bearer not-a-token\r\n", 401, 50u << 20},
      {"/api/albums", "", 401, 1u << 20},
      {"/api/trash/1/restore", "Authorization: Bearer " + editor_ + "\r\n", 403, 1u << 20},  // admins only
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.target + " " + c.credentials);
    const std::size_t size = c.size;
    Streamed r = StreamRequest(port(), PostHead(c.target, "application/octet-stream", size, c.credentials),
                               size, 'x');
    EXPECT_EQ(r.status, c.status);
    EXPECT_EQ(r.connection, "close");
    EXPECT_GE(r.answer_ms, 0);
    EXPECT_LT(r.answer_ms, 100);
  }
  // With good credentials the same head goes on to its body.
  Reply ok = Send(port(), "POST", "/api/albums", {{"Authorization", "Bearer " + editor_},
                                                   {"Content-Type", "application/json"}},
                  "{\"slug\": \"fine\"}");
  EXPECT_EQ(ok.status, 201) << ok.body;
}

class PerAddressTest : public ApiTest {
 protected:
  void SetUp() override { StartServer({"--max-connections-per-address", "2"}); }
};

// Sends a GET on `conn` and reads the answer; its head.
std::string Roundtrip(RawConnection& conn) {
  if (!conn.Write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")) return "";
  std::string head = conn.ReadHead(5000);
  std::string length = HeaderOf(head, "Content-Length");
  if (!length.empty()) conn.ReadBody(std::stoul(length), 5000);
  return head;
}

TEST_F(PerAddressTest, OneAddressHoldsAtMostItsCapAndAnotherIsStillServed) {
  auto first = std::make_unique<RawConnection>(port(), 0, "127.0.0.1");
  RawConnection second(port(), 0, "127.0.0.1");
  ASSERT_TRUE(first->connected() && second.connected());
  ASSERT_EQ(StatusOf(Roundtrip(*first)), 200);
  ASSERT_EQ(StatusOf(Roundtrip(second)), 200);

  RawConnection third(port(), 0, "127.0.0.1");
  ASSERT_TRUE(third.connected());
  third.Write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  std::string head = third.ReadHead(3000);
  ASSERT_EQ(StatusOf(head), 503) << head;
  EXPECT_FALSE(HeaderOf(head, "Retry-After").empty()) << head;
  EXPECT_EQ(HeaderOf(head, "Connection"), "close") << head;
  json body = json::parse(third.ReadBody(std::stoul(HeaderOf(head, "Content-Length")), 2000), nullptr, false);
  EXPECT_EQ(body.value("code", ""), "busy");
  EXPECT_NE(body.value("message", "").find("per address"), std::string::npos) << body.dump();
  EXPECT_TRUE(third.ClosedWithin(3000));

  // Another loopback address is another client.
  RawConnection other(port(), 0, "127.0.0.2");
  ASSERT_TRUE(other.connected()) << "cannot connect from 127.0.0.2";
  EXPECT_EQ(StatusOf(Roundtrip(other)), 200);

  // Once one of the first two closes, the address is served again.
  first.reset();
  bool served = false;
  for (int i = 0; i < 30 && !served; ++i) {
    RawConnection again(port(), 0, "127.0.0.1");
    served = again.connected() && StatusOf(Roundtrip(again)) == 200;
    if (!served) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(served);
}

}  // namespace
}  // namespace http_test
