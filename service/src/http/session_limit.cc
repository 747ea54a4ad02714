#include "http/session_limit.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>

#include "base/utf8.h"

namespace gallery::http {

namespace {

// A name longer than this counts under its first bytes (whole characters).
constexpr std::size_t kMaxNameBytes = 128;

std::int64_t WallSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The positive whole number in environment variable `name`, else `fallback`.
std::int64_t EnvNumber(const char* name, std::int64_t fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  char* end = nullptr;
  long long value = std::strtoll(text, &end, 10);
  return (*end == '\0' && value > 0 && value <= 86400) ? value : fallback;
}

media::AttemptRule RuleFromEnvironment(const char* max_failures_variable, int default_max_failures) {
  static const std::int64_t window = EnvNumber("GALLERY_LOGIN_WINDOW_SECONDS", 300);
  media::AttemptRule rule;
  rule.max_failures = static_cast<int>(EnvNumber(max_failures_variable, default_max_failures));
  rule.window_seconds = window;
  return rule;
}

}  // namespace

LoginLimiter::LoginLimiter(media::LoginAttempts& store, std::string scope, media::AttemptRule rule, Clock clock)
    : store_(store), scope_(std::move(scope)), rule_([&rule] {
        rule.max_failures = std::max(rule.max_failures, 1);
        rule.window_seconds = std::max<std::int64_t>(rule.window_seconds, 1);
        return rule;
      }()),
      clock_(std::move(clock)) {}

std::string LoginLimiter::Key(const std::string& name) const {
  return scope_ + " " + std::string(base::TruncateUtf8(name, kMaxNameBytes));
}

media::Result<std::int64_t> LoginLimiter::Admit(const std::string& name) {
  return store_.AdmitAttempt(Key(name), rule_, clock_());
}

media::Status LoginLimiter::Succeeded(const std::string& name) { return store_.ForgetAttempts(Key(name)); }

media::Result<std::int64_t> LoginLimiter::Wait(const std::string& name) {
  return store_.AttemptWait(Key(name), rule_, clock_());
}

LoginLimiter PairLimiter(media::LoginAttempts& store) {
  static const media::AttemptRule rule = RuleFromEnvironment("GALLERY_LOGIN_MAX_FAILURES", 5);
  return LoginLimiter(store, "pair", rule, WallSeconds);
}

LoginLimiter AddressLimiter(media::LoginAttempts& store) {
  static const media::AttemptRule rule = RuleFromEnvironment("GALLERY_LOGIN_MAX_FAILURES_PER_ADDRESS", 20);
  return LoginLimiter(store, "address", rule, WallSeconds);
}

}  // namespace gallery::http
