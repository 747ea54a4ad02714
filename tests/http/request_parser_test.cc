// The request parser on its own: the same requests whatever the bytes'
// split, chunked bodies decoded and counted, trailers dropped, refusals
// decided from the head.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "http/request_parser.h"

namespace {

using gallery::http::ParserEvent;
using gallery::http::RequestLimits;
using gallery::http::HttpResponse;
using gallery::http::RequestParser;
using gallery::http::RequestHead;

RequestLimits Limits(std::size_t upload) {
  RequestLimits limits;
  limits.max_upload_bytes = upload;
  limits.max_request_bytes = upload + 1024;
  limits.max_head_bytes = 1024;
  return limits;
}

// Feeds `bytes` in pieces of `step` and collects the events.
std::vector<ParserEvent> FeedInPieces(RequestParser& gate, const std::string& bytes, std::size_t step) {
  std::vector<ParserEvent> all;
  for (std::size_t at = 0; at < bytes.size(); at += step) {
    for (ParserEvent& a : gate.Feed(std::string_view(bytes).substr(at, step))) {
      all.push_back(std::move(a));
    }
  }
  return all;
}

// Each request read, as "METHOD target [body]".
std::vector<std::string> Requests(const std::vector<ParserEvent>& events) {
  std::vector<std::string> out;
  for (const ParserEvent& e : events) {
    if (e.kind != ParserEvent::kRequest) continue;
    out.push_back(e.request.head.method + " " + e.request.head.target + " [" + e.request.body + "]");
  }
  return out;
}

const std::string kGet = "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n";
const std::string kPost = "POST /api/photos HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello";
const std::string kChunked =
    "POST /api/photos HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n";

TEST(RequestParserTest, ReadsTheSameRequestsWhateverTheSplit) {
  std::string stream = kGet + kPost + kChunked + "Trailer-Field: 1\r\n\r\n" + kGet;
  for (std::size_t step : {std::size_t{1}, std::size_t{7}, stream.size()}) {
    SCOPED_TRACE(step);
    RequestParser gate(Limits(1000));
    auto actions = FeedInPieces(gate, stream, step);
    EXPECT_EQ(Requests(actions),
              (std::vector<std::string>{"GET /api/health []", "POST /api/photos [hello]",
                                        "POST /api/photos [abcde]", "GET /api/health []"}));
    ASSERT_EQ(actions.size(), 4u);
    EXPECT_EQ(actions[1].request.head.Header("content-length"), "5");
    EXPECT_FALSE(actions[0].request.http10);
    EXPECT_FALSE(gate.refused());
  }
}

TEST(RequestParserTest, BackToBackRequestsAreReadApart) {
  RequestParser gate(Limits(1000));
  auto actions = gate.Feed(kPost + kGet + "\r\n" + kGet);
  EXPECT_EQ(Requests(actions), (std::vector<std::string>{"POST /api/photos [hello]", "GET /api/health []",
                                                         "GET /api/health []"}));
}

TEST(RequestParserTest, RefusesADeclaredBodyOverTheLimitFromTheHead) {
  RequestParser gate(Limits(1000));
  auto actions = gate.Feed("PUT /x HTTP/1.1\r\nContent-Length: 1001\r\n\r\n");
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].kind, ParserEvent::kRefuse);
  EXPECT_EQ(actions[0].response.status, 413);
  EXPECT_NE(actions[0].response.body.find("too_large"), std::string::npos);
  EXPECT_TRUE(gate.Feed(std::string(500, 'x')).empty()) << "bytes after a refusal are dropped";
}

TEST(RequestParserTest, RefusesAChunkedBodyWhenItsChunksPassTheLimit) {
  RequestParser gate(Limits(10));
  auto actions = gate.Feed("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n");
  ASSERT_FALSE(gate.refused());
  actions = gate.Feed("8\r\n");
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].kind, ParserEvent::kRefuse);
  EXPECT_EQ(actions[0].response.status, 413);
}

TEST(RequestParserTest, RefusesRequestsWhoseSizeAsSentPassesTheRequestLimit) {
  RequestLimits limits = Limits(10);
  limits.max_request_bytes = 100;
  RequestParser gate(limits);
  std::string ones;
  for (int i = 0; i < 10; ++i) ones += "1\r\na\r\n";  // 10 payload bytes, 60 sent
  auto actions = gate.Feed("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + ones);
  EXPECT_TRUE(gate.refused());
  ASSERT_FALSE(actions.empty());
  EXPECT_EQ(actions.back().response.status, 413);
}

TEST(RequestParserTest, AsksForTheBodyOnlyWhenExpectedAndAcceptable) {
  RequestParser gate(Limits(1000));
  auto actions = gate.Feed("PUT /x HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-Continue\r\n\r\n");
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].kind, ParserEvent::kContinue);
  EXPECT_EQ(gate.stage(), RequestParser::Stage::kBody);
  EXPECT_EQ(Requests(gate.Feed("12345")), (std::vector<std::string>{"PUT /x [12345]"}));
  EXPECT_EQ(gate.stage(), RequestParser::Stage::kIdle);
  RequestParser judged(Limits(1000), [](const RequestHead& head) -> std::optional<HttpResponse> {
    if (head.Header("authorization").empty()) return gallery::http::ErrorResponse(gallery::http::ApiError::kUnauthenticated, "no");
    return std::nullopt;
  });
  actions = judged.Feed("PUT /x HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].kind, ParserEvent::kRefuse);
  EXPECT_EQ(actions[0].response.status, 401);
}

TEST(RequestParserTest, RefusesMalformedHeadsNamingTheReason) {
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
      {"GET http://host/ HTTP/1.1\r\n\r\n", 400, "path"},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400, "chunk size"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.head.substr(0, 60));
    RequestParser gate(Limits(1000));
    auto actions = gate.Feed(c.head);
    ASSERT_FALSE(actions.empty());
    EXPECT_EQ(actions.back().kind, ParserEvent::kRefuse);
    EXPECT_EQ(actions.back().response.status, c.status);
    EXPECT_NE(actions.back().response.body.find(c.reason), std::string::npos)
        << actions.back().response.body;
  }
}

}  // namespace
