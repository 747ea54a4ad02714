// Slow and idle clients: connections that send nothing, or a few bytes a
// second of a request head or body, are cut by the server (408) in about the
// time limits given on its command line (--header-timeout for the idle and
// the slow heads, --body-timeout for the slow bodies), while other clients
// keep being answered promptly; the server's open files return to where they
// were.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "fixtures/api_fixture.h"
#include "fixtures/http_client.h"
#include "reliability_util.h"

namespace reliability {
namespace {

using Clock = std::chrono::steady_clock;

// The server's limits on receiving a request's head and the whole request,
// as given on its command line, and how late a cut may come (the library
// looks for late requests about once a second).
constexpr auto kHeadLimit = std::chrono::seconds(2);
constexpr auto kRequestLimit = std::chrono::seconds(4);
constexpr auto kLate = std::chrono::milliseconds(2500);

int Connect(int port) { return http_test::ConnectLoopback(socket(AF_INET, SOCK_STREAM, 0), port); }

// Whether the server has closed `fd` (EOF or reset); what it answered
// before is appended to `received`.
bool ClosedByServer(int fd, std::string& received) {
  char buf[512];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 0) <= 0) return false;
    ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n <= 0) return true;
    received.append(buf, static_cast<std::size_t>(n));
  }
}

class SlowClientTest : public http_test::ApiTest {};

TEST_F(SlowClientTest, SlowAndIdleConnectionsAreCutWithoutStarvingOthers) {
  StartServer({"--header-timeout", std::to_string(kHeadLimit.count()), "--body-timeout",
               std::to_string(kRequestLimit.count())});
  // The probe's route once first. The catalog's pooled connections are
  // counted apart: a request head judged on an HTTP thread that had not read
  // the catalog yet opens that thread's connection, up to the pool's bound.
  for (int i = 0; i < 4; ++i) ASSERT_EQ(Get("/api/photos", Editor()).status, 200);
  const int fds_before = OpenFilesNaming(server_->pid(), "/catalog.db", false);
  struct Conn {
    int fd = -1;
    std::string trickle;  // sent four bytes a second; empty: idle
    bool body = false;    // the head was sent whole: the trickle is its body
    std::size_t sent = 0;
    bool closed = false;
    Clock::duration closed_after{};
    std::string received;
  };
  std::vector<Conn> conns;
  const std::string head = "GET /api/photos HTTP/1.1\r\nHost: x\r\nX-Pad: " + std::string(200, 'a');
  const std::string body_head =
      "POST /api/photos HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + editor_ +
      "\r\nContent-Type: image/jpeg\r\nX-Filename: slow.jpg\r\nContent-Length: 100000\r\n\r\n";
  for (int i = 0; i < 60; ++i) {
    int fd = Connect(port());
    ASSERT_GE(fd, 0);
    Conn c;
    c.fd = fd;
    if (i % 3 == 1) c.trickle = head;
    if (i % 3 == 2) {
      ASSERT_EQ(send(fd, body_head.data(), body_head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(body_head.size()));
      c.trickle = std::string(200, 'x');
      c.body = true;
    }
    conns.push_back(std::move(c));
  }
  const auto started = Clock::now();
  long worst_ms = 0;
  int probes = 0, failed = 0;
  std::size_t open = conns.size();
  while (open > 0 && Clock::now() - started < kRequestLimit + kLate + kLate) {
    for (Conn& c : conns) {
      if (c.closed) continue;
      if (c.sent < c.trickle.size() && send(c.fd, &c.trickle[c.sent], 1, MSG_NOSIGNAL) == 1) ++c.sent;
      if (ClosedByServer(c.fd, c.received)) {
        c.closed = true;
        c.closed_after = Clock::now() - started;
        --open;
      }
    }
    // Meanwhile an ordinary client is answered promptly.
    auto t = Clock::now();
    http_test::Reply r = Get("/api/photos", Editor());
    long ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count();
    worst_ms = std::max(worst_ms, ms);
    ++probes;
    if (r.status != 200) ++failed;
    std::this_thread::sleep_for(std::chrono::milliseconds(250) - (Clock::now() - t));
  }
  auto took = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started).count();
  std::printf("slow clients: %zu of %zu cut after %llds; %d probes, worst %ld ms\n", conns.size() - open,
              conns.size(), static_cast<long long>(took), probes, worst_ms);
  for (Conn& c : conns) {
    close(c.fd);
    if (!c.closed) continue;
    auto limit = c.body ? kRequestLimit : kHeadLimit;
    EXPECT_GE(c.closed_after, limit - std::chrono::milliseconds(200));
    EXPECT_LE(c.closed_after, limit + kLate);
    EXPECT_EQ(c.received.compare(0, 12, "HTTP/1.1 408"), 0) << c.received;
  }
  EXPECT_EQ(open, 0u) << "connections the server never cut";
  EXPECT_EQ(failed, 0);
  EXPECT_LT(worst_ms, 1000);
  // The server lets go of the sockets.
  int fds_after = -1;
  for (int i = 0; i < 50; ++i) {
    fds_after = OpenFilesNaming(server_->pid(), "/catalog.db", false);
    if (fds_after <= fds_before) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_LE(fds_after, fds_before) << OpenFileList(server_->pid());
  EXPECT_LE(OpenFilesNaming(server_->pid(), "/catalog.db", true), 2 * (8 + 1)) << OpenFileList(server_->pid());
}

}  // namespace
}  // namespace reliability
