// Compression: the pages' static files gzip-compressed for clients that
// accept it (their own ETag, Vary: Accept-Encoding, the same bytes once
// inflated), as they are otherwise; JSON answers of 1 kB or more likewise,
// the response cache keeping each form for its own clients; each security
// header once.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cctype>
#include <fstream>
#include <memory>
#include <iterator>
#include <string>

#include "fixtures/http_client.h"
#include "fixtures/server_process.h"
#include "fixtures/test_util.h"
#include "http/raw_connection.h"

namespace {

using http_test::Send;
using http_test::ServerProcess;

std::string SourceFile(const std::string& relative) {
  std::ifstream in(std::string(GALLERY_SOURCE_DIR) + "/web/" + relative, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// `gz` inflated from the gzip format; "<invalid>" when it is not one.
std::string Gunzip(const std::string& gz) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) return "<invalid>";
  std::string out;
  char buffer[16384];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  int result = Z_OK;
  while (result == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    result = inflate(&z, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - z.avail_out);
  }
  inflateEnd(&z);
  return result == Z_STREAM_END && z.avail_in == 0 ? out : "<invalid>";
}

class WebFilesTest : public ::testing::Test {
 protected:
  void SetUp() override { server_ = std::make_unique<ServerProcess>(dir_ / "data"); }
  int port() const { return server_->port(); }
  testing_util::TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(WebFilesTest, TextFilesAreGzippedForClientsThatAcceptIt) {
  for (const char* file : {"js/main.js", "app.css", "js/i18n.js"}) {
    const std::string source = SourceFile(file);
    ASSERT_GT(source.size(), 1024u) << file;
    auto gz = Send(port(), "GET", std::string("/static/") + file, {{"Accept-Encoding", "gzip, deflate, br"}});
    ASSERT_EQ(gz.status, 200) << file;
    EXPECT_EQ(gz.Header("content-encoding"), "gzip") << file;
    EXPECT_EQ(gz.Header("vary"), "Accept-Encoding") << file;
    EXPECT_LT(gz.body.size(), source.size()) << file;
    EXPECT_EQ(Gunzip(gz.body), source) << file;

    auto plain = Send(port(), "GET", std::string("/static/") + file);
    ASSERT_EQ(plain.status, 200) << file;
    EXPECT_EQ(plain.Header("content-encoding"), "") << file;
    EXPECT_EQ(plain.Header("vary"), "Accept-Encoding") << file;
    EXPECT_EQ(plain.body, source) << file;
    // One representation, one ETag: a cache never hands one for the other.
    EXPECT_NE(gz.Header("etag"), plain.Header("etag")) << file;
    EXPECT_EQ(gz.Header("etag").substr(0, plain.Header("etag").size() - 1),
              plain.Header("etag").substr(0, plain.Header("etag").size() - 1)) << file;
  }
}

TEST_F(WebFilesTest, AcceptEncodingIsReadAsWritten) {
  struct Case {
    std::string accept;
    bool gzip;
  };
  for (const Case& c : {Case{"GZIP", true}, Case{"*", true}, Case{"deflate, gzip;q=0.5", true},
                        Case{"gzip;q=0", false}, Case{"gzip; q=0.000, *", false}, Case{"identity", false},
                        Case{"*;q=0", false}, Case{"br", false}, Case{"gzipx", false}, Case{"", false}}) {
    auto r = Send(port(), "GET", "/static/js/main.js", {{"Accept-Encoding", c.accept}});
    ASSERT_EQ(r.status, 200) << c.accept;
    EXPECT_EQ(r.Header("content-encoding"), c.gzip ? "gzip" : "") << "Accept-Encoding: " << c.accept;
  }
}

TEST_F(WebFilesTest, RevalidationMatchesTheRepresentationsETag) {
  auto gz = Send(port(), "GET", "/static/js/main.js", {{"Accept-Encoding", "gzip"}});
  auto plain = Send(port(), "GET", "/static/js/main.js");
  auto same = Send(port(), "GET", "/static/js/main.js",
                   {{"Accept-Encoding", "gzip"}, {"If-None-Match", gz.Header("etag")}});
  EXPECT_EQ(same.status, 304);
  EXPECT_EQ(same.body, "");
  // The plain form's ETag does not validate the compressed one, nor back.
  auto other = Send(port(), "GET", "/static/js/main.js",
                    {{"Accept-Encoding", "gzip"}, {"If-None-Match", plain.Header("etag")}});
  EXPECT_EQ(other.status, 200);
  EXPECT_EQ(other.Header("content-encoding"), "gzip");
  auto back = Send(port(), "GET", "/static/js/main.js", {{"If-None-Match", gz.Header("etag")}});
  EXPECT_EQ(back.status, 200);
  EXPECT_EQ(back.Header("content-encoding"), "");
}

TEST_F(WebFilesTest, SmallFilesAndHeadAnswers) {
  // Under 1 kB (the page's shell): sent as it is, compression would gain little.
  const std::string shell = SourceFile("index.html");
  ASSERT_LT(shell.size(), 1024u);
  auto page = Send(port(), "GET", "/", {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.Header("content-encoding"), "");
  EXPECT_EQ(page.Header("vary"), "");
  EXPECT_EQ(page.body, shell);

  // HEAD of a compressed file: the compressed length, no body.
  auto head = Send(port(), "HEAD", "/static/js/main.js", {{"Accept-Encoding", "gzip"}});
  auto get = Send(port(), "GET", "/static/js/main.js", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.Header("content-encoding"), "gzip");
  EXPECT_EQ(head.Header("content-length"), std::to_string(get.body.size()));
  EXPECT_EQ(head.body, "");
}

TEST_F(WebFilesTest, EachSecurityHeaderOnce) {
  for (const char* path : {"/", "/static/js/main.js", "/static/app.css", "/api/health"}) {
    http_test::RawConnection c(port());
    ASSERT_TRUE(c.connected());
    ASSERT_TRUE(c.Write(std::string("GET ") + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
    std::string head = c.ReadHead(5000);
    for (char& ch : head) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    ASSERT_FALSE(head.empty()) << path;
    for (const char* name : {"x-content-type-options:", "content-security-policy:", "x-frame-options:"}) {
      std::size_t count = 0;
      for (std::size_t at = head.find(name); at != std::string::npos; at = head.find(name, at + 1)) ++count;
      EXPECT_LE(count, 1u) << path << " " << name << "\n" << head;
    }
    EXPECT_NE(head.find("x-content-type-options: nosniff"), std::string::npos) << path;
  }
}

// A data folder with `n` meetings whose titles make /api/meetings a few kB.
void MakeMeetings(const std::string& data, int n) {
  for (int i = 0; i < n; ++i) {
    auto r = testing_util::RunGallery({"meeting", "add", "meeting-" + std::to_string(i), "--data", data,
                                        "--title-en", "Technical meeting on migration data number " + std::to_string(i),
                                        "--title-fr", "Réunion technique sur les données migratoires numéro " +
                                                          std::to_string(i)});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
}

TEST(JsonGzipTest, LargeJsonAnswersAreGzippedAndTheCacheKeepsEachForm) {
  testing_util::TempDir dir;
  MakeMeetings(dir / "data", 20);
  ServerProcess server(dir / "data");
  // Plain first, so that a cached compressed answer would show if it leaked.
  for (int round = 0; round < 2; ++round) {
    auto plain = Send(server.port(), "GET", "/api/meetings");
    ASSERT_EQ(plain.status, 200);
    ASSERT_GT(plain.body.size(), 1024u);
    EXPECT_EQ(plain.Header("content-encoding"), "") << round;
    EXPECT_EQ(plain.Header("vary"), "Accept-Encoding");
    EXPECT_EQ(plain.body.front(), '{') << round;
    auto gz = Send(server.port(), "GET", "/api/meetings", {{"Accept-Encoding", "gzip"}});
    ASSERT_EQ(gz.status, 200);
    EXPECT_EQ(gz.Header("content-encoding"), "gzip") << round;
    EXPECT_LT(gz.body.size(), plain.body.size() / 2) << round;
    EXPECT_EQ(Gunzip(gz.body), plain.body) << round;
    auto refused = Send(server.port(), "GET", "/api/meetings", {{"Accept-Encoding", "gzip;q=0"}});
    EXPECT_EQ(refused.Header("content-encoding"), "") << round;
    EXPECT_EQ(refused.body, plain.body) << round;
  }
  // HEAD: the compressed length, no body.
  auto gz = Send(server.port(), "GET", "/api/meetings", {{"Accept-Encoding", "gzip"}});
  auto head = Send(server.port(), "HEAD", "/api/meetings", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(head.Header("content-length"), std::to_string(gz.body.size()));
  EXPECT_EQ(head.body, "");
  // The API document too.
  auto doc = Send(server.port(), "GET", "/api/openapi.json", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(doc.Header("content-encoding"), "gzip");
  EXPECT_EQ(Gunzip(doc.body).substr(0, 1), "{");
}

TEST(JsonGzipTest, SmallAnswersErrorsAndMediaAreSentAsTheyAre) {
  testing_util::TempDir dir;
  ServerProcess server(dir / "data");
  auto health = Send(server.port(), "GET", "/api/health", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(health.Header("content-encoding"), "");
  EXPECT_EQ(health.Header("vary"), "");
  EXPECT_EQ(health.body, R"({"status":"ok"})");
  auto missing = Send(server.port(), "GET", "/api/photos/999", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.Header("content-encoding"), "");
  EXPECT_EQ(missing.body.front(), '{');
}

}  // namespace
