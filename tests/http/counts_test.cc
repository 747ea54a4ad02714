// Counts name only what the asker may see: the credit and tag lists leave
// out photos under embargo and photos only in private albums (unless the
// asker holds that album's link); editors count everything.
#include <ctime>
#include <map>

#include "fixtures/api_fixture.h"

namespace http_test {
namespace {

using nlohmann::json;

class CountsTest : public ApiTest {
 protected:
  void SetUp() override {
    Gallery({"album", "add", "open", "--title-en", "Open"});
    Gallery({"album", "add", "closed", "--visibility", "private", "--title-en", "Closed"});
    StartServer();
    UploadPhoto(Jpeg(1, "", "© Open", 64, 48, {"open-kw"}), "a.jpg", "?album=open");
    UploadPhoto(Jpeg(2, "", "© Closed", 64, 48, {"closed-kw"}), "b.jpg", "?album=closed");
    std::int64_t later = UploadPhoto(Jpeg(3, "", "© Later", 64, 48, {"later-kw"}), "c.jpg",
                                     "?album=open")["id"];
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

}  // namespace
}  // namespace http_test
