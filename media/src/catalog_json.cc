#include "catalog_json.h"

#include <cstdint>
#include <string_view>

#include "base/utf8.h"

namespace media::catalog {
namespace {

void AppendJsonString(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = base::DecodeUtf8(s, i);
    if (n == 0) {
      out->append("\xEF\xBF\xBD");
      i += base::IllFormedUtf8Length(s, i);
      continue;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (n > 1 || (c >= 0x20 && c != '"' && c != '\\')) {
      out->append(s.substr(i, n));
    } else if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(static_cast<char>(c));
    } else if (c == '\b') {
      out->append("\\b");
    } else if (c == '\t') {
      out->append("\\t");
    } else if (c == '\n') {
      out->append("\\n");
    } else if (c == '\f') {
      out->append("\\f");
    } else if (c == '\r') {
      out->append("\\r");
    } else {
      out->append("\\u00");
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 0xF]);
    }
    i += n;
  }
  out->push_back('"');
}

}  // namespace

std::string JsonStringArray(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out.push_back(',');
    AppendJsonString(items[i], &out);
  }
  out.push_back(']');
  return out;
}

namespace {

// Reads the JSON string starting at text[*at] (its opening quote) into
// `out`, leaving *at after the closing quote; false when it is not one.
// Bytes other than quotes, backslashes and control characters are taken as
// they are; a \u escape that is half of a surrogate pair on its own becomes
// U+FFFD.
bool ReadJsonString(std::string_view text, std::size_t* at, std::string* out) {
  auto hex4 = [&](std::size_t from, char32_t* v) {
    if (from + 4 > text.size()) return false;
    *v = 0;
    for (std::size_t k = from; k < from + 4; ++k) {
      const char c = text[k];
      const int d = c >= '0' && c <= '9' ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return false;
      *v = *v * 16 + static_cast<char32_t>(d);
    }
    return true;
  };
  std::size_t i = *at + 1;
  for (;;) {
    if (i >= text.size()) return false;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"') break;
    if (c < 0x20) return false;
    if (c != '\\') {
      out->push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    if (i + 1 >= text.size()) return false;
    const char e = text[i + 1];
    static const std::string_view kNamed = "\"\\/bfnrt", kValue = "\"\\/\b\f\n\r\t";
    if (std::size_t k = kNamed.find(e); k != std::string_view::npos) {
      out->push_back(kValue[k]);
      i += 2;
      continue;
    }
    char32_t cp = 0;
    if (e != 'u' || !hex4(i + 2, &cp)) return false;
    i += 6;
    char32_t low = 0;
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < text.size() && text[i] == '\\' &&
        text[i + 1] == 'u' && hex4(i + 2, &low) && low >= 0xDC00 && low <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      i += 6;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;
    }
    base::AppendUtf8(cp, out);
  }
  *at = i + 1;
  return true;
}

}  // namespace

Result<std::vector<std::string>> ReadJsonStringArray(const std::string& what, const std::string& text) {
  const Status bad = Status::InvalidArgument(what + ": expected a JSON array of strings, got '" +
                                             text.substr(0, 80) + "'");
  std::size_t i = 0;
  auto skip_space = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
  };
  std::vector<std::string> out;
  skip_space();
  if (i >= text.size() || text[i] != '[') return bad;
  ++i;
  skip_space();
  if (i < text.size() && text[i] == ']') {
    ++i;
  } else {
    for (;;) {
      skip_space();
      std::string item;
      if (i >= text.size() || text[i] != '"' || !ReadJsonString(text, &i, &item)) return bad;
      out.push_back(std::move(item));
      skip_space();
      if (i < text.size() && text[i] == ',') {
        ++i;
        continue;
      }
      if (i < text.size() && text[i] == ']') {
        ++i;
        break;
      }
      return bad;
    }
  }
  skip_space();
  if (i != text.size()) return bad;
  return out;
}

}  // namespace media::catalog
