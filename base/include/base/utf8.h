// The one UTF-8 decoder and validator (RFC 3629: no overlong forms, no
// surrogates, nothing over U+10FFFF). Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace base {

// The length (1 to 4) of the well-formed UTF-8 sequence at s[at], and its code
// point in `*cp` when `cp` is given; 0 when the bytes there are not one (or
// `at` is past the end).
std::size_t DecodeUtf8(std::string_view s, std::size_t at, char32_t* cp = nullptr);

// True when all of `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);

// The length of the ill-formed sequence at s[at] that one U+FFFD replaces:
// the bytes that could still begin a character (Unicode's "maximal
// subpart"), at least one.
std::size_t IllFormedUtf8Length(std::string_view s, std::size_t at);

// `s` with each ill-formed sequence replaced by U+FFFD (as above).
std::string ReplaceIllFormedUtf8(std::string_view s);

// Appends the UTF-8 encoding of `cp` (a scalar value up to U+10FFFF).
void AppendUtf8(char32_t cp, std::string* out);

// At most `max_bytes` bytes of `s`, cut back to the start of a sequence so no
// character is split (continuation bytes are not taken for a start).
std::string_view TruncateUtf8(std::string_view s, std::size_t max_bytes);

}  // namespace base
