#include "media/utc_time.h"

#include <ctime>

namespace media {

std::string UtcAfter(long seconds) {
  std::time_t t = std::time(nullptr) + seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string NowUtc() { return UtcAfter(0); }

}  // namespace media
