#include "catalog_json.h"

#include <cstdint>
#include <string_view>

#include "base/utf8.h"

namespace media::catalog {
namespace {

// The length of the ill-formed sequence at s[at] that one U+FFFD replaces:
// the bytes that could still begin a character (Unicode's "maximal subpart"),
// at least one.
std::size_t IllFormedLength(std::string_view s, std::size_t at) {
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

void AppendJsonString(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = base::DecodeUtf8(s, i);
    if (n == 0) {
      out->append("\xEF\xBF\xBD");
      i += IllFormedLength(s, i);
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

Result<std::vector<std::string>> ReadJsonStringArray(sqlite::Db& db, const std::string& what,
                                                     const std::string& text) {
  const Status bad = Status::InvalidArgument(what + ": expected a JSON array of strings, got '" +
                                             text.substr(0, 80) + "'");
  CATALOG_ASSIGN_OR_RETURN(sqlite::Stmt check,
                           db.Prepare("SELECT CASE WHEN json_valid(?1) THEN json_type(?1) = 'array' END"));
  check.Bind(1, text);
  CATALOG_ASSIGN_OR_RETURN(bool row, check.Step());
  if (!row || check.Int(0) != 1) return bad;
  CATALOG_ASSIGN_OR_RETURN(sqlite::Stmt st,
                           db.Prepare("SELECT type, value FROM json_each(?1) ORDER BY key"));
  st.Bind(1, text);
  std::vector<std::string> out;
  for (;;) {
    CATALOG_ASSIGN_OR_RETURN(bool more, st.Step());
    if (!more) break;
    if (st.Text(0) != "text") return bad;
    out.push_back(st.Text(1));
  }
  return out;
}

}  // namespace media::catalog
