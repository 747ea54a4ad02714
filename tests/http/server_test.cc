// `gallery serve` as a process: start-up line, errors as JSON, one log line
// per request, graceful shutdown.
#include <signal.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fixtures/api_fixture.h"
#include "fixtures/test_util.h"
#include "fixtures/http_client.h"
#include "fixtures/server_process.h"

namespace {

using http_test::Send;
using http_test::ServerProcess;
using nlohmann::json;

class ServerTest : public ::testing::Test {
 protected:
  testing_util::TempDir dir_;
};

// An error answer: JSON with a code and a message, nothing else.
void ExpectJsonError(const http_test::Reply& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json");
  json body = json::parse(r.body);
  EXPECT_EQ(body.at("code"), code) << r.body;
  EXPECT_FALSE(body.at("message").get<std::string>().empty());
  EXPECT_EQ(body.size(), 2u);
}

TEST_F(ServerTest, AnswersHealth) {
  ServerProcess server(dir_ / "data");
  auto r = Send(server.port(), "GET", "/api/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_EQ(json::parse(r.body).at("status"), "ok");
}

TEST_F(ServerTest, UnknownRouteIsJson404) {
  ServerProcess server(dir_ / "data");
  ExpectJsonError(Send(server.port(), "GET", "/api/nothing/here"), 404, "no_route");
  ExpectJsonError(Send(server.port(), "GET", "/nothing-here"), 404, "no_route");  // "/" is the gallery
}

TEST_F(ServerTest, WrongMethodIsJson405WithAllow) {
  ServerProcess server(dir_ / "data");
  auto r = Send(server.port(), "DELETE", "/api/health");
  ExpectJsonError(r, 405, "method_not_allowed");
  EXPECT_EQ(r.Header("allow"), "GET, HEAD, OPTIONS");
}

// A path with a fixed segment where another route has a parameter belongs to
// the fixed route only: GET /api/photos/lookup is not photo "lookup".
TEST_F(ServerTest, FixedSegmentWinsOverParameterForEveryMethod) {
  ServerProcess server(dir_ / "data");
  auto r = Send(server.port(), "GET", "/api/photos/lookup");
  ExpectJsonError(r, 405, "method_not_allowed");
  EXPECT_EQ(r.Header("allow"), "POST, OPTIONS");
  auto options = Send(server.port(), "OPTIONS", "/api/photos/lookup");
  EXPECT_EQ(options.Header("allow"), "POST, OPTIONS");
}

TEST_F(ServerTest, MalformedPercentEncodingIs400) {
  ServerProcess server(dir_ / "data");
  ExpectJsonError(Send(server.port(), "GET", "/api/health?q=%zz"), 400, "invalid_argument");
}

TEST_F(ServerTest, LogsOneLinePerRequest) {
  ServerProcess server(dir_ / "data");
  Send(server.port(), "GET", "/api/health");
  Send(server.port(), "GET", "/api/missing");
  EXPECT_EQ(server.Stop(SIGTERM), 0);
  std::string log = server.Log();
  EXPECT_NE(log.find("GET /api/health 200 15B "), std::string::npos) << log;
  EXPECT_NE(log.find("GET /api/missing 404 "), std::string::npos) << log;
  EXPECT_NE(log.find("ms\n"), std::string::npos) << log;
}

TEST_F(ServerTest, StopsCleanlyOnSigintAndSigterm) {
  for (int sig : {SIGINT, SIGTERM}) {
    ServerProcess server(dir_ / "data");
    ASSERT_EQ(Send(server.port(), "GET", "/api/health").status, 200);
    EXPECT_EQ(server.Stop(sig), 0) << "signal " << sig;
  }
}

TEST_F(ServerTest, TwoServersGetTwoPorts) {
  ServerProcess a(dir_ / "a"), b(dir_ / "b");
  EXPECT_NE(a.port(), b.port());
  EXPECT_EQ(Send(b.port(), "GET", "/api/health").status, 200);
}

TEST_F(ServerTest, RefusesAPortInUse) {
  ServerProcess a(dir_ / "a");
  auto r = testing_util::RunGallery(
      {"serve", "--data", dir_ / "b", "--port", std::to_string(a.port())}, 30);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot listen on 127.0.0.1:"), std::string::npos) << r.err;
}

TEST_F(ServerTest, MetricsCountRequestsByRouteAndStatus) {
  const std::string admin = http_test::CreateToken(dir_ / "data", "admin");  // /metrics needs an admin
  ServerProcess server(dir_ / "data");
  Send(server.port(), "GET", "/api/health");
  Send(server.port(), "GET", "/api/health");
  Send(server.port(), "GET", "/nope");
  auto r = Send(server.port(), "GET", "/metrics", {{"Authorization", "Bearer " + admin}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "text/plain; version=0.0.4");
  EXPECT_NE(r.body.find("gallery_http_requests_total{method=\"GET\",route=\"/api/health\",status=\"200\"} 2"),
            std::string::npos) << r.body;
  EXPECT_NE(r.body.find("route=\"unmatched\",status=\"404\"} 1"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("gallery_worker_queue_depth "), std::string::npos);
}

}  // namespace
