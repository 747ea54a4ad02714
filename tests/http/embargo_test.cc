// Embargoed photos are invisible to the public (lists, search, GET, media)
// until their date; editors see them all along.
#include <ctime>
#include <set>
#include <thread>

#include "fixtures/api_fixture.h"
#include "media/utc_time.h"

namespace http_test {
namespace {

using nlohmann::json;

class EmbargoTest : public ApiTest {
 protected:
  void SetUp() override {
    Gallery({"album", "add", "opening", "--title-en", "Opening"});
    StartServer();
    id_ = UploadPhoto(Jpeg(1, "Minister arrives"), "minister.jpg", "?album=opening")["id"];
    shown_ = UploadPhoto(Jpeg(2, "Hall"), "hall.jpg", "?album=opening")["id"];
  }
  void Embargo(const std::string& until) {
    Headers h = Editor();
    h.emplace_back("Content-Type", "application/json");
    auto r = Send(port(), "PATCH", "/api/photos/" + std::to_string(id_), h,
                  json({{"embargo_until", until}}).dump());
    ASSERT_EQ(r.status, 200) << r.body;
  }
  std::set<std::int64_t> Ids(const std::string& path, const Headers& h = {}) {
    auto r = Get(path, h);
    EXPECT_EQ(r.status, 200) << r.body;
    std::set<std::int64_t> ids;
    json r_json = json::parse(r.body);
    for (const auto& p : r_json["items"]) ids.insert(p["id"].get<std::int64_t>());
    return ids;
  }
  // Whether the public sees the photo anywhere; `editor_too` checks editors do.
  bool PublicSees() {
    std::string id = std::to_string(id_);
    int get = Get("/api/photos/" + id).status, original = Get("/media/" + id + "/original").status,
        sidecar = Get("/media/" + id + "/sidecar.xmp").status;
    bool listed = Ids("/api/photos").count(id_), in_album = Ids("/api/albums/opening/photos").count(id_),
         found = Ids("/api/photos?q=minister").count(id_);
    bool all = get == 200 && original == 200 && sidecar == 200 && listed && in_album && found;
    bool none = get == 404 && original == 404 && sidecar == 404 && !listed && !in_album && !found;
    EXPECT_TRUE(all || none) << get << " " << original << " " << sidecar << " " << listed << in_album << found;
    return all;
  }
  void EditorSees() {
    EXPECT_EQ(Get("/api/photos/" + std::to_string(id_), Editor()).status, 200);
    EXPECT_EQ(Get("/media/" + std::to_string(id_) + "/original", Editor()).status, 200);
    EXPECT_TRUE(Ids("/api/photos", Editor()).count(id_));
    EXPECT_TRUE(Ids("/api/albums/opening/photos", Editor()).count(id_));
  }
  std::int64_t id_ = 0, shown_ = 0;
};

TEST_F(EmbargoTest, HiddenFromThePublicUntilItsDate) {
  ASSERT_TRUE(PublicSees());
  Embargo("2099-01-01T00:00:00Z");
  EXPECT_FALSE(PublicSees());
  EditorSees();
  EXPECT_TRUE(Ids("/api/photos").count(shown_));  // others unaffected
  Embargo("2001-01-01T00:00:00Z");
  EXPECT_TRUE(PublicSees());
  Embargo("");
  EXPECT_TRUE(PublicSees());
}

TEST_F(EmbargoTest, AppearsWhenTheDateComes) {
  Embargo(media::UtcAfter(2));
  EXPECT_FALSE(PublicSees());
  std::this_thread::sleep_for(std::chrono::milliseconds(3200));
  EXPECT_TRUE(PublicSees());
}

TEST_F(EmbargoTest, ShareLinkDoesNotLiftTheEmbargo) {
  Headers h = Editor();
  h.emplace_back("Content-Type", "application/json");
  auto link = Send(port(), "POST", "/api/albums/opening/links", h, R"({"expires_in_days": 1})");
  ASSERT_EQ(link.status, 201) << link.body;
  std::string secret = json::parse(link.body)["secret"];
  Embargo("2099-01-01T00:00:00Z");
  EXPECT_EQ(Get("/api/photos/" + std::to_string(id_) + "?share=" + secret).status, 404);
  EXPECT_FALSE(Ids("/api/albums/opening/photos?share=" + secret).count(id_));
}

}  // namespace
}  // namespace http_test
