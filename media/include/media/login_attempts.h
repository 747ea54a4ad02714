// Failed logins, counted in the catalog: every process that serves the same
// archive counts the same failures, so a password cannot be guessed faster
// by spreading attempts over several processes behind a load balancer, and
// a restart does not forget them.
//
// A key (who is counted: the server makes it from the client address and
// the name) may fail `max_failures` times within `window_seconds` of its
// first failure; then every attempt waits until that window ends. Times are
// whole seconds since the epoch from the caller's clock, which every process
// must share (the system clock of machines kept in time).
#pragma once

#include <cstdint>
#include <string>

#include "media/status.h"

namespace media {

struct AttemptRule {
  int max_failures = 5;              // >= 1
  std::int64_t window_seconds = 300; // >= 1
  // At most this many keys are remembered; beyond it the windows that end
  // first are forgotten first.
  std::int64_t max_keys = 100000;
};

class LoginAttempts {
 public:
  virtual ~LoginAttempts() = default;
  // Counts an attempt under `key` as failed (until ForgetAttempts says
  // otherwise) and answers 0, or, when the key has used up its window,
  // counts nothing and answers the seconds (>= 1) until it ends.
  virtual Result<std::int64_t> AdmitAttempt(const std::string& key, const AttemptRule& rule,
                                            std::int64_t now) = 0;
  // The seconds an attempt under `key` would wait now (0: none); counts
  // nothing.
  virtual Result<std::int64_t> AttemptWait(const std::string& key, const AttemptRule& rule,
                                           std::int64_t now) = 0;
  // Forgets the failures under `key` (its password was right).
  virtual Status ForgetAttempts(const std::string& key) = 0;
};

}  // namespace media
