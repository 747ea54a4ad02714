// Beyond the route table: guessing photo ids reaches nothing hidden, a share
// link opens only its album and never a write, an expired link is refused,
// and a write made with a session cookie needs the session's CSRF token.
#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include "security/security_fixture.h"

namespace security_test {
namespace {

class LinksSessionsTest : public SecurityTest {
 protected:
  void SetUp() override { BuildArchive(); }
};

TEST_F(LinksSessionsTest, GuessingIdsReachesOnlyWhatTheAskerMaySee) {
  std::int64_t last = std::max({open_photo_, closed_photo_, secret_photo_, embargoed_photo_, loose_photo_});
  const std::set<std::int64_t> public_ids = {open_photo_, loose_photo_};
  std::set<std::int64_t> share_ids = public_ids;
  share_ids.insert(closed_photo_);
  // Viewers see private albums, not what is under embargo.
  std::set<std::int64_t> viewer_ids = share_ids;
  viewer_ids.insert(secret_photo_);
  const char* const kForms[] = {"/api/photos/%", "/media/%/tile.webp", "/media/%/original",
                                "/media/%/sidecar.xmp", "/media/%/large.jpg"};
  int asked = 0;
  for (Who who : {kAnonymous, kViewer, kShare}) {
    const std::set<std::int64_t>& allowed = who == kShare ? share_ids : who == kViewer ? viewer_ids : public_ids;
    for (std::int64_t id = 0; id <= last + 3; ++id) {
      for (const char* form : kForms) {
        std::string path = form;
        path.replace(path.find('%'), 1, std::to_string(id));
        Reply r = As(who, "GET", path);
        ++asked;
        int want = allowed.count(id) ? 200 : 404;
        EXPECT_EQ(r.status, want) << path << " as " << WhoName(who);
        if (want == 404) {
          EXPECT_EQ(r.body.find(who == kViewer ? "Signing" : "Board"), std::string::npos) << path;
          EXPECT_EQ(r.body.find("Signing"), std::string::npos) << path;
        }
      }
    }
  }
  EXPECT_EQ(asked, 3 * static_cast<int>(last + 4) * 5);
  // Negative, huge and non-numeric ids are the same 404.
  for (const char* id : {"-1", "00002", "2.0", "99999999999999999999", "0x2", "%32"}) {
    EXPECT_EQ(Get(std::string("/api/photos/") + id).status, 404) << id;
    EXPECT_EQ(Get(std::string("/media/") + id + "/original").status, 404) << id;
  }
}

TEST_F(LinksSessionsTest, ShareLinkOpensItsAlbumOnlyAndNeverWrites) {
  std::string closed = std::to_string(closed_photo_), secret = std::to_string(secret_photo_);
  // The header form works like the query form.
  EXPECT_EQ(Get("/api/albums/closed", {{"X-Share-Token", share_}}).status, 200);
  EXPECT_EQ(Get("/media/" + closed + "/original", {{"X-Share-Token", share_}}).status, 200);
  EXPECT_EQ(Get("/api/albums/secret", {{"X-Share-Token", share_}}).status, 404);
  EXPECT_EQ(Get("/media/" + secret + "/original", {{"X-Share-Token", share_}}).status, 404);
  // A link of one album is not a key to another, in either form.
  EXPECT_EQ(As(kShare, "GET", "/api/albums/secret/download").status, 404);
  EXPECT_EQ(As(kShare, "GET", "/api/photos?album=secret").status, 404);
  // No write, whatever the route and however the link is given.
  const std::pair<const char*, std::string> writes[] = {
      {"PATCH", "/api/photos/" + closed},
      {"DELETE", "/api/photos/" + closed},
      {"PATCH", "/api/albums/closed"},
      {"DELETE", "/api/albums/closed"},
      {"POST", "/api/albums/closed/links"},
      {"POST", "/api/albums/closed/photos"},
      {"PUT", "/api/albums/closed/order"},
      {"GET", "/api/albums/closed/history"},
      {"GET", "/api/photos/" + closed + "/history"}};
  for (const auto& [method, path] : writes) {
    EXPECT_EQ(As(kShare, method, path, R"({"ids": [1]})", {{"Content-Type", "application/json"}}).status, 401)
        << method << " " << path;
    EXPECT_EQ(http_test::Send(port(), method, path,
                              {{"X-Share-Token", share_}, {"Content-Type", "application/json"}},
                              R"({"ids": [1]})")
                  .status,
              401)
        << method << " " << path;
  }
  // Nothing changed: the album is still private and still has its photo.
  Reply album = Get("/api/albums/closed", Editor());
  ASSERT_EQ(album.status, 200);
  EXPECT_EQ(json::parse(album.body)["visibility"], "private");
  EXPECT_EQ(Get("/api/photos/" + closed, Editor()).status, 200);
  // A link with a viewer token still opens its album; a wrong secret is 401.
  EXPECT_EQ(As(kViewer, "GET", "/api/albums/closed?share=" + share_).status, 200);
  EXPECT_EQ(Get("/api/albums/closed?share=" + share_ + "x").status, 401);
  EXPECT_EQ(Get("/api/albums/closed?share=" + share_.substr(0, 20)).status, 401);
}

TEST_F(LinksSessionsTest, ExpiredAndDeletedAlbumLinksAreRefused) {
  Reply r = EditorJson("POST", "/api/albums/closed/links", {{"expires_at", media::UtcAfter(2)}});
  ASSERT_EQ(r.status, 201) << r.body;
  std::string soon = json::parse(r.body)["secret"];
  EXPECT_EQ(Get("/api/albums/closed?share=" + soon).status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(3200));
  std::string closed = std::to_string(closed_photo_);
  for (const std::string& path : {std::string("/api/albums/closed"), "/media/" + closed + "/original",
                                   "/api/photos/" + closed, std::string("/api/albums/closed/download")}) {
    EXPECT_EQ(Get(path + "?share=" + soon).status, 401) << path;
    EXPECT_EQ(Get(path, {{"X-Share-Token", soon}}).status, 401) << path;
  }
  // Links cannot be made already expired.
  EXPECT_EQ(EditorJson("POST", "/api/albums/closed/links", {{"expires_at", "2016-07-12T09:00:00Z"}}).status,
            400);
  // A deleted album takes its links with it.
  ASSERT_EQ(EditorJson("DELETE", "/api/albums/closed", json::object()).status, 204);
  EXPECT_NE(Get("/api/albums/closed?share=" + share_).status, 200);
  EXPECT_NE(Get("/media/" + closed + "/original?share=" + share_).status, 200);
}

TEST_F(LinksSessionsTest, SessionWritesNeedTheCsrfToken) {
  Session s = Login(editor_name_, editor_password_);
  ASSERT_FALSE(s.cookie_secret.empty());
  ASSERT_FALSE(s.csrf.empty());
  Headers cookie = {{"Cookie", "gallery_session=" + s.cookie_secret}, {"Content-Type", "application/json"}};
  std::string path = "/api/photos/" + std::to_string(open_photo_);
  std::string body = R"({"headline": {"en": "Changed by a forged request"}})";
  // Reads work with the cookie alone, private ones included.
  EXPECT_EQ(http_test::Send(port(), "GET", "/api/albums/secret", cookie).status, 200);
  // Writes without the token, or with a wrong one, are refused and change nothing.
  for (const std::string& token : {std::string(), std::string("0"), s.csrf.substr(1), s.csrf + "0",
                                   std::string(s.csrf.size(), 'a')}) {
    Headers h = cookie;
    if (!token.empty()) h.emplace_back("X-CSRF-Token", token);
    for (const auto& [method, target] : std::vector<std::pair<std::string, std::string>>{
             {"PATCH", path}, {"POST", "/api/albums"}, {"DELETE", "/api/albums/open"},
             {"POST", "/api/albums/closed/links"}}) {
      Reply r = http_test::Send(port(), method, target, h, method == "POST" ? R"({"slug": "forged"})" : body);
      EXPECT_EQ(r.status, 403) << method << " " << target << " token '" << token << "': " << r.body;
    }
  }
  Reply photo = Get(path, Editor());
  EXPECT_EQ(photo.body.find("forged"), std::string::npos);
  EXPECT_EQ(Get("/api/albums/forged", Editor()).status, 404);
  EXPECT_EQ(Get("/api/albums/open").status, 200);
  // Another session's token does not do either.
  Session other = Login(editor_name_, editor_password_);
  ASSERT_FALSE(other.csrf.empty());
  ASSERT_NE(other.csrf, s.csrf);
  Headers wrong = cookie;
  wrong.emplace_back("X-CSRF-Token", other.csrf);
  EXPECT_EQ(http_test::Send(port(), "PATCH", path, wrong, body).status, 403);
  // With its own token the write goes through.
  Headers right = cookie;
  right.emplace_back("X-CSRF-Token", s.csrf);
  EXPECT_EQ(http_test::Send(port(), "PATCH", path, right, body).status, 200);
  // A wrong password, an unknown name, or a logged-out cookie open nothing.
  EXPECT_TRUE(Login(editor_name_, editor_password_ + "x").cookie_secret.empty());
  EXPECT_TRUE(Login("nobody", editor_password_).cookie_secret.empty());
  ASSERT_EQ(http_test::Send(port(), "DELETE", "/api/session", right).status, 200);
  EXPECT_EQ(http_test::Send(port(), "GET", "/api/albums/secret", cookie).status, 404);
  EXPECT_EQ(http_test::Send(port(), "PATCH", path, right, body).status, 401);
}

}  // namespace
}  // namespace security_test
