// Request bodies judged from the head: a declared size over --max-upload-bytes
// is refused at once in JSON and the connection closed without reading the
// body; a chunked body is refused in JSON once it passes the limit; a body
// just under the limit is taken. `Expect: 100-continue` gets its interim
// answer only when the head is acceptable.
#include <chrono>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fixtures/api_fixture.h"
#include "raw_connection.h"

namespace http_test {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kLimit = 1u << 20;

class RequestLimitsTest : public ApiTest {
 protected:
  void SetUp() override { StartServer({"--max-upload-bytes", std::to_string(kLimit)}); }

  // An upload head with the editor's token and `framing` header lines.
  std::string UploadHead(const std::string& framing) const {
    return "POST /api/photos HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + editor_ +
           "\r\nContent-Type: image/jpeg\r\nX-Filename: limit.jpg\r\n" + framing + "\r\n";
  }
};

long MsSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// The JSON error code of an answer whose head is `head` read from `conn`.
std::string ErrorCode(RawConnection& conn, const std::string& head) {
  std::string length = HeaderOf(head, "Content-Length");
  if (length.empty()) return "(no Content-Length)";
  auto body = nlohmann::json::parse(conn.ReadBody(std::stoul(length), 2000), nullptr, false);
  return body.is_object() ? body.value("code", "(no code)") : "(not JSON)";
}

void ExpectJsonRefusal(RawConnection& conn, const std::string& head, int status,
                       const std::string& code) {
  EXPECT_EQ(StatusOf(head), status) << head;
  EXPECT_EQ(HeaderOf(head, "Content-Type"), "application/json") << head;
  EXPECT_EQ(HeaderOf(head, "Connection"), "close") << head;
  EXPECT_EQ(ErrorCode(conn, head), code);
  EXPECT_TRUE(conn.ClosedWithin(3000)) << "the connection stays open after the refusal";
}

TEST_F(RequestLimitsTest, RefusesADeclaredBodyOverTheLimitAtOnceWithoutReadingIt) {
  RawConnection conn(port());
  ASSERT_TRUE(conn.connected());
  ASSERT_TRUE(conn.Write(UploadHead("Content-Length: 4294967296\r\n")));
  auto start = Clock::now();
  // The client keeps sending (slowly) while the answer is awaited; writes
  // fail once the server closes, which is expected.
  std::thread sender([&conn] {
    std::string piece(64 << 10, 'x');
    for (int i = 0; i < 48; ++i) {
      if (!conn.Write(piece)) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  std::string head = conn.ReadHead(1000);
  long ms = MsSince(start);
  sender.join();
  ASSERT_FALSE(head.empty()) << "no answer within 1 s";
  EXPECT_LT(ms, 1000);
  ExpectJsonRefusal(conn, head, 413, "too_large");
  // The server is still serving, and its log names the refusal.
  EXPECT_EQ(Get("/api/health").status, 200);
  EXPECT_NE(server_->Log().find("(refused from the request head) 413"), std::string::npos)
      << server_->Log();
}

TEST_F(RequestLimitsTest, RefusesAChunkedBodyOnceItPassesTheLimit) {
  RawConnection conn(port());
  ASSERT_TRUE(conn.connected());
  ASSERT_TRUE(conn.Write(UploadHead("Transfer-Encoding: chunked\r\n")));
  std::thread sender([&conn] {
    std::string chunk = "40000\r\n" + std::string(0x40000, 'y') + "\r\n";  // 256 KiB
    for (int i = 0; i < 12; ++i) {
      if (!conn.Write(chunk)) return;
    }
    conn.Write("0\r\n\r\n");
  });
  std::string head = conn.ReadHead(5000);
  sender.join();
  ASSERT_FALSE(head.empty()) << "no answer";
  ExpectJsonRefusal(conn, head, 413, "too_large");
}

TEST_F(RequestLimitsTest, TakesABodyJustUnderTheLimit) {
  std::string jpeg = Jpeg(7, "just under");
  // Bytes after the image's end marker are kept as sent and do not matter
  // to the decoder.
  jpeg.resize(kLimit - 16, '\0');
  RawConnection conn(port());
  ASSERT_TRUE(conn.connected());
  ASSERT_TRUE(conn.Write(UploadHead("Content-Length: " + std::to_string(jpeg.size()) + "\r\n") + jpeg));
  std::string head = conn.ReadHead(20000);
  EXPECT_EQ(StatusOf(head), 201) << head;
}

TEST_F(RequestLimitsTest, TakesAChunkedBodyUnderTheLimit) {
  std::string jpeg = Jpeg(8, "chunked");
  std::string body;
  for (std::size_t at = 0; at < jpeg.size(); at += 1000) {
    std::string piece = jpeg.substr(at, 1000);
    char size[16];
    std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
    body += size + piece + "\r\n";
  }
  RawConnection conn(port());
  ASSERT_TRUE(conn.connected());
  ASSERT_TRUE(conn.Write(UploadHead("Transfer-Encoding: chunked\r\n") + body + "0\r\n\r\n"));
  std::string head = conn.ReadHead(20000);
  EXPECT_EQ(StatusOf(head), 201) << head;
  std::string length = HeaderOf(head, "Content-Length");
  ASSERT_FALSE(length.empty()) << head;
  conn.ReadBody(std::stoul(length), 5000);
  // The connection serves a next request.
  ASSERT_TRUE(conn.Write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  EXPECT_EQ(StatusOf(conn.ReadHead(5000)), 200);
}

TEST_F(RequestLimitsTest, SendsContinueBeforeTheBodyOfAnAcceptableHead) {
  std::string jpeg = Jpeg(9, "expect");
  RawConnection conn(port());
  ASSERT_TRUE(conn.connected());
  ASSERT_TRUE(conn.Write(UploadHead("Content-Length: " + std::to_string(jpeg.size()) +
                                    "\r\nExpect: 100-continue\r\n")));
  std::string interim = conn.ReadHead(2000);
  ASSERT_EQ(StatusOf(interim), 100) << interim;
  ASSERT_TRUE(conn.Write(jpeg));
  std::string head = conn.ReadHead(20000);
  EXPECT_EQ(StatusOf(head), 201) << head;
}

TEST_F(RequestLimitsTest, RefusesInsteadOfContinuingWhenTheHeadDecides) {
  RawConnection conn(port());
  ASSERT_TRUE(conn.connected());
  ASSERT_TRUE(conn.Write(UploadHead("Content-Length: " + std::to_string(kLimit + 1) +
                                    "\r\nExpect: 100-continue\r\n")));
  std::string head = conn.ReadHead(1000);
  ExpectJsonRefusal(conn, head, 413, "too_large");
}

TEST_F(RequestLimitsTest, RefusesInsteadOfContinuingWithoutGoodCredentials) {
  struct Case {
    std::string credentials;
    int status;
  } cases[] = {
      {"", 401},
      {"Authorization: Bearer not-a-token\r\n", 401},
      {"Authorization: Bearer " + editor_ + "\r\n", 403},  // deleting needs an admin
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.credentials);
    RawConnection conn(port());
    ASSERT_TRUE(conn.connected());
    std::string line = c.status == 403 ? "DELETE /api/photos/1" : "POST /api/photos?album=x";
    ASSERT_TRUE(conn.Write(line + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + c.credentials +
                           "Content-Type: image/jpeg\r\nContent-Length: 1000\r\n"
                           "Expect: 100-continue\r\n\r\n"));
    std::string head = conn.ReadHead(2000);
    EXPECT_EQ(StatusOf(head), c.status) << head;
    EXPECT_EQ(HeaderOf(head, "Connection"), "close") << head;
    EXPECT_TRUE(conn.ClosedWithin(3000));
  }
  // A public route is not judged early: its head gets the 100.
  RawConnection conn(port());
  ASSERT_TRUE(conn.Write("POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n"
                         "Content-Type: application/json\r\nExpect: 100-continue\r\n\r\n"));
  EXPECT_EQ(StatusOf(conn.ReadHead(2000)), 100);
}

TEST_F(RequestLimitsTest, RefusesMalformedFramingInJson) {
  struct Case {
    std::string framing;
    int status;
  } cases[] = {
      {"Content-Length: 12abc\r\n", 400},
      {"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", 400},
      {"Transfer-Encoding: gzip\r\n", 501},
      {"Content-Length: 5\r\nExpect: something-else\r\n", 417},
  };
  for (const Case& c : cases) {
    RawConnection conn(port());
    ASSERT_TRUE(conn.connected());
    ASSERT_TRUE(conn.Write(UploadHead(c.framing)));
    std::string head = conn.ReadHead(2000);
    SCOPED_TRACE(c.framing);
    EXPECT_EQ(StatusOf(head), c.status) << head;
    EXPECT_EQ(HeaderOf(head, "Content-Type"), "application/json") << head;
  }
}

}  // namespace
}  // namespace http_test
