// Login rate limiting: after a few failed logins under one key within a
// window, further attempts under that key are refused until the window
// ends, so a password cannot be guessed at the speed of the server. The
// server keeps two limiters (session_routes.cc): one keyed by client address
// and name, one by client address alone. Neither is keyed by the name
// alone, so nobody can lock an account's owner out from elsewhere. Names
// that do not exist are counted the same way, so refusals reveal nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace gallery::http {

class LoginLimiter {
 public:
  // Seconds on a clock that never goes back.
  using Clock = std::function<std::int64_t()>;

  // `max_failures` (>= 1) failed attempts per name within `window_seconds`
  // (>= 1) of the first one; then nothing more until the window ends.
  LoginLimiter(int max_failures, std::int64_t window_seconds, Clock clock);

  // Counts an attempt for `name` as failed until Succeeded(name) says
  // otherwise. 0 when the attempt may go ahead, else the seconds (>= 1)
  // until the name may try again (the attempt is then not counted).
  // Thread-safe.
  std::int64_t Admit(const std::string& name);

  // Forgets the failures of `name` (its password was right). Thread-safe.
  void Succeeded(const std::string& name);

  // 0 when an attempt under `name` would be admitted now, else the seconds
  // until it would be; counts nothing. Thread-safe.
  std::int64_t Wait(const std::string& name);

  int max_failures() const { return max_failures_; }
  std::int64_t window_seconds() const { return window_; }

 private:
  struct Entry {
    int failures = 0;
    std::int64_t window_start = 0;
  };
  // Makes room for one more name: drops ended windows, then the oldest.
  void MakeRoom(std::int64_t now);

  const int max_failures_;
  const std::int64_t window_;
  Clock clock_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // guarded by mu_
};

// The server's limiter per (client address, name): GALLERY_LOGIN_MAX_FAILURES
// failures (default 5) within GALLERY_LOGIN_WINDOW_SECONDS (default 300),
// read from the environment on first use; a missing or invalid value takes
// the default.
LoginLimiter& SharedLoginLimiter();

// The server's limiter per client address (ThrottleKey: an IPv6 client's
// /64): GALLERY_LOGIN_MAX_FAILURES_PER_ADDRESS failures (default 20),
// whatever the names, within the same window.
LoginLimiter& SharedAddressLimiter();

}  // namespace gallery::http
