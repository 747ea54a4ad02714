// Reading over HTTP: photos with their metadata, filters and paging,
// meetings, albums, credits, tags; private albums hidden from the public.

#include <regex>
#include <set>

#include "fixtures/api_fixture.h"

namespace http_test {
namespace {

using nlohmann::json;

class ReadApiTest : public ApiTest {
 protected:
  void SetUp() override {
    Gallery({"meeting", "add", "casablanca-2016", "--title-en", "Technical meeting", "--title-fr",
             "Réunion technique", "--place", "Casablanca", "--credit", "© IOM 2016"});
    Gallery({"album", "add", "opening", "--meeting", "casablanca-2016", "--title-en", "Opening"});
    Gallery({"album", "add", "backstage", "--visibility", "private", "--title-en", "Backstage"});
    StartServer();
    a_ = UploadPhoto(Jpeg(1, "Opening session in the main hall", "", 64, 48, {"plenary"}),
                     "opening-1.jpg", "?album=opening&meeting=casablanca-2016");
    b_ = UploadPhoto(Jpeg(2, "Panel on migration data", "© UN Photo"), "panel.jpg",
                     "?album=opening&meeting=casablanca-2016");
    c_ = UploadPhoto(Jpeg(3, "Rehearsal"), "secret.jpg", "?album=backstage");
  }
  std::set<std::int64_t> Ids(const Reply& r) {
    std::set<std::int64_t> ids;
    json body = json::parse(r.body);
    for (const auto& p : body.at("items")) ids.insert(p.at("id").get<std::int64_t>());
    return ids;
  }
  json a_, b_, c_;
};

TEST_F(ReadApiTest, PhotoHasInspectFieldsAndArchiveFields) {
  auto r = Get("/api/photos/" + std::to_string(a_["id"].get<int>()));
  ASSERT_EQ(r.status, 200) << r.body;
  json p = json::parse(r.body);
  EXPECT_EQ(p["filename"], "opening-1.jpg");
  EXPECT_EQ(p["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(p["format"], "jpeg");
  EXPECT_EQ(p["width"], 65);
  EXPECT_EQ(p["caption"]["x-default"], "Opening session in the main hall");
  EXPECT_EQ(p["credit"], "© IOM 2016");  // the meeting's default credit
  EXPECT_EQ(p["keywords"], json::array({"plenary"}));
  EXPECT_EQ(p["meeting"], "casablanca-2016");
  EXPECT_EQ(p["albums"], json::array({"opening"}));
  EXPECT_GT(p["file_size"].get<int>(), 100);
  EXPECT_EQ(p["version"], 1);
  EXPECT_FALSE(p["uploaded_at"].get<std::string>().empty());
  std::string id = std::to_string(p["id"].get<int>());
  // ?v= the version and 16 hex digits of who may see it.
  std::string tile = p["renditions"]["tile"]["webp"];
  EXPECT_TRUE(std::regex_match(tile, std::regex("/media/" + id + "/tile\\.webp\\?v=1-[0-9a-f]{16}"))) << tile;
  EXPECT_EQ(p["original_url"], "/media/" + id + "/original" + tile.substr(tile.find('?')));
  for (const char* field : {"taken_at", "make", "gps", "headline", "alt_text", "usage_terms"}) {
    EXPECT_TRUE(p.contains(field)) << field;
  }
}

TEST_F(ReadApiTest, UploaderLoginNameIsShownToEditorsOnly) {
  std::string path = "/api/photos/" + std::to_string(a_["id"].get<int>());
  json as_editor = json::parse(Get(path, Editor()).body);
  ASSERT_TRUE(as_editor.contains("uploaded_by")) << as_editor.dump();
  EXPECT_FALSE(as_editor["uploaded_by"].get<std::string>().empty());
  EXPECT_TRUE(json::parse(Get(path, Admin()).body).contains("uploaded_by"));
  EXPECT_TRUE(a_.contains("uploaded_by")) << "the uploader's own answer names it";
  auto anonymous = Get(path);
  ASSERT_EQ(anonymous.status, 200);
  EXPECT_FALSE(json::parse(anonymous.body).contains("uploaded_by")) << anonymous.body;
  EXPECT_EQ(anonymous.body.find(as_editor["uploaded_by"].get<std::string>()), std::string::npos);
  for (const char* list : {"/api/photos", "/api/albums/opening/photos"}) {
    json public_page = json::parse(Get(list).body), editor_page = json::parse(Get(list, Editor()).body);
    ASSERT_FALSE(public_page.at("items").empty()) << list;
    for (const auto& item : public_page.at("items")) {
      EXPECT_FALSE(item.contains("uploaded_by")) << list;
    }
    for (const auto& item : editor_page.at("items")) {
      EXPECT_TRUE(item.contains("uploaded_by")) << list;
    }
  }
}

TEST_F(ReadApiTest, UnknownPhotoIs404Json) {
  for (const char* path : {"/api/photos/999999", "/api/photos/abc", "/api/photos/0"}) {
    auto r = Get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(json::parse(r.body)["code"], "not_found");
  }
}

TEST_F(ReadApiTest, FiltersPhotos) {
  std::int64_t a = a_["id"], b = b_["id"];
  EXPECT_EQ(Ids(Get("/api/photos?q=migration")), std::set<std::int64_t>{b});
  EXPECT_EQ(Ids(Get("/api/photos?q=panel.jpg")), std::set<std::int64_t>{b});
  EXPECT_EQ(Ids(Get("/api/photos?credit=%C2%A9%20UN%20Photo")), std::set<std::int64_t>{b});
  EXPECT_EQ(Ids(Get("/api/photos?tag=plenary")), std::set<std::int64_t>{a});
  EXPECT_EQ(Ids(Get("/api/photos?meeting=casablanca-2016")), (std::set<std::int64_t>{a, b}));
  EXPECT_EQ(Ids(Get("/api/photos?album=opening")), (std::set<std::int64_t>{a, b}));
  EXPECT_EQ(Get("/api/photos?album=nope").status, 404);
}

TEST_F(ReadApiTest, PagesWithACursor) {
  std::set<std::int64_t> seen;
  std::string path = "/api/photos?limit=1", cursor;
  for (int page = 0; page < 5; ++page) {
    auto r = Get(path + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(r.status, 200) << r.body;
    json body = json::parse(r.body);
    ASSERT_LE(body["items"].size(), 1u);
    for (const auto& p : body["items"]) seen.insert(p["id"].get<std::int64_t>());
    if (body["next_cursor"].is_null()) break;
    cursor = body["next_cursor"];
  }
  EXPECT_EQ(seen.size(), 2u);  // the private one is not listed for the public
  EXPECT_EQ(Get("/api/photos?limit=0").status, 400);
  EXPECT_EQ(Get("/api/photos?limit=501").status, 400);
  EXPECT_EQ(Get("/api/photos?cursor=garbage").status, 400);
}

TEST_F(ReadApiTest, MeetingsAlbumsCreditsTags) {
  json meetings = json::parse(Get("/api/meetings").body);
  ASSERT_EQ(meetings["items"].size(), 1u);
  EXPECT_EQ(meetings["items"][0]["title"]["fr"], "Réunion technique");
  json meeting = json::parse(Get("/api/meetings/casablanca-2016").body);
  EXPECT_EQ(meeting["place"], "Casablanca");
  ASSERT_EQ(meeting["albums"].size(), 1u);
  EXPECT_EQ(meeting["albums"][0]["photo_count"], 2);
  EXPECT_EQ(Get("/api/meetings/nowhere").status, 404);

  json albums = json::parse(Get("/api/albums").body);
  ASSERT_EQ(albums["items"].size(), 1u);  // backstage is private
  EXPECT_EQ(json::parse(Get("/api/albums", Editor()).body)["items"].size(), 2u);
  EXPECT_EQ(json::parse(Get("/api/albums?credit=%C2%A9%20UN%20Photo").body)["items"].size(), 1u);
  EXPECT_EQ(json::parse(Get("/api/albums?credit=nobody").body)["items"].size(), 0u);
  EXPECT_EQ(json::parse(Get("/api/albums/opening").body)["title"]["en"], "Opening");
  EXPECT_EQ(Ids(Get("/api/albums/opening/photos")),
            (std::set<std::int64_t>{a_["id"].get<std::int64_t>(), b_["id"].get<std::int64_t>()}));

  json credits = json::parse(Get("/api/credits?meeting=casablanca-2016").body);
  std::map<std::string, int> counts;
  for (const auto& c : credits["items"]) counts[c["credit"]] = c["photo_count"];
  EXPECT_EQ(counts["© IOM 2016"], 1);
  EXPECT_EQ(counts["© UN Photo"], 1);
  json tags = json::parse(Get("/api/tags").body);
  ASSERT_EQ(tags["items"].size(), 1u);
  EXPECT_EQ(tags["items"][0]["tag"], "plenary");
}

TEST_F(ReadApiTest, PrivateAlbumAndItsPhotosAre404ForThePublic) {
  std::string id = std::to_string(c_["id"].get<int>());
  for (const std::string& path : std::vector<std::string>{"/api/albums/backstage", "/api/albums/backstage/photos",
                                  "/api/photos/" + id, "/api/photos?album=backstage",
                                  "/media/" + id + "/tile.webp", "/media/" + id + "/original",
                                  "/media/" + id + "/sidecar.xmp"}) {
    auto r = Get(path);
    EXPECT_EQ(r.status, 404) << path << " " << r.body;
    EXPECT_EQ(json::parse(r.body)["code"], "not_found") << path;
    EXPECT_EQ(Get(path, Editor()).status, 200) << path;
  }
  EXPECT_EQ(Ids(Get("/api/photos?q=rehearsal")).size(), 0u);
  EXPECT_EQ(Ids(Get("/api/photos?q=rehearsal", Editor())).size(), 1u);
}

}  // namespace
}  // namespace http_test
