#include "base/utf8.h"

namespace base {

std::size_t DecodeUtf8(std::string_view s, std::size_t at, char32_t* cp) {
  if (at >= s.size()) return 0;
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(at);
  std::size_t len = 0;
  char32_t value = 0;
  if (c < 0x80) {
    len = 1;
    value = c;
  } else if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    value = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    value = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    value = c & 0x07;
  } else {
    return 0;
  }
  if (len > s.size() - at) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(at + k) & 0xC0) != 0x80) return 0;
    value = (value << 6) | (byte(at + k) & 0x3F);
  }
  if ((len == 3 && value < 0x800) || (len == 4 && (value < 0x10000 || value > 0x10FFFF))) return 0;
  if (value >= 0xD800 && value <= 0xDFFF) return 0;
  if (cp) *cp = value;
  return len;
}

bool IsValidUtf8(std::string_view s) {
  for (std::size_t at = 0; at < s.size();) {
    const std::size_t len = DecodeUtf8(s, at);
    if (len == 0) return false;
    at += len;
  }
  return true;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string_view TruncateUtf8(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

// The length of the ill-formed sequence at s[at] that one U+FFFD replaces:
// the bytes that could still begin a character (Unicode's "maximal subpart"),
// at least one.
std::size_t IllFormedUtf8Length(std::string_view s, std::size_t at) {
  const auto lead = static_cast<std::uint8_t>(s[at]);
  std::size_t need = 0;
  std::uint8_t low = 0x80, high = 0xBF;  // the second byte's range
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 2;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 3;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  }
  std::size_t n = 1;
  while (n <= need && at + n < s.size()) {
    const auto b = static_cast<std::uint8_t>(s[at + n]);
    if (n == 1 ? (b < low || b > high) : (b < 0x80 || b > 0xBF)) break;
    ++n;
  }
  return n;
}

std::string ReplaceIllFormedUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = DecodeUtf8(s, i);
    if (n == 0) {
      out.append("\xEF\xBF\xBD");
      i += IllFormedUtf8Length(s, i);
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

}  // namespace base
