// The IIIF Image API over HTTP: info.json, the base URI's redirect, every
// region, size, rotation, quality and format checked against the pixels of a
// known pattern, the errors with their statuses, access as /media/ (private
// photos 404, share links open them), CORS and ETags.
#include <vips/vips.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>

#include "fixtures/api_fixture.h"
#include "fixtures/decoded_image.h"
#include "fixtures/image_fixtures.h"

namespace http_test {
namespace {

using namespace std::string_literals;
using nlohmann::json;

using Image = testing_util::DecodedImage;
Image Decode(const std::string& bytes) { return testing_util::DecodeImage(bytes); }

std::vector<double> PixelAt(VipsImage* image, int x, int y) {
  double* values = nullptr;
  int n = 0;
  EXPECT_EQ(vips_getpoint(image, &values, &n, x, y, nullptr), 0);
  std::vector<double> out(values, values + n);
  g_free(values);
  return out;
}

// True when the pixel at (x, y) is near `r`, `g`, `b`.
bool Near(VipsImage* image, int x, int y, int r, int g, int b) {
  auto p = PixelAt(image, x, y);
  if (p.size() < 3) return false;
  return std::abs(p[0] - r) < 40 && std::abs(p[1] - g) < 40 && std::abs(p[2] - b) < 40;
}
bool Red(VipsImage* image, int x, int y) { return Near(image, x, y, 255, 0, 0); }
bool Blue(VipsImage* image, int x, int y) { return Near(image, x, y, 0, 0, 255); }

// Each test twice: rendered from the original, and (the parameter) from the
// photo's tiled pyramid, made for every photo here (small ones included).
class IiifApiTest : public ApiTest, public ::testing::WithParamInterface<bool> {
 protected:
  void SetUp() override {
    Gallery({"album", "add", "backstage", "--visibility", "private", "--title-en", "Backstage"});
    StartServer({"--iiif-pyramid-min-pixels", GetParam() ? "0" : "-1"});
    // 400×200 as displayed: a red block in the top-left quarter
    // (0..100 × 0..50), a blue one in the bottom-right (300..400 × 150..200).
    fixtures::FixtureSpec spec;
    spec.width = 400;
    spec.height = 200;
    spec.usage_terms = "https://creativecommons.org/licenses/by/4.0/";
    id_ = std::to_string(UploadPhoto(fixtures::MakeImage(spec), "pattern.jpg")["id"].get<int>());
    spec.usage_terms = "All rights reserved";
    spec.caption = {{"x-default", "Private"}};
    private_ = std::to_string(UploadPhoto(fixtures::MakeImage(spec), "private.jpg", "?album=backstage")["id"].get<int>());
  }

  std::string Url(const std::string& id, const std::string& request) { return "/iiif/3/" + id + "/" + request; }

  // GET of `request` (region/size/rotation/quality.format) of the pattern,
  // expecting 200 and `type`; the decoded image.
  Image Fetch(const std::string& request, const std::string& type = "image/jpeg") {
    Reply r = Get(Url(id_, request));
    EXPECT_EQ(r.status, 200) << request << ": " << r.body;
    EXPECT_EQ(r.Header("content-type"), type) << request;
    if (r.status != 200) return nullptr;
    return Decode(r.body);
  }

  void ExpectSize(const std::string& request, int w, int h) {
    Image image = Fetch(request);
    ASSERT_TRUE(image) << request;
    EXPECT_EQ(image->Xsize, w) << request;
    EXPECT_EQ(image->Ysize, h) << request;
  }

  void ExpectError(const std::string& path, int status, const std::string& code) {
    Reply r = Get(path);
    EXPECT_EQ(r.status, status) << path << ": " << r.body;
    json body = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << path << ": " << r.body;
    EXPECT_EQ(body.value("code", ""), code) << path;
    EXPECT_FALSE(body.value("message", "").empty()) << path;
  }

  std::string id_, private_;
};

TEST_P(IiifApiTest, InfoJsonDescribesTheImageService) {
  Reply r = Get(Url(id_, "info.json"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_EQ(r.Header("access-control-allow-origin"), "*");
  json info = json::parse(r.body);
  EXPECT_EQ(info["@context"], "http://iiif.io/api/image/3/context.json");
  EXPECT_EQ(info["id"], "http://127.0.0.1/iiif/3/" + id_);
  EXPECT_EQ(info["type"], "ImageService3");
  EXPECT_EQ(info["protocol"], "http://iiif.io/api/image");
  EXPECT_EQ(info["profile"], "level2");
  EXPECT_EQ(info["width"], 400);
  EXPECT_EQ(info["height"], 200);
  EXPECT_EQ(info["maxWidth"], 8192);
  EXPECT_EQ(info["maxArea"], 16777216);
  ASSERT_EQ(info["tiles"].size(), 1u);
  EXPECT_EQ(info["tiles"][0]["width"], 512);
  EXPECT_EQ(info["tiles"][0]["scaleFactors"], json::array({1}));
  EXPECT_EQ(info["sizes"].back(), (json{{"width", 400}, {"height", 200}}));
  EXPECT_EQ(info["sizes"].front(), (json{{"width", 50}, {"height", 25}}));
  EXPECT_EQ(info["extraFormats"], json::array({"webp"}));
  EXPECT_EQ(info["extraQualities"], json::array({"gray", "bitonal"}));
  EXPECT_EQ(info["extraFeatures"], json::array({"mirroring", "rotationBy90s", "sizeUpscaling"}));
  EXPECT_EQ(info["rights"], "https://creativecommons.org/licenses/by/4.0/");
  // JSON-LD when asked for.
  Reply ld = Get(Url(id_, "info.json"), {{"Accept", "application/ld+json"}});
  EXPECT_EQ(ld.Header("content-type"), "application/ld+json;profile=\"http://iiif.io/api/image/3/context.json\"");
  // Usage terms that are not a URI are no `rights`.
  Reply other = Get(Url(private_, "info.json"), Editor());
  ASSERT_EQ(other.status, 200);
  EXPECT_FALSE(json::parse(other.body).contains("rights"));
}

TEST_P(IiifApiTest, TilesOfALargePhotoAndItsOrientation) {
  fixtures::FixtureSpec spec;
  spec.width = 1200;  // stored; shown 600×1200 (orientation 6 turns it clockwise)
  spec.height = 600;
  spec.orientation = 6;
  std::string id = std::to_string(UploadPhoto(fixtures::MakeImage(spec), "turned.jpg")["id"].get<int>());
  json info = json::parse(Get(Url(id, "info.json")).body);
  EXPECT_EQ(info["width"], 600);
  EXPECT_EQ(info["height"], 1200);
  EXPECT_EQ(info["tiles"][0]["scaleFactors"], json::array({1, 2, 4}));
  // Stored top-left (red) is shown top-right; stored bottom-right (blue) bottom-left.
  Reply r = Get(Url(id, "450,0,150,300/max/0/default.png"));
  ASSERT_EQ(r.status, 200) << r.body;
  Image image = Decode(r.body);
  ASSERT_TRUE(image);
  EXPECT_EQ(image->Xsize, 150);
  EXPECT_EQ(image->Ysize, 300);
  EXPECT_TRUE(Red(image.get(), 75, 150));
  Reply blue = Get(Url(id, "0,900,150,300/75,/0/default.png"));
  ASSERT_EQ(blue.status, 200) << blue.body;
  Image b = Decode(blue.body);
  EXPECT_EQ(b->Xsize, 75);
  EXPECT_TRUE(Blue(b.get(), 37, 75));
  // A 512-pixel tile at scale factor 2, as a viewer asks it.
  ExpectSize("full/max/0/default.jpg", 400, 200);
  Reply tile = Get(Url(id, "0,0,600,1024/300,/0/default.jpg"));
  ASSERT_EQ(tile.status, 200) << tile.body;
  Image t = Decode(tile.body);
  EXPECT_EQ(t->Xsize, 300);
  EXPECT_EQ(t->Ysize, 512);
}

TEST_P(IiifApiTest, BaseUriRedirectsToInfoJson) {
  Reply r = Get("/iiif/3/" + id_);
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("location"), "http://127.0.0.1/iiif/3/" + id_ + "/info.json");
}

TEST_P(IiifApiTest, RegionsCutThePattern) {
  Image red = Fetch("0,0,100,50/max/0/default.png", "image/png");
  ASSERT_TRUE(red);
  EXPECT_EQ(red->Xsize, 100);
  EXPECT_EQ(red->Ysize, 50);
  EXPECT_TRUE(Red(red.get(), 50, 25));
  Image blue = Fetch("pct:75,75,25,25/max/0/default.png", "image/png");
  ASSERT_TRUE(blue);
  EXPECT_EQ(blue->Xsize, 100);
  EXPECT_EQ(blue->Ysize, 50);
  EXPECT_TRUE(Blue(blue.get(), 50, 25));
  Image square = Fetch("square/max/0/default.jpg");
  ASSERT_TRUE(square);
  EXPECT_EQ(square->Xsize, 200);
  EXPECT_EQ(square->Ysize, 200);
  // A region running past the edge is cut to the image.
  Image edge = Fetch("350,150,500,500/max/0/default.png", "image/png");
  ASSERT_TRUE(edge);
  EXPECT_EQ(edge->Xsize, 50);
  EXPECT_EQ(edge->Ysize, 50);
  EXPECT_TRUE(Blue(edge.get(), 25, 25));
}

TEST_P(IiifApiTest, EverySizeForm) {
  ExpectSize("full/max/0/default.jpg", 400, 200);
  ExpectSize("full/100,/0/default.jpg", 100, 50);
  ExpectSize("full/,50/0/default.jpg", 100, 50);
  ExpectSize("full/pct:50/0/default.jpg", 200, 100);
  ExpectSize("full/100,100/0/default.jpg", 100, 100);
  ExpectSize("full/!100,100/0/default.jpg", 100, 50);
  ExpectSize("full/^800,/0/default.jpg", 800, 400);
  ExpectSize("full/^max/0/default.jpg", 5792, 2896);  // up to maxArea
  ExpectSize("full/^pct:150/0/default.jpg", 600, 300);
  ExpectSize("0,0,100,50/^!400,400/0/default.jpg", 400, 200);
  ExpectSize("full/%5E200,200/0/default.jpg", 200, 200);  // ^ percent-encoded
}

TEST_P(IiifApiTest, RotationAndMirroring) {
  // Red block top-left; turned 90° clockwise it is top-right.
  Image turned = Fetch("full/max/90/default.png", "image/png");
  ASSERT_TRUE(turned);
  EXPECT_EQ(turned->Xsize, 200);
  EXPECT_EQ(turned->Ysize, 400);
  EXPECT_TRUE(Red(turned.get(), 175, 50));
  EXPECT_TRUE(Blue(turned.get(), 25, 350));
  Image half = Fetch("full/max/180/default.png", "image/png");
  ASSERT_TRUE(half);
  EXPECT_TRUE(Red(half.get(), 350, 175));
  Image back = Fetch("full/max/270/default.png", "image/png");
  ASSERT_TRUE(back);
  EXPECT_TRUE(Red(back.get(), 25, 350));
  Image mirrored = Fetch("full/max/!0/default.png", "image/png");
  ASSERT_TRUE(mirrored);
  EXPECT_EQ(mirrored->Xsize, 400);
  EXPECT_TRUE(Red(mirrored.get(), 350, 25));
  EXPECT_TRUE(Blue(mirrored.get(), 50, 175));
  // Mirrored first, then turned: the red block goes top-right, then bottom-right.
  Image both = Fetch("full/max/!90/default.png", "image/png");
  ASSERT_TRUE(both);
  EXPECT_TRUE(Red(both.get(), 175, 350));
  EXPECT_TRUE(Fetch("full/max/360/default.jpg")) << "360 is 0";
}

TEST_P(IiifApiTest, QualitiesAndFormats) {
  Reply gray = Get(Url(id_, "full/max/0/gray.png"));
  ASSERT_EQ(gray.status, 200);
  Image g = Decode(gray.body);
  EXPECT_EQ(g->Bands, 1);
  const double red_grey = PixelAt(g.get(), 50, 25)[0];
  EXPECT_GT(red_grey, 30);
  EXPECT_LT(red_grey, 140);
  Reply bitonal = Get(Url(id_, "full/max/0/bitonal.png"));
  ASSERT_EQ(bitonal.status, 200);
  Image b = Decode(bitonal.body);
  EXPECT_EQ(b->Bands, 1);
  for (int y = 0; y < 200; y += 11)
    for (int x = 0; x < 400; x += 17) {
      const double v = PixelAt(b.get(), x, y)[0];
      ASSERT_TRUE(v == 0 || v == 255) << x << "," << y << " " << v;
    }
  EXPECT_EQ(PixelAt(b.get(), 350, 175)[0], 0);  // blue is dark
  Image color = Fetch("0,0,100,50/max/0/color.jpg");
  ASSERT_TRUE(color);
  EXPECT_TRUE(Red(color.get(), 50, 25));
  Reply jpg = Get(Url(id_, "full/64,/0/default.jpg"));
  EXPECT_EQ(jpg.body.substr(0, 3), "\xff\xd8\xff"s);
  Reply png = Get(Url(id_, "full/64,/0/default.png"));
  EXPECT_EQ(png.Header("content-type"), "image/png");
  EXPECT_EQ(png.body.substr(0, 8), "\x89PNG\r\n\x1a\n"s);
  Reply webp = Get(Url(id_, "full/64,/0/default.webp"));
  EXPECT_EQ(webp.Header("content-type"), "image/webp");
  EXPECT_EQ(webp.body.substr(0, 4), "RIFF");
  EXPECT_EQ(webp.body.substr(8, 4), "WEBP");
}

TEST_P(IiifApiTest, ErrorsWithTheirStatuses) {
  const std::string base = "/iiif/3/" + id_ + "/";
  // 400: malformed or impossible.
  for (const char* request :
       {"nowhere/max/0/default.jpg", "0,0,0,10/max/0/default.jpg", "500,0,10,10/max/0/default.jpg",
        "pct:101,0,10,10/max/0/default.jpg", "full/big/0/default.jpg", "full/0,/0/default.jpg",
        "full/800,/0/default.jpg", "full/pct:150/0/default.jpg", "full/^9000,/0/default.jpg",
        "full/max/-90/default.jpg", "full/max/abc/default.jpg", "full/max/0/sepia.jpg",
        "full/max/0/default", "full/max/0/default.bmp"}) {
    ExpectError(base + std::string(request), 400, "invalid_argument");
  }
  // 501: valid, not done here.
  ExpectError(base + "full/max/45/default.jpg", 501, "unsupported");
  ExpectError(base + "full/max/0/default.tif", 501, "unsupported");
  // 404: no such image, and an escaped slash in the identifier.
  ExpectError("/iiif/3/99999/info.json", 404, "not_found");
  ExpectError("/iiif/3/99999/full/max/0/default.jpg", 404, "not_found");
  ExpectError("/iiif/3/99999", 404, "not_found");
  ExpectError("/iiif/3/" + id_ + "%2F1/info.json", 404, "not_found");
  ExpectError("/iiif/3/abc/info.json", 404, "not_found");
}

TEST_P(IiifApiTest, PrivatePhotosAs404UnlessShared) {
  ExpectError(Url(private_, "info.json"), 404, "not_found");
  ExpectError(Url(private_, "full/max/0/default.jpg"), 404, "not_found");
  ExpectError("/iiif/3/" + private_, 404, "not_found");
  // Even a bad request says nothing of a photo the asker may not see.
  ExpectError(Url(private_, "nowhere/max/0/default.jpg"), 404, "not_found");
  Reply editor = Get(Url(private_, "info.json"), Editor());
  EXPECT_EQ(editor.status, 200);
  EXPECT_EQ(editor.Header("access-control-allow-origin"), "") << "not for any page to read";
  EXPECT_EQ(editor.Header("cache-control"), "private, no-cache");
  Headers h = Editor();
  h.emplace_back("Content-Type", "application/json");
  Reply link = Send(port(), "POST", "/api/albums/backstage/links", h, R"({"expires_in_days": 7})");
  ASSERT_EQ(link.status, 201) << link.body;
  const std::string secret = json::parse(link.body)["secret"];
  EXPECT_EQ(Get(Url(private_, "info.json?share=" + secret)).status, 200);
  Reply shared = Get(Url(private_, "0,0,100,50/max/0/default.png?share=" + secret));
  ASSERT_EQ(shared.status, 200) << shared.body;
  EXPECT_TRUE(Red(Decode(shared.body).get(), 50, 25));
  EXPECT_EQ(Get(Url(private_, "full/max/0/default.jpg"), {{"X-Share-Token", secret}}).status, 200);
}

TEST_P(IiifApiTest, ETagsAndCors) {
  Reply r = Get(Url(id_, "full/100,/0/default.jpg"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("access-control-allow-origin"), "*");
  EXPECT_EQ(r.Header("cache-control"), "no-cache");
  const std::string etag = r.Header("etag");
  ASSERT_FALSE(etag.empty());
  Reply again = Get(Url(id_, "full/100,/0/default.jpg"), {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  // The same pixels asked another way share the ETag; others do not.
  EXPECT_EQ(Get(Url(id_, "0,0,400,200/pct:25/0/default.jpg")).Header("etag"), etag);
  EXPECT_NE(Get(Url(id_, "full/100,/0/default.png")).Header("etag"), etag);
  // An edit changes it.
  Headers h = Editor();
  h.emplace_back("Content-Type", "application/json");
  ASSERT_EQ(Send(port(), "PATCH", "/api/photos/" + id_, h, R"({"headline": {"en": "New"}})").status, 200);
  EXPECT_NE(Get(Url(id_, "full/100,/0/default.jpg")).Header("etag"), etag);
  EXPECT_EQ(Get(Url(id_, "info.json")).Header("access-control-allow-origin"), "*");
}

TEST_P(IiifApiTest, RegionsAreCachedUntilThePhotoChangesOrGoes) {
  const std::string sha = json::parse(Get("/api/photos/" + id_).body)["sha256"];
  const std::string dir = data_ + "/renditions/iiif/" + sha.substr(0, 2) + "/" + sha;
  const std::string entry = dir + "/v1-0,0,400,200-100,50-r0-default.jpg";
  EXPECT_FALSE(std::filesystem::exists(entry));
  Reply first = Get(Url(id_, "full/100,/0/default.jpg"));
  ASSERT_EQ(first.status, 200);
  ASSERT_TRUE(std::filesystem::exists(entry));
  EXPECT_EQ(testing_util::ReadFileOrDie(entry), first.body);
  // Answered from the cache: the same pixels asked another way too.
  { std::ofstream(entry, std::ios::binary | std::ios::trunc) << "cached bytes"; }
  EXPECT_EQ(Get(Url(id_, "full/100,/0/default.jpg")).body, "cached bytes");
  EXPECT_EQ(Get(Url(id_, "full/pct:25/0/default.jpg")).body, "cached bytes");
  // An edit makes a new version: rendered again, the old entries dropped.
  Headers h = Editor();
  h.emplace_back("Content-Type", "application/json");
  ASSERT_EQ(Send(port(), "PATCH", "/api/photos/" + id_, h, R"({"headline": {"en": "New"}})").status, 200);
  Reply fresh = Get(Url(id_, "full/100,/0/default.jpg"));
  ASSERT_EQ(fresh.status, 200);
  EXPECT_EQ(fresh.body.substr(0, 3), "\xff\xd8\xff"s);
  EXPECT_FALSE(std::filesystem::exists(entry));
  EXPECT_TRUE(std::filesystem::exists(dir + "/v2-0,0,400,200-100,50-r0-default.jpg"));
  // Deleted: its entries go.
  ASSERT_EQ(Send(port(), "DELETE", "/api/photos/" + id_, Admin()).status, 200);
  EXPECT_FALSE(std::filesystem::exists(dir));
  EXPECT_EQ(Get(Url(id_, "full/100,/0/default.jpg")).status, 404);
}

INSTANTIATE_TEST_SUITE_P(FromOriginalOrPyramid, IiifApiTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Pyramid" : "Original";
                         });

class IiifCacheCapTest : public ApiTest {};

TEST_F(IiifCacheCapTest, TheCacheStaysUnderItsCap) {
  StartServer({"--iiif-cache-bytes", "6000"});
  fixtures::FixtureSpec spec;
  spec.width = 400;
  spec.height = 200;
  const std::string id = std::to_string(UploadPhoto(fixtures::MakeImage(spec), "p.jpg")["id"].get<int>());
  for (int w = 40; w <= 200; w += 20) {
    ASSERT_EQ(Get("/iiif/3/" + id + "/full/" + std::to_string(w) + ",/0/default.jpg").status, 200);
  }
  std::uintmax_t total = 0;
  int files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(data_ + "/renditions/iiif")) {
    if (e.is_regular_file()) total += e.file_size(), ++files;
  }
  EXPECT_LE(total, 6000u);
  EXPECT_GT(files, 0);
  EXPECT_LT(files, 9) << "some were evicted";
}

}  // namespace
}  // namespace http_test
