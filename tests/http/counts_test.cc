// Counts name only what the asker may see: the credit and tag lists and the
// meetings' photo counts leave out photos under embargo and photos only in
// private albums (unless the asker holds that album's link); an album's
// count leaves out its photos under embargo; editors count everything.
#include <ctime>
#include <map>

#include "fixtures/api_fixture.h"

namespace http_test {
namespace {

using nlohmann::json;

class CountsTest : public ApiTest {
 protected:
  void SetUp() override {
    Gallery({"meeting", "add", "rabat", "--title-en", "Rabat"});
    Gallery({"album", "add", "open", "--meeting", "rabat", "--title-en", "Open"});
    Gallery({"album", "add", "closed", "--meeting", "rabat", "--visibility", "private",
             "--title-en", "Closed"});
    StartServer();
    UploadPhoto(Jpeg(1, "", "© Open", 64, 48, {"open-kw"}), "a.jpg", "?album=open&meeting=rabat");
    UploadPhoto(Jpeg(2, "", "© Closed", 64, 48, {"closed-kw"}), "b.jpg",
                "?album=closed&meeting=rabat");
    std::int64_t later = UploadPhoto(Jpeg(3, "", "© Later", 64, 48, {"later-kw"}), "c.jpg",
                                     "?album=open&meeting=rabat")["id"];
    Headers h = Editor();
    h.emplace_back("Content-Type", "application/json");
    auto r = Send(port(), "PATCH", "/api/photos/" + std::to_string(later), h,
                  R"({"embargo_until": "2999-01-01T00:00:00Z"})");
    ASSERT_EQ(r.status, 200) << r.body;
    h = Editor();
    h.emplace_back("Content-Type", "application/json");
    r = Send(port(), "POST", "/api/albums/closed/links", h, R"({"expires_in_days": 7})");
    ASSERT_EQ(r.status, 201) << r.body;
    secret_ = json::parse(r.body).value("secret", "");
  }
  // name -> photo_count of a credit or tag list.
  std::map<std::string, int> Counts(const std::string& path, const std::string& field,
                                    const Headers& h = {}) {
    auto r = Get(path, h);
    EXPECT_EQ(r.status, 200) << r.body;
    std::map<std::string, int> out;
    json body = json::parse(r.body);
    for (const auto& item : body.at("items")) {
      out[item.at(field).get<std::string>()] = item.at("photo_count").get<int>();
    }
    return out;
  }
  // The photo_count of the JSON object at `path`.
  int PhotoCount(const std::string& path, const Headers& h = {}) {
    auto r = Get(path, h);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    return r.status == 200 ? json::parse(r.body).at("photo_count").get<int>() : -1;
  }
  std::string secret_;
};

TEST_F(CountsTest, CreditsCountOnlyVisiblePhotos) {
  using M = std::map<std::string, int>;
  EXPECT_EQ(Counts("/api/credits", "credit"), (M{{"© Open", 1}}));
  EXPECT_EQ(Counts("/api/credits?share=" + secret_, "credit"), (M{{"© Open", 1}, {"© Closed", 1}}));
  EXPECT_EQ(Counts("/api/credits", "credit", Editor()),
            (M{{"© Open", 1}, {"© Closed", 1}, {"© Later", 1}}));
}

TEST_F(CountsTest, TagsCountOnlyVisiblePhotos) {
  using M = std::map<std::string, int>;
  EXPECT_EQ(Counts("/api/tags", "tag"), (M{{"open-kw", 1}}));
  EXPECT_EQ(Counts("/api/tags?share=" + secret_, "tag"), (M{{"open-kw", 1}, {"closed-kw", 1}}));
  EXPECT_EQ(Counts("/api/tags", "tag", Editor()),
            (M{{"open-kw", 1}, {"closed-kw", 1}, {"later-kw", 1}}));
}

TEST_F(CountsTest, AlbumCountsLeaveOutEmbargoedPhotos) {
  EXPECT_EQ(PhotoCount("/api/albums/open"), 1);
  EXPECT_EQ(PhotoCount("/api/albums/open", Editor()), 2);
  EXPECT_EQ(PhotoCount("/api/albums/closed?share=" + secret_), 1);
  auto r = Get("/api/albums");
  ASSERT_EQ(r.status, 200) << r.body;
  json items = json::parse(r.body).at("items");
  ASSERT_EQ(items.size(), 1u) << r.body;
  EXPECT_EQ(items[0].at("photo_count"), 1);
}

TEST_F(CountsTest, MeetingCountsOnlyVisiblePhotos) {
  EXPECT_EQ(PhotoCount("/api/meetings/rabat"), 1);
  EXPECT_EQ(PhotoCount("/api/meetings/rabat", Editor()), 3);
  auto r = Get("/api/meetings");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body).at("items").at(0).at("photo_count"), 1) << r.body;
  r = Get("/api/meetings/rabat");
  ASSERT_EQ(r.status, 200) << r.body;
  json albums = json::parse(r.body).at("albums");
  ASSERT_EQ(albums.size(), 1u) << r.body;
  EXPECT_EQ(albums[0].at("photo_count"), 1);
}

}  // namespace
}  // namespace http_test
