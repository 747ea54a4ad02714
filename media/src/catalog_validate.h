// Checks and normal forms for what callers hand the catalog: slugs, language
// tags, dates and times. Pure functions, thread-safe.
#pragma once

#include <string>
#include <vector>

#include "media/metadata.h"
#include "media/status.h"
#include "media/utc_time.h"

namespace media::catalog {

// [a-z0-9][a-z0-9-]{0,99}; otherwise InvalidArgument naming `what`.
Status CheckSlug(const std::string& what, const std::string& slug);

// A BCP 47-like tag ([a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})* or "x-default") in its
// conventional case ("fr", "fr-CA", "zh-Hant"); '_' is read as '-'.
// InvalidArgument naming `what` otherwise.
Result<std::string> NormalizeLang(const std::string& what, const std::string& tag);
// NormalizeLang on every key of `text`; entries with empty values are dropped.
Result<LangText> NormalizeLangText(const std::string& what, const LangText& text);
// For text read from a file, which we do not refuse for a bad language tag:
// valid tags are normalised; the first entry with a malformed tag becomes
// "x-default" when there is none, the others are dropped.
LangText LenientLangText(const LangText& text);

// "YYYY-MM-DD" with a real month and day.
bool IsDate(const std::string& s);
// Empty or IsDate, else InvalidArgument naming `what`.
Status CheckOptionalDate(const std::string& what, const std::string& s);

// Empty, or the name of a time zone of the system's time zone database
// ("Africa/Casablanca", "UTC"; looked up under $TZDIR, else
// /usr/share/zoneinfo, and the file must be time zone data). InvalidArgument
// naming `what` otherwise.
Status CheckOptionalTimeZone(const std::string& what, const std::string& name);

// A UTC instant as "YYYY-MM-DDTHH:MM:SSZ". Accepts that form or a bare date
// (midnight UTC). "" stays "". InvalidArgument naming `what` otherwise.
Result<std::string> NormalizeUtcTime(const std::string& what, const std::string& s);

// The sort key of a taken-at value: its local date-time
// "YYYY-MM-DDTHH:MM:SS" (a bare date reads as midnight), or "~" when absent
// or not ISO 8601.
std::string TakenSortKey(const std::string& taken_at);

// A bound of a taken-at range as a sort-key comparison: for "YYYY-MM-DD" or
// "YYYY-MM-DDTHH:MM[:SS]". For the upper bound of a bare date the whole day is
// included. InvalidArgument naming `what` for anything else.
struct RangeBound {
  std::string key;
  bool strict = false;  // "<" instead of "<=" (upper bound only)
};
Result<RangeBound> ParseTakenFrom(const std::string& s);
Result<RangeBound> ParseTakenTo(const std::string& s);

// Lower-case hex of bytes, and back (nullopt-like failure as false).
std::string HexEncode(const std::string& bytes);
bool HexDecode(const std::string& hex, std::string* bytes);

// The keywords trimmed of surrounding white space, without empty ones and
// without repeats (the first occurrence keeps its place).
std::vector<std::string> NormalizeKeywords(const std::vector<std::string>& keywords);

// 64 hex digits, returned lower-case; InvalidArgument naming `what` otherwise.
Result<std::string> NormalizeSha256(const std::string& what, const std::string& hex);

}  // namespace media::catalog
