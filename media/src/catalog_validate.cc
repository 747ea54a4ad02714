#include "catalog_validate.h"

#include "media/text_limits.h"

#include "base/strings.h"
#include "base/utf8.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>

namespace media::catalog {
namespace {

bool IsDigits(const std::string& s, std::size_t from, std::size_t n) {
  if (s.size() < from + n) return false;
  for (std::size_t i = from; i < from + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

int Num(const std::string& s, std::size_t from, std::size_t n) { return std::stoi(s.substr(from, n)); }

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// "HH:MM:SS" or "HH:MM" at `from`, up to the end of `s`; fills *hms.
bool ParseTime(const std::string& s, std::size_t from, std::string* hms) {
  std::size_t n = s.size() - from;
  if (n != 5 && n != 8) return false;
  if (!IsDigits(s, from, 2) || s[from + 2] != ':' || !IsDigits(s, from + 3, 2)) return false;
  if (Num(s, from, 2) > 23 || Num(s, from + 3, 2) > 59) return false;
  if (n == 8 && (s[from + 5] != ':' || !IsDigits(s, from + 6, 2) || Num(s, from + 6, 2) > 60)) {
    return false;
  }
  *hms = s.substr(from, 5) + (n == 8 ? s.substr(from + 5, 3) : std::string(":00"));
  return true;
}

}  // namespace

Status CheckSlug(const std::string& what, const std::string& slug) {
  bool ok = !slug.empty() && slug.size() <= 100 && slug[0] != '-';
  for (char c : slug) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) ok = false;
  }
  if (ok) return Status::OK();
  return Status::InvalidArgument(what + ": invalid slug '" + slug +
                                 "' (1 to 100 of a-z, 0-9 and '-', not starting with '-')");
}

Result<std::string> NormalizeLang(const std::string& what, const std::string& tag) {
  std::string t = tag;
  for (char& c : t) c = c == '_' ? '-' : c;
  if (base::AsciiLower(t) == "x-default") return std::string("x-default");
  std::string out;
  std::size_t start = 0;
  for (int index = 0;; ++index) {
    std::size_t dash = t.find('-', start);
    std::string sub = t.substr(start, dash == std::string::npos ? std::string::npos : dash - start);
    bool alnum = !sub.empty() && sub.size() <= 8;
    bool alpha = alnum;
    for (char c : sub) {
      alnum = alnum && std::isalnum(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) < 128;
      alpha = alpha && std::isalpha(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) < 128;
    }
    if (index == 0 ? !(alpha && sub.size() >= 2 && sub.size() <= 3) : !alnum) {
      return Status::InvalidArgument(what + ": invalid language tag '" + tag +
                                     "' (expected e.g. en, fr, fr-CA or x-default)");
    }
    sub = base::AsciiLower(sub);
    if (index > 0 && sub.size() == 2 && alpha) {
      for (char& c : sub) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (index > 0 && sub.size() == 4 && alpha) {
      sub[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sub[0])));
    }
    out += (index ? "-" : "") + sub;
    if (dash == std::string::npos) break;
    start = dash + 1;
  }
  return out;
}

Result<LangText> NormalizeLangText(const std::string& what, const LangText& text) {
  LangText out;
  for (const auto& [lang, value] : text) {
    Result<std::string> norm = NormalizeLang(what, lang);
    if (!norm.ok()) return norm.status();
    if (!value.empty()) out[*norm] = value;
  }
  return out;
}

LangText LenientLangText(const LangText& text) {
  LangText out, unplaced;
  for (const auto& [lang, value] : text) {
    if (value.empty()) continue;
    Result<std::string> norm = NormalizeLang("", lang);
    (norm.ok() ? out[*norm] : unplaced[lang]) = value;
  }
  if (!unplaced.empty() && !out.count("x-default")) out["x-default"] = unplaced.begin()->second;
  return out;
}

bool IsDate(const std::string& s) {
  if (s.size() != 10 || !IsDigits(s, 0, 4) || s[4] != '-' || !IsDigits(s, 5, 2) || s[7] != '-' ||
      !IsDigits(s, 8, 2)) {
    return false;
  }
  int y = Num(s, 0, 4), m = Num(s, 5, 2), d = Num(s, 8, 2);
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  int max = kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
  return d <= max;
}

Status CheckOptionalDate(const std::string& what, const std::string& s) {
  if (s.empty() || IsDate(s)) return Status::OK();
  return Status::InvalidArgument(what + ": invalid date '" + s + "' (expected YYYY-MM-DD)");
}

Result<std::string> NormalizeUtcTime(const std::string& what, const std::string& s) {
  if (s.empty()) return s;
  if (IsDate(s)) return s + "T00:00:00Z";
  std::string hms;
  if (s.size() >= 12 && IsDate(s.substr(0, 10)) && s[10] == 'T' && s.back() == 'Z' &&
      ParseTime(s.substr(0, s.size() - 1), 11, &hms)) {
    return s.substr(0, 10) + "T" + hms + "Z";
  }
  return Status::InvalidArgument(what + ": invalid time '" + s +
                                 "' (expected YYYY-MM-DDTHH:MM:SSZ in UTC, or YYYY-MM-DD)");
}

std::string TakenSortKey(const std::string& taken_at) {
  if (taken_at.size() < 10 || !IsDate(taken_at.substr(0, 10))) return "~";
  if (taken_at.size() == 10) return taken_at + "T00:00:00";
  std::string hms;
  if ((taken_at[10] == 'T' || taken_at[10] == ' ') && taken_at.size() >= 19 &&
      ParseTime(taken_at.substr(0, 19), 11, &hms)) {
    return taken_at.substr(0, 10) + "T" + hms;
  }
  return "~";
}

namespace {
Result<RangeBound> ParseBound(const std::string& what, const std::string& s, bool upper) {
  std::string hms;
  if (IsDate(s)) {
    // '~' sorts after every character a time can hold: "< D~" keeps all of D.
    if (upper) return RangeBound{s + "~", true};
    return RangeBound{s + "T00:00:00", false};
  }
  if (s.size() > 10 && IsDate(s.substr(0, 10)) && s[10] == 'T' && ParseTime(s, 11, &hms)) {
    return RangeBound{s.substr(0, 10) + "T" + hms, false};
  }
  return Status::InvalidArgument(what + ": invalid date '" + s +
                                 "' (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, local time)");
}
}  // namespace

Result<RangeBound> ParseTakenFrom(const std::string& s) { return ParseBound("taken_from", s, false); }
Result<RangeBound> ParseTakenTo(const std::string& s) { return ParseBound("taken_to", s, true); }

std::string HexEncode(const std::string& bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

bool HexDecode(const std::string& hex, std::string* bytes) {
  if (hex.size() % 2) return false;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  bytes->clear();
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    bytes->push_back(static_cast<char>(hi * 16 + lo));
  }
  return true;
}

std::vector<std::string> NormalizeKeywords(const std::vector<std::string>& keywords) {
  std::vector<std::string> out;
  for (const std::string& k : keywords) {
    std::size_t b = k.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) continue;
    std::size_t e = k.find_last_not_of(" \t\r\n");
    std::string t = k.substr(b, e - b + 1);
    if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
  }
  return out;
}

Result<std::string> NormalizeSha256(const std::string& what, const std::string& hex) {
  std::string bytes;
  if (hex.size() != 64 || !HexDecode(hex, &bytes)) {
    return Status::InvalidArgument(what + ": expected 64 hex digits, got '" + hex.substr(0, 80) + "'");
  }
  return base::AsciiLower(hex);
}

Status CheckOptionalTimeZone(const std::string& what, const std::string& name) {
  if (name.empty()) return Status::OK();
  auto refuse = [&](const std::string& why) {
    return Status::InvalidArgument(what + ": " + why + " (a time zone name such as Africa/Casablanca)");
  };
  if (name.size() > 64) return refuse("a time zone name is at most 64 characters");
  // Names are parts of [A-Za-z0-9_+-] joined by '/', each starting with a
  // letter ("Etc/GMT+1", "America/Port-au-Prince"): no "..", no leading '/'.
  bool part_start = true;
  for (char c : name) {
    const bool letter = std::isalpha(static_cast<unsigned char>(c)) != 0;
    if (part_start && !letter) return refuse("'" + name + "' is not a time zone name");
    if (c == '/') {
      part_start = true;
      continue;
    }
    if (!letter && !std::isdigit(static_cast<unsigned char>(c)) && c != '_' && c != '+' && c != '-') {
      return refuse("'" + name + "' is not a time zone name");
    }
    part_start = false;
  }
  if (part_start) return refuse("'" + name + "' is not a time zone name");
  const char* dir = std::getenv("TZDIR");
  const std::string path = std::string(dir && *dir ? dir : "/usr/share/zoneinfo") + "/" + name;
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  if (!in.read(magic, sizeof magic) || std::string(magic, sizeof magic) != "TZif") {
    return refuse("unknown time zone '" + name + "'");
  }
  return Status::OK();
}

}  // namespace media::catalog

namespace media {

std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) { return base::DecodeUtf8(s, i); }

namespace {

// The byte offset after the first `max_chars` code points of `text`.
std::size_t PrefixBytes(std::string_view text, std::size_t max_chars) {
  std::size_t at = 0;
  for (std::size_t n = 0; n < max_chars && at < text.size(); ++n) {
    std::size_t len = Utf8SequenceLength(text, at);
    at += len == 0 ? 1 : len;
  }
  return at;
}

LangText ClampLangText(const LangText& text, std::size_t max_chars) {
  LangText out;
  auto def = text.find("x-default");
  if (def != text.end()) out[def->first] = ClampChars(def->second, max_chars);
  for (const auto& [lang, value] : text) {
    if (out.size() >= kMaxLanguages) break;
    if (!out.count(lang)) out[lang] = ClampChars(value, max_chars);
  }
  return out;
}

}  // namespace

std::size_t CountChars(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t at = 0; at < text.size(); ++n) {
    std::size_t len = Utf8SequenceLength(text, at);
    at += len == 0 ? 1 : len;
  }
  return n;
}

std::string ClampChars(const std::string& text, std::size_t max_chars) {
  // Every code point is at least one byte: a short text needs no count.
  if (text.size() <= max_chars) return text;
  return text.substr(0, PrefixBytes(text, max_chars));
}

Status CheckChars(const std::string& field, const std::string& text, std::size_t max_chars) {
  if (text.size() <= max_chars) return Status::OK();
  std::size_t n = CountChars(text);
  if (n <= max_chars) return Status::OK();
  return Status::InvalidArgument(field + ": " + std::to_string(n) + " characters, over the limit of " +
                                 std::to_string(max_chars));
}

Status CheckLangText(const std::string& field, const LangText& text, std::size_t max_chars) {
  if (text.size() > kMaxLanguages) {
    return Status::InvalidArgument(field + ": " + std::to_string(text.size()) +
                                   " languages, over the limit of " + std::to_string(kMaxLanguages));
  }
  for (const auto& [lang, value] : text) {
    Status s = CheckChars(field + "." + lang, value, max_chars);
    if (!s.ok()) return s;
  }
  return Status::OK();
}

void ClampToLimits(PhotoMetadata* meta) {
  meta->caption = ClampLangText(meta->caption, kMaxCaptionChars);
  meta->headline = ClampLangText(meta->headline, kMaxHeadlineChars);
  meta->alt_text = ClampLangText(meta->alt_text, kMaxAltTextChars);
  for (std::string* s : {&meta->credit, &meta->creator, &meta->copyright, &meta->usage_terms}) {
    *s = ClampChars(*s, kMaxCreditChars);
  }
  meta->event = ClampChars(meta->event, kMaxShortTextChars);
  if (meta->keywords.size() > kMaxKeywords) meta->keywords.resize(kMaxKeywords);
  for (std::string& k : meta->keywords) k = ClampChars(k, kMaxKeywordChars);
}

}  // namespace media
