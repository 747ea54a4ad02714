// The catalog on PostgreSQL, served by several `gallery serve` processes at
// once: each process answers any request (photos, search, share links,
// tokens), an edit through one is seen through another within a second, and
// connections the database drops are replaced without a restart.
#include <stdlib.h>

#include <chrono>
#include <thread>

#include "fixtures/api_fixture.h"

namespace http_test {
namespace {

using nlohmann::json;

class PostgresCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(pg_.Create()) << pg_.error(); }
  std::vector<std::string> Catalog() const { return {"--catalog", pg_.url()}; }
  std::string Token(const std::string& role) {
    auto r = testing_util::RunGallery({"token", "create", "--data", data_, "--role", role, "--catalog", pg_.url()}, 60);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string out = r.out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out.substr(out.rfind('\n') + 1);
  }
  static Headers Bearer(const std::string& token, bool json_body = false) {
    Headers h = {{"Authorization", "Bearer " + token}};
    if (json_body) h.emplace_back("Content-Type", "application/json");
    return h;
  }
  static std::int64_t Upload(int port, const std::string& token, const std::string& bytes) {
    Headers h = Bearer(token);
    h.emplace_back("Content-Type", "image/jpeg");
    h.emplace_back("X-Filename", "photo.jpg");
    Reply r = Send(port, "POST", "/api/photos", h, bytes);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? json::parse(r.body)["id"].get<std::int64_t>() : 0;
  }
  static std::set<std::int64_t> Ids(const Reply& r) {
    std::set<std::int64_t> out;
    if (r.status != 200) return out;
    const json page = json::parse(r.body);
    for (const json& p : page["items"]) out.insert(p["id"].get<std::int64_t>());
    return out;
  }

  testing_util::PgTestDb pg_;
  testing_util::TempDir tmp_;
  std::string data_ = tmp_ / "data";
};

TEST_F(PostgresCatalogTest, AnyProcessServesAnyRequest) {
  const std::string editor = Token("editor"), admin = Token("admin");
  ServerProcess a(data_, Catalog()), b(data_, Catalog());
  const std::int64_t id = Upload(a.port(), editor, Jpeg(1, "Les délégués à Casablanca", "© IOM 2016"));
  ASSERT_NE(id, 0);
  const std::string photo = "/api/photos/" + std::to_string(id);

  Reply seen = Send(b.port(), "GET", photo);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(json::parse(seen.body)["credit"], "© IOM 2016");
  // Search without accents and by prefix, through the other process.
  for (const char* q : {"d%C3%A9l%C3%A9gu%C3%A9s", "delegues", "DELEG", "casablanca"}) {
    EXPECT_EQ(Ids(Send(b.port(), "GET", std::string("/api/photos?q=") + q)), std::set<std::int64_t>{id}) << q;
  }
  EXPECT_TRUE(Ids(Send(b.port(), "GET", "/api/photos?q=delegation")).empty());

  // An edit through one process is seen through the other within a second,
  // though the other has the listing in its response cache.
  ASSERT_EQ(Send(b.port(), "GET", "/api/photos").status, 200);
  Reply edited = Send(a.port(), "PATCH", photo, Bearer(editor, true), R"({"caption": {"en": "Opening"}})");
  ASSERT_EQ(edited.status, 200) << edited.body;
  const auto start = std::chrono::steady_clock::now();
  std::string caption;
  while (std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) {
    Reply listed = Send(b.port(), "GET", "/api/photos");
    ASSERT_EQ(listed.status, 200);
    const json page = json::parse(listed.body);
    caption = page["items"][0]["caption"].value("en", "");
    if (caption == "Opening") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(caption, "Opening") << "the other process still answers the old caption after 1 s";

  // A share link made through one process opens its album through the other.
  Reply album = Send(a.port(), "POST", "/api/albums", Bearer(editor, true),
                     R"({"slug": "backstage", "visibility": "private", "title": {"en": "Backstage"}})");
  ASSERT_EQ(album.status, 201) << album.body;
  ASSERT_EQ(Send(a.port(), "POST", "/api/albums/backstage/photos", Bearer(editor, true),
                 "{\"ids\": [" + std::to_string(id) + "]}").status / 100, 2);
  Reply link = Send(a.port(), "POST", "/api/albums/backstage/links", Bearer(editor, true),
                    R"({"expires_in_days": 7})");
  ASSERT_EQ(link.status, 201) << link.body;
  const std::string secret = json::parse(link.body)["secret"];
  EXPECT_EQ(Send(b.port(), "GET", "/api/albums/backstage").status, 404);
  EXPECT_EQ(Send(b.port(), "GET", "/api/albums/backstage?share=" + secret).status, 200);

  // A token revoked through one process is refused by the other.
  Reply made = Send(a.port(), "POST", "/api/tokens", Bearer(admin, true), R"({"role": "viewer", "name": "kiosk"})");
  ASSERT_EQ(made.status, 201) << made.body;
  const json token = json::parse(made.body);
  EXPECT_EQ(Send(b.port(), "GET", "/api/albums", Bearer(token["token"])).status, 200);
  EXPECT_EQ(Send(a.port(), "DELETE", "/api/tokens/" + std::to_string(token["id"].get<std::int64_t>()),
                 Bearer(admin)).status / 100, 2);
  EXPECT_EQ(Send(b.port(), "GET", "/api/albums", Bearer(token["token"])).status, 401);

  // The original is whole, and the catalog sound.
  EXPECT_EQ(Send(b.port(), "GET", "/media/" + std::to_string(id) + "/original", Bearer(editor)).status, 200);
  auto check = testing_util::RunGallery({"check", "--data", data_, "--catalog", pg_.url()}, 120);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

// Processes on different machines (each its own data folder) share the
// catalog: a page cursor one handed out opens on another.
TEST_F(PostgresCatalogTest, ACursorFromOneProcessOpensOnAnother) {
  const std::string editor = Token("editor");
  ServerProcess a(data_, Catalog());
  for (int i = 1; i <= 3; ++i) ASSERT_NE(Upload(a.port(), editor, Jpeg(i, "Panel " + std::to_string(i))), 0);
  ServerProcess b(tmp_ / "elsewhere", Catalog());
  Reply first = Send(a.port(), "GET", "/api/photos?limit=2");
  ASSERT_EQ(first.status, 200) << first.body;
  const json page = json::parse(first.body);
  ASSERT_TRUE(page["next_cursor"].is_string()) << first.body;
  const std::string cursor = page["next_cursor"];
  Reply next = Send(b.port(), "GET", "/api/photos?limit=2&cursor=" + cursor);
  ASSERT_EQ(next.status, 200) << next.body;
  std::set<std::int64_t> seen = Ids(first), rest = Ids(next);
  EXPECT_EQ(seen.size(), 2u);
  EXPECT_EQ(rest.size(), 1u);
  for (std::int64_t id : rest) EXPECT_EQ(seen.count(id), 0u);
}

// Failed logins are counted in the catalog: spreading guesses over the
// processes behind a load balancer gains nothing.
TEST_F(PostgresCatalogTest, FailedLoginsCountAcrossProcesses) {
  const char* const kPassword = "the right password";
  auto add = testing_util::RunGalleryWithInput({"user", "add", "ana", "--role", "editor", "--password-stdin",
                                                "--data", data_, "--catalog", pg_.url()},
                                               std::string(kPassword) + "\n");
  ASSERT_EQ(add.exit_code, 0) << add.out << add.err;
  setenv("GALLERY_LOGIN_MAX_FAILURES", "4", 1);
  ServerProcess a(data_, Catalog()), b(data_, Catalog());
  unsetenv("GALLERY_LOGIN_MAX_FAILURES");
  auto login = [](int port, const std::string& password) {
    return Send(port, "POST", "/api/session", {{"Content-Type", "application/json"}},
                json{{"name", "ana"}, {"password", password}}.dump());
  };
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(login(a.port(), "guess").status, 401) << i;
    EXPECT_EQ(login(b.port(), "guess").status, 401) << i;
  }
  Reply refused = login(a.port(), kPassword);
  EXPECT_EQ(refused.status, 429) << "four failures through two processes use up the window: " << refused.body;
  EXPECT_EQ(login(b.port(), kPassword).status, 429);
  EXPECT_FALSE(refused.Header("retry-after").empty());
}

TEST_F(PostgresCatalogTest, ConnectionsTheDatabaseDropsAreReplacedWithoutARestart) {
  const std::string editor = Token("editor");
  ServerProcess server(data_, Catalog());
  const std::int64_t id = Upload(server.port(), editor, Jpeg(1, "Opening"));
  ASSERT_EQ(Send(server.port(), "GET", "/api/photos").status, 200);
  // What a database restart does to the service's connections.
  ASSERT_EQ(pg_.Exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = current_database() AND pid <> pg_backend_pid()"),
            "");
  Reply listed = Send(server.port(), "GET", "/api/photos?q=opening");
  EXPECT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(Ids(listed), std::set<std::int64_t>{id});
  Reply edited = Send(server.port(), "PATCH", "/api/photos/" + std::to_string(id), Bearer(editor, true),
                      R"({"credit": "© IOM 2016"})");
  EXPECT_EQ(edited.status, 200) << edited.body;
  EXPECT_NE(Upload(server.port(), editor, Jpeg(2, "Panel")), 0);
}

TEST_F(PostgresCatalogTest, TheCatalogFlagTakesOnlyAPostgresUrlWithoutPassword) {
  auto other = testing_util::RunGallery({"check", "--data", data_, "--catalog", "mysql://db/archive"}, 60);
  EXPECT_NE(other.exit_code, 0);
  EXPECT_NE(other.err.find("--catalog"), std::string::npos) << other.err;
  std::string with_password = pg_.url();
  with_password.replace(with_password.find("gallery@"), 8, "gallery:secret@");
  auto secret = testing_util::RunGallery({"check", "--data", data_, "--catalog", with_password}, 60);
  EXPECT_NE(secret.exit_code, 0);
  EXPECT_NE(secret.err.find("PGPASSWORD"), std::string::npos) << secret.err;
  EXPECT_EQ(secret.err.find("secret"), std::string::npos) << "the password is repeated: " << secret.err;
  auto unreachable = testing_util::RunGallery(
      {"check", "--data", data_, "--catalog", "postgresql://gallery@127.0.0.1:1/none"}, 60);
  EXPECT_NE(unreachable.exit_code, 0);
  EXPECT_NE(unreachable.err.find("cannot connect"), std::string::npos) << unreachable.err;
}

}  // namespace
}  // namespace http_test
