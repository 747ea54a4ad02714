// Percent-decoding of URL components.
#pragma once

#include <optional>
#include <string>

namespace gallery::http {

// Decodes %XX escapes (and '+' as a space when `plus_is_space`). nullopt for
// a malformed escape or a decoded NUL byte.
std::optional<std::string> PercentDecode(const std::string& in, bool plus_is_space);

}  // namespace gallery::http
