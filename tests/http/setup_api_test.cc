// The first run over HTTP: on an archive without an admin, `gallery serve`
// prints a setup address with a one-time token (on standard output and in
// its log); POST /api/setup with that token creates the first admin, once.
// A wrong token, bad names and short passwords are refused with JSON; after
// the admin exists the token is gone (410), also when the admin was added on
// the command line while the server ran; an archive with an admin prints no
// address at all.

#include <chrono>
#include <regex>
#include <thread>

#include "fixtures/api_fixture.h"

namespace http_test {
namespace {

using nlohmann::json;

constexpr char kPassword[] = "Casablanca-July-2016";

class SetupTest : public ApiTest {
 protected:
  // The token of the setup address in the server's log; "" when none
  // comes within 5 s.
  std::string SetupToken() {
    static const std::regex kLine(R"(first run: no admin yet; create one at http://127\.0\.0\.1:\d+/setup\?token=([A-Za-z0-9_-]{43}))");
    for (int i = 0; i < 100; ++i) {
      std::smatch m;
      std::string log = server_->Log();
      if (std::regex_search(log, m, kLine)) return m[1];
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return "";
  }
  Reply PostSetup(const json& body, const Headers& extra = {}) {
    Headers h = {{"Content-Type", "application/json"}};
    h.insert(h.end(), extra.begin(), extra.end());
    return Send(port(), "POST", "/api/setup", h, body.dump());
  }
  static std::string Code(const Reply& r) {
    json j = json::parse(r.body, nullptr, false);
    return j.is_object() ? j.value("code", "") + (j.value("message", "").empty() ? "" : "+message") : "";
  }
};

TEST_F(SetupTest, TheTokenCreatesTheFirstAdminOnce) {
  StartServer();
  const std::string token = SetupToken();
  ASSERT_FALSE(token.empty()) << server_->Log();
  EXPECT_EQ(json::parse(Get("/api/setup").body), json({{"open", true}}));

  // Bad inputs: JSON code and message, nothing created.
  Reply wrong = PostSetup({{"token", std::string(token.size(), 'A')}, {"name", "amina"}, {"password", kPassword}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(Code(wrong), "forbidden+message");
  Reply shorter = PostSetup({{"token", token.substr(1)}, {"name", "amina"}, {"password", kPassword}});
  EXPECT_EQ(shorter.status, 403);
  Reply no_token = PostSetup({{"name", "amina"}, {"password", kPassword}});
  EXPECT_EQ(no_token.status, 400);
  EXPECT_EQ(Code(no_token), "invalid_argument+message");
  Reply short_password = PostSetup({{"token", token}, {"name", "amina"}, {"password", "1234567"}});
  EXPECT_EQ(short_password.status, 400);
  EXPECT_NE(short_password.body.find("at least 8"), std::string::npos) << short_password.body;
  EXPECT_EQ(PostSetup({{"token", token}, {"name", ""}, {"password", kPassword}}).status, 400);
  EXPECT_EQ(PostSetup({{"token", token}, {"name", "a\nb"}, {"password", kPassword}}).status, 400);
  EXPECT_EQ(PostSetup({{"token", token}, {"name", "amina"}, {"password", kPassword}, {"role", "viewer"}}).status, 400);
  EXPECT_EQ(Send(port(), "POST", "/api/setup", {{"Content-Type", "application/json"}}, "{not json").status, 400);
  EXPECT_EQ(Get("/api/users", Admin()).body.find("amina"), std::string::npos);

  Reply made = PostSetup({{"token", token}, {"name", "amina"}, {"password", kPassword}});
  ASSERT_EQ(made.status, 201) << made.body;
  json admin = json::parse(made.body);
  EXPECT_EQ(admin["name"], "amina");
  EXPECT_EQ(admin["role"], "admin");
  Reply login = Send(port(), "POST", "/api/session", {{"Content-Type", "application/json"}},
                     json({{"name", "amina"}, {"password", kPassword}}).dump());
  EXPECT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(json::parse(login.body)["role"], "admin");

  // The token is gone: the same request again, and any other, get 410.
  Reply again = PostSetup({{"token", token}, {"name", "rachid"}, {"password", kPassword}});
  EXPECT_EQ(again.status, 410);
  EXPECT_EQ(Code(again), "gone+message");
  EXPECT_EQ(PostSetup({{"token", "x"}, {"name", "rachid"}, {"password", kPassword}}).status, 410);
  EXPECT_EQ(json::parse(Get("/api/setup").body), json({{"open", false}}));
  json users = json::parse(Get("/api/users", Admin()).body);
  ASSERT_EQ(users["items"].size(), 1u) << users.dump();
}

TEST_F(SetupTest, AnAdminAddedOnTheCommandLineClosesIt) {
  StartServer();
  const std::string token = SetupToken();
  ASSERT_FALSE(token.empty()) << server_->Log();
  auto run = testing_util::RunGalleryWithInput(
      {"user", "add", "rachid", "--role", "admin", "--password-stdin", "--data", data_}, std::string(kPassword) + "\n");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(PostSetup({{"token", token}, {"name", "amina"}, {"password", kPassword}}).status, 410);
  EXPECT_EQ(json::parse(Get("/api/setup").body), json({{"open", false}}));
}

TEST_F(SetupTest, AnArchiveWithAnAdminPrintsNoAddress) {
  auto run = testing_util::RunGalleryWithInput(
      {"user", "add", "rachid", "--role", "admin", "--password-stdin", "--data", data_}, std::string(kPassword) + "\n");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  StartServer();
  EXPECT_EQ(SetupToken(), "");
  EXPECT_EQ(json::parse(Get("/api/setup").body), json({{"open", false}}));
  EXPECT_EQ(PostSetup({{"token", "anything"}, {"name", "amina"}, {"password", kPassword}}).status, 410);
}

TEST_F(SetupTest, TwoRacingRequestsMakeOneAdmin) {
  StartServer();
  const std::string token = SetupToken();
  ASSERT_FALSE(token.empty());
  std::vector<int> statuses(4, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      statuses[i] = PostSetup({{"token", token}, {"name", "admin" + std::to_string(i)}, {"password", kPassword}}).status;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 410), 3);
  json users = json::parse(Get("/api/users", Admin()).body);
  EXPECT_EQ(users["items"].size(), 1u) << users.dump();
}

}  // namespace
}  // namespace http_test
