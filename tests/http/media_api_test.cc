// Media over HTTP: renditions with ETags and caching, `large` rendered on
// first request, originals with the catalog's text written in, ranges,
// sidecars.
#include <filesystem>

#include "fixtures/api_fixture.h"

namespace http_test {
namespace {

using nlohmann::json;

class MediaApiTest : public ApiTest {
 protected:
  void SetUp() override {
    StartServer();
    photo_ = UploadPhoto(Jpeg(1, "Opening session", "", 600, 400), "hall.jpg",
                         "?credit=%C2%A9%20IOM%202016");
    id_ = std::to_string(photo_["id"].get<int>());
  }
  json photo_;
  std::string id_;
};

TEST_F(MediaApiTest, TileWithETagAndImmutableCaching) {
  const std::string url = photo_["renditions"]["tile"]["webp"];
  auto r = Get(url);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "image/webp");
  EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.body.substr(8, 4), "WEBP");
  EXPECT_EQ(r.Header("cache-control"), "public, max-age=31536000, immutable");
  std::string etag = r.Header("etag");
  ASSERT_FALSE(etag.empty());
  auto again = Get(url, {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(Get("/media/" + id_ + "/tile.webp").Header("cache-control"), "no-cache");
  EXPECT_EQ(Get("/media/" + id_ + "/tile.webp?v=1").Header("cache-control"), "no-cache");
}

TEST_F(MediaApiTest, JpegVariantAndLargeRenderedOnFirstRequest) {
  std::string sha = photo_["sha256"];
  std::string large = data_ + "/renditions/" + sha.substr(0, 2) + "/" + sha + "/large.webp";
  EXPECT_FALSE(std::filesystem::exists(large));
  auto r = Get("/media/" + id_ + "/large.webp?v=1");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.substr(8, 4), "WEBP");
  EXPECT_TRUE(std::filesystem::exists(large));
  auto jpg = Get("/media/" + id_ + "/small.jpg?v=1");
  ASSERT_EQ(jpg.status, 200) << jpg.body;
  EXPECT_EQ(jpg.Header("content-type"), "image/jpeg");
  EXPECT_EQ(jpg.body.substr(0, 2), "\xFF\xD8");
}

TEST_F(MediaApiTest, UnknownRenditionOrPhotoIs404) {
  for (const std::string& path : std::vector<std::string>{"/media/" + id_ + "/huge.webp", "/media/" + id_ + "/tile.gif",
                                  "/media/" + id_ + "/tile", "/media/99999/tile.webp",
                                  "/media/abc/original"}) {
    auto r = Get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(json::parse(r.body)["code"], "not_found") << path;
  }
}

TEST_F(MediaApiTest, OriginalCarriesTheCatalogCreditAndStoredOneIsUntouched) {
  auto r = Get("/media/" + id_ + "/original");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "image/jpeg");
  EXPECT_EQ(r.Header("accept-ranges"), "bytes");
  EXPECT_NE(r.Header("content-disposition").find("hall.jpg"), std::string::npos);
  EXPECT_NE(r.body.find("© IOM 2016"), std::string::npos);
  std::string sha = photo_["sha256"];
  std::string stored = testing_util::ReadFileOrDie(data_ + "/originals/" + sha.substr(0, 2) + "/" +
                                                   sha.substr(2, 2) + "/" + sha);
  EXPECT_EQ(stored.find("© IOM 2016"), std::string::npos);
}

TEST_F(MediaApiTest, RangeRequests) {
  std::string whole = Get("/media/" + id_ + "/original").body;
  auto head = Get("/media/" + id_ + "/original", {{"Range", "bytes=0-9"}});
  ASSERT_EQ(head.status, 206);
  EXPECT_EQ(head.body, whole.substr(0, 10));
  EXPECT_EQ(head.Header("content-range"), "bytes 0-9/" + std::to_string(whole.size()));
  auto tail = Get("/media/" + id_ + "/original", {{"Range", "bytes=-5"}});
  ASSERT_EQ(tail.status, 206);
  EXPECT_EQ(tail.body, whole.substr(whole.size() - 5));
  auto open = Get("/media/" + id_ + "/original", {{"Range", "bytes=100-"}});
  ASSERT_EQ(open.status, 206);
  EXPECT_EQ(open.body, whole.substr(100));
  auto beyond = Get("/media/" + id_ + "/original", {{"Range", "bytes=99999999-"}});
  EXPECT_EQ(beyond.status, 416);
  EXPECT_EQ(beyond.Header("content-range"), "bytes */" + std::to_string(whole.size()));
  EXPECT_EQ(Get("/media/" + id_ + "/original", {{"Range", "bytes=0-1,5-6"}}).status, 200);
}

// RFC 9110 13.1.5: a Range under an If-Range that does not name the
// current bytes is ignored, and the whole original comes back.
TEST_F(MediaApiTest, IfRangeHonoursOnlyTheCurrentETag) {
  const std::string path = "/media/" + id_ + "/original";
  auto whole = Get(path);
  ASSERT_EQ(whole.status, 200);
  std::string etag = whole.Header("etag");
  auto same = Get(path, {{"Range", "bytes=0-9"}, {"If-Range", etag}});
  EXPECT_EQ(same.status, 206);
  EXPECT_EQ(same.body, whole.body.substr(0, 10));
  // After an edit the bytes are new: the old ETag gets all of them.
  Headers editor = Editor();
  editor.emplace_back("Content-Type", "application/json");
  ASSERT_EQ(Send(port(), "PATCH", "/api/photos/" + id_, editor, R"({"credit": "© IOM 2017"})").status, 200);
  auto changed = Get(path, {{"Range", "bytes=0-9"}, {"If-Range", etag}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_NE(changed.Header("etag"), etag);
  EXPECT_NE(changed.body.find("IOM 2017"), std::string::npos);
  EXPECT_EQ(Get(path, {{"Range", "bytes=0-9"}, {"If-Range", "W/" + changed.Header("etag")}}).status, 200);
  EXPECT_EQ(Get(path, {{"Range", "bytes=0-9"}, {"If-Range", "Tue, 12 Jul 2016 09:00:00 GMT"}}).status, 200);
  EXPECT_EQ(Get(path, {{"Range", "bytes=0-9"}, {"If-Range", changed.Header("etag")}}).status, 206);
}

TEST_F(MediaApiTest, SidecarHoldsTheText) {
  auto r = Get("/media/" + id_ + "/sidecar.xmp");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "application/rdf+xml");
  EXPECT_NE(r.body.find("© IOM 2016"), std::string::npos);
  EXPECT_NE(r.body.find("Opening session"), std::string::npos);
}

}  // namespace
}  // namespace http_test
