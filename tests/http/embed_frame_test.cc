// Who may frame which page: the embed pages (/embed/meetings/{slug},
// /embed/albums/{slug}) carry "frame-ancestors 'self'" plus the origins of
// `gallery serve --embed-origins`; every other page and file keeps
// "frame-ancestors 'none'" and X-Frame-Options DENY. A malformed origin is a
// command-line error naming it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fixtures/http_client.h"
#include "fixtures/server_process.h"
#include "fixtures/test_util.h"

namespace {

using http_test::Send;
using http_test::ServerProcess;

const std::vector<std::string> kEmbedPages = {"/embed/meetings/some-meeting", "/embed/albums/some-album",
                                              "/embed/albums/never-made"};
const std::vector<std::string> kOtherPages = {"/", "/meetings/some-meeting", "/albums/some-album", "/photos/1",
                                              "/login", "/upload", "/static/app.css", "/static/js/embed.js",
                                              "/static/js/page_routes.js"};

// The value of the policy's frame-ancestors directive ("" when it has none).
std::string FrameAncestors(const std::string& policy) {
  const std::string name = "frame-ancestors ";
  std::size_t at = policy.find(name);
  if (at == std::string::npos) return "";
  std::size_t end = policy.find(';', at);
  return policy.substr(at + name.size(), end == std::string::npos ? std::string::npos : end - at - name.size());
}

// The policy with the frame-ancestors directive left out.
std::string WithoutFrameAncestors(const std::string& policy) {
  std::string ancestors = FrameAncestors(policy);
  std::string out = policy;
  std::size_t at = out.find("frame-ancestors " + ancestors);
  if (at != std::string::npos) out.erase(at, std::string("frame-ancestors ").size() + ancestors.size());
  return out;
}

void ExpectEmbedPage(int port, const std::string& path, const std::string& ancestors) {
  auto r = Send(port, "GET", path);
  EXPECT_EQ(r.status, 200) << path;
  EXPECT_EQ(r.Header("content-type"), "text/html; charset=utf-8") << path;
  EXPECT_EQ(FrameAncestors(r.Header("content-security-policy")), ancestors) << path;
  EXPECT_EQ(r.Header("x-frame-options"), "") << path << ": it cannot name origins and would refuse them";
  EXPECT_NE(r.body.find("/static/js/embed.js"), std::string::npos) << path;
}

void ExpectNeverFramed(int port) {
  for (const std::string& path : kOtherPages) {
    auto r = Send(port, "GET", path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(FrameAncestors(r.Header("content-security-policy")), "'none'") << path;
    EXPECT_EQ(r.Header("x-frame-options"), "DENY") << path;
  }
}

TEST(EmbedFrameTest, WithoutEmbedOriginsOnlyThisOriginFramesTheEmbedPages) {
  testing_util::TempDir dir;
  ServerProcess server(dir / "data");
  for (const std::string& path : kEmbedPages) ExpectEmbedPage(server.port(), path, "'self'");
  ExpectNeverFramed(server.port());
}

TEST(EmbedFrameTest, EmbedOriginsMayFrameTheEmbedPagesAndNothingElse) {
  testing_util::TempDir dir;
  ServerProcess server(dir / "data", {"--embed-origins", "https://www.example.org,http://127.0.0.1:8081",
                                      "--embed-origins", "HTTPS://Other.Example.net:8443,https://www.example.org",
                                      "--embed-origins", "http://[::1]:9000"});
  const std::string ancestors =
      "'self' https://www.example.org http://127.0.0.1:8081 https://other.example.net:8443 http://[::1]:9000";
  for (const std::string& path : kEmbedPages) ExpectEmbedPage(server.port(), path, ancestors);
  ExpectNeverFramed(server.port());
}

TEST(EmbedFrameTest, TheEmbedPolicyDiffersFromThePagesOnlyInFraming) {
  testing_util::TempDir dir;
  ServerProcess server(dir / "data", {"--embed-origins", "https://www.example.org"});
  std::string page = Send(server.port(), "GET", "/").Header("content-security-policy");
  std::string embed = Send(server.port(), "GET", "/embed/meetings/x").Header("content-security-policy");
  ASSERT_FALSE(page.empty());
  EXPECT_EQ(WithoutFrameAncestors(embed), WithoutFrameAncestors(page));
  EXPECT_NE(page.find("default-src 'self'"), std::string::npos) << page;
  EXPECT_EQ(embed.find("unsafe-inline"), std::string::npos) << embed;
}

TEST(EmbedFrameTest, TheEmbedShellIsNotAStaticFile) {
  testing_util::TempDir dir;
  ServerProcess server(dir / "data");
  EXPECT_EQ(Send(server.port(), "GET", "/static/embed.html").status, 404);
  EXPECT_EQ(Send(server.port(), "GET", "/embed/meetings").status, 404);
  EXPECT_EQ(Send(server.port(), "GET", "/embed/elsewhere/x").status, 404);
}

TEST(EmbedFrameTest, AMalformedOriginIsRefusedByName) {
  testing_util::TempDir dir;
  const std::vector<std::string> bad = {
      "www.example.org",               // no scheme
      "ftp://www.example.org",         // not http(s)
      "https://www.example.org/",      // a path
      "https://www.example.org/page",  // a path
      "https://www.example.org?x=1",   // a query
      "https://*.example.org",         // a wildcard
      "*",
      "'self'",
      "https://",                            // no host
      "https://www.example.org:0",           // port out of range
      "https://www.example.org:65536",       // port out of range
      "https://www.example.org:",            // empty port
      "https://user@www.example.org",        // a user
      "https://www.example.org;script-src",  // another directive smuggled in
      "https://www.example.org 'unsafe-inline'",
      "https://[::1",        // unclosed IPv6
      "https://ex..ample.org",
      "https://-example.org",
  };
  for (const std::string& origin : bad) {
    auto r = testing_util::RunGallery({"serve", "--data", dir / "data", "--port", "0", "--embed-origins", origin}, 30);
    EXPECT_EQ(r.exit_code, 2) << origin << ": " << r.err;
    EXPECT_NE(r.err.find("--embed-origins: '" + origin + "' is not an origin"), std::string::npos)
        << origin << ": " << r.err;
  }
  // An empty item among good ones, named as the empty item.
  auto r = testing_util::RunGallery(
      {"serve", "--data", dir / "data", "--port", "0", "--embed-origins", "https://a.example,,https://b.example"}, 30);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("'' is not an origin"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("an empty item"), std::string::npos) << r.err;
  // The next good origin after a bad one does not hide it.
  r = testing_util::RunGallery(
      {"serve", "--data", dir / "data", "--port", "0", "--embed-origins", "https://a.example,https://b.example/x"}, 30);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("'https://b.example/x'"), std::string::npos) << r.err;
}

}  // namespace
