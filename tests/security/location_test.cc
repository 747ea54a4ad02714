// Location privacy over HTTP: a photo's GPS is in its JSON and in its
// downloaded original (alone and in an album's ZIP) only for editors and
// admins, unless its meeting or an album holding it that the asker may open
// shows locations; the stored original keeps it; the original's URL, ETag
// and caching follow who gets which bytes.
#include <cstdio>

#include "fixtures/image_fixtures.h"
#include "media/metadata.h"
#include "security/security_fixture.h"

namespace security_test {
namespace {

std::string PhotoWithLocation(const std::string& format, int seed) {
  fixtures::FixtureSpec spec;
  spec.format = format;
  spec.width = 128 + seed;  // HEIC: one coded image, whose EXIF the metadata reader reads
  spec.height = 96;
  spec.model = "Canon EOS 5D Mark III";
  spec.gps = fixtures::FixtureGps{33.5731, -7.5898, 12.0};
  return fixtures::MakeImage(spec);
}

bool CarriesLocation(const std::string& bytes) {
  auto m = media::ReadMetadata(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return m.ok() && m->gps.has_value();
}

class LocationTest : public SecurityTest {
 protected:
  void SetUp() override {
    BuildArchive();
    jpeg_ = UploadPhoto(PhotoWithLocation("jpeg", 1), "map.jpg", "?album=open")["id"];
    heic_ = UploadPhoto(PhotoWithLocation("heic", 2), "map.heic", "?album=open")["id"];
  }

  json Photo(Who who, std::int64_t id) {
    Reply r = As(who, "GET", "/api/photos/" + std::to_string(id));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? json::parse(r.body) : json::object();
  }

  // The original as `who` downloads it from its current URL.
  Reply Original(Who who, std::int64_t id) {
    json photo = Photo(who, id);
    Reply r = As(who, "GET", photo.value("original_url", std::string("/none")));
    EXPECT_EQ(r.status, 200) << r.body;
    return r;
  }

  std::int64_t jpeg_ = 0, heic_ = 0;
};

TEST_F(LocationTest, OnlyEditorsAndAdminsKnowWhereByDefault) {
  for (std::int64_t id : {jpeg_, heic_}) {
    SCOPED_TRACE(id);
    for (Who who : {kAnonymous, kViewer, kShare}) {
      SCOPED_TRACE(WhoName(who));
      EXPECT_TRUE(Photo(who, id)["gps"].is_null());
      EXPECT_FALSE(CarriesLocation(Original(who, id).body));
    }
    for (Who who : {kEditor, kAdmin}) {
      SCOPED_TRACE(WhoName(who));
      json gps = Photo(who, id)["gps"];
      ASSERT_TRUE(gps.is_object());
      EXPECT_NEAR(gps["lat"].get<double>(), 33.5731, 1e-3);
      EXPECT_TRUE(CarriesLocation(Original(who, id).body));
    }
    // Listings and search say the same.
    json page = json::parse(As(kAnonymous, "GET", "/api/photos?limit=100").body);
    for (const auto& item : page["items"]) EXPECT_TRUE(item["gps"].is_null()) << item["id"];
  }
  // The public's bytes and the editor's differ: so do their ETags, and the
  // editor's may not be kept by a shared cache.
  Reply editors = Original(kEditor, jpeg_), publics = Original(kAnonymous, jpeg_);
  EXPECT_NE(editors.Header("etag"), publics.Header("etag"));
  EXPECT_EQ(editors.Header("cache-control").rfind("private", 0), 0u) << editors.Header("cache-control");
  EXPECT_EQ(publics.Header("cache-control").rfind("public", 0), 0u) << publics.Header("cache-control");
  // A range of the public's bytes is a range of the copy without location.
  Reply part = As(kAnonymous, "GET", Photo(kAnonymous, jpeg_)["original_url"].get<std::string>(),
                  "", {{"Range", "bytes=0-99"}, {"If-Range", publics.Header("etag")}});
  EXPECT_EQ(part.status, 206);
  EXPECT_EQ(part.body, publics.body.substr(0, 100));
}

TEST_F(LocationTest, AnAlbumOrMeetingThatShowsLocationsShowsThemToItsAudience) {
  const std::string old_url = Photo(kAnonymous, jpeg_)["original_url"];
  Reply r = EditorJson("PATCH", "/api/albums/open", {{"show_location", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["show_location"], true);
  const std::string new_url = Photo(kAnonymous, jpeg_)["original_url"];
  EXPECT_NE(new_url, old_url) << "other bytes for the public: another URL";
  EXPECT_TRUE(Photo(kAnonymous, jpeg_)["gps"].is_object());
  EXPECT_TRUE(CarriesLocation(Original(kAnonymous, jpeg_).body));
  EXPECT_TRUE(CarriesLocation(Original(kAnonymous, heic_).body));
  EXPECT_EQ(Original(kEditor, jpeg_).Header("cache-control").rfind("public", 0), 0u)
      << "everyone gets the same bytes now";

  ASSERT_EQ(EditorJson("PATCH", "/api/albums/open", {{"show_location", false}}).status, 200);
  EXPECT_TRUE(Photo(kAnonymous, jpeg_)["gps"].is_null());
  r = EditorJson("PATCH", "/api/meetings/casablanca-2016", {{"show_location", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["show_location"], true);
  EXPECT_TRUE(Photo(kAnonymous, jpeg_)["gps"].is_object()) << "the photo is in the meeting";
  EXPECT_TRUE(Photo(kAnonymous, loose_photo_)["gps"].is_null()) << "no location to show";

  json meeting = json::parse(As(kAnonymous, "GET", "/api/meetings/casablanca-2016").body);
  EXPECT_EQ(meeting["show_location"], true);
  json album = json::parse(As(kAnonymous, "GET", "/api/albums/open").body);
  EXPECT_EQ(album["show_location"], false);
}

TEST_F(LocationTest, TheFlagIsTrueOrFalse) {
  for (const json& bad : {json("yes"), json(1), json(nullptr)}) {
    Reply r = EditorJson("PATCH", "/api/albums/open", {{"show_location", bad}});
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(json::parse(r.body)["message"].get<std::string>().find("show_location"), std::string::npos);
    r = EditorJson("PATCH", "/api/meetings/casablanca-2016", {{"show_location", bad}});
    EXPECT_EQ(r.status, 400) << r.body;
  }
  Reply created = EditorJson("POST", "/api/albums", {{"slug", "map"}, {"show_location", true}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(json::parse(created.body)["show_location"], true);
}

TEST_F(LocationTest, AnAlbumZipCarriesLocationsOnlyForThoseWhoMayKnowThem) {
  auto entries = [&](Who who) {
    Reply r = As(who, "GET", "/api/albums/open/download");
    EXPECT_EQ(r.status, 200) << r.body;
    testing_util::WriteFileOrDie(tmp_ / "open.zip", r.body);
    std::vector<bool> located;
    for (const char* name : {"map.jpg", "map.heic"}) {
      std::string cmd = "unzip -p '" + (tmp_ / "open.zip") + "' " + name;
      FILE* p = popen(cmd.c_str(), "r");
      std::string bytes;
      char buf[4096];
      for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) bytes.append(buf, n);
      EXPECT_EQ(pclose(p), 0) << name;
      located.push_back(CarriesLocation(bytes));
    }
    return located;
  };
  EXPECT_EQ(entries(kAnonymous), (std::vector<bool>{false, false}));
  EXPECT_EQ(entries(kEditor), (std::vector<bool>{true, true}));
}

}  // namespace
}  // namespace security_test
