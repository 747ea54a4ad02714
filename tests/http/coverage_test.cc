// Album listings by credit (embargo respected), meeting and cursor; album
// photo paging; credits by meeting; upload placement; editing copyright and
// meeting; ingest metrics; unlisted albums.
#include <cctype>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "fixtures/api_fixture.h"
#include "fixtures/image_fixtures.h"

namespace http_test {
namespace {

using nlohmann::json;

// `s` with every byte but the unreserved ones percent-encoded.
std::string Q(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

class CoverageTest : public ApiTest {
 protected:
  json GetJson(const std::string& path, const Headers& h = {}) {
    Reply r = Get(path, h);
    EXPECT_EQ(r.status, 200) << path << " " << r.body;
    if (r.status != 200) return {{"items", json::array()}, {"next_cursor", nullptr}};
    return json::parse(r.body);
  }
  // The `field` of the answer to `path`, by value (safe to loop over).
  json Field(const std::string& path, const std::string& field, const Headers& h = {}) {
    return GetJson(path, h).value(field, json::array());
  }
  // The values of `key` in the `list` of the answer to `path`, in order.
  template <typename T>
  std::vector<T> Items(const std::string& path, const std::string& key, const Headers& h = {},
                       const std::string& list = "items") {
    std::vector<T> out;
    for (const auto& item : Field(path, list, h)) out.push_back(item.at(key).get<T>());
    return out;
  }
  std::vector<std::string> Slugs(const std::string& path, const Headers& h = {}) {
    return Items<std::string>(path, "slug", h);
  }
  // Follows next_cursor from `path` to the end; each page holds at most
  // `limit` items, every page but the last exactly `limit`. The values of
  // `key` over all pages, in order; *pages: how many pages there were.
  template <typename T>
  std::vector<T> AllPages(const std::string& path, const std::string& key, std::size_t limit,
                          const Headers& h = {}, int* pages = nullptr) {
    std::vector<T> out;
    std::string cursor, sep = path.find('?') == std::string::npos ? "?" : "&";
    int n = 0;
    for (; n < 20; ++n) {
      json page = GetJson(path + sep + "limit=" + std::to_string(limit) +
                              (cursor.empty() ? "" : "&cursor=" + Q(cursor)),
                          h);
      EXPECT_LE(page.at("items").size(), limit) << path;
      for (const auto& item : page.at("items")) out.push_back(item.at(key).get<T>());
      if (page.at("next_cursor").is_null()) break;
      EXPECT_EQ(page.at("items").size(), limit) << path << " a page short of the limit has a next";
      cursor = page.at("next_cursor").get<std::string>();
      EXPECT_FALSE(cursor.empty());
    }
    if (pages) *pages = n + 1;
    return out;
  }
  Reply Patch(const std::string& path, const json& body) {
    Headers h = Editor();
    h.emplace_back("Content-Type", "application/json");
    return Send(port(), "PATCH", path, h, body.dump());
  }
  static std::string PhotoPath(std::int64_t id) { return "/api/photos/" + std::to_string(id); }
};

// --- 1. Albums by credit: embargoed photos do not count for the public ---

TEST_F(CoverageTest, AlbumsByCreditLeaveOutACreditOnlyOnEmbargoedPhotosForThePublic) {
  Gallery({"album", "add", "opening", "--title-en", "Opening"});
  StartServer();
  std::int64_t hidden = UploadPhoto(Jpeg(1, "Minister", "© Hidden Agency"), "m.jpg", "?album=opening")["id"];
  UploadPhoto(Jpeg(2, "Hall", "© Shown Agency"), "h.jpg", "?album=opening");
  const std::string by_hidden = "/api/albums?credit=" + Q("© Hidden Agency");
  ASSERT_EQ(Slugs(by_hidden), std::vector<std::string>{"opening"}) << "listed while not embargoed";

  ASSERT_EQ(Patch(PhotoPath(hidden), {{"embargo_until", "2099-01-01T00:00:00Z"}}).status, 200);
  EXPECT_EQ(Slugs(by_hidden), std::vector<std::string>{}) << "the only photo with it is embargoed";
  EXPECT_EQ(Slugs(by_hidden, Editor()), std::vector<std::string>{"opening"});
  EXPECT_EQ(Slugs("/api/albums?credit=" + Q("© Shown Agency")), std::vector<std::string>{"opening"});
  EXPECT_EQ(Slugs("/api/albums"), std::vector<std::string>{"opening"});  // the album itself is public

  ASSERT_EQ(Patch(PhotoPath(hidden), {{"embargo_until", "2001-01-01T00:00:00Z"}}).status, 200);
  EXPECT_EQ(Slugs(by_hidden), std::vector<std::string>{"opening"}) << "listed again once the date passed";
}

// --- 2. Albums by meeting, and paged ---

TEST_F(CoverageTest, AlbumsByMeetingAndPagedWithACursor) {
  Gallery({"meeting", "add", "rabat-2017"});
  Gallery({"meeting", "add", "tunis-2018"});
  Gallery({"album", "add", "r-one", "--meeting", "rabat-2017"});
  Gallery({"album", "add", "t-one", "--meeting", "tunis-2018"});
  Gallery({"album", "add", "r-two", "--meeting", "rabat-2017"});
  Gallery({"album", "add", "r-hidden", "--meeting", "rabat-2017", "--visibility", "private"});
  Gallery({"album", "add", "loose"});
  Gallery({"album", "add", "r-three", "--meeting", "rabat-2017"});
  StartServer();

  EXPECT_EQ(Slugs("/api/albums?meeting=rabat-2017"), (std::vector<std::string>{"r-one", "r-two", "r-three"}));
  EXPECT_EQ(Slugs("/api/albums?meeting=tunis-2018"), std::vector<std::string>{"t-one"});
  EXPECT_EQ(Slugs("/api/albums?meeting=rabat-2017", Editor()),
            (std::vector<std::string>{"r-one", "r-two", "r-hidden", "r-three"}));
  for (const auto& album : Field("/api/albums?meeting=rabat-2017", "items")) {
    EXPECT_EQ(album.at("meeting"), "rabat-2017");
  }

  json first = GetJson("/api/albums?limit=2");
  ASSERT_EQ(first.at("items").size(), 2u) << first;
  ASSERT_TRUE(first.at("next_cursor").is_string()) << first;
  // Opaque: it names no album.
  EXPECT_EQ(first["next_cursor"].get<std::string>().find(first["items"][1]["slug"].get<std::string>()),
            std::string::npos);
  int pages = 0;
  std::vector<std::string> all = AllPages<std::string>("/api/albums", "slug", 2, {}, &pages);
  EXPECT_EQ(all, (std::vector<std::string>{"r-one", "t-one", "r-two", "loose", "r-three"}));
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(all, Slugs("/api/albums"));  // the same as unpaged: none twice, none missing
  EXPECT_EQ(AllPages<std::string>("/api/albums?meeting=rabat-2017", "slug", 2),
            (std::vector<std::string>{"r-one", "r-two", "r-three"}));
  EXPECT_EQ(AllPages<std::string>("/api/albums", "slug", 2, Editor()).size(), 6u);
  EXPECT_EQ(Get("/api/albums?cursor=no-such-album").status, 400);
}

// --- 3. An album's photos, paged, in album order ---

TEST_F(CoverageTest, AlbumPhotosPagedInAlbumOrder) {
  Gallery({"album", "add", "day-one"});
  StartServer();
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    json p = UploadPhoto(Jpeg(10 + i), "p" + std::to_string(i) + ".jpg", "?album=day-one");
    ids.push_back(p["id"].get<std::int64_t>());
  }
  // An order other than upload (id) order.
  std::vector<std::int64_t> order = {ids[3], ids[0], ids[4], ids[1], ids[2]};
  Headers h = Editor();
  h.emplace_back("Content-Type", "application/json");
  Reply reorder = Send(port(), "PUT", "/api/albums/day-one/order", h, json({{"ids", order}}).dump());
  ASSERT_EQ(reorder.status, 200) << reorder.body;

  json first = GetJson("/api/albums/day-one/photos?limit=2");
  ASSERT_EQ(first.at("items").size(), 2u);
  EXPECT_TRUE(first.at("next_cursor").is_string());
  int pages = 0;
  EXPECT_EQ(AllPages<std::int64_t>("/api/albums/day-one/photos", "id", 2, {}, &pages), order);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(Items<std::int64_t>("/api/albums/day-one/photos", "id"), order);
  EXPECT_EQ(AllPages<std::int64_t>("/api/albums/day-one/photos", "id", 1, Editor()), order);
}

// --- 4. Credits of one meeting ---

TEST_F(CoverageTest, CreditsFilteredByMeeting) {
  Gallery({"meeting", "add", "rabat-2017"});
  Gallery({"meeting", "add", "tunis-2018"});
  Gallery({"album", "add", "rabat-day", "--meeting", "rabat-2017"});
  Gallery({"album", "add", "tunis-day", "--meeting", "tunis-2018"});
  StartServer();
  UploadPhoto(Jpeg(1, "", "© Rabat Photo"), "r1.jpg", "?album=rabat-day");
  UploadPhoto(Jpeg(2, "", "© Rabat Photo"), "r2.jpg", "?album=rabat-day");
  UploadPhoto(Jpeg(3, "", "© Shared Agency"), "r3.jpg", "?album=rabat-day");
  UploadPhoto(Jpeg(4, "", "© Tunis Photo"), "t1.jpg", "?album=tunis-day");
  UploadPhoto(Jpeg(5, "", "© Shared Agency"), "t2.jpg", "?album=tunis-day");
  auto counts = [&](const std::string& path) {
    std::map<std::string, int> out;
    for (const auto& c : Field(path, "items")) {
      out[c.at("credit").get<std::string>()] = c.at("photo_count").get<int>();
    }
    return out;
  };
  EXPECT_EQ(counts("/api/credits"),
            (std::map<std::string, int>{
                {"© Rabat Photo", 2}, {"© Shared Agency", 2}, {"© Tunis Photo", 1}}));
  EXPECT_EQ(counts("/api/credits?meeting=rabat-2017"),
            (std::map<std::string, int>{{"© Rabat Photo", 2}, {"© Shared Agency", 1}}));
  EXPECT_EQ(counts("/api/credits?meeting=tunis-2018"),
            (std::map<std::string, int>{{"© Shared Agency", 1}, {"© Tunis Photo", 1}}));
  EXPECT_EQ(Get("/api/credits?meeting=nowhere").status, 404);
}

// --- 5. Uploads placed in a meeting without an album ---

TEST_F(CoverageTest, UploadToAMeetingWithoutAnAlbum) {
  Gallery({"meeting", "add", "rabat-2017", "--credit", "© Meeting Default"});
  StartServer();
  json raw = UploadPhoto(Jpeg(1), "raw.jpg", "?meeting=rabat-2017");
  EXPECT_EQ(raw["meeting"], "rabat-2017");
  EXPECT_EQ(raw["albums"], json::array());
  EXPECT_EQ(raw["credit"], "© Meeting Default");
  EXPECT_EQ(GetJson(PhotoPath(raw["id"].get<std::int64_t>())).at("meeting"), "rabat-2017");

  Headers h = Editor();
  h.emplace_back("Content-Type", "multipart/form-data; boundary=XyZ");
  std::string form = "--XyZ\r\nContent-Disposition: form-data; name=\"meeting\"\r\n\r\nrabat-2017\r\n"
                     "--XyZ\r\nContent-Disposition: form-data; name=\"credit\"\r\n\r\n© Form Credit\r\n"
                     "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"form.jpg\"\r\n"
                     "Content-Type: image/jpeg\r\n\r\n" + Jpeg(2) + "\r\n--XyZ--\r\n";
  Reply r = Send(port(), "POST", "/api/photos", h, form);
  ASSERT_EQ(r.status, 201) << r.body;
  json p = json::parse(r.body);
  EXPECT_EQ(p["meeting"], "rabat-2017");
  EXPECT_EQ(p["credit"], "© Form Credit");  // the form's, before the meeting's default
  EXPECT_EQ(p["albums"], json::array());
  json stored = GetJson(PhotoPath(p["id"].get<std::int64_t>()));
  EXPECT_EQ(stored["meeting"], "rabat-2017");
  EXPECT_EQ(stored["credit"], "© Form Credit");
  EXPECT_EQ(Items<std::int64_t>("/api/photos?meeting=rabat-2017", "id").size(), 2u);
}

// --- 6. Editing copyright and meeting ---

TEST_F(CoverageTest, EditCopyrightAndMeeting) {
  Gallery({"meeting", "add", "rabat-2017"});
  StartServer();
  std::int64_t id = UploadPhoto(Jpeg(1), "a.jpg")["id"];
  ASSERT_TRUE(GetJson(PhotoPath(id)).at("meeting").is_null());

  Reply r = Patch(PhotoPath(id), {{"copyright", "© 2017 The Organisation"}, {"meeting", "rabat-2017"}});
  ASSERT_EQ(r.status, 200) << r.body;
  json p = GetJson(PhotoPath(id));
  EXPECT_EQ(p["copyright"], "© 2017 The Organisation");
  EXPECT_EQ(p["meeting"], "rabat-2017");
  EXPECT_EQ(Items<std::int64_t>("/api/photos?meeting=rabat-2017", "id"), std::vector<std::int64_t>{id});

  Reply unknown = Patch(PhotoPath(id), {{"meeting", "nowhere-1999"}});
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(unknown.Header("content-type").rfind("application/json", 0), 0u);
  json e = json::parse(unknown.body);
  EXPECT_EQ(e["code"], "invalid_argument");
  EXPECT_NE(e["message"].get<std::string>().find("nowhere-1999"), std::string::npos) << e;
  EXPECT_EQ(GetJson(PhotoPath(id)).at("meeting"), "rabat-2017") << "unchanged after the refusal";

  ASSERT_EQ(Patch(PhotoPath(id), {{"meeting", nullptr}, {"copyright", nullptr}}).status, 200);
  p = GetJson(PhotoPath(id));
  EXPECT_TRUE(p["meeting"].is_null()) << p;
  EXPECT_TRUE(p["copyright"].is_null()) << p;
}

// --- 7. Ingest metrics ---

// The samples of a Prometheus text answer: "name{labels}" to value.
std::map<std::string, double> Samples(const std::string& text) {
  std::map<std::string, double> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::size_t space = line.rfind(' ');
    if (space == std::string::npos) continue;
    out[line.substr(0, space)] = std::stod(line.substr(space + 1));
  }
  return out;
}

TEST_F(CoverageTest, MetricsCountIngestsByOutcomeWithTheirDurations) {
  StartServer();
  auto metrics = [&] {
    Reply r = Get("/metrics", Admin());
    EXPECT_EQ(r.status, 200);
    return Samples(r.body);
  };
  const std::string created = "gallery_ingests_total{outcome=\"created\"}",
                    corrupt = "gallery_ingests_total{outcome=\"corrupt\"}",
                    count = "gallery_ingest_duration_seconds_count",
                    inf = "gallery_ingest_duration_seconds_bucket{le=\"+Inf\"}";
  auto before = metrics();
  EXPECT_EQ(before.count(created), 0u);
  EXPECT_EQ(before.at(count), 0);

  UploadPhoto(Jpeg(1), "a.jpg");
  auto after_one = metrics();
  EXPECT_EQ(after_one[created], 1);
  EXPECT_EQ(after_one.at(count), 1);
  EXPECT_EQ(after_one.at(inf), 1);
  EXPECT_GT(after_one.at("gallery_ingest_duration_seconds_sum"), 0);
  EXPECT_EQ(after_one.count(corrupt), 0u);

  ASSERT_EQ(Upload(fixtures::TruncatedJpeg(), "cut.jpg").status, 422);
  auto after_broken = metrics();
  EXPECT_EQ(after_broken[corrupt], 1);
  EXPECT_EQ(after_broken[created], 1);
  EXPECT_EQ(after_broken.at(count), 2);
  EXPECT_EQ(after_broken.at(inf), 2);
}

// --- 8. Unlisted albums ---

TEST_F(CoverageTest, UnlistedAlbumIsNotListedButAnswersByItsAddress) {
  Gallery({"meeting", "add", "rabat-2017"});
  Gallery({"album", "add", "open-day", "--meeting", "rabat-2017"});
  Gallery({"album", "add", "quiet-day", "--meeting", "rabat-2017", "--visibility", "unlisted"});
  StartServer();
  std::int64_t id = UploadPhoto(Jpeg(1, "Quiet"), "q.jpg", "?album=quiet-day")["id"];
  const std::string sid = std::to_string(id);

  EXPECT_EQ(Slugs("/api/albums"), std::vector<std::string>{"open-day"});
  EXPECT_EQ(Slugs("/api/albums?meeting=rabat-2017"), std::vector<std::string>{"open-day"});
  EXPECT_EQ(Items<std::string>("/api/meetings/rabat-2017", "slug", {}, "albums"),
            std::vector<std::string>{"open-day"});

  json album = GetJson("/api/albums/quiet-day");
  EXPECT_EQ(album["visibility"], "unlisted");
  EXPECT_EQ(Items<std::int64_t>("/api/albums/quiet-day/photos", "id"), std::vector<std::int64_t>{id});
  EXPECT_EQ(Get("/api/photos/" + sid).status, 200);
  Reply tile = Get("/media/" + sid + "/tile.webp");
  EXPECT_EQ(tile.status, 200) << tile.body;
  EXPECT_TRUE(tile.body.size() > 12 && tile.body.compare(8, 4, "WEBP") == 0);

  EXPECT_EQ(Slugs("/api/albums", Editor()), (std::vector<std::string>{"open-day", "quiet-day"}));
  EXPECT_EQ(Items<std::string>("/api/meetings/rabat-2017", "slug", Editor(), "albums"),
            (std::vector<std::string>{"open-day", "quiet-day"}));
}

}  // namespace
}  // namespace http_test
