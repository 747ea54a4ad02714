// GET /api/albums/{slug}/download over HTTP: a streamed (chunked) ZIP of the
// album's originals with the catalog's text written in, safe and unique
// entry names, read back with the system's unzip; private albums 404
// without access; embargoed photos left out for the public.
#include <cstdlib>
#include <sstream>

#include "fixtures/api_fixture.h"

namespace http_test {
namespace {

using nlohmann::json;

class DownloadApiTest : public ApiTest {
 protected:
  void SetUp() override {
    if (std::system("command -v unzip >/dev/null 2>&1") != 0) GTEST_SKIP() << "unzip not installed";
    Gallery({"album", "add", "opening", "--title-en", "Opening"});
    Gallery({"album", "add", "backstage", "--visibility", "private"});
    StartServer();
    a_ = UploadPhoto(Jpeg(1, "First", "© IOM 2016"), "photo.jpg", "?album=opening")["id"];
    b_ = UploadPhoto(Jpeg(2, "Second", "© IOM 2016"), "photo.jpg", "?album=opening")["id"];
    c_ = UploadPhoto(Jpeg(3, "Third"), "%E2%80%AEgpj.exe", "?album=opening")["id"];
    UploadPhoto(Jpeg(4, "Hidden"), "hidden.jpg", "?album=backstage");
  }
  // Saves the body as a.zip and returns `unzip`'s output for `args`.
  std::string Unzip(const std::string& zip, const std::string& args, int* status) {
    testing_util::WriteFileOrDie(tmp_ / "a.zip", zip);
    std::string cmd = "unzip " + args + " '" + (tmp_ / "a.zip") + "' 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    *status = pclose(p);
    return out;
  }
  std::vector<std::string> Names(const std::string& zip) {
    int status = 0;
    std::istringstream in(Unzip(zip, "-Z1", &status));
    EXPECT_EQ(status, 0);
    std::vector<std::string> names;
    for (std::string line; std::getline(in, line);) names.push_back(line);
    return names;
  }
  void Patch(std::int64_t id, const json& set) {
    Headers h = Editor();
    h.emplace_back("Content-Type", "application/json");
    ASSERT_EQ(Send(port(), "PATCH", "/api/photos/" + std::to_string(id), h, set.dump()).status, 200);
  }
  std::int64_t a_ = 0, b_ = 0, c_ = 0;
};

TEST_F(DownloadApiTest, StreamsAValidZipOfTheOriginalsWithTheirText) {
  Patch(a_, {{"caption", {{"en", "Edited in the catalog"}}}});
  auto r = Get("/api/albums/opening/download");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.chunked);
  EXPECT_EQ(r.Header("content-type"), "application/zip");
  EXPECT_NE(r.Header("content-disposition").find("opening.zip"), std::string::npos);
  int status = -1;
  std::string test = Unzip(r.body, "-t", &status);
  EXPECT_EQ(status, 0) << test;
  EXPECT_EQ(Names(r.body), (std::vector<std::string>{"photo.jpg", "photo (2).jpg", "gpj.exe"}));
  std::string first;
  FILE* p = popen(("unzip -p '" + (tmp_ / "a.zip") + "' photo.jpg").c_str(), "r");
  char buf[65536];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) first.append(buf, n);
  pclose(p);
  EXPECT_EQ(first.compare(0, 2, "\xFF\xD8"), 0);
  EXPECT_NE(first.find("Edited in the catalog"), std::string::npos);
  EXPECT_NE(first.find("© IOM 2016"), std::string::npos);
}

TEST_F(DownloadApiTest, PrivateAlbumNeedsAccess) {
  EXPECT_EQ(Get("/api/albums/backstage/download").status, 404);
  EXPECT_EQ(Get("/api/albums/nowhere/download").status, 404);
  auto editor = Get("/api/albums/backstage/download", Editor());
  ASSERT_EQ(editor.status, 200);
  EXPECT_EQ(Names(editor.body), std::vector<std::string>{"hidden.jpg"});
  Headers h = Editor();
  h.emplace_back("Content-Type", "application/json");
  auto link = Send(port(), "POST", "/api/albums/backstage/links", h, R"({"expires_in_days": 1})");
  ASSERT_EQ(link.status, 201);
  std::string secret = json::parse(link.body)["secret"];
  EXPECT_EQ(Get("/api/albums/backstage/download?share=" + secret).status, 200);
  EXPECT_EQ(Get("/api/albums/opening/download?share=" + secret).status, 200);  // public anyway
}

TEST_F(DownloadApiTest, EmbargoedPhotosAreLeftOutForThePublic) {
  Patch(b_, {{"embargo_until", "2099-01-01T00:00:00Z"}});
  EXPECT_EQ(Names(Get("/api/albums/opening/download").body),
            (std::vector<std::string>{"photo.jpg", "gpj.exe"}));
  EXPECT_EQ(Names(Get("/api/albums/opening/download", Editor()).body).size(), 3u);
}

}  // namespace
}  // namespace http_test
