// Small text helpers shared by every library: ASCII case folding and
// trimming. Byte-oriented: no locale, no allocation beyond the result.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace base {

// Spaces, tabs, line breaks, vertical tab and form feed.
inline constexpr std::string_view kWhitespace = " \t\r\n\v\f";

// `s` with A-Z turned into a-z; every other byte kept as it is.
std::string AsciiLower(std::string_view s);

// `text` in double quotes for one log line: at most `max_bytes` of it
// ("..." inside the closing quote when cut), control characters, quotes and
// backslashes written as \xNN, so that a name cannot forge log lines.
std::string QuotedForLog(std::string_view text, std::size_t max_bytes);

// `s` without the leading (TrimLeft), trailing (TrimRight) or both (Trim)
// bytes that appear in `chars`. The result views `s`.
std::string_view TrimLeft(std::string_view s, std::string_view chars = kWhitespace);
std::string_view TrimRight(std::string_view s, std::string_view chars = kWhitespace);
std::string_view Trim(std::string_view s, std::string_view chars = kWhitespace);

// The pieces of `s` between the `separator` bytes, empty ones included: one
// piece more than there are separators ("" gives {""}). They view `s`.
std::vector<std::string_view> Split(std::string_view s, char separator);

// True when `s` begins with `prefix`.
inline bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace base
