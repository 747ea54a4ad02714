// Who may do what, route by route: every path and method of the running
// server's OpenAPI document is asked by an anonymous client, a viewer, an
// editor, an admin (bearer tokens) and the holder of the "closed" album's
// share link, and each must get exactly the status the table below says. A
// route in the document that the table does not cover fails the test, so a
// new route cannot ship without deciding who may use it.
#include <array>
#include <cctype>
#include <iterator>
#include <map>
#include <set>

#include "fixtures/image_fixtures.h"
#include "security/security_fixture.h"

namespace security_test {
namespace {

struct Row {
  const char* method;
  const char* route;  // as the OpenAPI document names it
  const char* path;   // what is asked; {placeholders} filled in per test
  const char* body;   // JSON text, "" for none, "@jpeg" for an image upload, "@tus-create",
                      // "@tus" or "@tus-chunk" for a resumable upload's creation, other
                      // requests and empty chunk
  std::array<int, kWhoCount> want;  // anonymous, viewer, editor, admin, share link
};

// Shorthands for the usual columns.
constexpr std::array<int, kWhoCount> kAll200 = {200, 200, 200, 200, 200};
constexpr std::array<int, kWhoCount> kClosed = {404, 200, 200, 200, 200};  // the link's own album
constexpr std::array<int, kWhoCount> kSecret = {404, 200, 200, 200, 404};  // a private album
constexpr std::array<int, kWhoCount> kEmbargoed = {404, 404, 200, 200, 404};  // for editors until its date
// The image service's base URI redirects those who may see the photo.
constexpr std::array<int, kWhoCount> kAll303 = {303, 303, 303, 303, 303};
constexpr std::array<int, kWhoCount> kSecret303 = {404, 303, 303, 303, 404};
constexpr std::array<int, kWhoCount> kEditor200 = {401, 403, 200, 200, 401};
constexpr std::array<int, kWhoCount> kEditor201 = {401, 403, 201, 201, 401};
constexpr std::array<int, kWhoCount> kEditor204 = {401, 403, 204, 204, 401};
constexpr std::array<int, kWhoCount> kAdmin200 = {401, 403, 403, 200, 401};
constexpr std::array<int, kWhoCount> kAdmin201 = {401, 403, 403, 201, 401};
constexpr std::array<int, kWhoCount> kAdmin204 = {401, 403, 403, 204, 401};

// Placeholders: {open} {closed} {secret} {embargoed} {loose} {doomed} are
// photo ids ("open", "closed", "secret" name their albums; "embargoed" is
// in "open" until next year; "loose" is in no album; "doomed" is deleted, then restored);
// {who} is the asker's name, {mine} a photo per asker, {entry} a history
// entry of {open}, {link} a share link of "closed" per asker, {token} an API
// token the admin revokes. Rows run in order, each for every asker in turn.
const Row kTable[] = {
    {"GET", "/api/health", "/api/health", "", kAll200},
    {"GET", "/api/openapi.json", "/api/openapi.json", "", kAll200},
    // The first run: open (no admin user here), and a wrong token is refused
    // whoever asks; the token itself is tested in tests/http/setup_api_test.cc.
    {"GET", "/api/setup", "/api/setup", "", kAll200},
    {"POST", "/api/setup", "/api/setup", R"({"token": "wrong", "name": "first", "password": "long-enough-pass"})",
     {403, 403, 403, 403, 403}},
    {"GET", "/setup", "/setup", "", kAll200},
    {"GET", "/metrics", "/metrics", "", kAdmin200},
    {"GET", "/api/meetings", "/api/meetings", "", kAll200},
    {"GET", "/api/meetings/{slug}", "/api/meetings/casablanca-2016", "", kAll200},
    {"GET", "/api/albums", "/api/albums", "", kAll200},
    {"GET", "/api/albums/{slug}", "/api/albums/open", "", kAll200},
    {"GET", "/api/albums/{slug}", "/api/albums/closed", "", kClosed},
    {"GET", "/api/albums/{slug}", "/api/albums/secret", "", kSecret},
    {"GET", "/api/albums/{slug}/photos", "/api/albums/open/photos", "", kAll200},
    {"GET", "/api/albums/{slug}/photos", "/api/albums/closed/photos", "", kClosed},
    {"GET", "/api/albums/{slug}/photos", "/api/albums/secret/photos", "", kSecret},
    {"GET", "/api/albums/{slug}/download", "/api/albums/open/download", "", kAll200},
    {"GET", "/api/albums/{slug}/download", "/api/albums/closed/download", "", kClosed},
    {"GET", "/api/albums/{slug}/download", "/api/albums/secret/download", "", kSecret},
    {"GET", "/api/photos", "/api/photos", "", kAll200},
    {"GET", "/api/photos", "/api/photos?album=closed", "", kClosed},
    {"GET", "/api/photos", "/api/photos?album=secret", "", kSecret},
    {"GET", "/api/photos/{id}", "/api/photos/{open}", "", kAll200},
    {"GET", "/api/photos/{id}", "/api/photos/{loose}", "", kAll200},
    {"GET", "/api/photos/{id}", "/api/photos/{closed}", "", kClosed},
    {"GET", "/api/photos/{id}", "/api/photos/{secret}", "", kSecret},
    {"GET", "/api/photos/{id}", "/api/photos/{embargoed}", "", kEmbargoed},
    {"GET", "/media/{id}/{file}", "/media/{open}/tile.webp", "", kAll200},
    {"GET", "/media/{id}/{file}", "/media/{closed}/tile.webp", "", kClosed},
    {"GET", "/media/{id}/{file}", "/media/{secret}/tile.webp", "", kSecret},
    {"GET", "/media/{id}/{file}", "/media/{embargoed}/tile.webp", "", kEmbargoed},
    {"GET", "/media/{id}/original", "/media/{open}/original", "", kAll200},
    {"GET", "/media/{id}/original", "/media/{closed}/original", "", kClosed},
    {"GET", "/media/{id}/original", "/media/{secret}/original", "", kSecret},
    {"GET", "/media/{id}/original", "/media/{embargoed}/original", "", kEmbargoed},
    {"GET", "/media/{id}/sidecar.xmp", "/media/{open}/sidecar.xmp", "", kAll200},
    {"GET", "/media/{id}/sidecar.xmp", "/media/{closed}/sidecar.xmp", "", kClosed},
    {"GET", "/media/{id}/sidecar.xmp", "/media/{secret}/sidecar.xmp", "", kSecret},
    {"GET", "/media/{id}/sidecar.xmp", "/media/{embargoed}/sidecar.xmp", "", kEmbargoed},
    {"GET", "/iiif/3/{id}", "/iiif/3/{open}", "", kAll303},
    {"GET", "/iiif/3/{id}", "/iiif/3/{secret}", "", kSecret303},
    {"GET", "/iiif/3/{id}/info.json", "/iiif/3/{open}/info.json", "", kAll200},
    {"GET", "/iiif/3/{id}/info.json", "/iiif/3/{closed}/info.json", "", kClosed},
    {"GET", "/iiif/3/{id}/info.json", "/iiif/3/{secret}/info.json", "", kSecret},
    {"GET", "/iiif/3/{id}/info.json", "/iiif/3/{embargoed}/info.json", "", kEmbargoed},
    {"GET", "/iiif/3/{id}/{region}/{size}/{rotation}/{quality_format}", "/iiif/3/{open}/full/32,/0/default.jpg",
     "", kAll200},
    {"GET", "/iiif/3/{id}/{region}/{size}/{rotation}/{quality_format}", "/iiif/3/{closed}/full/32,/0/default.jpg",
     "", kClosed},
    {"GET", "/iiif/3/{id}/{region}/{size}/{rotation}/{quality_format}", "/iiif/3/{secret}/full/32,/0/default.jpg",
     "", kSecret},
    {"GET", "/iiif/3/{id}/{region}/{size}/{rotation}/{quality_format}",
     "/iiif/3/{embargoed}/full/32,/0/default.jpg", "", kEmbargoed},
    {"GET", "/iiif/3/manifests/albums/{slug}", "/iiif/3/manifests/albums/open", "", kAll200},
    {"GET", "/iiif/3/manifests/albums/{slug}", "/iiif/3/manifests/albums/closed", "", kClosed},
    {"GET", "/iiif/3/manifests/albums/{slug}", "/iiif/3/manifests/albums/secret", "", kSecret},
    {"GET", "/iiif/3/collections/meetings/{slug}", "/iiif/3/collections/meetings/casablanca-2016", "", kAll200},
    {"GET", "/api/credits", "/api/credits", "", kAll200},
    {"GET", "/api/tags", "/api/tags", "", kAll200},
    {"POST", "/api/photos", "/api/photos", "@jpeg", kEditor201},
    {"POST", "/api/uploads", "/api/uploads", "@tus-create", kEditor201},
    {"GET", "/api/uploads/{id}", "/api/uploads/{upload}", "@tus", kEditor200},
    {"PATCH", "/api/uploads/{id}", "/api/uploads/{upload}", "@tus-chunk", kEditor204},
    {"DELETE", "/api/uploads/{id}", "/api/uploads/{upload}", "@tus", kEditor204},
    {"POST", "/api/photos/lookup", "/api/photos/lookup",
     R"({"sha256": ["0000000000000000000000000000000000000000000000000000000000000000"]})", kEditor200},
    {"PATCH", "/api/photos", "/api/photos", R"({"ids": [{open}], "set": {"usage_terms": "{who}"}})",
     kEditor200},
    {"PATCH", "/api/photos/{id}", "/api/photos/{open}", R"({"headline": {"en": "{who}"}})", kEditor200},
    {"PATCH", "/api/photos/{id}", "/api/photos/{secret}", R"({"headline": {"en": "{who}"}})", kEditor200},
    {"GET", "/api/photos/{id}/history", "/api/photos/{open}/history", "", kEditor200},
    {"POST", "/api/photos/{id}/history/{entry}/revert", "/api/photos/{open}/history/{entry}/revert", "",
     kEditor200},
    {"DELETE", "/api/photos/{id}", "/api/photos/{doomed}", "", kAdmin200},
    {"GET", "/api/trash", "/api/trash", "", kAdmin200},
    {"POST", "/api/trash/{id}/restore", "/api/trash/{doomed}/restore", "", kAdmin200},
    {"DELETE", "/api/trash", "/api/trash", "", kAdmin200},
    {"POST", "/api/albums", "/api/albums", R"({"slug": "made-by-{who}", "visibility": "private"})",
     kEditor201},
    {"PATCH", "/api/albums/{slug}", "/api/albums/open", R"({"default_credit": "© IOM 2016"})", kEditor200},
    {"POST", "/api/albums/{slug}/photos", "/api/albums/spare/photos", R"({"ids": [{mine}]})", kEditor200},
    {"DELETE", "/api/albums/{slug}/photos", "/api/albums/spare/photos", R"({"ids": [{mine}]})", kEditor200},
    {"PUT", "/api/albums/{slug}/order", "/api/albums/open/order", R"({"ids": [{embargoed}, {open}]})",
     kEditor200},
    {"GET", "/api/albums/{slug}/history", "/api/albums/open/history", "", kEditor200},
    {"POST", "/api/albums/{slug}/links", "/api/albums/closed/links", "{}", kEditor201},
    {"GET", "/api/albums/{slug}/links", "/api/albums/closed/links", "", kEditor200},
    {"DELETE", "/api/albums/{slug}/links/{id}", "/api/albums/closed/links/{link}", "", kEditor204},
    {"GET", "/api/users", "/api/users", "", kAdmin200},
    {"POST", "/api/users", "/api/users", R"({"name": "made-by-{who}", "role": "viewer", "password": "long-enough-pass"})",
     kAdmin201},
    {"PATCH", "/api/users/{name}", "/api/users/made-by-admin", R"({"role": "editor"})", kAdmin200},
    {"GET", "/api/tokens", "/api/tokens", "", kAdmin200},
    {"POST", "/api/tokens", "/api/tokens", R"({"role": "viewer", "name": "by-{who}"})", kAdmin201},
    {"DELETE", "/api/tokens/{id}", "/api/tokens/{token}", "", kAdmin204},
    {"DELETE", "/api/albums/{slug}", "/api/albums/gone-{who}", "", kEditor204},
    {"POST", "/api/meetings", "/api/meetings", R"({"slug": "made-by-{who}"})", kEditor201},
    {"PATCH", "/api/meetings/{slug}", "/api/meetings/casablanca-2016", R"({"place": "Casablanca"})",
     kEditor200},
    {"GET", "/api/meetings/{slug}/history", "/api/meetings/casablanca-2016/history", "", kEditor200},
    {"DELETE", "/api/meetings/{slug}", "/api/meetings/gone-{who}", "", kEditor204},
    {"GET", "/api/session", "/api/session", "", kAll200},
    {"POST", "/api/session", "/api/session", R"({"name": "amina", "password": "Casablanca-July-2016-pass"})",
     kAll200},
    {"DELETE", "/api/session", "/api/session", "", kAll200},
    {"GET", "/", "/", "", kAll200},
    {"GET", "/meetings/{slug}", "/meetings/casablanca-2016", "", kAll200},
    {"GET", "/albums/{slug}", "/albums/open", "", kAll200},
    {"GET", "/albums/{slug}", "/albums/secret", "", kAll200},  // the page shell only: no album data
    {"GET", "/photos/{id}", "/photos/{secret}", "", kAll200},
    {"GET", "/upload", "/upload", "", kAll200},
    {"GET", "/login", "/login", "", kAll200},
    {"GET", "/people", "/people", "", kAll200},
    {"GET", "/embed/meetings/{slug}", "/embed/meetings/casablanca-2016", "", kAll200},
    {"GET", "/embed/albums/{slug}", "/embed/albums/open", "", kAll200},
    {"GET", "/embed/albums/{slug}", "/embed/albums/secret", "", kAll200},  // the page shell only: no album data
    {"GET", "/static/js/page_routes.js", "/static/js/page_routes.js", "", kAll200},
    {"GET", "/static/{file}", "/static/app.css", "", kAll200},
    {"GET", "/static/{dir}/{file}", "/static/js/main.js", "", kAll200},
};

std::string Fill(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values) {
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
      text.replace(at, key.size(), value);
    }
  }
  return text;
}

class AccessMatrixTest : public SecurityTest {
 protected:
  void SetUp() override {
    BuildArchive();
    for (const char* who : {"editor", "admin"}) {
      ASSERT_EQ(EditorJson("POST", "/api/albums", {{"slug", std::string("gone-") + who}}).status, 201);
      ASSERT_EQ(EditorJson("POST", "/api/meetings", {{"slug", std::string("gone-") + who}}).status, 201);
    }
    ASSERT_EQ(EditorJson("POST", "/api/albums", {{"slug", "spare"}}).status, 201);
    doomed_ = UploadPhoto(http_test::Jpeg(6, "Doomed"), "doomed.jpg")["id"];
    std::string open = std::to_string(open_photo_);
    ASSERT_EQ(EditorJson("PATCH", "/api/photos/" + open, {{"credit", "Press office"}}).status, 200);
    Reply history = Get("/api/photos/" + open + "/history", Editor());
    ASSERT_EQ(history.status, 200) << history.body;
    entry_ = json::parse(history.body)["items"].back()["id"];
    for (std::int64_t* link : {&editor_link_, &admin_link_}) {
      Reply made = EditorJson("POST", "/api/albums/closed/links", json::object());
      ASSERT_EQ(made.status, 201) << made.body;
      *link = json::parse(made.body)["id"];
    }
    Headers h = Admin();
    h.emplace_back("Content-Type", "application/json");
    Reply token = http_test::Send(port(), "POST", "/api/tokens", h, R"({"role": "viewer", "name": "doomed"})");
    ASSERT_EQ(token.status, 201) << token.body;
    doomed_token_ = json::parse(token.body)["id"];
    // A resumable upload per asker with an editor's role (their tokens are
    // one account, so each could reach the other's; each removes its own).
    for (std::string* upload : {&editor_upload_, &admin_upload_}) {
      Reply made = http_test::Send(port(), "POST", "/api/uploads", TusHeaders(Editor(), true));
      ASSERT_EQ(made.status, 201) << made.body;
      *upload = made.Header("location").substr(std::string("/api/uploads/").size());
    }
  }

  // The headers of a resumable upload's request; `create` adds a creation's.
  static Headers TusHeaders(Headers headers, bool create) {
    headers.emplace_back("Tus-Resumable", "1.0.0");
    if (create) {
      headers.emplace_back("Upload-Length", "100");
      headers.emplace_back("Upload-Metadata", "filename bS5qcGc=");  // m.jpg
    }
    return headers;
  }

  std::map<std::string, std::string> Values(Who who) const {
    auto id = [](std::int64_t v) { return std::to_string(v); };
    return {{"{open}", id(open_photo_)},       {"{closed}", id(closed_photo_)},
            {"{secret}", id(secret_photo_)},   {"{embargoed}", id(embargoed_photo_)},
            {"{loose}", id(loose_photo_)},     {"{doomed}", id(doomed_)},
            {"{entry}", id(entry_)},           {"{who}", who == kAdmin ? "admin" : who == kEditor ? "editor" : "nobody"},
            {"{mine}", id(who == kEditor ? loose_photo_ : open_photo_)},
            {"{link}", id(who == kAdmin ? admin_link_ : editor_link_)},
            {"{token}", id(doomed_token_)},
            {"{upload}", who == kAdmin ? admin_upload_ : editor_upload_}};
  }

  Reply Ask(const Row& row, Who who) {
    auto values = Values(who);
    std::string body = row.body;
    Headers headers;
    if (body.rfind("@tus", 0) == 0) {
      headers = TusHeaders({}, body == "@tus-create");
      if (body == "@tus-chunk") {
        headers.emplace_back("Content-Type", "application/offset+octet-stream");
        headers.emplace_back("Upload-Offset", "0");
      }
      body.clear();
    } else if (body == "@jpeg") {
      body = http_test::Jpeg(100 + who, "Upload by " + std::string(WhoName(who)));
      headers = {{"Content-Type", "image/jpeg"}, {"X-Filename", "matrix.jpg"}};
    } else if (!body.empty()) {
      body = Fill(body, values);
      headers = {{"Content-Type", "application/json"}};
    }
    return As(who, row.method, Fill(row.path, values), body, headers);
  }

  std::int64_t doomed_ = 0, entry_ = 0, editor_link_ = 0, admin_link_ = 0, doomed_token_ = 0;
  std::string editor_upload_, admin_upload_;
};

// Every (method, path) pair the OpenAPI document lists.
std::set<std::pair<std::string, std::string>> DocumentedRoutes(const json& doc) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& [path, item] : doc.at("paths").items()) {
    for (const auto& [method, op] : item.items()) {
      std::string upper;
      for (char c : method) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (upper == "GET" || upper == "POST" || upper == "PUT" || upper == "PATCH" || upper == "DELETE" ||
          upper == "HEAD") {
        out.insert({upper, path});
      }
    }
  }
  return out;
}

TEST_F(AccessMatrixTest, EveryDocumentedRouteAnswersEachAskerAsTheTableSays) {
  Reply doc = Get("/api/openapi.json");
  ASSERT_EQ(doc.status, 200);
  auto documented = DocumentedRoutes(json::parse(doc.body));
  ASSERT_GT(documented.size(), 30u);
  std::set<std::pair<std::string, std::string>> covered;
  for (const Row& row : kTable) covered.insert({row.method, row.route});
  for (const auto& route : documented) {
    EXPECT_TRUE(covered.count(route)) << route.first << " " << route.second
                                      << " is in the OpenAPI document but not in the access table";
  }
  for (const auto& route : covered) {
    EXPECT_TRUE(documented.count(route)) << route.first << " " << route.second
                                         << " is in the access table but not in the OpenAPI document";
  }

  int asked = 0;
  for (const Row& row : kTable) {
    for (int w = 0; w < kWhoCount; ++w) {
      Who who = static_cast<Who>(w);
      Reply r = Ask(row, who);
      ++asked;
      EXPECT_EQ(r.status, row.want[w]) << row.method << " " << Fill(row.path, Values(who)) << " as "
                                       << WhoName(who) << ": " << r.body.substr(0, 300);
      if (r.status >= 400 && r.status != row.want[w]) continue;
      if (r.status >= 400) {
        // Refusals are JSON naming the reason, never an HTML or empty page.
        json error = json::parse(r.body, nullptr, false);
        EXPECT_TRUE(error.is_object() && error.contains("code"))
            << row.method << " " << row.path << " as " << WhoName(who) << ": " << r.body.substr(0, 200);
      }
    }
  }
  EXPECT_EQ(asked, static_cast<int>(std::size(kTable)) * kWhoCount);
}

// What the public sees of hidden things is indistinguishable from nothing:
// a private album, its photos, an embargoed photo answer the same 404 body
// (the name or id aside) as ones that never existed.
TEST_F(AccessMatrixTest, HiddenThingsAnswerLikeMissingOnes) {
  auto masked = [](const Reply& r, const std::string& name) {
    json j = json::parse(r.body, nullptr, false);
    std::string message = j.is_object() ? j.value("message", "") : "";
    std::size_t at = message.find(name);
    if (at != std::string::npos) message.replace(at, name.size(), "NAME");
    return std::to_string(r.status) + " " + (j.is_object() ? j.value("code", "") : "") + " " + message;
  };
  std::string missing_id = "999999";
  for (std::int64_t hidden : {secret_photo_, embargoed_photo_}) {
    std::string id = std::to_string(hidden);
    for (const char* pattern : {"/api/photos/", "/media/"}) {
      std::string suffix = std::string(pattern) == "/media/" ? "/original" : "";
      Reply a = Get(pattern + id + suffix), b = Get(pattern + missing_id + suffix);
      EXPECT_EQ(a.status, 404);
      EXPECT_EQ(masked(a, id), masked(b, missing_id)) << a.body << " vs " << b.body;
    }
  }
  for (const char* suffix : {"", "/photos", "/download"}) {
    Reply a = Get(std::string("/api/albums/secret") + suffix);
    Reply b = Get(std::string("/api/albums/no-such-album") + suffix);
    EXPECT_EQ(a.status, 404);
    EXPECT_EQ(masked(a, "secret"), masked(b, "no-such-album")) << a.body << " vs " << b.body;
  }
  Reply a = Get("/api/photos?album=secret"), b = Get("/api/photos?album=no-such-album");
  EXPECT_EQ(masked(a, "secret"), masked(b, "no-such-album")) << a.body << " vs " << b.body;
}

// The lists hold nothing of what the asker may not see.
TEST_F(AccessMatrixTest, ListingsLeaveOutHiddenAlbumsAndPhotos) {
  // Viewers see private albums; nobody but editors sees an embargoed photo.
  for (Who who : {kAnonymous, kViewer, kShare}) {
    const bool viewer = who == kViewer;
    Reply albums = As(who, "GET", "/api/albums");
    ASSERT_EQ(albums.status, 200);
    EXPECT_EQ(albums.body.find("\"secret\"") != std::string::npos, viewer) << WhoName(who);
    EXPECT_EQ(albums.body.find("Confidential board") != std::string::npos, viewer) << WhoName(who);
    EXPECT_EQ(albums.body.find("\"closed\"") != std::string::npos, who == kShare || viewer) << albums.body;
    Reply meeting = As(who, "GET", "/api/meetings/casablanca-2016");
    EXPECT_EQ(meeting.body.find("\"closed\"") != std::string::npos, who == kShare || viewer) << meeting.body;
    for (const std::string query : {"", "?q=Board", "?q=Signing", "?meeting=casablanca-2016"}) {
      Reply photos = As(who, "GET", "/api/photos" + query);
      ASSERT_EQ(photos.status, 200);
      std::set<std::int64_t> ids;
      json page = json::parse(photos.body);
      for (const auto& p : page["items"]) ids.insert(p["id"].get<std::int64_t>());
      // The secret album is in no meeting.
      EXPECT_EQ(ids.count(secret_photo_) == 1, viewer && (query.empty() || query == "?q=Board"))
          << WhoName(who) << query;
      EXPECT_FALSE(ids.count(embargoed_photo_)) << WhoName(who) << query;
      if (query.empty()) {
        EXPECT_EQ(ids.count(closed_photo_) == 1, who == kShare || viewer) << WhoName(who);
        EXPECT_TRUE(ids.count(open_photo_) && ids.count(loose_photo_))
            << WhoName(who) << ": " << photos.body.substr(0, 300);
      }
    }
  }
}

// Nothing about hidden photos and albums shows through what the public may
// read: not the slug of a private album that also holds a public photo, not
// the keywords or credit of a private or embargoed photo.
class HiddenTextTest : public AccessMatrixTest {
 protected:
  void SetUp() override {
    AccessMatrixTest::SetUp();
    ASSERT_EQ(EditorJson("POST", "/api/albums/secret/photos", {{"ids", json::array({open_photo_})}}).status, 200);
    Reply r = EditorJson("PATCH", "/api/photos/" + std::to_string(secret_photo_),
                         {{"keywords", json::array({"confidential-merger"})}, {"credit", "Board Secretariat"}});
    ASSERT_EQ(r.status, 200) << r.body;
    r = EditorJson("PATCH", "/api/photos/" + std::to_string(embargoed_photo_),
                   {{"keywords", json::array({"embargoed-signing"})}, {"credit", "Embargo Desk"}});
    ASSERT_EQ(r.status, 200) << r.body;
  }
  // Nobody but editors reads the embargoed photo's text; viewers read the
  // private album's, the public and share link holders do not.
  void ExpectNothingHidden(const std::vector<std::string>& paths) {
    for (Who who : {kAnonymous, kViewer, kShare}) {
      for (const std::string& path : paths) {
        Reply r = As(who, "GET", path);
        ASSERT_EQ(r.status, 200) << path;
        EXPECT_EQ(r.body.find("embargoed-signing"), std::string::npos) << path << " as " << WhoName(who);
        EXPECT_EQ(r.body.find("Embargo Desk"), std::string::npos) << path << " as " << WhoName(who);
        if (who == kViewer) continue;
        EXPECT_EQ(r.body.find("\"secret\""), std::string::npos)
            << path << " as " << WhoName(who) << ": " << r.body.substr(0, 400);
        EXPECT_EQ(r.body.find("confidential-merger"), std::string::npos) << path << " as " << WhoName(who);
        EXPECT_EQ(r.body.find("Board Secretariat"), std::string::npos) << path << " as " << WhoName(who);
      }
    }
  }
};

TEST_F(HiddenTextTest, PhotosAlbumsAndMeetingsNameNothingHidden) {
  const std::string open = std::to_string(open_photo_);
  ExpectNothingHidden({"/api/photos/" + open, "/api/photos", "/api/albums/open/photos", "/api/albums",
                       "/api/meetings/casablanca-2016", "/api/photos?q=confidential",
                       "/api/photos?q=Secretariat", "/api/photos?q=embargoed", "/api/photos?q=Desk",
                       "/media/" + open + "/sidecar.xmp"});
  // Editors see it all.
  Reply photo = Get("/api/photos/" + open, Editor());
  EXPECT_NE(photo.body.find("\"secret\""), std::string::npos) << photo.body;
}

// The tag and credit lists count only what the asker may see.
TEST_F(HiddenTextTest, TagAndCreditListsNameNothingHidden) {
  ExpectNothingHidden({"/api/tags", "/api/credits", "/api/tags?meeting=casablanca-2016"});
  Reply tags = Get("/api/tags", Editor());
  EXPECT_NE(tags.body.find("confidential-merger"), std::string::npos) << tags.body;
  EXPECT_NE(tags.body.find("embargoed-signing"), std::string::npos) << tags.body;
  Reply viewers = As(kViewer, "GET", "/api/tags");
  EXPECT_NE(viewers.body.find("confidential-merger"), std::string::npos) << viewers.body;
}

}  // namespace
}  // namespace security_test
