// UTF-8 checks and repairs for text read from image files.
#include "base/strings.h"
#include "base/utf8.h"
#include "metadata_internal.h"

namespace media::metadata_internal {
namespace {

// Windows-1252 code points for bytes 0x80..0x9F (0 = undefined: U+FFFD).
const char16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

}  // namespace

bool IsValidUtf8(const std::string& s) { return base::IsValidUtf8(s); }

std::string ToUtf8(const std::string& s) {
  if (IsValidUtf8(s)) return s;
  std::string out;
  out.reserve(s.size() * 2);
  for (unsigned char c : s) {
    if (c < 0x80) out.push_back(static_cast<char>(c));
    else if (c < 0xA0) base::AppendUtf8(kCp1252High[c - 0x80] ? kCp1252High[c - 0x80] : 0xFFFD, &out);
    else base::AppendUtf8(c, &out);
  }
  return out;
}

std::string Trim(const std::string& s) {
  return std::string(base::Trim(s, std::string_view(" \t\r\n\v\f\0", 7)));
}

std::string TruncateUtf8(const std::string& s, std::size_t max_bytes) {
  return std::string(base::TruncateUtf8(s, max_bytes));
}

}  // namespace media::metadata_internal
