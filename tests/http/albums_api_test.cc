// Albums and meetings written over HTTP: create, update, delete (photos
// stay), add, remove and reorder photos, cover, default credit, history;
// bad input named, editor role required.
#include <vector>

#include "fixtures/api_fixture.h"

namespace http_test {
namespace {

using nlohmann::json;

class AlbumsApiTest : public ApiTest {
 protected:
  void SetUp() override {
    Gallery({"meeting", "add", "casablanca-2016", "--title-en", "Technical meeting"});
    StartServer();
  }
  Reply Json(const std::string& method, const std::string& path, const std::string& body,
             Headers h = {}) {
    if (h.empty()) h = Editor();
    h.emplace_back("Content-Type", "application/json");
    return Send(port(), method, path, h, body);
  }
  std::vector<std::int64_t> Order(const std::string& slug) {
    std::vector<std::int64_t> ids;
    auto r = Get("/api/albums/" + slug + "/photos", Editor());
    EXPECT_EQ(r.status, 200) << r.body;
    json r_json = json::parse(r.body);
    for (const auto& p : r_json["items"]) ids.push_back(p["id"].get<std::int64_t>());
    return ids;
  }
  // Expects a 400 whose message names `field`.
  void ExpectRefused(const Reply& r, const std::string& field) {
    EXPECT_EQ(r.status, 400) << r.body;
    json e = json::parse(r.body);
    EXPECT_EQ(e["code"], "invalid_argument");
    EXPECT_NE(e["message"].get<std::string>().find(field), std::string::npos) << e;
  }
  std::int64_t NewPhoto(int seed, const std::string& credit = "") {
    return UploadPhoto(Jpeg(seed, "Photo " + std::to_string(seed), credit), "p" + std::to_string(seed) + ".jpg")["id"];
  }
};

TEST_F(AlbumsApiTest, CreatesAlbumAndRefusesTakenSlug) {
  auto r = Json("POST", "/api/albums", R"({"slug": "opening", "title": {"en": "Opening", "fr": "Ouverture"},
      "description": {"en": "Day one"}, "meeting": "casablanca-2016", "visibility": "unlisted",
      "default_credit": "© IOM 2016"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Header("location"), "/api/albums/opening");
  json a = json::parse(r.body);
  EXPECT_EQ(a["title"]["fr"], "Ouverture");
  EXPECT_EQ(a["description"]["en"], "Day one");
  EXPECT_EQ(a["meeting"], "casablanca-2016");
  EXPECT_EQ(a["visibility"], "unlisted");
  EXPECT_EQ(a["default_credit"], "© IOM 2016");
  EXPECT_EQ(json::parse(Get("/api/albums/opening").body)["title"]["en"], "Opening");
  auto again = Json("POST", "/api/albums", R"({"slug": "opening"})");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(Json("POST", "/api/albums", R"({"slug": "other"})", {{"X-None", "1"}}).status, 401);
}

TEST_F(AlbumsApiTest, BadInputIsRefusedNamingTheField) {
  ExpectRefused(Json("POST", "/api/albums", R"({"slug": "a", "visibility": "secret"})"), "visibility");
  ExpectRefused(Json("POST", "/api/albums", R"({"slug": "Not A Slug"})"), "slug");
  ExpectRefused(Json("POST", "/api/albums", R"({"title": {"en": "No slug"}})"), "slug");
  ExpectRefused(Json("POST", "/api/albums", R"({"slug": "a", "meeting": "nowhere"})"), "meeting");
  ExpectRefused(Json("POST", "/api/albums", R"({"slug": "a", "title": 5})"), "title");
  ExpectRefused(Json("POST", "/api/albums", R"({"slug": "a", "title": {"en": 5}})"), "title.en");
  ExpectRefused(Json("POST", "/api/albums", R"({"slug": "a", "colour": "blue"})"), "colour");
  ExpectRefused(Json("POST", "/api/albums", R"({"slug": )"), "body");
  EXPECT_EQ(Get("/api/albums/a").status, 404);
}

TEST_F(AlbumsApiTest, UpdatesAlbumAndKeepsHistory) {
  ASSERT_EQ(Json("POST", "/api/albums", R"({"slug": "opening", "title": {"en": "Opening"}})").status, 201);
  std::int64_t a = NewPhoto(1);
  ASSERT_EQ(Json("POST", "/api/albums/opening/photos", "{\"ids\": [" + std::to_string(a) + "]}").status, 200);
  auto r = Json("PATCH", "/api/albums/opening",
                R"({"title": {"fr": "Ouverture"}, "visibility": "private", "default_credit": "© IOM 2016",
                    "meeting": "casablanca-2016", "cover_photo_id": )" + std::to_string(a) + "}");
  ASSERT_EQ(r.status, 200) << r.body;
  json album = json::parse(r.body);
  EXPECT_EQ(album["title"], json({{"en", "Opening"}, {"fr", "Ouverture"}}));
  EXPECT_EQ(album["visibility"], "private");
  EXPECT_EQ(album["cover_photo_id"], a);
  EXPECT_EQ(album["meeting"], "casablanca-2016");
  EXPECT_EQ(Get("/api/albums/opening").status, 404);  // private now
  EXPECT_EQ(Get("/api/albums/opening", Editor()).status, 200);

  std::int64_t outsider = NewPhoto(2);
  ExpectRefused(Json("PATCH", "/api/albums/opening", "{\"cover_photo_id\": " + std::to_string(outsider) + "}"),
                "cover_photo_id");
  ExpectRefused(Json("PATCH", "/api/albums/opening", R"({"visibility": 3})"), "visibility");
  EXPECT_EQ(Json("PATCH", "/api/albums/nowhere", R"({"visibility": "public"})").status, 404);

  auto h = Get("/api/albums/opening/history", Editor());
  ASSERT_EQ(h.status, 200) << h.body;
  bool saw_visibility = false;
  json h_json = json::parse(h.body);
  for (const auto& e : h_json["items"]) {
    if (e["field"] == "visibility") {
      saw_visibility = true;
      EXPECT_EQ(e["old_value"], "public");
      EXPECT_EQ(e["new_value"], "private");
    }
  }
  EXPECT_TRUE(saw_visibility) << h.body;
  EXPECT_EQ(Get("/api/albums/opening/history").status, 401);
}

TEST_F(AlbumsApiTest, DefaultCreditFillsUploadsWithoutOne) {
  ASSERT_EQ(Json("POST", "/api/albums", R"({"slug": "panel", "default_credit": "© IOM 2016"})").status, 201);
  json none = UploadPhoto(Jpeg(1, "No credit"), "a.jpg", "?album=panel");
  json own = UploadPhoto(Jpeg(2, "Own credit", "© UN Photo"), "b.jpg", "?album=panel");
  EXPECT_EQ(none["credit"], "© IOM 2016");
  EXPECT_EQ(own["credit"], "© UN Photo");
}

TEST_F(AlbumsApiTest, AddsRemovesAndReordersPhotos) {
  ASSERT_EQ(Json("POST", "/api/albums", R"({"slug": "day-one"})").status, 201);
  std::int64_t a = NewPhoto(1), b = NewPhoto(2), c = NewPhoto(3);
  auto ids = [](std::vector<std::int64_t> v) { return json({{"ids", v}}).dump(); };
  auto add = Json("POST", "/api/albums/day-one/photos", ids({a, b, c}));
  ASSERT_EQ(add.status, 200) << add.body;
  EXPECT_EQ(json::parse(add.body)["photo_count"], 3);
  EXPECT_EQ(Order("day-one"), (std::vector<std::int64_t>{a, b, c}));

  auto reorder = Json("PUT", "/api/albums/day-one/order", ids({c, a, b}));
  ASSERT_EQ(reorder.status, 200) << reorder.body;
  EXPECT_EQ(Order("day-one"), (std::vector<std::int64_t>{c, a, b}));
  ExpectRefused(Json("PUT", "/api/albums/day-one/order", ids({c, a})), "ids");
  ExpectRefused(Json("PUT", "/api/albums/day-one/order", ids({c, a, a})), "ids");
  EXPECT_EQ(Order("day-one"), (std::vector<std::int64_t>{c, a, b}));

  ExpectRefused(Json("POST", "/api/albums/day-one/photos", ids({999999})), "ids");
  ExpectRefused(Json("POST", "/api/albums/day-one/photos", R"({"ids": []})"), "ids");
  ExpectRefused(Json("POST", "/api/albums/day-one/photos", R"({"ids": ["x"]})"), "ids");

  auto remove = Json("DELETE", "/api/albums/day-one/photos", ids({a}));
  ASSERT_EQ(remove.status, 200) << remove.body;
  EXPECT_EQ(Order("day-one"), (std::vector<std::int64_t>{c, b}));
  EXPECT_EQ(Get("/api/photos/" + std::to_string(a)).status, 200);  // still in the archive
}

TEST_F(AlbumsApiTest, DeletingAnAlbumKeepsItsPhotos) {
  ASSERT_EQ(Json("POST", "/api/albums", R"({"slug": "gone"})").status, 201);
  json p = UploadPhoto(Jpeg(1, "Kept"), "kept.jpg", "?album=gone");
  EXPECT_EQ(Send(port(), "DELETE", "/api/albums/gone").status, 401);
  auto r = Send(port(), "DELETE", "/api/albums/gone", Editor());
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(Get("/api/albums/gone").status, 404);
  auto photo = Get("/api/photos/" + std::to_string(p["id"].get<int>()));
  ASSERT_EQ(photo.status, 200);
  EXPECT_EQ(json::parse(photo.body)["albums"], json::array());
  EXPECT_EQ(Send(port(), "DELETE", "/api/albums/gone", Editor()).status, 404);
}

TEST_F(AlbumsApiTest, MeetingsAreCreatedUpdatedAndDeleted) {
  auto r = Json("POST", "/api/meetings", R"({"slug": "geneva-2017", "title": {"en": "Council", "fr": "Conseil"},
      "place": "Geneva", "start_date": "2017-11-28", "end_date": "2017-11-30", "default_credit": "© IOM 2017"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body)["place"], "Geneva");
  EXPECT_EQ(Json("POST", "/api/meetings", R"({"slug": "geneva-2017"})").status, 409);
  ExpectRefused(Json("POST", "/api/meetings", R"({"slug": "x", "place": 7})"), "place");
  ExpectRefused(Json("POST", "/api/meetings", R"({"slug": "x", "date": "2017"})"), "date");

  auto u = Json("PATCH", "/api/meetings/geneva-2017", R"({"title": {"fr": "Conseil de l'OIM"}, "place": "Genève"})");
  ASSERT_EQ(u.status, 200) << u.body;
  EXPECT_EQ(json::parse(u.body)["title"]["fr"], "Conseil de l'OIM");
  EXPECT_EQ(json::parse(Get("/api/meetings/geneva-2017").body)["place"], "Genève");
  auto h = Get("/api/meetings/geneva-2017/history", Editor());
  ASSERT_EQ(h.status, 200) << h.body;
  EXPECT_FALSE(json::parse(h.body)["items"].empty());

  ASSERT_EQ(Json("POST", "/api/albums", R"({"slug": "council", "meeting": "geneva-2017"})").status, 201);
  EXPECT_EQ(Send(port(), "DELETE", "/api/meetings/geneva-2017", Editor()).status, 204);
  EXPECT_EQ(Get("/api/meetings/geneva-2017").status, 404);
  EXPECT_TRUE(json::parse(Get("/api/albums/council").body)["meeting"].is_null());
}

TEST_F(AlbumsApiTest, MeetingTimeZoneIsSetCheckedAndCleared) {
  auto r = Json("POST", "/api/meetings", R"({"slug": "marrakech-2016", "time_zone": "Africa/Casablanca"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body)["time_zone"], "Africa/Casablanca");
  EXPECT_TRUE(json::parse(Json("POST", "/api/meetings", R"({"slug": "none"})").body)["time_zone"].is_null());
  for (const char* bad : {R"({"time_zone": "Mars/Olympus_Mons"})", R"({"time_zone": "../../etc/passwd"})",
                          R"({"time_zone": 1})", R"({"time_zone": "+01:00"})"}) {
    ExpectRefused(Json("PATCH", "/api/meetings/marrakech-2016", bad), "time_zone");
  }
  EXPECT_EQ(json::parse(Get("/api/meetings/marrakech-2016").body)["time_zone"], "Africa/Casablanca");
  auto u = Json("PATCH", "/api/meetings/marrakech-2016", R"({"time_zone": "Europe/Paris"})");
  ASSERT_EQ(u.status, 200) << u.body;
  EXPECT_EQ(json::parse(u.body)["time_zone"], "Europe/Paris");
  u = Json("PATCH", "/api/meetings/marrakech-2016", R"({"time_zone": null})");
  ASSERT_EQ(u.status, 200) << u.body;
  EXPECT_TRUE(json::parse(u.body)["time_zone"].is_null());
  auto h = Get("/api/meetings/marrakech-2016/history", Editor());
  ASSERT_EQ(h.status, 200) << h.body;
  const json items = json::parse(h.body)["items"];
  ASSERT_EQ(items.size(), 2u) << h.body;
  for (const json& item : items) EXPECT_EQ(item["field"], "time_zone");
}

TEST_F(AlbumsApiTest, MeetingTimeZoneFromTheCommandLine) {
  Gallery({"meeting", "add", "tokyo-2016", "--time-zone", "Asia/Tokyo"});
  EXPECT_EQ(json::parse(Get("/api/meetings/tokyo-2016").body)["time_zone"], "Asia/Tokyo");
  testing_util::CommandResult bad =
      testing_util::RunGallery({"meeting", "add", "mars-2016", "--time-zone", "Mars/Olympus_Mons", "--data", data_});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("mars-2016"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("unknown time zone 'Mars/Olympus_Mons'"), std::string::npos) << bad.err;
  EXPECT_EQ(Get("/api/meetings/mars-2016").status, 404);
}

}  // namespace
}  // namespace http_test
