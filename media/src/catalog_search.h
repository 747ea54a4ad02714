// Free-text search: turning a user's words into an FTS5 query that cannot
// be a syntax error.
#pragma once

#include <string>

namespace media::catalog {

// Each word of `text` as a quoted FTS5 string, ANDed, the last one a prefix
// ("reu" finds "réunion"). Words are split at white space and ASCII
// punctuation, so quotes, '*', '(', '-', NEAR, OR... are plain text. Returns
// "" when `text` holds no word.
std::string FtsQuery(const std::string& text);

}  // namespace media::catalog
