// Login rate limiting: the limiter on a clock the test moves, then the real
// server refusing a name after a few wrong passwords (429, Retry-After, a
// JSON reason) and letting the right password in once the window ends.
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../../service/src/http/session_limit.h"
#include "fixtures/api_fixture.h"

namespace {

using gallery::http::LoginLimiter;

TEST(LoginLimiterTest, RefusesAfterTheFailuresUntilTheWindowEnds) {
  std::int64_t now = 1000;
  LoginLimiter limiter(3, 60, [&now] { return now; });
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Admit("ana"), 0) << i;
  now += 10;
  EXPECT_EQ(limiter.Admit("ana"), 50);
  EXPECT_EQ(limiter.Admit("ana"), 50) << "a refused attempt does not lengthen the wait";
  EXPECT_EQ(limiter.Admit("bob"), 0) << "other names are not affected";
  now += 49;
  EXPECT_EQ(limiter.Admit("ana"), 1);
  now += 1;
  EXPECT_EQ(limiter.Admit("ana"), 0) << "a new window";
}

TEST(LoginLimiterTest, ASuccessForgetsTheFailures) {
  std::int64_t now = 0;
  LoginLimiter limiter(2, 60, [&now] { return now; });
  EXPECT_EQ(limiter.Admit("ana"), 0);
  limiter.Succeeded("ana");
  EXPECT_EQ(limiter.Admit("ana"), 0);
  EXPECT_EQ(limiter.Admit("ana"), 0);
  EXPECT_GT(limiter.Admit("ana"), 0);
}

TEST(LoginLimiterTest, VeryLongNamesShareOneCount) {
  std::int64_t now = 0;
  LoginLimiter limiter(1, 60, [&now] { return now; });
  std::string prefix(200, 'x');
  EXPECT_EQ(limiter.Admit(prefix + "1"), 0);
  EXPECT_GT(limiter.Admit(prefix + "2"), 0) << "the key is bounded, not the whole name";
}

TEST(LoginLimiterTest, ManyNamesStayBoundedAndRecentOnesAreKept) {
  std::int64_t now = 0;
  LoginLimiter limiter(1, 600, [&now] { return now; });
  EXPECT_EQ(limiter.Admit("target"), 0);
  now = 1;
  for (int i = 0; i < 10500; ++i) limiter.Admit("spray-" + std::to_string(i));
  // The oldest entry ("target") may be dropped to make room, but the newest
  // sprayed names are still counted.
  EXPECT_GT(limiter.Admit("spray-10499"), 0);
}

constexpr char kUser[] = "limited";
constexpr char kPassword[] = "the right password";

class LoginLimitApiTest : public http_test::ApiTest {
 protected:
  void SetUp() override {
    std::string command = "printf '%s\\n' '" + std::string(kPassword) + "' | '" +
                          testing_util::GalleryBinary() + "' user add " + kUser +
                          " --role editor --password-stdin --data '" + data_ + "' 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    char buffer[256];
    std::string out;
    while (fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
    ASSERT_EQ(pclose(pipe), 0) << out;
    setenv("GALLERY_LOGIN_MAX_FAILURES", "3", 1);
    setenv("GALLERY_LOGIN_WINDOW_SECONDS", "3", 1);
    StartServer();
    unsetenv("GALLERY_LOGIN_MAX_FAILURES");
    unsetenv("GALLERY_LOGIN_WINDOW_SECONDS");
  }

  http_test::Reply Login(const std::string& name, const std::string& password) {
    nlohmann::json body = {{"name", name}, {"password", password}};
    return http_test::Send(port(), "POST", "/api/session", {{"Content-Type", "application/json"}},
                           body.dump());
  }
};

TEST_F(LoginLimitApiTest, WrongPasswordsLeadTo429ThenTheRightOneWorksAfterTheWindow) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Login(kUser, "wrong guess").status, 401) << i;
  http_test::Reply refused = Login(kUser, kPassword);
  ASSERT_EQ(refused.status, 429) << "even the right password waits out the window";
  int wait = std::stoi(refused.Header("retry-after"));
  EXPECT_GE(wait, 1);
  EXPECT_LE(wait, 3);
  auto body = nlohmann::json::parse(refused.body);
  EXPECT_EQ(body["code"], "too_many_attempts");
  EXPECT_NE(body["message"].get<std::string>().find("try again in"), std::string::npos);
  EXPECT_EQ(refused.Header("set-cookie"), "") << "no session for a refused attempt";
  EXPECT_EQ(Login("someone-else", "wrong guess").status, 401) << "only that name is held back";

  // The window ends at most `wait` seconds after the refusal was sent.
  std::this_thread::sleep_for(std::chrono::seconds(wait) + std::chrono::milliseconds(100));
  http_test::Reply ok = Login(kUser, kPassword);
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_NE(ok.Header("set-cookie").find("gallery_session="), std::string::npos);
}

TEST_F(LoginLimitApiTest, UnknownNamesAreHeldBackTheSameWay) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Login("nobody", "guess").status, 401) << i;
  http_test::Reply refused = Login("nobody", "guess");
  EXPECT_EQ(refused.status, 429);
  EXPECT_FALSE(refused.Header("retry-after").empty());
}

TEST_F(LoginLimitApiTest, ASuccessfulLoginClearsEarlierFailures) {
  EXPECT_EQ(Login(kUser, "wrong guess").status, 401);
  EXPECT_EQ(Login(kUser, "wrong guess").status, 401);
  EXPECT_EQ(Login(kUser, kPassword).status, 200);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Login(kUser, "wrong guess").status, 401) << i;
  EXPECT_EQ(Login(kUser, "wrong guess").status, 429);
}

}  // namespace
