// Login rate limiting: after a few failed logins under one key within a
// window, further attempts under that key are refused until the window
// ends, so a password cannot be guessed at the speed of the server. The
// failures are counted in the catalog (media/login_attempts.h), so every
// process serving the archive counts the same ones and a restart forgets
// none. The server keeps two limiters (session_routes.cc): one keyed by
// client address and name, one by client address alone. Neither is keyed
// by the name alone, so nobody can lock an account's owner out from
// elsewhere. Names that do not exist are counted the same way, so refusals
// reveal nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "media/login_attempts.h"

namespace gallery::http {

class LoginLimiter {
 public:
  // Seconds since the epoch: every process sharing the catalog must agree.
  using Clock = std::function<std::int64_t()>;

  // Counts under keys that start with `scope`, so limiters with other rules
  // never share a count. `rule.max_failures` and `rule.window_seconds` are
  // at least 1.
  LoginLimiter(media::LoginAttempts& store, std::string scope, media::AttemptRule rule, Clock clock);

  // Counts an attempt for `name` as failed until Succeeded(name) says
  // otherwise. 0 when the attempt may go ahead, else the seconds (>= 1)
  // until the name may try again (the attempt is then not counted). An
  // error when the catalog cannot be reached: the caller refuses the login.
  media::Result<std::int64_t> Admit(const std::string& name);

  // Forgets the failures of `name` (its password was right).
  media::Status Succeeded(const std::string& name);

  // 0 when an attempt under `name` would be admitted now, else the seconds
  // until it would be; counts nothing.
  media::Result<std::int64_t> Wait(const std::string& name);

  const media::AttemptRule& rule() const { return rule_; }

 private:
  std::string Key(const std::string& name) const;

  media::LoginAttempts& store_;
  const std::string scope_;
  const media::AttemptRule rule_;
  Clock clock_;
};

// The server's limiter per (client address, name): GALLERY_LOGIN_MAX_FAILURES
// failures (default 5) within GALLERY_LOGIN_WINDOW_SECONDS (default 300),
// read from the environment on first use; a missing or invalid value takes
// the default.
LoginLimiter PairLimiter(media::LoginAttempts& store);

// The server's limiter per client address (ThrottleKey: an IPv6 client's
// /64): GALLERY_LOGIN_MAX_FAILURES_PER_ADDRESS failures (default 20),
// whatever the names, within the same window.
LoginLimiter AddressLimiter(media::LoginAttempts& store);

}  // namespace gallery::http
