// Connection handling: HTTP/1.1 connections stay open between requests
// unless the client asks to close (then the answer says so).
#include <gtest/gtest.h>

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
    EXPECT_NE(HeaderOf(head, "Connection"), "Close") << head;
  }
}

TEST_F(ConnectionTest, AnswersCloseWhenTheClientAsks) {
  ServerProcess server(dir_ / "data");
  RawConnection conn(server.port());
  ASSERT_TRUE(conn.connected());
  std::string head = Roundtrip(conn, "Connection: close\r\n");
  ASSERT_EQ(StatusOf(head), 200) << head;
  EXPECT_EQ(HeaderOf(head, "Connection"), "Close") << head;
}

}  // namespace
}  // namespace http_test
