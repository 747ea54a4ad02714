// Connection handling: HTTP/1.1 connections stay open between requests
// unless the client asks to close (then the answer says so); beyond
// --max-connections a new connection gets a JSON 503 and is closed, and one
// is served again once another closes or is cut by --header-timeout.
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fixtures/server_process.h"
#include "fixtures/test_util.h"
#include "raw_connection.h"

namespace http_test {
namespace {

class ConnectionTest : public ::testing::Test {
 protected:
  testing_util::TempDir dir_;
};

// Sends a GET on `conn` and reads the whole answer; the head ("" if none).
std::string Roundtrip(RawConnection& conn, const std::string& extra_headers = "") {
  if (!conn.Write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers + "\r\n")) {
    return "";
  }
  std::string head = conn.ReadHead(5000);
  std::string length = HeaderOf(head, "Content-Length");
  if (!length.empty()) conn.ReadBody(std::stoul(length), 5000);
  return head;
}

TEST_F(ConnectionTest, KeepsAnHttp11ConnectionOpenBetweenRequests) {
  ServerProcess server(dir_ / "data");
  RawConnection conn(server.port());
  ASSERT_TRUE(conn.connected());
  for (int i = 0; i < 3; ++i) {
    std::string head = Roundtrip(conn);
    ASSERT_EQ(StatusOf(head), 200) << "request " << i << ": " << head;
    EXPECT_EQ(HeaderOf(head, "Connection"), "keep-alive") << head;
  }
}

TEST_F(ConnectionTest, AnswersCloseWhenTheClientAsks) {
  ServerProcess server(dir_ / "data");
  RawConnection conn(server.port());
  ASSERT_TRUE(conn.connected());
  std::string head = Roundtrip(conn, "Connection: close\r\n");
  ASSERT_EQ(StatusOf(head), 200) << head;
  EXPECT_EQ(HeaderOf(head, "Connection"), "close") << head;  // the token, as every answer writes it
  EXPECT_TRUE(conn.ClosedWithin(2000));
}

TEST_F(ConnectionTest, AnHttp10ConnectionClosesUnlessItAsksToStay) {
  ServerProcess server(dir_ / "data");
  const std::string get = "GET /api/health HTTP/1.0\r\n";
  RawConnection once(server.port());
  ASSERT_TRUE(once.Write(get + "\r\n"));
  std::string head = once.ReadHead(5000);
  ASSERT_EQ(StatusOf(head), 200) << head;
  EXPECT_EQ(HeaderOf(head, "Connection"), "close") << head;
  once.ReadBody(std::stoul(HeaderOf(head, "Content-Length")), 5000);
  EXPECT_TRUE(once.ClosedWithin(2000));

  RawConnection kept(server.port());
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(kept.Write(get + "Connection: keep-alive\r\n\r\n"));
    head = kept.ReadHead(5000);
    ASSERT_EQ(StatusOf(head), 200) << "request " << i << ": " << head;
    EXPECT_EQ(HeaderOf(head, "Connection"), "keep-alive") << head;
    kept.ReadBody(std::stoul(HeaderOf(head, "Content-Length")), 5000);
  }
}

TEST_F(ConnectionTest, AnAbsoluteOrEmptyTargetIsRefusedIn400) {
  ServerProcess server(dir_ / "data");
  RawConnection conn(server.port());
  ASSERT_TRUE(conn.Write("GET http://127.0.0.1/api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  std::string head = conn.ReadHead(5000);
  EXPECT_EQ(StatusOf(head), 400) << head;
  EXPECT_EQ(HeaderOf(head, "Connection"), "close") << head;
  EXPECT_TRUE(conn.ClosedWithin(2000));
}

// Whether a new connection is served (200) within `timeout_ms`, trying
// again every 100 ms (the server learns of closed connections on its own
// time).
bool ServedWithin(int port, int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    RawConnection conn(port);
    if (conn.connected() && StatusOf(Roundtrip(conn)) == 200) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

void ExpectBusyAndClosed(int port) {
  RawConnection extra(port);
  ASSERT_TRUE(extra.connected());
  ASSERT_TRUE(extra.Write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  std::string head = extra.ReadHead(3000);
  ASSERT_EQ(StatusOf(head), 503) << head;
  EXPECT_EQ(HeaderOf(head, "Content-Type"), "application/json") << head;
  EXPECT_FALSE(HeaderOf(head, "Retry-After").empty()) << head;
  EXPECT_EQ(HeaderOf(head, "Connection"), "close") << head;
  auto body = nlohmann::json::parse(extra.ReadBody(std::stoul(HeaderOf(head, "Content-Length")), 2000),
                                    nullptr, false);
  EXPECT_EQ(body.value("code", ""), "busy");
  EXPECT_TRUE(extra.ClosedWithin(3000));
}

TEST_F(ConnectionTest, RefusesAConnectionOverTheCapAndServesAgainOnceOneCloses) {
  ServerProcess server(dir_ / "data", {"--max-connections", "3"});
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(std::make_unique<RawConnection>(server.port()));
    ASSERT_EQ(StatusOf(Roundtrip(*held.back())), 200) << "connection " << i;
  }
  ExpectBusyAndClosed(server.port());
  // The held connections are still served.
  EXPECT_EQ(StatusOf(Roundtrip(*held.front())), 200);
  held.pop_back();
  EXPECT_TRUE(ServedWithin(server.port(), 3000)) << "no room after a connection closed";
}

TEST_F(ConnectionTest, ConnectionsCutForIdlingFreeTheirPlaces) {
  ServerProcess server(dir_ / "data", {"--max-connections", "2", "--header-timeout", "1"});
  RawConnection silent(server.port()), kept(server.port());
  ASSERT_EQ(StatusOf(Roundtrip(kept)), 200);
  ASSERT_TRUE(silent.connected());
  ExpectBusyAndClosed(server.port());
  // Both idle past the limit: the one that never sent a request is answered
  // 408, the kept-alive one is closed; their places are free again.
  auto start = std::chrono::steady_clock::now();
  std::string cut = silent.ReadHead(4000);
  EXPECT_EQ(StatusOf(cut), 408) << cut;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(3000));
  EXPECT_TRUE(silent.ClosedWithin(2000));
  EXPECT_TRUE(kept.ClosedWithin(3000));
  EXPECT_TRUE(ServedWithin(server.port(), 3000));
}

}  // namespace
}  // namespace http_test
