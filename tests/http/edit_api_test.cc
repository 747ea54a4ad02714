// Editing over HTTP: one photo, many in one transaction, history and revert,
// deletion by an admin; bad bodies and roles refused.
#include "fixtures/api_fixture.h"

namespace http_test {
namespace {

using nlohmann::json;

class EditApiTest : public ApiTest {
 protected:
  void SetUp() override {
    StartServer();
    a_ = UploadPhoto(Jpeg(1, "Opening", "© IOM 2016"), "a.jpg")["id"];
    b_ = UploadPhoto(Jpeg(2, "Panel", "© IOM 2016"), "b.jpg")["id"];
  }
  Reply Patch(const std::string& path, const std::string& body, Headers h = {}) {
    if (h.empty()) h = Editor();
    h.emplace_back("Content-Type", "application/json");
    return Send(port(), "PATCH", path, h, body);
  }
  std::string A() const { return "/api/photos/" + std::to_string(a_); }
  std::int64_t a_ = 0, b_ = 0;
};

TEST_F(EditApiTest, EditsOnePhotoAndKeepsHistory) {
  auto r = Patch(A(), R"({"caption": {"en": "Opening session", "fr": "Séance d'ouverture"},
                          "credit": "© IOM 2017", "keywords": ["plenary", "hall"]})");
  ASSERT_EQ(r.status, 200) << r.body;
  json p = json::parse(r.body);
  EXPECT_EQ(p["caption"]["fr"], "Séance d'ouverture");
  EXPECT_EQ(p["credit"], "© IOM 2017");
  EXPECT_EQ(p["keywords"], json::array({"plenary", "hall"}));
  EXPECT_GT(p["version"].get<int>(), 1);
  EXPECT_NE(Get("/media/" + std::to_string(a_) + "/original").body.find("© IOM 2017"), std::string::npos);

  auto h = Get(A() + "/history", Editor());
  ASSERT_EQ(h.status, 200) << h.body;
  json items = json::parse(h.body)["items"];
  json credit_entry;
  for (const auto& e : items) {
    if (e["field"] == "credit") credit_entry = e;
  }
  ASSERT_FALSE(credit_entry.is_null()) << items;
  EXPECT_EQ(credit_entry["old_value"], "© IOM 2016");
  auto revert = Send(port(), "POST",
                     A() + "/history/" + std::to_string(credit_entry["id"].get<int>()) + "/revert", Editor());
  ASSERT_EQ(revert.status, 200) << revert.body;
  EXPECT_EQ(json::parse(revert.body)["credit"], "© IOM 2016");
  EXPECT_EQ(Get(A() + "/history").status, 401);
}

TEST_F(EditApiTest, AlbumJoinsAndLeavesAreInTheHistoryWithTheAlbumsTitlesAndRevert) {
  Headers h = Editor();
  h.emplace_back("Content-Type", "application/json");
  ASSERT_EQ(Send(port(), "POST", "/api/albums", h,
                 R"({"slug": "day-3", "title": {"en": "Day 3", "fr": "Jour 3"}})").status, 201);
  ASSERT_EQ(Send(port(), "POST", "/api/albums", h, R"({"slug": "gone", "title": {"en": "Gone"}})").status,
            201);
  const std::string ids = R"({"ids": [)" + std::to_string(a_) + "]}";
  ASSERT_EQ(Send(port(), "POST", "/api/albums/day-3/photos", h, ids).status, 200);
  ASSERT_EQ(Send(port(), "POST", "/api/albums/gone/photos", h, ids).status, 200);
  ASSERT_EQ(Send(port(), "DELETE", "/api/albums/gone/photos", h, ids).status, 200);
  ASSERT_EQ(Send(port(), "DELETE", "/api/albums/gone", h).status, 204);

  json items = json::parse(Get(A() + "/history", Editor()).body)["items"];
  std::vector<json> albums;
  for (const auto& e : items) {
    if (e["field"] == "album") albums.push_back(e);
  }
  ASSERT_EQ(albums.size(), 3u) << items;
  EXPECT_EQ(albums[0]["old_value"], "");
  EXPECT_EQ(albums[0]["new_value"], "day-3");
  EXPECT_FALSE(albums[0]["who"].get<std::string>().empty()) << albums[0];
  EXPECT_EQ(albums[0]["album"],
            json({{"slug", "day-3"}, {"title", {{"en", "Day 3"}, {"fr", "Jour 3"}}}}));
  EXPECT_EQ(albums[2]["old_value"], "gone");
  EXPECT_EQ(albums[2]["new_value"], "");
  EXPECT_EQ(albums[2]["album"], json({{"slug", "gone"}, {"title", nullptr}}));  // deleted since

  // Reverting the join takes the photo out of the album; the left album that
  // is gone cannot be joined again.
  auto revert_path = [&](const json& e) {
    return A() + "/history/" + std::to_string(e["id"].get<int>()) + "/revert";
  };
  auto revert = Send(port(), "POST", revert_path(albums[0]), Editor());
  ASSERT_EQ(revert.status, 200) << revert.body;
  EXPECT_EQ(json::parse(revert.body)["albums"], json::array());
  auto refused = Send(port(), "POST", revert_path(albums[2]), Editor());
  EXPECT_EQ(refused.status, 404) << refused.body;
}

TEST_F(EditApiTest, BulkEditIsAllOrNothing) {
  auto ok = Patch("/api/photos", R"({"ids": [)" + std::to_string(a_) + "," + std::to_string(b_) +
                                     R"(], "set": {"creator": "Photographer"}})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(json::parse(Get(A()).body)["creator"], "Photographer");
  auto missing = Patch("/api/photos", R"({"ids": [)" + std::to_string(a_) +
                                          R"(, 999999], "set": {"creator": "Someone else"}})");
  EXPECT_EQ(missing.status, 404) << missing.body;
  EXPECT_EQ(json::parse(Get(A()).body)["creator"], "Photographer");
}

TEST_F(EditApiTest, BulkEditAddsAndRemovesKeywordsAndAlbumsInOneTransaction) {
  const std::string ids = std::to_string(a_) + "," + std::to_string(b_);
  ASSERT_EQ(Patch(A(), R"({"keywords": ["plenary", "hall", "day 1"]})").status, 200);
  Headers h = Editor();
  h.emplace_back("Content-Type", "application/json");
  ASSERT_EQ(Send(port(), "POST", "/api/albums", h, R"({"slug": "day-one"})").status, 201);

  auto r = Patch("/api/photos", R"({"ids": [)" + ids + R"(], "set": {"keywords_add": ["opening", "plenary"],
      "keywords_remove": ["hall"], "usage_terms": "Editorial use only", "alt_text": {"fr": "Une salle"},
      "add_to_album": "day-one"}})");
  ASSERT_EQ(r.status, 200) << r.body;
  json a = json::parse(Get(A(), Editor()).body);
  // a keeps its own keywords but the one removed, and gains the new one once.
  EXPECT_EQ(a["keywords"], json::array({"plenary", "day 1", "opening"})) << a;
  EXPECT_EQ(a["usage_terms"], "Editorial use only");
  EXPECT_EQ(a["alt_text"]["fr"], "Une salle");
  json b = json::parse(Get("/api/photos/" + std::to_string(b_), Editor()).body);
  EXPECT_EQ(b["keywords"], json::array({"opening", "plenary"})) << b;
  json members = json::parse(Get("/api/albums/day-one/photos", Editor()).body)["items"];
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0]["id"], a_);

  // Each photo's history has the keywords as they were and became.
  json history = json::parse(Get(A() + "/history", Editor()).body)["items"];
  json last_keywords;
  for (const auto& e : history) {
    if (e["field"] == "keywords") last_keywords = e;
  }
  ASSERT_FALSE(last_keywords.is_null()) << history;
  EXPECT_EQ(last_keywords["old_value"], R"(["plenary","hall","day 1"])");
  EXPECT_EQ(last_keywords["new_value"], R"(["plenary","day 1","opening"])");

  // All or nothing: an unknown album leaves every photo as it was.
  auto refused = Patch("/api/photos", R"({"ids": [)" + ids +
                                         R"(], "set": {"credit": "changed", "remove_from_album": "nope"}})");
  EXPECT_EQ(refused.status, 404) << refused.body;
  EXPECT_NE(json::parse(Get(A(), Editor()).body)["credit"], "changed");
  auto left = Patch("/api/photos", R"({"ids": [)" + std::to_string(a_) + R"(], "set": {"remove_from_album": "day-one"}})");
  ASSERT_EQ(left.status, 200) << left.body;
  EXPECT_EQ(json::parse(Get("/api/albums/day-one/photos", Editor()).body)["items"].size(), 1u);

  // Replace and add at once, or one keyword both added and removed: refused, naming keywords.
  const std::pair<const char*, const char*> bad_sets[] = {
      {R"({"keywords": ["x"], "keywords_add": ["y"]})", "keywords"},
      {R"({"keywords_add": ["y"], "keywords_remove": ["y"]})", "keywords"},
      {R"({"keywords_add": "y"})", "keywords_add"},
      {R"({"add_to_album": ""})", "add_to_album"}};
  for (const auto& [set, field] : bad_sets) {
    auto bad = Patch("/api/photos", R"({"ids": [)" + ids + R"(], "set": )" + set + "}");
    EXPECT_EQ(bad.status, 400) << set << " " << bad.body;
    EXPECT_NE(json::parse(bad.body)["message"].get<std::string>().find(field), std::string::npos) << bad.body;
  }
}

TEST_F(EditApiTest, BadBodiesAre400) {
  for (const char* body : {"{not json", "[1, 2]", R"({"colour": "red"})", R"({"credit": 5})",
                           R"({"keywords": "a, b"})", R"({"caption": "no language"})", "{}"}) {
    auto r = Patch(A(), body);
    EXPECT_EQ(r.status, 400) << body << " " << r.body;
    EXPECT_EQ(json::parse(r.body)["code"], "invalid_argument") << body;
  }
  EXPECT_EQ(Patch("/api/photos", R"({"ids": [], "set": {"credit": "x"}})").status, 400);
  EXPECT_EQ(Patch("/api/photos/999999", R"({"credit": "x"})").status, 404);
}

TEST_F(EditApiTest, EditingNeedsATokenAndDeletingAnAdmin) {
  EXPECT_EQ(Send(port(), "PATCH", A(), {{"Content-Type", "application/json"}}, R"({"credit": "x"})").status,
            401);
  auto forbidden = Send(port(), "DELETE", A(), Editor());
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(json::parse(forbidden.body)["code"], "forbidden");
  auto deleted = Send(port(), "DELETE", A(), Admin());
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_EQ(Get(A()).status, 404);
  EXPECT_EQ(Send(port(), "DELETE", A(), Admin()).status, 404);
}

}  // namespace
}  // namespace http_test
