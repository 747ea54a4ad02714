// Covers as the API gives them (an editor's choice for albums and meetings,
// else the best photo the asker may see: never a 1×1 pixel next to a real
// photo, never an embargoed or private one for the public) and POST
// /api/photos/lookup (which of these SHA-256s the archive has: editors only,
// bounded, bad input named).
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "fixtures/api_fixture.h"

namespace http_test {
namespace {

using nlohmann::json;

class CoversLookupTest : public ApiTest {
 protected:
  void SetUp() override {
    Gallery({"meeting", "add", "casablanca-2016", "--title-en", "Technical meeting"});
    Gallery({"meeting", "add", "geneva-2017", "--title-en", "Council"});
    Gallery({"album", "add", "opening", "--meeting", "casablanca-2016", "--title-en", "Opening"});
    Gallery({"album", "add", "closed", "--meeting", "casablanca-2016", "--title-en", "Closed",
             "--visibility", "private"});
    viewer_ = CreateToken(data_, "viewer");
    StartServer();
    const std::string in_meeting = "?meeting=casablanca-2016&album=";
    dot_ = Add(1, 1, 1, in_meeting + "opening");  // first in album order
    real_ = Add(2, 640, 480, in_meeting + "opening");
    embargoed_ = Add(3, 1200, 900, in_meeting + "opening");
    private_ = Add(4, 1000, 800, in_meeting + "closed");
    elsewhere_ = Add(5, 800, 600, "?meeting=geneva-2017");
    auto r = Json("PATCH", "/api/photos/" + std::to_string(embargoed_.id),
                  R"({"embargo_until": "2999-01-01T00:00:00Z"})");
    ASSERT_EQ(r.status, 200) << r.body;
  }

  struct Uploaded {
    std::int64_t id = 0;
    std::string sha256;
  };
  Uploaded Add(int seed, int width, int height, const std::string& query) {
    json p = UploadPhoto(Jpeg(seed, "", "", width, height), "p" + std::to_string(seed) + ".jpg", query);
    return {p["id"].get<std::int64_t>(), p["sha256"].get<std::string>()};
  }
  Reply Json(const std::string& method, const std::string& path, const std::string& body, Headers h = {}) {
    if (h.empty()) h = Editor();
    h.emplace_back("Content-Type", "application/json");
    return Send(port(), method, path, h, body);
  }
  json GetJson(const std::string& path, const Headers& h = {}) {
    auto r = Get(path, h);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    return r.status == 200 ? json::parse(r.body) : json::object();
  }
  Headers Viewer() const { return {{"Authorization", "Bearer " + viewer_}}; }
  void ExpectRefused(const Reply& r, const std::string& named) {
    EXPECT_EQ(r.status, 400) << r.body;
    json e = json::parse(r.body, nullptr, false);
    EXPECT_EQ(e.value("code", ""), "invalid_argument") << r.body;
    EXPECT_NE(e.value("message", "").find(named), std::string::npos) << r.body;
  }
  Reply Lookup(const std::vector<std::string>& hashes, const Headers& h = {}) {
    return Json("POST", "/api/photos/lookup", json({{"sha256", hashes}}).dump(), h);
  }

  std::string viewer_;
  Uploaded dot_, real_, embargoed_, private_, elsewhere_;
};

TEST_F(CoversLookupTest, UnchosenCoversAreTheBestPhotoTheAskerMaySee) {
  // The public: the real photo, not the 1×1 one before it, nor the larger
  // embargoed or private ones.
  EXPECT_EQ(GetJson("/api/albums/opening")["shown_cover_id"], real_.id);
  json meeting = GetJson("/api/meetings/casablanca-2016");
  EXPECT_EQ(meeting["shown_cover_id"], real_.id);
  EXPECT_TRUE(meeting["cover_photo_id"].is_null());
  json meetings = GetJson("/api/meetings");
  for (const auto& m : meetings["items"]) {
    EXPECT_EQ(m["shown_cover_id"], m["slug"] == "casablanca-2016" ? real_.id : elsewhere_.id) << m;
  }
  json albums = GetJson("/api/albums");
  for (const auto& a : albums["items"]) {
    if (a["slug"] == "opening") {
      EXPECT_EQ(a["shown_cover_id"], real_.id);
    }
  }
  // A viewer may see the private album's photo; nobody gets the embargoed
  // one while another is there.
  EXPECT_EQ(GetJson("/api/meetings/casablanca-2016", Viewer())["shown_cover_id"], private_.id);
  EXPECT_EQ(GetJson("/api/meetings/casablanca-2016", Editor())["shown_cover_id"], private_.id);
  EXPECT_EQ(GetJson("/api/albums/opening", Editor())["shown_cover_id"], real_.id);
}

TEST_F(CoversLookupTest, EditorChoosesAMeetingCoverRecordedInItsHistory) {
  auto r = Json("PATCH", "/api/meetings/casablanca-2016", json({{"cover_photo_id", dot_.id}}).dump());
  ASSERT_EQ(r.status, 200) << r.body;
  json m = json::parse(r.body);
  EXPECT_EQ(m["cover_photo_id"], dot_.id);
  EXPECT_EQ(m["shown_cover_id"], dot_.id);
  EXPECT_EQ(GetJson("/api/meetings/casablanca-2016")["shown_cover_id"], dot_.id);  // chosen wins
  json history = GetJson("/api/meetings/casablanca-2016/history", Editor());
  ASSERT_EQ(history["items"].size(), 1u) << history;
  EXPECT_EQ(history["items"][0]["field"], "cover_photo_id");
  EXPECT_EQ(history["items"][0]["new_value"], std::to_string(dot_.id));

  // A chosen private photo: the public sees neither it nor the choice.
  ASSERT_EQ(Json("PATCH", "/api/meetings/casablanca-2016", json({{"cover_photo_id", private_.id}}).dump()).status, 200);
  json seen = GetJson("/api/meetings/casablanca-2016");
  EXPECT_TRUE(seen["cover_photo_id"].is_null()) << seen;
  EXPECT_EQ(seen["shown_cover_id"], real_.id);

  ASSERT_EQ(Json("PATCH", "/api/meetings/casablanca-2016", R"({"cover_photo_id": null})").status, 200);
  EXPECT_TRUE(GetJson("/api/meetings/casablanca-2016", Editor())["cover_photo_id"].is_null());
  EXPECT_EQ(GetJson("/api/meetings/casablanca-2016/history", Editor())["items"].size(), 3u);
}

TEST_F(CoversLookupTest, MeetingCoverMustBeOneOfItsPhotos) {
  const std::string path = "/api/meetings/casablanca-2016";
  ExpectRefused(Json("PATCH", path, json({{"cover_photo_id", elsewhere_.id}}).dump()), "cover_photo_id");
  ExpectRefused(Json("PATCH", path, R"({"cover_photo_id": 999999})"), "cover_photo_id");
  ExpectRefused(Json("PATCH", path, R"({"cover_photo_id": "one"})"), "cover_photo_id");
  ExpectRefused(Json("PATCH", path, R"({"cover_photo_id": -3})"), "cover_photo_id");
  ExpectRefused(Json("POST", "/api/meetings", R"({"slug": "new-one", "cover_photo_id": 1})"), "cover_photo_id");
  EXPECT_EQ(Json("PATCH", path, json({{"cover_photo_id", real_.id}}).dump(), Viewer()).status, 403);
  EXPECT_TRUE(GetJson(path + "/history", Editor())["items"].empty());
}

TEST_F(CoversLookupTest, LookupAnswersWhichHashesAreKnownOnceInTheOrderAsked) {
  std::string upper = private_.sha256;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  const std::string unknown(64, 'a');
  auto r = Lookup({unknown, upper, real_.sha256, embargoed_.sha256, real_.sha256});
  ASSERT_EQ(r.status, 200) << r.body;
  json known = json::parse(r.body)["known"];
  ASSERT_EQ(known.size(), 3u) << known;
  EXPECT_EQ(known[0]["sha256"], private_.sha256);  // lower case, as stored
  EXPECT_EQ(known[0]["id"], private_.id);
  EXPECT_EQ(known[1]["id"], real_.id);
  EXPECT_EQ(known[2]["id"], embargoed_.id);
  auto none = Lookup({unknown});
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(json::parse(none.body), json({{"known", json::array()}}));
  // A full batch of 1,000 is one answer.
  std::vector<std::string> many(999, unknown);
  many.push_back(dot_.sha256);
  auto full = Lookup(many);
  ASSERT_EQ(full.status, 200) << full.body;
  EXPECT_EQ(json::parse(full.body)["known"].size(), 1u);
}

TEST_F(CoversLookupTest, LookupIsForEditorsOnlyAndRevealsNothingToOthers) {
  const std::vector<std::string> asked = {private_.sha256, embargoed_.sha256, real_.sha256};
  auto anonymous = Lookup(asked, {{"X-None", "1"}});
  EXPECT_EQ(anonymous.status, 401) << anonymous.body;
  auto viewer = Lookup(asked, Viewer());
  EXPECT_EQ(viewer.status, 403) << viewer.body;
  for (const auto* r : {&anonymous, &viewer}) {
    for (const auto& u : {private_, embargoed_, real_}) {
      EXPECT_EQ(r->body.find(u.sha256), std::string::npos) << r->body;
    }
  }
  // Only POST asks: a GET is no lookup (it names no photo).
  EXPECT_EQ(Get("/api/photos/lookup", Editor()).status, 405);
}

TEST_F(CoversLookupTest, LookupRefusesBadInputNamingIt) {
  ExpectRefused(Json("POST", "/api/photos/lookup", R"({})"), "sha256");
  ExpectRefused(Json("POST", "/api/photos/lookup", R"({"sha256": []})"), "sha256");
  ExpectRefused(Json("POST", "/api/photos/lookup", R"({"sha256": "abc"})"), "sha256");
  ExpectRefused(Json("POST", "/api/photos/lookup", R"({"sha256": [], "more": 1})"), "more");
  ExpectRefused(Json("POST", "/api/photos/lookup", R"({"sha256": )"), "body");
  ExpectRefused(Lookup({real_.sha256, std::string(63, 'a')}), "sha256[1]");
  ExpectRefused(Lookup({std::string(64, 'g')}), "sha256[0]");
  ExpectRefused(Lookup({real_.sha256 + "0"}), "sha256[0]");
  ExpectRefused(Json("POST", "/api/photos/lookup", R"({"sha256": [5]})"), "sha256[0]");
  std::vector<std::string> too_many(1001, std::string(64, 'b'));
  auto r = Lookup(too_many);
  ExpectRefused(r, "1000");
  EXPECT_NE(r.body.find("1001"), std::string::npos) << r.body;
}

// What an uploader saves by looking up first is measurable: the server
// counts the bytes of upload bodies it receives.
TEST_F(CoversLookupTest, UploadBodyBytesAreCounted) {
  auto bytes = [&] {
    auto r = Get("/metrics", Admin());
    EXPECT_EQ(r.status, 200) << r.body;
    const std::string name = "\ngallery_upload_body_bytes_total ";
    std::size_t at = r.body.find(name);
    EXPECT_NE(at, std::string::npos) << r.body;
    return at == std::string::npos ? -1 : std::stoll(r.body.substr(at + name.size()));
  };
  long long before = bytes();
  std::string jpeg = Jpeg(42, "", "", 320, 240);
  UploadPhoto(jpeg, "counted.jpg");
  EXPECT_EQ(Upload(jpeg, "again.jpg").status, 200);  // a duplicate's bytes were received too
  EXPECT_EQ(bytes() - before, 2 * static_cast<long long>(jpeg.size()));
}

}  // namespace
}  // namespace http_test
