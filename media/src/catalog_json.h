// The one JSON the catalog writes and reads itself: arrays of strings (a
// photo's keywords in history rows, lists of hashes and ids handed to the
// database's JSON functions). Written and read by a small encoder and parser.
#pragma once

#include <string>
#include <vector>

#include "media/status.h"

namespace media::catalog {

// `items` as a compact JSON array: ["a","b \"c\""]. Text is written as UTF-8
// with only '"', '\\' and the control characters below U+0020 escaped (\b,
// \t, \n, \f, \r by name, the others as \u00xx); each ill-formed UTF-8
// sequence (its longest prefix that could start a character, or a lone bad
// byte) becomes U+FFFD. The same bytes as history rows have always held.
std::string JsonStringArray(const std::vector<std::string>& items);

// The strings of a JSON array of strings (RFC 8259), in order.
// InvalidArgument naming `what` when `text` is not valid JSON, not an array,
// or holds anything but strings.
Result<std::vector<std::string>> ReadJsonStringArray(const std::string& what, const std::string& text);

}  // namespace media::catalog
