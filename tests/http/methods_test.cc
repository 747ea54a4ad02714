// Methods besides the routes' own, over raw connections: HEAD answers as GET
// does without the body, OPTIONS lists a path's methods, and a method the
// server does not know is refused in JSON.
#include <string>
#include <vector>

#include "fixtures/api_fixture.h"
#include "raw_connection.h"

namespace http_test {
namespace {

using nlohmann::json;

class MethodsTest : public ApiTest {
 protected:
  void SetUp() override {
    Gallery({"album", "add", "opening", "--title-en", "Opening"});
    Gallery({"album", "add", "backstage", "--visibility", "private"});
    StartServer();
    id_ = std::to_string(UploadPhoto(Jpeg(1, "Opening session", "© IOM 2016", 600, 400), "hall.jpg",
                                     "?album=opening")["id"].get<int>());
    hidden_ = std::to_string(
        UploadPhoto(Jpeg(2, "Backstage"), "hidden.jpg", "?album=backstage")["id"].get<int>());
  }
  std::string id_, hidden_;
};

std::string Request(const std::string& method, const std::string& path,
                    const std::string& headers = "") {
  return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n";
}

// Nothing followed the last answer's head on `c`: the answer to a new
// request is the next thing read.
void ExpectNothingAfterTheHead(RawConnection& c, const std::string& what) {
  ASSERT_TRUE(c.Write(Request("GET", "/api/health")));
  std::string next = c.ReadHead(5000);
  EXPECT_EQ(StatusOf(next), 200) << what << ": " << next.substr(0, 80);
  EXPECT_EQ(c.ReadBody(15, 2000), R"({"status":"ok"})") << what;
}

TEST_F(MethodsTest, HeadAnswersAsGetWithoutTheBody) {
  for (const std::string& path : std::vector<std::string>{
           "/api/health", "/api/photos/" + id_, "/api/albums/opening/photos",
           "/media/" + id_ + "/tile.webp?v=1", "/media/" + id_ + "/original",
           "/api/albums/opening/download", "/"}) {
    SCOPED_TRACE(path);
    Reply get = Get(path);
    ASSERT_EQ(get.status, 200) << get.body;
    RawConnection c(port());
    ASSERT_TRUE(c.Write(Request("HEAD", path)));
    std::string head = c.ReadHead(5000);
    EXPECT_EQ(StatusOf(head), 200) << head;
    EXPECT_EQ(HeaderOf(head, "content-type"), get.Header("content-type"));
    EXPECT_EQ(HeaderOf(head, "etag"), get.Header("etag"));
    EXPECT_EQ(HeaderOf(head, "content-disposition"), get.Header("content-disposition"));
    if (get.chunked) {
      EXPECT_EQ(HeaderOf(head, "transfer-encoding"), "chunked");
    } else {
      EXPECT_EQ(HeaderOf(head, "content-length"), std::to_string(get.body.size()));
    }
    ExpectNothingAfterTheHead(c, path);
  }
}

TEST_F(MethodsTest, HeadKeepsConditionalAnswersAndRefusals) {
  std::string tile = "/media/" + id_ + "/tile.webp?v=1";
  std::string etag = Get(tile).Header("etag");
  ASSERT_FALSE(etag.empty());
  RawConnection c(port());
  ASSERT_TRUE(c.Write(Request("HEAD", tile, "If-None-Match: " + etag + "\r\n")));
  EXPECT_EQ(StatusOf(c.ReadHead(5000)), 304);
  ExpectNothingAfterTheHead(c, "304");
  // A private album's photo is not there for the public, on HEAD as on GET;
  // the refusal is JSON, its body left out.
  for (const std::string& path :
       std::vector<std::string>{"/media/" + hidden_ + "/tile.webp", "/api/photos/" + hidden_}) {
    Reply get = Get(path);
    ASSERT_EQ(get.status, 404) << path;
    ASSERT_TRUE(c.Write(Request("HEAD", path)));
    std::string head = c.ReadHead(5000);
    EXPECT_EQ(StatusOf(head), 404) << path;
    EXPECT_EQ(HeaderOf(head, "content-type"), "application/json") << path;
    EXPECT_EQ(HeaderOf(head, "content-length"), std::to_string(get.body.size())) << path;
    ExpectNothingAfterTheHead(c, path);
  }
  // HEAD where only POST is allowed: 405 with its Allow.
  ASSERT_TRUE(c.Write(Request("HEAD", "/api/photos/" + id_ + "/history/1/revert")));
  std::string head = c.ReadHead(5000);
  EXPECT_EQ(StatusOf(head), 405) << head;
  EXPECT_EQ(HeaderOf(head, "allow"), "POST, OPTIONS");
  ExpectNothingAfterTheHead(c, "405");
}

TEST_F(MethodsTest, OptionsListsThePathsMethods) {
  RawConnection c(port());
  ASSERT_TRUE(c.Write(Request("OPTIONS", "/api/health")));
  std::string head = c.ReadHead(5000);
  EXPECT_EQ(StatusOf(head), 204) << head;
  EXPECT_EQ(HeaderOf(head, "allow"), "GET, HEAD, OPTIONS");
  ExpectNothingAfterTheHead(c, "OPTIONS");
  auto r = Send(port(), "OPTIONS", "/api/nothing/here");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(json::parse(r.body)["code"], "no_route");
}

TEST_F(MethodsTest, UnknownMethodsAreRefusedInJsonAndTheConnectionClosed) {
  for (const std::string method : {"TRACE", "CONNECT", "BREW", "get"}) {
    SCOPED_TRACE(method);
    RawConnection c(port());
    ASSERT_TRUE(c.Write(Request(method, "/api/health")));
    std::string head = c.ReadHead(5000);
    EXPECT_EQ(StatusOf(head), 501) << head;
    EXPECT_EQ(HeaderOf(head, "content-type"), "application/json");
    std::size_t length = std::stoul(HeaderOf(head, "content-length"));
    json body = json::parse(c.ReadBody(length, 2000));
    EXPECT_EQ(body["code"], "unsupported");
    EXPECT_NE(body["message"].get<std::string>().find("'" + method + "'"), std::string::npos);
    EXPECT_TRUE(c.ClosedWithin(2000));
  }
  EXPECT_EQ(Get("/api/health").status, 200);
}

}  // namespace
}  // namespace http_test
