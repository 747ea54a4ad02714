// The request gate on its own: requests handed on one per piece and
// unchanged whatever the bytes' split, chunked bodies counted and their
// trailers dropped, refusals decided from the head.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../../service/src/http/request_gate.h"

namespace {

using gallery::http::GateAction;
using gallery::http::GateLimits;
using gallery::http::HttpResponse;
using gallery::http::RequestGate;
using gallery::http::RequestHead;

GateLimits Limits(std::size_t upload) {
  GateLimits limits;
  limits.max_upload_bytes = upload;
  limits.max_request_bytes = upload + 1024;
  limits.max_head_bytes = 1024;
  return limits;
}

// Feeds `bytes` in pieces of `step` and collects the actions, joining the
// forwarded bytes of each request.
std::vector<GateAction> FeedInPieces(RequestGate& gate, const std::string& bytes, std::size_t step) {
  std::vector<GateAction> all;
  for (std::size_t at = 0; at < bytes.size(); at += step) {
    for (GateAction& a : gate.Feed(std::string_view(bytes).substr(at, step))) {
      all.push_back(std::move(a));
    }
  }
  return all;
}

// The forwarded bytes, joined.
std::string Forwarded(const std::vector<GateAction>& actions) {
  std::string out;
  for (const GateAction& a : actions) {
    if (a.kind == GateAction::kForward) out += a.bytes;
  }
  return out;
}

const std::string kGet = "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n";
const std::string kPost = "POST /api/photos HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello";
const std::string kChunked =
    "POST /api/photos HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n";

TEST(RequestGateTest, HandsRequestsOnUnchangedWhateverTheSplit) {
  std::string stream = kGet + kPost + kChunked + "Trailer-Field: 1\r\n\r\n" + kGet;
  for (std::size_t step : {std::size_t{1}, std::size_t{7}, stream.size()}) {
    SCOPED_TRACE(step);
    RequestGate gate(Limits(1000));
    auto actions = FeedInPieces(gate, stream, step);
    EXPECT_EQ(Forwarded(actions), kGet + kPost + kChunked + kGet);  // the trailer is dropped
    EXPECT_FALSE(gate.refused());
  }
}

TEST(RequestGateTest, NoPieceHoldsTheEndOfOneRequestAndTheStartOfAnother) {
  RequestGate gate(Limits(1000));
  auto actions = gate.Feed(kPost + kGet + "\r\n" + kGet);
  std::vector<std::string> pieces;
  for (const GateAction& a : actions) pieces.push_back(a.bytes);
  EXPECT_EQ(pieces, (std::vector<std::string>{kPost, kGet, kGet}));
}

TEST(RequestGateTest, RefusesADeclaredBodyOverTheLimitFromTheHead) {
  RequestGate gate(Limits(1000));
  auto actions = gate.Feed("PUT /x HTTP/1.1\r\nContent-Length: 1001\r\n\r\n");
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].kind, GateAction::kRefuse);
  EXPECT_EQ(actions[0].response.status, 413);
  EXPECT_NE(actions[0].response.body.find("too_large"), std::string::npos);
  EXPECT_TRUE(gate.Feed(std::string(500, 'x')).empty()) << "bytes after a refusal are dropped";
}

TEST(RequestGateTest, RefusesAChunkedBodyWhenItsChunksPassTheLimit) {
  RequestGate gate(Limits(10));
  auto actions = gate.Feed("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n");
  ASSERT_FALSE(gate.refused());
  actions = gate.Feed("8\r\n");
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].kind, GateAction::kRefuse);
  EXPECT_EQ(actions[0].response.status, 413);
}

TEST(RequestGateTest, RefusesRequestsWhoseSizeAsSentPassesTheRequestLimit) {
  GateLimits limits = Limits(10);
  limits.max_request_bytes = 100;
  RequestGate gate(limits);
  std::string ones;
  for (int i = 0; i < 10; ++i) ones += "1\r\na\r\n";  // 10 payload bytes, 60 sent
  auto actions = gate.Feed("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + ones);
  EXPECT_TRUE(gate.refused());
  ASSERT_FALSE(actions.empty());
  EXPECT_EQ(actions.back().response.status, 413);
}

TEST(RequestGateTest, AsksForTheBodyOnlyWhenExpectedAndAcceptable) {
  RequestGate gate(Limits(1000));
  auto actions = gate.Feed("PUT /x HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-Continue\r\n\r\n");
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_EQ(actions[0].kind, GateAction::kForward);
  EXPECT_EQ(actions[1].kind, GateAction::kContinue);
  RequestGate judged(Limits(1000), [](const RequestHead& head) -> std::optional<HttpResponse> {
    if (head.Header("authorization").empty()) return gallery::http::ErrorResponse(gallery::http::ApiError::kUnauthenticated, "no");
    return std::nullopt;
  });
  actions = judged.Feed("PUT /x HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].kind, GateAction::kRefuse);
  EXPECT_EQ(actions[0].response.status, 401);
}

TEST(RequestGateTest, RefusesMalformedHeadsNamingTheReason) {
  struct Case {
    std::string head;
    int status;
    std::string reason;
  } cases[] = {
      {"NONSENSE\r\n\r\n", 400, "request line"},
      {"GET / HTTP/1.1\r\nno colon here\r\n\r\n", 400, "header line"},
      {"GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400, "Content-Length"},
      {"GET / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 501, "gzip"},
      {"TRACE / HTTP/1.1\r\n\r\n", 501, "'TRACE'"},
      {"get / HTTP/1.1\r\n\r\n", 501, "'get'"},
      {"GET / HTTP/1.1\r\nX: " + std::string(2000, 'a') + "\r\n\r\n", 431, "head"},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400, "chunk size"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.head.substr(0, 60));
    RequestGate gate(Limits(1000));
    auto actions = gate.Feed(c.head);
    ASSERT_FALSE(actions.empty());
    EXPECT_EQ(actions.back().kind, GateAction::kRefuse);
    EXPECT_EQ(actions.back().response.status, c.status);
    EXPECT_NE(actions.back().response.body.find(c.reason), std::string::npos)
        << actions.back().response.body;
  }
}

}  // namespace
