// The Range request header (RFC 9110 §14), single byte ranges only.
#pragma once

#include <cstdint>
#include <string>

namespace gallery::http {

struct RangeRequest {
  enum Kind {
    kWhole,          // no Range, or one we ignore (multiple ranges, other units)
    kPartial,        // serve bytes [first, last]
    kUnsatisfiable,  // 416
  };
  Kind kind = kWhole;
  std::uint64_t first = 0;
  std::uint64_t last = 0;  // inclusive
};

// Interprets `header` ("bytes=0-99", "bytes=500-", "bytes=-200") for a
// representation of `size` bytes. A malformed header is ignored (kWhole).
RangeRequest ParseRange(const std::string& header, std::uint64_t size);

}  // namespace gallery::http
