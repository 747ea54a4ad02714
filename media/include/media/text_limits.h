// How long the archive's texts may be, in one place: the catalog checks every
// value it is given against these (the command line and the HTTP API alike),
// and clamps what it reads from a photo's own metadata. Lengths count Unicode
// code points, not bytes. The caption, headline, alt text, keyword and credit
// figures follow the IPTC Photo Metadata standard's guidance; the others are
// the archive's own. With every field at its limit, in every allowed
// language, a photo's text still fits each download format (see
// EmbedDescription in metadata.h).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "media/metadata.h"
#include "media/status.h"

namespace media {

inline constexpr std::size_t kMaxCaptionChars = 2000;      // per language
inline constexpr std::size_t kMaxHeadlineChars = 256;      // per language
inline constexpr std::size_t kMaxAltTextChars = 250;       // per language
inline constexpr std::size_t kMaxKeywordChars = 64;        // each keyword
inline constexpr std::size_t kMaxKeywords = 100;           // keywords of one photo
inline constexpr std::size_t kMaxCreditChars = 512;        // credit, creator, copyright, usage terms, default credits
inline constexpr std::size_t kMaxTitleChars = 200;         // album and meeting titles, per language
inline constexpr std::size_t kMaxDescriptionChars = 5000;  // album and meeting descriptions, per language
inline constexpr std::size_t kMaxShortTextChars = 256;     // event, place
inline constexpr std::size_t kMaxLanguages = 10;           // languages of one per-language field
inline constexpr std::size_t kMaxBulkIds = 1000;           // photos of one bulk edit or album change

// The length of the UTF-8 sequence at text[at] (1 to 4), or 0 when the bytes
// there are not one (RFC 3629: no overlong forms, no surrogates, nothing over
// U+10FFFF). `at` < text.size().
std::size_t Utf8SequenceLength(std::string_view text, std::size_t at);

// The number of code points of UTF-8 `text` (a byte that starts no valid
// sequence counts as one).
std::size_t CountChars(std::string_view text);

// The first `max_chars` code points of `text`, cut on a character boundary.
std::string ClampChars(const std::string& text, std::size_t max_chars);

// OK, or InvalidArgument "<field>: N characters, over the limit of MAX".
Status CheckChars(const std::string& field, const std::string& text, std::size_t max_chars);

// CheckChars on each language of `text` ("<field>.<lang>"), and at most
// kMaxLanguages languages ("<field>: N languages, over the limit of 10").
Status CheckLangText(const std::string& field, const LangText& text, std::size_t max_chars);

// The descriptive text of `meta` (read from a file) brought within the
// limits: long values cut at a character boundary, languages past the first
// kMaxLanguages (x-default kept) and keywords past the first kMaxKeywords
// dropped. Never fails: a photo is not refused for its text.
void ClampToLimits(PhotoMetadata* meta);

}  // namespace media
