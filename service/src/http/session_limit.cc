#include "http/session_limit.h"

#include <chrono>
#include <cstdlib>
#include <iterator>
#include <string>

namespace gallery::http {

namespace {

constexpr std::size_t kMaxNames = 10000;
constexpr std::size_t kMaxNameBytes = 128;

std::int64_t SteadySeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::steady_clock::now().time_since_epoch())
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

}  // namespace

LoginLimiter::LoginLimiter(int max_failures, std::int64_t window_seconds, Clock clock)
    : max_failures_(max_failures < 1 ? 1 : max_failures),
      window_(window_seconds < 1 ? 1 : window_seconds),
      clock_(std::move(clock)) {}

std::int64_t LoginLimiter::Admit(const std::string& name) {
  const std::string key = name.substr(0, kMaxNameBytes);
  const std::int64_t now = clock_();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    if (entries_.size() >= kMaxNames) MakeRoom(now);
    it = entries_.emplace(key, Entry{0, now}).first;
  }
  Entry& entry = it->second;
  if (now >= entry.window_start + window_) entry = Entry{0, now};
  if (entry.failures >= max_failures_) return entry.window_start + window_ - now;
  ++entry.failures;
  return 0;
}

void LoginLimiter::Succeeded(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.erase(name.substr(0, kMaxNameBytes));
}

std::int64_t LoginLimiter::Wait(const std::string& name) {
  const std::int64_t now = clock_();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(name.substr(0, kMaxNameBytes));
  if (it == entries_.end() || now >= it->second.window_start + window_) return 0;
  if (it->second.failures < max_failures_) return 0;
  return it->second.window_start + window_ - now;
}

void LoginLimiter::MakeRoom(std::int64_t now) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    it = now >= it->second.window_start + window_ ? entries_.erase(it) : std::next(it);
  }
  if (entries_.size() < kMaxNames) return;
  auto oldest = entries_.begin();
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->second.window_start < oldest->second.window_start) oldest = it;
  }
  entries_.erase(oldest);
}

LoginLimiter& SharedLoginLimiter() {
  static LoginLimiter limiter(static_cast<int>(EnvNumber("GALLERY_LOGIN_MAX_FAILURES", 5)),
                              EnvNumber("GALLERY_LOGIN_WINDOW_SECONDS", 300), SteadySeconds);
  return limiter;
}

LoginLimiter& SharedAddressLimiter() {
  static LoginLimiter limiter(static_cast<int>(EnvNumber("GALLERY_LOGIN_MAX_FAILURES_PER_ADDRESS", 20)),
                              EnvNumber("GALLERY_LOGIN_WINDOW_SECONDS", 300), SteadySeconds);
  return limiter;
}

}  // namespace gallery::http
