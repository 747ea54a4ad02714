// Instants as the catalog stores them: "YYYY-MM-DDTHH:MM:SSZ" in UTC, which
// sort as text in time order. Thread-safe.
#pragma once

#include <string>

namespace media {

// The instant `seconds` from now (negative: ago).
std::string UtcAfter(long seconds);
// The current instant.
std::string NowUtc();

}  // namespace media
