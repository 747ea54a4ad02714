// IIIF Presentation API 3.0 over HTTP: an album's Manifest and a meeting's
// Collection, checked against the specification's required properties and
// language maps, in album order, only for audiences that may open the
// album, with every id the server serves resolving.
#include "fixtures/api_fixture.h"
#include "fixtures/image_fixtures.h"
#include "fixtures/test_util.h"

namespace http_test {
namespace {

using nlohmann::json;

const std::string kOrigin = "http://127.0.0.1";

class IiifPresentationTest : public ApiTest {
 protected:
  void SetUp() override {
    StartServer();
    ASSERT_EQ(Json("POST", "/api/meetings",
                   {{"slug", "casablanca-2016"},
                    {"title", {{"en", "Casablanca 2016"}, {"fr", "Casablanca 2016 (fr)"}}},
                    {"place", "Casablanca"}})
                  .status,
              201);
    ASSERT_EQ(Json("POST", "/api/albums",
                   {{"slug", "opening"},
                    {"meeting", "casablanca-2016"},
                    {"title", {{"en", "Opening"}, {"fr", "Ouverture"}}},
                    {"description", {{"en", "The first day"}, {"fr", "Le premier jour"}}}})
                  .status,
              201);
    ASSERT_EQ(Json("POST", "/api/albums",
                   {{"slug", "closed"}, {"meeting", "casablanca-2016"}, {"visibility", "private"}})
                  .status,
              201);
    fixtures::FixtureSpec spec;
    spec.width = 640;
    spec.height = 480;
    spec.caption = {{"x-default", "Opening session"}, {"fr", "Séance d'ouverture"}};
    spec.headline = "Opening";
    spec.creator = "Press office";
    spec.copyright = "© IOM 2016";
    spec.date_time_original = "2016:07:12 09:30:00";
    spec.usage_terms = "https://creativecommons.org/licenses/by/4.0/";
    first_ = UploadPhoto(fixtures::MakeImage(spec), "first.jpg",
                         "?album=opening&meeting=casablanca-2016&credit=%C2%A9%20IOM%202016")["id"];
    spec.width = 300;
    spec.height = 200;
    spec.usage_terms = "";
    spec.headline = "";
    second_ = UploadPhoto(fixtures::MakeImage(spec), "second.jpg", "?album=opening")["id"];
    UploadPhoto(http_test::Jpeg(9), "hidden.jpg", "?album=closed");
    // Album order: the second photo first.
    ASSERT_EQ(Json("PUT", "/api/albums/opening/order", {{"ids", {second_, first_}}}).status, 200);
  }

  Reply Json(const std::string& method, const std::string& path, const json& body) {
    Headers h = Editor();
    h.emplace_back("Content-Type", "application/json");
    return Send(port(), method, path, h, body.dump());
  }

  // `url` (absolute, on this server) asked without credentials.
  int StatusOf(const std::string& url) {
    EXPECT_EQ(url.rfind(kOrigin, 0), 0u) << url;
    return Get(url.substr(kOrigin.size())).status;
  }

  std::int64_t first_ = 0, second_ = 0;
};

bool IsLanguageMap(const json& map) {
  if (!map.is_object() || map.empty()) return false;
  for (const auto& [lang, values] : map.items()) {
    if (!values.is_array() || values.empty()) return false;
    for (const auto& v : values) {
      if (!v.is_string()) return false;
    }
  }
  return true;
}

TEST_F(IiifPresentationTest, AlbumManifestFollowsPresentation3) {
  Reply r = Get("/iiif/3/manifests/albums/opening");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_EQ(r.Header("access-control-allow-origin"), "*");
  const json m = json::parse(r.body);
  EXPECT_EQ(m["@context"], "http://iiif.io/api/presentation/3/context.json");
  EXPECT_EQ(m["id"], kOrigin + "/iiif/3/manifests/albums/opening");
  EXPECT_EQ(m["type"], "Manifest");
  EXPECT_EQ(m["label"], (json{{"en", {"Opening"}}, {"fr", {"Ouverture"}}}));
  EXPECT_EQ(m["summary"], (json{{"en", {"The first day"}}, {"fr", {"Le premier jour"}}}));
  ASSERT_EQ(m["homepage"].size(), 1u);
  EXPECT_EQ(m["homepage"][0]["id"], kOrigin + "/albums/opening");
  EXPECT_EQ(m["homepage"][0]["type"], "Text");
  EXPECT_EQ(StatusOf(m["homepage"][0]["id"]), 200);
  EXPECT_EQ(StatusOf(m["id"]), 200);
  ASSERT_EQ(m["thumbnail"].size(), 1u);
  EXPECT_EQ(StatusOf(m["thumbnail"][0]["id"]), 200);
  const json items = m["items"];
  ASSERT_EQ(items.size(), 2u) << "the private album's photo is not in it";
  std::vector<std::string> order;
  for (const json& canvas : items) {
    const std::string cid = canvas["id"];
    order.push_back(cid.substr(cid.rfind('/') + 1));
    EXPECT_EQ(canvas["type"], "Canvas");
    EXPECT_TRUE(IsLanguageMap(canvas["label"])) << canvas["label"];
    EXPECT_GT(canvas["width"].get<int>(), 0);
    EXPECT_GT(canvas["height"].get<int>(), 0);
    ASSERT_EQ(canvas["items"].size(), 1u);
    const json page = canvas["items"][0];
    EXPECT_EQ(page["type"], "AnnotationPage");
    ASSERT_EQ(page["items"].size(), 1u);
    const json anno = page["items"][0];
    EXPECT_EQ(anno["type"], "Annotation");
    EXPECT_EQ(anno["motivation"], "painting");
    EXPECT_EQ(anno["target"], canvas["id"]);
    const json body = anno["body"];
    EXPECT_EQ(body["type"], "Image");
    EXPECT_EQ(body["format"], "image/jpeg");
    EXPECT_EQ(body["width"], canvas["width"]);
    EXPECT_EQ(body["height"], canvas["height"]);
    EXPECT_EQ(StatusOf(body["id"]), 200) << body["id"];
    ASSERT_EQ(body["service"].size(), 1u);
    EXPECT_EQ(body["service"][0]["type"], "ImageService3");
    EXPECT_EQ(body["service"][0]["profile"], "level2");
    EXPECT_EQ(StatusOf(body["service"][0]["id"].get<std::string>() + "/info.json"), 200);
    EXPECT_EQ(StatusOf(canvas["thumbnail"][0]["id"]), 200);
    EXPECT_EQ(StatusOf(canvas["homepage"][0]["id"]), 200);
    EXPECT_TRUE(IsLanguageMap(canvas["summary"]));
  }
  EXPECT_EQ(order, (std::vector<std::string>{std::to_string(second_), std::to_string(first_)})) << "album order";
  const json first = items[1];
  EXPECT_EQ(first["width"], 640);
  EXPECT_EQ(first["label"], (json{{"en", {"Opening"}}}));
  EXPECT_EQ(items[0]["label"], (json{{"none", {"second.jpg"}}})) << "no headline: the file name";
  EXPECT_EQ(first["summary"], (json{{"en", {"Opening session"}}, {"fr", {"Séance d'ouverture"}}}));
  EXPECT_EQ(first["requiredStatement"],
            (json{{"label", {{"en", {"Credit"}}, {"fr", {"Crédit"}}}}, {"value", {{"none", {"© IOM 2016"}}}}}));
  EXPECT_EQ(first["rights"], "https://creativecommons.org/licenses/by/4.0/");
  EXPECT_FALSE(items[0].contains("rights"));
  std::map<std::string, std::string> metadata;
  for (const json& pair : first["metadata"]) {
    EXPECT_TRUE(IsLanguageMap(pair["label"]));
    metadata[pair["label"]["en"][0]] = pair["value"]["none"][0];
  }
  EXPECT_EQ(metadata["Creator"], "Press office");
  EXPECT_EQ(metadata["Copyright"], "© IOM 2016");
  EXPECT_EQ(metadata["Date taken"].substr(0, 10), "2016-07-12");
  EXPECT_EQ(metadata["Place"], "Casablanca");
  // JSON-LD when asked for.
  EXPECT_EQ(Get("/iiif/3/manifests/albums/opening", {{"Accept", "application/ld+json"}}).Header("content-type"),
            "application/ld+json;profile=\"http://iiif.io/api/presentation/3/context.json\"");
}

TEST_F(IiifPresentationTest, MeetingCollectionListsTheAlbumsTheAskerMaySee) {
  Reply r = Get("/iiif/3/collections/meetings/casablanca-2016");
  ASSERT_EQ(r.status, 200) << r.body;
  const json c = json::parse(r.body);
  EXPECT_EQ(c["@context"], "http://iiif.io/api/presentation/3/context.json");
  EXPECT_EQ(c["type"], "Collection");
  EXPECT_EQ(c["id"], kOrigin + "/iiif/3/collections/meetings/casablanca-2016");
  EXPECT_EQ(c["label"], (json{{"en", {"Casablanca 2016"}}, {"fr", {"Casablanca 2016 (fr)"}}}));
  EXPECT_EQ(StatusOf(c["homepage"][0]["id"]), 200);
  ASSERT_EQ(c["items"].size(), 1u) << c["items"];
  EXPECT_EQ(c["items"][0]["type"], "Manifest");
  EXPECT_EQ(c["items"][0]["id"], kOrigin + "/iiif/3/manifests/albums/opening");
  EXPECT_TRUE(IsLanguageMap(c["items"][0]["label"]));
  EXPECT_EQ(StatusOf(c["items"][0]["id"]), 200);
  Reply editor = Get("/iiif/3/collections/meetings/casablanca-2016", Editor());
  EXPECT_EQ(json::parse(editor.body)["items"].size(), 2u) << "editors see the private album";
}

TEST_F(IiifPresentationTest, PrivateAlbumsAnswer404UnlessSharedAndUnknownOnes404) {
  Reply hidden = Get("/iiif/3/manifests/albums/closed");
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(json::parse(hidden.body)["code"], "not_found");
  Reply editor = Get("/iiif/3/manifests/albums/closed", Editor());
  ASSERT_EQ(editor.status, 200);
  EXPECT_EQ(json::parse(editor.body)["items"].size(), 1u);
  EXPECT_EQ(editor.Header("access-control-allow-origin"), "");
  Reply link = Json("POST", "/api/albums/closed/links", {{"expires_in_days", 7}});
  ASSERT_EQ(link.status, 201) << link.body;
  const std::string secret = json::parse(link.body)["secret"];
  EXPECT_EQ(Get("/iiif/3/manifests/albums/closed?share=" + secret).status, 200);
  EXPECT_EQ(Get("/iiif/3/manifests/albums/no-such-album").status, 404);
  EXPECT_EQ(Get("/iiif/3/collections/meetings/no-such-meeting").status, 404);
}

// With --public-url, every id and homepage starts with it instead of the
// request's origin; a URL that is not one is refused at start.
TEST_F(IiifPresentationTest, PublicUrlStartsEveryIdAndHomepage) {
  const std::string pub = "https://archive.example.org/gallery";
  StartServer({"--public-url", pub + "/"});
  const Headers host = {};
  const json m = json::parse(Get("/iiif/3/manifests/albums/opening", host).body);
  EXPECT_EQ(m["id"], pub + "/iiif/3/manifests/albums/opening");
  EXPECT_EQ(m["homepage"][0]["id"], pub + "/albums/opening");
  ASSERT_FALSE(m["items"].empty());
  const json& canvas = m["items"][0];
  EXPECT_EQ(canvas["homepage"][0]["id"].get<std::string>().rfind(pub + "/photos/", 0), 0u) << canvas["homepage"];
  const json& body = canvas["items"][0]["items"][0]["body"];
  EXPECT_EQ(body["service"][0]["id"], pub + "/iiif/3/" + std::to_string(second_)) << body;
  const json c = json::parse(Get("/iiif/3/collections/meetings/casablanca-2016", host).body);
  EXPECT_EQ(c["id"], pub + "/iiif/3/collections/meetings/casablanca-2016");
  EXPECT_EQ(c["homepage"][0]["id"], pub + "/meetings/casablanca-2016");
  const std::string image = "/iiif/3/" + std::to_string(first_);
  const json info = json::parse(Get(image + "/info.json", host).body);
  EXPECT_EQ(info["id"], pub + image);
  Reply base = Get(image, host);
  EXPECT_EQ(base.status, 303);
  EXPECT_EQ(base.Header("location"), pub + image + "/info.json");
  // Without it, the request's own origin, as before.
  StartServer();
  EXPECT_EQ(json::parse(Get(image + "/info.json", host).body)["id"], kOrigin + image);

  for (const char* bad : {"ftp://archive.example.org", "https://", "https://a b.example", "https://x.example/?q=1",
                          "https://x.example/#top", "archive.example.org"}) {
    auto run = testing_util::RunGallery({"serve", "--data", data_, "--port", "0", "--public-url", bad}, 20);
    EXPECT_EQ(run.exit_code, 2) << bad << ": " << run.out << run.err;
    EXPECT_NE(run.err.find("--public-url"), std::string::npos) << bad << ": " << run.err;
  }
}

}  // namespace
}  // namespace http_test
