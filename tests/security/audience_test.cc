// The audience rule over HTTP: pages are full whatever is hidden, cursors
// are sealed (they name no photo and no date) and open only for the
// audience, route and filters they were made for; unlisted albums stay out
// of every public listing, search and facet; an embargoed cover is not
// named; media URLs change when who may see a photo changes, and the old
// URL then answers 404 to whoever no longer may.
#include <set>

#include "security/security_fixture.h"

namespace security_test {
namespace {

class AudienceTest : public SecurityTest {
 protected:
  void SetUp() override { BuildArchive(); }

  json GetJson(Who who, const std::string& path) {
    Reply r = As(who, "GET", path);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    return r.status == 200 ? json::parse(r.body) : json::object();
  }

  // Every item's id (or slug) from `path` (which has a '?'), following the
  // cursors; every page but the last is full, and the cursors go into
  // *cursors when given.
  std::vector<json> Walk(Who who, const std::string& path, int limit, std::vector<std::string>* cursors = nullptr) {
    std::vector<json> out;
    std::string cursor;
    for (int guard = 0; guard < 50; ++guard) {
      json page = GetJson(who, path + "&limit=" + std::to_string(limit) + (cursor.empty() ? "" : "&cursor=" + cursor));
      if (!page.contains("items")) break;
      for (const auto& item : page["items"]) out.push_back(item.contains("id") ? item["id"] : item["slug"]);
      if (page["next_cursor"].is_null()) break;
      EXPECT_EQ(page["items"].size(), static_cast<std::size_t>(limit)) << "short page before the end";
      cursor = page["next_cursor"].get<std::string>();
      if (cursors) cursors->push_back(cursor);
    }
    return out;
  }

  std::set<std::int64_t> Ids(const std::vector<json>& items) {
    std::set<std::int64_t> ids;
    for (const auto& j : items) ids.insert(j.get<std::int64_t>());
    return ids;
  }
};

TEST_F(AudienceTest, PagesAreFullAndCursorsRevealNothing) {
  std::vector<std::string> cursors;
  auto anonymous = Ids(Walk(kAnonymous, "/api/photos?", 1, &cursors));
  EXPECT_EQ(anonymous, (std::set<std::int64_t>{open_photo_, loose_photo_}));
  ASSERT_FALSE(cursors.empty());
  for (const std::string& c : cursors) {
    // Not the catalog's hex key: nothing of it decodes to a separator, an id or a date.
    EXPECT_EQ(c.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos) << c;
    EXPECT_EQ(c.find("1f"), std::string::npos) << c;  // hex of the old key separator
  }
  EXPECT_EQ(Ids(Walk(kShare, "/api/photos?", 1)), (std::set<std::int64_t>{open_photo_, closed_photo_, loose_photo_}));
  EXPECT_EQ(Ids(Walk(kViewer, "/api/photos?", 1)),
            (std::set<std::int64_t>{open_photo_, closed_photo_, secret_photo_, loose_photo_}));
  EXPECT_EQ(Ids(Walk(kEditor, "/api/photos?", 2)).size(), 5u);
  // The same through search, two at a time.
  EXPECT_EQ(Ids(Walk(kAnonymous, "/api/photos?q=jpg", 1)), anonymous);
}

// The server's response cache keeps answers per audience: what a viewer was
// answered is never served to the public, nor the reverse.
TEST_F(AudienceTest, CachedAnswersAreNotSharedAcrossAudiences) {
  for (const std::string path : {"/api/photos?limit=50", "/api/albums", "/api/credits", "/api/meetings/casablanca-2016"}) {
    json viewer = GetJson(kViewer, path), anonymous = GetJson(kAnonymous, path), again = GetJson(kViewer, path);
    EXPECT_NE(viewer.dump(), anonymous.dump()) << path;
    EXPECT_EQ(anonymous.dump().find("Confidential"), std::string::npos) << path;
    EXPECT_EQ(viewer["items"].size(), again["items"].size()) << path;
  }
  EXPECT_EQ(Ids(Walk(kAnonymous, "/api/photos?", 50)), (std::set<std::int64_t>{open_photo_, loose_photo_}));
}

TEST_F(AudienceTest, CursorsOpenOnlyForTheirAudienceRouteAndFilters) {
  json editor_page = GetJson(kEditor, "/api/photos?limit=1");
  std::string editors = editor_page["next_cursor"];
  Reply r = As(kAnonymous, "GET", "/api/photos?limit=1&cursor=" + editors);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(json::parse(r.body)["code"], "invalid_argument");
  EXPECT_EQ(As(kViewer, "GET", "/api/photos?limit=1&cursor=" + editors).status, 400);
  EXPECT_EQ(As(kShare, "GET", "/api/photos?limit=1&cursor=" + editors).status, 400);
  EXPECT_EQ(As(kEditor, "GET", "/api/photos?limit=1&cursor=" + editors).status, 200);
  // Another editor's token is the same audience.
  EXPECT_EQ(As(kAdmin, "GET", "/api/photos?limit=1&cursor=" + editors).status, 200);

  std::string searched = GetJson(kEditor, "/api/photos?limit=1&q=jpg")["next_cursor"];
  EXPECT_EQ(As(kEditor, "GET", "/api/photos?limit=1&q=jpg&cursor=" + searched).status, 200);
  EXPECT_EQ(As(kEditor, "GET", "/api/photos?limit=1&q=jp&cursor=" + searched).status, 400);
  EXPECT_EQ(As(kEditor, "GET", "/api/photos?limit=1&cursor=" + searched).status, 400);
  EXPECT_EQ(As(kEditor, "GET", "/api/albums/open/photos?limit=1&cursor=" + searched).status, 400);
  EXPECT_EQ(As(kEditor, "GET", "/api/albums?limit=1&cursor=" + searched).status, 400);
  // The limit is no filter: a cursor carries on at another page size.
  EXPECT_EQ(As(kEditor, "GET", "/api/photos?limit=3&q=jpg&cursor=" + searched).status, 200);

  std::string tampered = editors;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(As(kEditor, "GET", "/api/photos?limit=1&cursor=" + tampered).status, 400);
  for (const std::string& junk : {std::string("zz"), std::string(2000, 'A'), std::string("%00"), std::string("..")}) {
    EXPECT_EQ(As(kEditor, "GET", "/api/photos?limit=1&cursor=" + junk).status, 400) << junk;
  }
}

TEST_F(AudienceTest, UnlistedAlbumsStayOutOfPublicListingsSearchAndFacets) {
  ASSERT_EQ(EditorJson("POST", "/api/albums", {{"slug", "hidden"}, {"visibility", "unlisted"}}).status, 201);
  std::int64_t hidden = UploadPhoto(http_test::Jpeg(6, "Hidden dinner"), "dinner.jpg",
                                    "?album=hidden&credit=Unlisted%20Credit")["id"];
  // Also in the private album: a photo's albums name only what the asker lists.
  ASSERT_EQ(EditorJson("POST", "/api/albums/closed/photos", {{"ids", {hidden}}}).status, 200);

  EXPECT_EQ(Ids(Walk(kAnonymous, "/api/photos?", 2)).count(hidden), 0u);
  EXPECT_TRUE(GetJson(kAnonymous, "/api/photos?q=dinner")["items"].empty());
  const json credits = GetJson(kAnonymous, "/api/credits");
  for (const auto& c : credits["items"]) EXPECT_NE(c["credit"], "Unlisted Credit");
  for (const auto& a : Walk(kAnonymous, "/api/albums?", 1)) EXPECT_NE(a, "hidden");
  // By its address it opens, with its photo.
  EXPECT_EQ(Ids(Walk(kAnonymous, "/api/albums/hidden/photos?", 1)), std::set<std::int64_t>{hidden});
  json photo = GetJson(kAnonymous, "/api/photos/" + std::to_string(hidden));
  EXPECT_EQ(photo["albums"], json::array());
  EXPECT_EQ(GetJson(kShare, "/api/photos/" + std::to_string(hidden))["albums"], json::array({"closed"}));
  EXPECT_EQ(GetJson(kEditor, "/api/photos/" + std::to_string(hidden))["albums"], json::array({"closed", "hidden"}));
  // The editor's listings still have it.
  EXPECT_EQ(Ids(Walk(kEditor, "/api/photos?", 2)).count(hidden), 1u);
}

TEST_F(AudienceTest, CountsAndCoversAreTheAudiences) {
  EXPECT_EQ(GetJson(kAnonymous, "/api/meetings/casablanca-2016")["photo_count"], 1);
  EXPECT_EQ(GetJson(kShare, "/api/meetings/casablanca-2016")["photo_count"], 2);
  EXPECT_EQ(GetJson(kViewer, "/api/meetings/casablanca-2016")["photo_count"], 2);
  EXPECT_EQ(GetJson(kEditor, "/api/meetings/casablanca-2016")["photo_count"], 3);
  EXPECT_EQ(GetJson(kAnonymous, "/api/meetings")["items"][0]["photo_count"], 1);
  EXPECT_EQ(GetJson(kAnonymous, "/api/albums/open")["photo_count"], 1);
  EXPECT_EQ(GetJson(kEditor, "/api/albums/open")["photo_count"], 2);

  ASSERT_EQ(EditorJson("PATCH", "/api/albums/open", {{"cover_photo_id", embargoed_photo_}}).status, 200);
  json seen = GetJson(kAnonymous, "/api/albums/open");
  EXPECT_TRUE(seen["cover_photo_id"].is_null()) << seen;
  EXPECT_EQ(seen["shown_cover_id"], open_photo_);
  EXPECT_EQ(seen.dump().find(std::to_string(embargoed_photo_)), std::string::npos) << seen;
  const json meeting = GetJson(kAnonymous, "/api/meetings/casablanca-2016");
  for (const auto& a : meeting["albums"]) {
    EXPECT_TRUE(a["cover_photo_id"].is_null()) << a;
  }
  EXPECT_EQ(GetJson(kEditor, "/api/albums/open")["cover_photo_id"], embargoed_photo_);
}

TEST_F(AudienceTest, MediaUrlsChangeWithWhoMaySeeThePhoto) {
  std::string path = "/api/photos/" + std::to_string(open_photo_);
  std::string tile = GetJson(kAnonymous, path)["renditions"]["tile"]["webp"];
  std::string original = GetJson(kAnonymous, path)["original_url"];
  Reply r = As(kAnonymous, "GET", tile);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("cache-control"), "public, max-age=31536000, immutable");

  // The album becomes private: the photo's URLs change, and the old ones
  // answer 404 to the public.
  ASSERT_EQ(EditorJson("PATCH", "/api/albums/open", {{"visibility", "private"}}).status, 200);
  EXPECT_EQ(As(kAnonymous, "GET", tile).status, 404);
  EXPECT_EQ(As(kAnonymous, "GET", original).status, 404);
  std::string private_tile = GetJson(kEditor, path)["renditions"]["tile"]["webp"];
  EXPECT_NE(private_tile, tile);
  Reply seen = As(kEditor, "GET", private_tile);
  ASSERT_EQ(seen.status, 200);
  EXPECT_EQ(seen.Header("cache-control"), "private, max-age=31536000, immutable");
  // An old URL, to whoever still may see the photo: served, but not to be kept.
  EXPECT_EQ(As(kEditor, "GET", tile).Header("cache-control"), "private, no-cache");

  // Public again: the URLs of that state again (the stamp is of who may see
  // the photo now, not of its history).
  ASSERT_EQ(EditorJson("PATCH", "/api/albums/open", {{"visibility", "public"}}).status, 200);
  EXPECT_EQ(GetJson(kAnonymous, path)["renditions"]["tile"]["webp"], tile);
  ASSERT_EQ(EditorJson("PATCH", path, {{"embargo_until", media::UtcAfter(86400)}}).status, 200);
  EXPECT_EQ(As(kAnonymous, "GET", tile).status, 404);
  EXPECT_NE(GetJson(kEditor, path)["renditions"]["tile"]["webp"], tile);
}

}  // namespace
}  // namespace security_test
