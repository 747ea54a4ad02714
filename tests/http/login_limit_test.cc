// Login rate limiting: the limiter on a clock the test moves, then the real
// server refusing a client after a few wrong passwords (429, Retry-After, a
// JSON reason) and letting the right password in once the window ends. The
// limits are per (client address, name) and per client address, never per
// name alone: wrong passwords from one address do not keep the name's owner
// out from another (loopback 127.0.0.1 and 127.0.0.2 are two clients). The
// client is the socket's peer, or behind --trusted-proxy the right-most
// untrusted address of X-Forwarded-For.
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/client_address.h"
#include "http/session_limit.h"
#include "fixtures/api_fixture.h"
#include "fixtures/test_util.h"
#include "media/catalog.h"

namespace {

using gallery::http::LoginLimiter;

// The limiter's own part: its keys. (Counting and windows are the
// catalog's: tests/media/catalog_login_attempts_test.cc.)
class LoginLimiterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = media::Catalog::Open(dir_ / "catalog.db");
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    catalog_ = std::move(opened).value();
  }
  LoginLimiter Limiter(const std::string& scope, int max_failures) {
    media::AttemptRule rule;
    rule.max_failures = max_failures;
    rule.window_seconds = 60;
    return LoginLimiter(*catalog_, scope, rule, [this] { return now_; });
  }
  std::int64_t now_ = 1000;
  testing_util::TempDir dir_;
  std::unique_ptr<media::Catalog> catalog_;
};

TEST_F(LoginLimiterTest, VeryLongNamesShareOneCount) {
  LoginLimiter limiter = Limiter("pair", 1);
  std::string prefix(200, 'x');
  EXPECT_EQ(*limiter.Admit(prefix + "1"), 0);
  EXPECT_GT(*limiter.Admit(prefix + "2"), 0) << "the key is bounded, not the whole name";
}

TEST_F(LoginLimiterTest, LimitersWithOtherScopesNeverShareACount) {
  LoginLimiter pair = Limiter("pair", 1), address = Limiter("address", 1);
  EXPECT_EQ(*pair.Admit("127.0.0.1"), 0);
  EXPECT_EQ(*address.Wait("127.0.0.1"), 0);
  EXPECT_EQ(*address.Admit("127.0.0.1"), 0);
  EXPECT_EQ(*pair.Wait("127.0.0.1"), 60);
  ASSERT_TRUE(pair.Succeeded("127.0.0.1").ok());
  EXPECT_EQ(*pair.Wait("127.0.0.1"), 0);
  EXPECT_EQ(*address.Wait("127.0.0.1"), 60);
}

constexpr char kUser[] = "limited";
// A window the tests that never wait for its end can take long.
constexpr int kLongWindow = 300;
// The one test that waits for a window to end: long enough for four logins
// on a loaded two-core machine, short enough to wait out.
constexpr int kShortWindow = 15;
constexpr char kPassword[] = "the right password";

class LoginLimitApiTest : public http_test::ApiTest {
 protected:
  void SetUp() override {
    auto add = testing_util::RunGalleryWithInput(
        {"user", "add", kUser, "--role", "editor", "--password-stdin", "--data", data_}, std::string(kPassword) + "\n");
    ASSERT_EQ(add.exit_code, 0) << add.out << add.err;
  }

  // Starts the server allowing 3 failures per window of `window_seconds`.
  // The window must outlast the failures the test makes (each is a password
  // hash, slow on a loaded machine): a window that ends between them lets
  // the next attempt in, and the test would see 401 where it waits for 429.
  void StartWithWindow(int window_seconds) {
    setenv("GALLERY_LOGIN_MAX_FAILURES", "3", 1);
    setenv("GALLERY_LOGIN_WINDOW_SECONDS", std::to_string(window_seconds).c_str(), 1);
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
  StartWithWindow(kShortWindow);
  const auto first_failure = std::chrono::steady_clock::now();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Login(kUser, "wrong guess").status, 401) << i;
  http_test::Reply refused = Login(kUser, kPassword);
  ASSERT_EQ(refused.status, 429) << "even the right password waits out the window (the failures took "
                                 << std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::steady_clock::now() - first_failure).count()
                                 << " ms of the " << kShortWindow << " s window)";
  int wait = std::stoi(refused.Header("retry-after"));
  EXPECT_GE(wait, 1);
  EXPECT_LE(wait, kShortWindow);
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
  StartWithWindow(kLongWindow);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Login("nobody", "guess").status, 401) << i;
  http_test::Reply refused = Login("nobody", "guess");
  EXPECT_EQ(refused.status, 429);
  EXPECT_FALSE(refused.Header("retry-after").empty());
}

TEST_F(LoginLimitApiTest, FailuresOutliveARestart) {
  StartWithWindow(kLongWindow);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Login(kUser, "wrong guess").status, 401) << i;
  server_.reset();
  StartWithWindow(kLongWindow);
  EXPECT_EQ(Login(kUser, kPassword).status, 429) << "a restart forgot the failures";
}

TEST_F(LoginLimitApiTest, ASuccessfulLoginClearsEarlierFailures) {
  StartWithWindow(kLongWindow);
  EXPECT_EQ(Login(kUser, "wrong guess").status, 401);
  EXPECT_EQ(Login(kUser, "wrong guess").status, 401);
  EXPECT_EQ(Login(kUser, kPassword).status, 200);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Login(kUser, "wrong guess").status, 401) << i;
  EXPECT_EQ(Login(kUser, "wrong guess").status, 429);
}

using gallery::http::IpAddress;
using gallery::http::IpNetwork;
using gallery::http::ThrottleKey;
using gallery::http::TrustedProxies;

TrustedProxies Proxies(const std::vector<std::string>& cidrs) {
  std::vector<IpNetwork> nets;
  for (const auto& c : cidrs) {
    auto n = IpNetwork::Parse(c);
    EXPECT_TRUE(n.ok()) << c << ": " << n.status().ToString();
    if (n.ok()) nets.push_back(*n);
  }
  return TrustedProxies(nets);
}

TEST(ClientAddressTest, NetworksOfBothFamilies) {
  auto v4 = IpNetwork::Parse("10.1.0.0/16");
  ASSERT_TRUE(v4.ok());
  EXPECT_TRUE(v4->Contains(*IpAddress::Parse("10.1.255.3")));
  EXPECT_TRUE(v4->Contains(*IpAddress::Parse("::ffff:10.1.0.9"))) << "IPv4-mapped is the same address";
  EXPECT_FALSE(v4->Contains(*IpAddress::Parse("10.2.0.1")));
  auto v6 = IpNetwork::Parse("2001:db8::/32");
  ASSERT_TRUE(v6.ok());
  EXPECT_TRUE(v6->Contains(*IpAddress::Parse("[2001:db8:ffff::1]")));
  EXPECT_FALSE(v6->Contains(*IpAddress::Parse("2001:db9::1")));
  EXPECT_FALSE(v6->Contains(*IpAddress::Parse("10.1.0.1")));
  auto one = IpNetwork::Parse("::1");
  ASSERT_TRUE(one.ok());
  EXPECT_TRUE(one->Contains(*IpAddress::Parse("::1")));
  EXPECT_FALSE(one->Contains(*IpAddress::Parse("::2")));
  for (const char* bad : {"", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "example.org", "1.2.3",
                          "10.0.0.0/-1"}) {
    auto n = IpNetwork::Parse(bad);
    ASSERT_FALSE(n.ok()) << bad;
    EXPECT_NE(n.status().message().find("--trusted-proxy"), std::string::npos);
  }
}

TEST(ClientAddressTest, ForwardedForIsBelievedOnlyFromTrustedProxies) {
  TrustedProxies none;
  EXPECT_EQ(none.ClientAddress("127.0.0.1", "203.0.113.7"), "127.0.0.1") << "no proxy is trusted";
  TrustedProxies proxies = Proxies({"10.0.0.0/8", "::1/128"});
  EXPECT_EQ(proxies.ClientAddress("192.0.2.1", "203.0.113.7"), "192.0.2.1") << "an untrusted peer";
  EXPECT_EQ(proxies.ClientAddress("10.0.0.5", "203.0.113.7"), "203.0.113.7");
  // A client may prepend anything: the right-most untrusted address counts.
  EXPECT_EQ(proxies.ClientAddress("10.0.0.5", "1.1.1.1, 203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(proxies.ClientAddress("10.0.0.5", "1.1.1.1, 203.0.113.7, 10.0.0.9"), "203.0.113.7");
  EXPECT_EQ(proxies.ClientAddress("::1", "2001:db8::7"), "2001:db8::7");
  EXPECT_EQ(proxies.ClientAddress("10.0.0.5", ""), "10.0.0.5") << "no header: the proxy itself";
  EXPECT_EQ(proxies.ClientAddress("10.0.0.5", "10.0.0.7, 10.0.0.6"), "10.0.0.7") << "all trusted: left-most";
  EXPECT_EQ(proxies.ClientAddress("10.0.0.5", "203.0.113.7, junk"), "10.0.0.5")
      << "a malformed hop stops the walk at the last trusted one";
  EXPECT_EQ(proxies.ClientAddress("::ffff:192.0.2.1", ""), "192.0.2.1");
}

TEST(ClientAddressTest, IPv6ClientsAreThrottledByTheirSlash64) {
  EXPECT_EQ(ThrottleKey("192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(ThrottleKey("2001:db8:1:2:aaaa::1"), ThrottleKey("2001:db8:1:2:bbbb::9"));
  EXPECT_NE(ThrottleKey("2001:db8:1:2::1"), ThrottleKey("2001:db8:1:3::1"));
}

// The real server with its default limits (5 failures per address and name,
// 20 per address, in 300 s).
class LoginThrottleApiTest : public http_test::ApiTest {
 protected:
  void AddUser(const std::string& name, const std::string& password) {
    auto add = testing_util::RunGalleryWithInput(
        {"user", "add", name, "--role", "admin", "--password-stdin", "--data", data_}, password + "\n");
    ASSERT_EQ(add.exit_code, 0) << add.out << add.err;
  }

  http_test::Reply LoginFrom(const std::string& source, const std::string& name, const std::string& password,
                             const http_test::Headers& extra = {}) {
    http_test::Headers h = {{"Content-Type", "application/json"}};
    h.insert(h.end(), extra.begin(), extra.end());
    nlohmann::json body = {{"name", name}, {"password", password}};
    return http_test::SendFrom(source, port(), "POST", "/api/session", h, body.dump());
  }
};

TEST_F(LoginThrottleApiTest, WrongPasswordsFromOneAddressDoNotKeepTheOwnerOut) {
  AddUser("admin", kPassword);
  StartServer();
  int refused = 0, wrong = 0;
  std::string retry_after;
  for (int i = 0; i < 100; ++i) {
    http_test::Reply r = LoginFrom("127.0.0.1", "admin", "guess " + std::to_string(i));
    ASSERT_TRUE(r.status == 401 || r.status == 429) << i << ": " << r.status << " " << r.body;
    if (r.status == 401) ++wrong;
    if (r.status == 429) {
      ++refused;
      retry_after = r.Header("retry-after");
      EXPECT_EQ(nlohmann::json::parse(r.body)["code"], "too_many_attempts");
    }
  }
  EXPECT_EQ(wrong, 5) << "five tries per address and name";
  EXPECT_EQ(refused, 95);
  ASSERT_FALSE(retry_after.empty());
  EXPECT_GE(std::stoi(retry_after), 1);
  EXPECT_LE(std::stoi(retry_after), 300);

  // The owner, from another address, gets in at once.
  http_test::Reply owner = LoginFrom("127.0.0.2", "admin", kPassword);
  EXPECT_EQ(owner.status, 200) << owner.body;
  EXPECT_NE(owner.Header("set-cookie").find("gallery_session="), std::string::npos);
  // The attacker's address stays refused, even with the right password.
  http_test::Reply attacker = LoginFrom("127.0.0.1", "admin", kPassword);
  EXPECT_EQ(attacker.status, 429);
  EXPECT_FALSE(attacker.Header("retry-after").empty());

  // Failures are in the server's log with the address and the name.
  std::string log = server_->Log();
  EXPECT_NE(log.find("login failed: address 127.0.0.1 name \"admin\""), std::string::npos) << log.substr(0, 2000);
  EXPECT_NE(log.find("login refused (too many failures): address 127.0.0.1"), std::string::npos);
  EXPECT_EQ(log.find(kPassword), std::string::npos) << "no password in the log";
}

TEST_F(LoginThrottleApiTest, OneAddressTryingManyNamesIsHeldBackAsAWhole) {
  AddUser("admin", kPassword);
  StartServer();
  int wrong = 0, refused = 0;
  for (int i = 0; i < 30; ++i) {
    http_test::Reply r = LoginFrom("127.0.0.3", "name-" + std::to_string(i), "guess");
    if (r.status == 401) ++wrong;
    if (r.status == 429) {
      ++refused;
      EXPECT_FALSE(r.Header("retry-after").empty());
    }
  }
  EXPECT_EQ(wrong, 20) << "twenty failures per address, whatever the names";
  EXPECT_EQ(refused, 10);
  EXPECT_EQ(LoginFrom("127.0.0.3", "admin", kPassword).status, 429);
  EXPECT_EQ(LoginFrom("127.0.0.4", "admin", kPassword).status, 200);
}

TEST_F(LoginThrottleApiTest, BehindATrustedProxyTheForwardedClientCounts) {
  AddUser("admin", kPassword);
  StartServer({"--trusted-proxy", "127.0.0.1/32", "--trusted-proxy", "::1/128"});
  auto via = [](const std::string& xff) { return http_test::Headers{{"X-Forwarded-For", xff}}; };
  // A client behind the proxy fails five times; it prepends a different
  // forged address each time, which changes nothing.
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(LoginFrom("127.0.0.1", "admin", "guess", via("198.51.100." + std::to_string(i) + ", 203.0.113.7"))
                  .status,
              401);
  }
  EXPECT_EQ(LoginFrom("127.0.0.1", "admin", kPassword, via("9.9.9.9, 203.0.113.7")).status, 429);
  // Another client behind the same proxy is not held back.
  EXPECT_EQ(LoginFrom("127.0.0.1", "admin", kPassword, via("203.0.113.8")).status, 200);
  // A peer that is not a trusted proxy cannot pick its address.
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(LoginFrom("127.0.0.2", "admin", "guess", via("192.0.2." + std::to_string(i))).status, 401);
  }
  EXPECT_EQ(LoginFrom("127.0.0.2", "admin", kPassword, via("192.0.2.200")).status, 429);
  std::string log = server_->Log();
  EXPECT_NE(log.find("login failed: address 203.0.113.7 name"), std::string::npos) << log.substr(0, 2000);
  EXPECT_NE(log.find("login failed: address 127.0.0.2 name"), std::string::npos);
  EXPECT_EQ(log.find("login failed: address 192.0.2."), std::string::npos);
}

TEST(TrustedProxyOptionTest, AMalformedNetworkIsRefusedByName) {
  testing_util::TempDir tmp;
  auto r = testing_util::RunGallery({"serve", "--data", tmp / "data", "--port", "0", "--trusted-proxy", "10.0.0.0/40"},
                                    30);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--trusted-proxy '10.0.0.0/40'"), std::string::npos) << r.err;
}

}  // namespace
