// The credit and tag lists are scoped like the grid they filter: the photos
// /api/photos lists with the same meeting, album and q, counted for the asker.
#include <map>
#include <string>

#include "fixtures/api_fixture.h"

namespace http_test {
namespace {

using nlohmann::json;

class FacetsApiTest : public ApiTest {
 protected:
  void SetUp() override {
    Gallery({"meeting", "add", "casablanca-2016", "--title-en", "Technical meeting"});
    Gallery({"meeting", "add", "geneva-2017", "--title-en", "Follow-up"});
    Gallery({"album", "add", "opening", "--meeting", "casablanca-2016", "--title-en", "Opening"});
    Gallery({"album", "add", "panels", "--meeting", "casablanca-2016", "--title-en", "Panels"});
    Gallery({"album", "add", "backstage", "--visibility", "private", "--title-en", "Backstage"});
    StartServer();
    UploadPhoto(Jpeg(1, "Opening speech", "© IOM 2016", 64, 48, {"plenary"}), "o1.jpg",
                "?album=opening&meeting=casablanca-2016");
    UploadPhoto(Jpeg(2, "Opening hall", "© IOM 2016", 64, 48, {"plenary", "hall"}), "o2.jpg",
                "?album=opening&meeting=casablanca-2016");
    UploadPhoto(Jpeg(3, "Panel on data", "© UN Photo", 64, 48, {"panel"}), "p1.jpg",
                "?album=panels&meeting=casablanca-2016");
    UploadPhoto(Jpeg(4, "Geneva plenary", "NASA", 64, 48, {"plenary"}), "g1.jpg", "?meeting=geneva-2017");
    UploadPhoto(Jpeg(5, "Rehearsal", "Backstage crew", 64, 48, {"secret"}), "b1.jpg", "?album=backstage");
  }

  // {value: photo_count} of a facet list.
  std::map<std::string, int> Counts(const std::string& path, const std::string& key,
                                    const Headers& headers = {}) {
    auto r = Get(path, headers);
    EXPECT_EQ(r.status, 200) << path << " " << r.body;
    std::map<std::string, int> counts;
    if (r.status != 200) return counts;
    json body = json::parse(r.body);
    for (const auto& item : body.at("items")) counts[item.at(key)] = item.at("photo_count");
    return counts;
  }
};

TEST_F(FacetsApiTest, AnAlbumListsOnlyItsOwnCreditsAndTags) {
  EXPECT_EQ(Counts("/api/credits?album=opening", "credit"), (std::map<std::string, int>{{"© IOM 2016", 2}}));
  EXPECT_EQ(Counts("/api/tags?album=opening", "tag"),
            (std::map<std::string, int>{{"plenary", 2}, {"hall", 1}}));
  EXPECT_EQ(Counts("/api/credits?album=panels", "credit"), (std::map<std::string, int>{{"© UN Photo", 1}}));
}

TEST_F(FacetsApiTest, AMeetingAndASearchNarrowTheLists) {
  EXPECT_EQ(Counts("/api/credits?meeting=casablanca-2016", "credit"),
            (std::map<std::string, int>{{"© IOM 2016", 2}, {"© UN Photo", 1}}));
  EXPECT_EQ(Counts("/api/tags?meeting=geneva-2017", "tag"), (std::map<std::string, int>{{"plenary", 1}}));
  EXPECT_EQ(Counts("/api/credits?q=panel", "credit"), (std::map<std::string, int>{{"© UN Photo", 1}}));
  EXPECT_EQ(Counts("/api/tags?meeting=casablanca-2016&q=opening", "tag"),
            (std::map<std::string, int>{{"plenary", 2}, {"hall", 1}}));
  EXPECT_EQ(Counts("/api/credits", "credit"),
            (std::map<std::string, int>{{"© IOM 2016", 2}, {"© UN Photo", 1}, {"NASA", 1}}));
}

TEST_F(FacetsApiTest, APrivateAlbumIsCountedOnlyForThoseWhoMayOpenIt) {
  auto r = Get("/api/credits?album=backstage");
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(json::parse(r.body)["code"], "not_found");
  EXPECT_EQ(Get("/api/tags?album=backstage").status, 404);
  EXPECT_EQ(Counts("/api/tags?album=backstage", "tag", Editor()), (std::map<std::string, int>{{"secret", 1}}));
  EXPECT_EQ(Counts("/api/tags", "tag").count("secret"), 0u);
  EXPECT_EQ(Get("/api/credits?album=nope").status, 404);
  EXPECT_EQ(Get("/api/tags?meeting=nope").status, 404);
}

}  // namespace
}  // namespace http_test
