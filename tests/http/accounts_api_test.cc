// Accounts with a lifecycle, over the command line and over the API: users
// added, listed, given another role, disabled and enabled, given a new
// password; API tokens created (viewer included, with an expiry), listed
// without their secrets, recorded when used, revoked. Every change takes
// effect on the next request, web sessions included, and the server's
// response cache never answers for a credential that no longer holds.

#include <regex>

#include "fixtures/api_fixture.h"
#include "media/sha256.h"
#include "media/utc_time.h"

namespace http_test {
namespace {

using nlohmann::json;

constexpr char kPassword[] = "Casablanca-July-2016";

class AccountsTest : public ApiTest {
 protected:
  // Runs `gallery args... --data DATA` with `input` on standard input; the
  // exit status and everything it printed.
  std::pair<int, std::string> GalleryWithInput(std::vector<std::string> args, const std::string& input) {
    args.insert(args.end(), {"--data", data_});
    auto run = testing_util::RunGalleryWithInput(args, input);
    return {run.exit_code, run.out + run.err};
  }
  std::string Run(const std::vector<std::string>& args, const std::string& input = "") {
    auto [code, out] = GalleryWithInput(args, input);
    EXPECT_EQ(code, 0) << out;
    return out;
  }

  struct Session {
    std::string cookie, csrf;
    Headers Read() const { return {{"Cookie", "gallery_session=" + cookie}}; }
    Headers Write() const {
      return {{"Cookie", "gallery_session=" + cookie}, {"X-CSRF-Token", csrf}, {"Content-Type", "application/json"}};
    }
  };
  Reply LoginReply(const std::string& name, const std::string& password) {
    return Send(port(), "POST", "/api/session", {{"Content-Type", "application/json"}},
                json({{"name", name}, {"password", password}}).dump());
  }
  Session Login(const std::string& name, const std::string& password) {
    Reply r = LoginReply(name, password);
    EXPECT_EQ(r.status, 200) << name << ": " << r.body;
    if (r.status != 200) return {};
    std::string cookie = r.Header("set-cookie");
    std::size_t eq = cookie.find('='), end = cookie.find(';');
    return {cookie.substr(eq + 1, end - eq - 1), json::parse(r.body).value("csrf_token", "")};
  }
  // Who the server takes the session for: "" when anonymous.
  std::string Whoami(const Session& s) {
    Reply r = Get("/api/session", s.Read());
    json j = json::parse(r.body);
    return j.value("authenticated", false) ? j.value("name", "") + "/" + j.value("role", "") : "";
  }
  Reply AdminJson(const std::string& method, const std::string& path, const json& body) {
    Headers h = Admin();
    h.emplace_back("Content-Type", "application/json");
    return Send(port(), method, path, h, body.dump());
  }
};

TEST_F(AccountsTest, CommandLineUserLifecycle) {
  Run({"user", "add", "amina", "--role", "editor", "--password-stdin"}, std::string(kPassword) + "\n");
  Run({"user", "add", "rachid", "--role", "viewer"}, std::string(kPassword) + "\n");
  // The password is never taken from the command line, and the rules hold.
  EXPECT_NE(GalleryWithInput({"user", "add", "short", "--role", "editor"}, "1234567\n").first, 0);
  EXPECT_NE(GalleryWithInput({"user", "add", "bad", "--role", "root"}, std::string(kPassword) + "\n").first, 0);
  auto [dup_code, dup_out] = GalleryWithInput({"user", "add", "amina", "--role", "admin"}, std::string(kPassword) + "\n");
  EXPECT_NE(dup_code, 0);
  EXPECT_NE(dup_out.find("already exists"), std::string::npos) << dup_out;
  std::string list = Run({"user", "list"});
  EXPECT_TRUE(std::regex_search(list, std::regex(R"(amina\s+editor\s+enabled\s+\d{4}-)"))) << list;
  EXPECT_TRUE(std::regex_search(list, std::regex(R"(rachid\s+viewer\s+enabled)"))) << list;
  EXPECT_EQ(list.find("argon2"), std::string::npos);

  StartServer();
  Session amina = Login("amina", kPassword);
  Session rachid = Login("rachid", kPassword);
  EXPECT_EQ(Whoami(amina), "amina/editor");
  EXPECT_EQ(Whoami(rachid), "rachid/viewer");
  // A viewer may read but not write.
  EXPECT_EQ(Send(port(), "POST", "/api/albums", rachid.Write(), R"({"slug": "by-viewer"})").status, 403);

  // A new role applies to the live session at once.
  Run({"user", "set-role", "rachid", "--role", "editor"});
  EXPECT_EQ(Whoami(rachid), "rachid/editor");
  EXPECT_EQ(Send(port(), "POST", "/api/albums", rachid.Write(), R"({"slug": "by-rachid"})").status, 201);

  // Disabled: the session stops at the next request, and no new login.
  Run({"user", "disable", "amina"});
  EXPECT_EQ(Whoami(amina), "");
  EXPECT_EQ(Send(port(), "POST", "/api/albums", amina.Write(), R"({"slug": "by-amina"})").status, 401);
  EXPECT_EQ(LoginReply("amina", kPassword).status, 401);
  EXPECT_TRUE(std::regex_search(Run({"user", "list"}), std::regex(R"(amina\s+editor\s+disabled)")));
  Run({"user", "enable", "amina"});
  Session again = Login("amina", kPassword);
  EXPECT_EQ(Whoami(again), "amina/editor");

  // A new password ends every session of the user; the old password is gone.
  Run({"user", "passwd", "amina", "--password-stdin"}, "a-new-password-2026\n");
  EXPECT_EQ(Whoami(again), "");
  EXPECT_EQ(LoginReply("amina", kPassword).status, 401);
  EXPECT_EQ(Whoami(Login("amina", "a-new-password-2026")), "amina/editor");
  EXPECT_EQ(Whoami(rachid), "rachid/editor") << "others' sessions stay";

  auto [unknown_code, unknown_out] = GalleryWithInput({"user", "disable", "nobody"}, "");
  EXPECT_EQ(unknown_code, 2);
  EXPECT_NE(unknown_out.find("nobody"), std::string::npos) << unknown_out;
}

TEST_F(AccountsTest, CommandLineTokens) {
  StartServer();
  std::string out = Run({"token", "create", "--role", "viewer", "--name", "wall display", "--expires", "90d"});
  std::string secret = out.substr(out.rfind('\n', out.size() - 2) + 1);
  secret.pop_back();
  ASSERT_EQ(secret.size(), 43u) << out;
  std::smatch id_match;
  ASSERT_TRUE(std::regex_search(out, id_match, std::regex(R"(token (\d+) named 'wall display', expiring (\S+);)")))
      << out;
  const std::string id = id_match[1], expires = id_match[2];
  EXPECT_EQ(expires.substr(0, 4), media::UtcAfter(90L * 86400).substr(0, 4));

  std::string before = Run({"token", "list"});
  std::string line_re = id + R"(\s+wall display\s+viewer\s+\d{4}-\d\d-\d\dT\S+Z\s+-\s+)" + expires;
  EXPECT_TRUE(std::regex_search(before, std::regex(line_re))) << before;
  EXPECT_EQ(before.find(secret), std::string::npos);
  EXPECT_EQ(before.find(media::Sha256Hex(secret.data(), secret.size())), std::string::npos);

  // A viewer token reads, does not write, and its use is recorded.
  Headers bearer = {{"Authorization", "Bearer " + secret}};
  EXPECT_NE(Get("/api/session", bearer).body.find("\"viewer\""), std::string::npos);
  EXPECT_EQ(Get("/api/albums", bearer).status, 200);
  EXPECT_EQ(Send(port(), "POST", "/api/albums", {bearer[0], {"Content-Type", "application/json"}}, R"({"slug": "x"})").status,
            403);
  std::string after = Run({"token", "list"});
  EXPECT_TRUE(std::regex_search(after, std::regex(id + R"(\s+wall display\s+viewer\s+\S+Z\s+\d{4}-\d\d-\d\dT\S+Z\s+)" + expires)))
      << after;

  Run({"token", "revoke", id});
  EXPECT_EQ(Get("/api/albums", bearer).status, 401);
  EXPECT_EQ(Run({"token", "list"}).find("wall display"), std::string::npos);
  auto [again_code, again_out] = GalleryWithInput({"token", "revoke", id}, "");
  EXPECT_EQ(again_code, 2);
  EXPECT_NE(again_out.find("not found"), std::string::npos) << again_out;

  // An expiry in the past or of another shape is refused by name.
  for (const char* bad : {"2001-01-01", "90", "90y", "0d"}) {
    auto [code, text] = GalleryWithInput({"token", "create", "--role", "editor", "--expires", bad}, "");
    EXPECT_EQ(code, 2) << bad;
    EXPECT_NE(text.find("--expires"), std::string::npos) << text;
  }
}

TEST_F(AccountsTest, AdminsManageUsersOverTheApi) {
  StartServer();
  Reply made = AdminJson("POST", "/api/users", {{"name", "amina"}, {"role", "editor"}, {"password", kPassword}});
  ASSERT_EQ(made.status, 201) << made.body;
  json user = json::parse(made.body);
  EXPECT_EQ(user["role"], "editor");
  EXPECT_EQ(user["disabled"], false);
  EXPECT_EQ(made.body.find(kPassword), std::string::npos);
  EXPECT_EQ(made.body.find("argon2"), std::string::npos);
  // Refusals name the field.
  for (const json& bad : {json{{"name", "x"}, {"role", "editor"}, {"password", "short"}},
                          json{{"name", "x"}, {"role", "root"}, {"password", kPassword}},
                          json{{"name", "a\nb"}, {"role", "editor"}, {"password", kPassword}},
                          json{{"role", "editor"}, {"password", kPassword}},
                          json{{"name", "x"}, {"role", "editor"}, {"password", kPassword}, {"extra", 1}}}) {
    Reply r = AdminJson("POST", "/api/users", bad);
    EXPECT_EQ(r.status, 400) << bad.dump() << ": " << r.body;
    EXPECT_EQ(json::parse(r.body)["code"], "invalid_argument");
  }
  EXPECT_EQ(AdminJson("POST", "/api/users", {{"name", "amina"}, {"role", "admin"}, {"password", kPassword}}).status,
            409);
  ASSERT_EQ(AdminJson("POST", "/api/users", {{"name", "omar"}, {"role", "admin"}, {"password", kPassword}}).status,
            201);

  Reply list = Get("/api/users", Admin());
  ASSERT_EQ(list.status, 200);
  json items = json::parse(list.body)["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["name"], "amina");
  EXPECT_EQ(list.body.find("argon2"), std::string::npos);
  EXPECT_EQ(Get("/api/users", Editor()).status, 403);
  EXPECT_EQ(Get("/api/users").status, 401);

  Session amina = Login("amina", kPassword);
  Session amina2 = Login("amina", kPassword);
  EXPECT_EQ(Whoami(amina), "amina/editor");
  // Disabled over the API: the very next request of her sessions is anonymous.
  Reply off = AdminJson("PATCH", "/api/users/amina", {{"disabled", true}});
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(json::parse(off.body)["disabled"], true);
  EXPECT_EQ(Whoami(amina), "");
  EXPECT_EQ(Whoami(amina2), "");
  EXPECT_EQ(LoginReply("amina", kPassword).status, 401);
  ASSERT_EQ(AdminJson("PATCH", "/api/users/amina", {{"disabled", false}, {"role", "viewer"}}).status, 200);
  Session back = Login("amina", kPassword);
  EXPECT_EQ(Whoami(back), "amina/viewer");
  ASSERT_EQ(AdminJson("PATCH", "/api/users/amina", {{"role", "editor"}}).status, 200);
  EXPECT_EQ(Whoami(back), "amina/editor");

  // A password reset by an admin ends all her sessions.
  ASSERT_EQ(AdminJson("PATCH", "/api/users/amina", {{"password", "reset-by-admin-1"}}).status, 200);
  EXPECT_EQ(Whoami(back), "");
  EXPECT_EQ(LoginReply("amina", kPassword).status, 401);
  EXPECT_EQ(Whoami(Login("amina", "reset-by-admin-1")), "amina/editor");

  // Omar, an admin with two sessions, changes his own password in one: the
  // other ends, this one stays. He cannot disable or demote himself here.
  Session omar = Login("omar", kPassword), omar_elsewhere = Login("omar", kPassword);
  Reply own = Send(port(), "PATCH", "/api/users/omar", omar.Write(), json({{"password", "omar-new-pass-1"}}).dump());
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(Whoami(omar), "omar/admin");
  EXPECT_EQ(Whoami(omar_elsewhere), "");
  Reply self = Send(port(), "PATCH", "/api/users/omar", omar.Write(), json({{"disabled", true}}).dump());
  EXPECT_EQ(self.status, 409);
  EXPECT_EQ(json::parse(self.body)["code"], "own_account");
  EXPECT_EQ(AdminJson("PATCH", "/api/users/nobody", {{"disabled", true}}).status, 404);
  EXPECT_EQ(AdminJson("PATCH", "/api/users/amina", json::object()).status, 400);
  EXPECT_EQ(AdminJson("PATCH", "/api/users/amina", {{"disabled", "yes"}}).status, 400);
}

TEST_F(AccountsTest, AdminsManageTokensOverTheApi) {
  StartServer();
  Reply made = AdminJson("POST", "/api/tokens", {{"role", "viewer"}, {"name", "kiosk"}, {"expires_in_days", 30}});
  ASSERT_EQ(made.status, 201) << made.body;
  json token = json::parse(made.body);
  const std::string secret = token["token"];
  const std::int64_t id = token["id"];
  EXPECT_EQ(token["role"], "viewer");
  EXPECT_EQ(token["name"], "kiosk");
  EXPECT_EQ(token["last_used_at"], nullptr);
  EXPECT_EQ(token["expires_at"].get<std::string>().substr(0, 10), media::UtcAfter(30L * 86400).substr(0, 10));
  EXPECT_EQ(made.Header("cache-control"), "no-store");
  for (const json& bad : {json{{"role", "root"}}, json::object(), json{{"role", "editor"}, {"expires_in_days", 0}},
                          json{{"role", "editor"}, {"expires_at", "2001-01-01T00:00:00Z"}},
                          json{{"role", "editor"}, {"name", ""}}}) {
    EXPECT_EQ(AdminJson("POST", "/api/tokens", bad).status, 400) << bad.dump();
  }
  EXPECT_EQ(Send(port(), "POST", "/api/tokens", {Editor()[0], {"Content-Type", "application/json"}},
                 R"({"role": "admin"})").status,
            403)
      << "an editor cannot mint an admin token";

  Headers bearer = {{"Authorization", "Bearer " + secret}};
  EXPECT_EQ(Get("/api/albums", bearer).status, 200);
  Reply list = Get("/api/tokens", Admin());
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find(secret), std::string::npos);
  EXPECT_EQ(list.body.find(media::Sha256Hex(secret.data(), secret.size())), std::string::npos);
  json found, listed = json::parse(list.body);
  for (const json& t : listed["items"]) {
    if (t["id"] == id) found = t;
  }
  ASSERT_TRUE(found.is_object()) << list.body;
  EXPECT_EQ(found["name"], "kiosk");
  EXPECT_EQ(found["created_by"], "token") << "the admin token made by the fixture is named 'token'";
  ASSERT_TRUE(found["last_used_at"].is_string()) << found.dump();
  EXPECT_EQ(found["expired"], false);
  // Every token is listed, the fixture's two included; no session is.
  EXPECT_EQ(json::parse(list.body)["items"].size(), 3u);

  Reply revoked = Send(port(), "DELETE", "/api/tokens/" + std::to_string(id), Admin());
  EXPECT_EQ(revoked.status, 204);
  EXPECT_EQ(Get("/api/albums", bearer).status, 401);
  EXPECT_EQ(Send(port(), "DELETE", "/api/tokens/" + std::to_string(id), Admin()).status, 404);
  EXPECT_EQ(Send(port(), "DELETE", "/api/tokens/abc", Admin()).status, 404);
}

// Revoked share links and disabled users are refused by every route, even
// where the answer was in the server's response cache a moment before.
TEST_F(AccountsTest, RevokedLinksAndDisabledUsersAreNotAnsweredFromTheCache) {
  Gallery({"album", "add", "closed", "--visibility", "private", "--title-en", "Closed workshop"});
  Run({"user", "add", "amina", "--role", "editor"}, std::string(kPassword) + "\n");
  StartServer();
  const std::string photo = std::to_string(UploadPhoto(Jpeg(1, "Workshop"), "w.jpg", "?album=closed")["id"].get<int>());
  Headers h = Editor();
  h.emplace_back("Content-Type", "application/json");
  Reply a = Send(port(), "POST", "/api/albums/closed/links", h, "{}");
  Reply b = Send(port(), "POST", "/api/albums/closed/links", h, R"({"expires_in_days": 2})");
  ASSERT_EQ(a.status, 201);
  ASSERT_EQ(b.status, 201);
  const std::string secret = json::parse(a.body)["secret"], other = json::parse(b.body)["secret"];
  const std::int64_t link_id = json::parse(a.body)["id"];

  Reply links = Get("/api/albums/closed/links", Editor());
  ASSERT_EQ(links.status, 200) << links.body;
  json items = json::parse(links.body)["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["id"], link_id);
  EXPECT_EQ(items[0]["expires_at"].get<std::string>().substr(0, 10), media::UtcAfter(30L * 86400).substr(0, 10));
  EXPECT_EQ(links.body.find(secret), std::string::npos);
  EXPECT_EQ(links.body.find(media::Sha256Hex(secret.data(), secret.size())), std::string::npos);
  EXPECT_EQ(Get("/api/albums/closed/links?share=" + secret).status, 401) << "a link does not list links";

  const std::vector<std::string> paths = {"/api/albums/closed", "/api/albums/closed/photos",
                                          "/api/photos/" + photo, "/media/" + photo + "/tile.webp",
                                          "/media/" + photo + "/original", "/api/albums/closed/download"};
  for (int round = 0; round < 2; ++round) {  // the second round comes from the cache where it can
    for (const std::string& path : paths) EXPECT_EQ(Get(path + "?share=" + secret).status, 200) << path;
  }
  ASSERT_EQ(Send(port(), "DELETE", "/api/albums/closed/links/" + std::to_string(link_id), Editor()).status, 204);
  for (const std::string& path : paths) {
    Reply r = Get(path + "?share=" + secret);
    EXPECT_EQ(r.status, 401) << path;
    EXPECT_EQ(json::parse(r.body, nullptr, false).value("code", ""), "unauthenticated") << path;
    EXPECT_EQ(Get(path, {{"X-Share-Token", secret}}).status, 401) << path;
    EXPECT_EQ(Get(path + "?share=" + other).status, 200) << path << ": the other link still works";
  }
  EXPECT_EQ(Send(port(), "DELETE", "/api/albums/closed/links/" + std::to_string(link_id), Editor()).status, 404);
  EXPECT_EQ(Send(port(), "DELETE", "/api/albums/open/links/1", Editor()).status, 404);
  EXPECT_EQ(json::parse(Get("/api/albums/closed/links", Editor()).body)["items"].size(), 1u);

  // A disabled user's session: cached answers do not outlive it, even when
  // the change comes from another process (the command line).
  Session amina = Login("amina", kPassword);
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(Get("/api/albums/closed/photos", amina.Read()).status, 200);
  }
  Run({"user", "disable", "amina"});
  EXPECT_EQ(Get("/api/albums/closed/photos", amina.Read()).status, 404) << "anonymous now: a private album is hidden";
  EXPECT_EQ(Get("/api/albums/closed", amina.Read()).status, 404);
}

TEST_F(AccountsTest, MetricsNeedAnAdmin) {
  StartServer();
  EXPECT_EQ(Get("/metrics").status, 401);
  EXPECT_EQ(Get("/metrics", Editor()).status, 403);
  Reply r = Get("/metrics", Admin());
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("gallery_http_requests_total"), std::string::npos);
}

TEST_F(AccountsTest, MetricsOnTheirOwnLoopbackListener) {
  StartServer({"--metrics-listen", "127.0.0.1:0"});
  std::smatch m;
  std::string log = server_->Log();
  ASSERT_TRUE(std::regex_search(log, m, std::regex(R"(metrics on http://127\.0\.0\.1:(\d+)/metrics)"))) << log;
  int metrics_port = std::stoi(m[1]);
  ASSERT_NE(metrics_port, port());
  EXPECT_EQ(Get("/api/health").status, 200);
  Reply there = Send(metrics_port, "GET", "/metrics");
  EXPECT_EQ(there.status, 200);
  EXPECT_EQ(there.Header("content-type"), "text/plain; version=0.0.4");
  EXPECT_NE(there.body.find("gallery_http_requests_total{method=\"GET\",route=\"/api/health\""), std::string::npos)
      << there.body;
  EXPECT_EQ(Send(metrics_port, "GET", "/api/health").status, 404) << "nothing else there";
  EXPECT_EQ(Get("/metrics", Admin()).status, 404) << "not on the main port";

  // Only loopback: metrics need no credentials there.
  testing_util::TempDir other;
  for (const char* bad : {"0.0.0.0:0", "192.0.2.1:9100", "127.0.0.1", "127.0.0.1:99999", "localhost:9100"}) {
    auto refused = testing_util::RunGallery({"serve", "--data", other / "data", "--port", "0", "--metrics-listen", bad}, 30);
    EXPECT_EQ(refused.exit_code, 2) << bad << ": " << refused.err;
    EXPECT_NE(refused.err.find("--metrics-listen"), std::string::npos) << refused.err;
  }
}

}  // namespace
}  // namespace http_test
