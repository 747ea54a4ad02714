#include "service/refusal.h"

#include <algorithm>
#include <cctype>

#include "base/format_sniff.h"

namespace gallery {

namespace {

bool Mentions(const std::string& text, std::initializer_list<const char*> words) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::any_of(words.begin(), words.end(),
                     [&](const char* w) { return lower.find(w) != std::string::npos; });
}

// A JPEG without its end-of-image marker or a PNG without its IEND chunk.
bool CutShort(std::string_view bytes) {
  if (bytes.empty()) return false;
  switch (base::SniffFormat(bytes).format) {
    case base::ImageFormat::kJpeg: return bytes.rfind("\xff\xd9") == std::string_view::npos;
    case base::ImageFormat::kPng: return bytes.rfind("IEND") == std::string_view::npos;
    default: return false;
  }
}

}  // namespace

std::optional<Refusal> RefusalOf(const media::Status& status, std::string_view bytes) {
  using Code = media::Status::Code;
  switch (status.code()) {
    case Code::kCorrupt:
      if (Mentions(status.message(), {"empty file", "empty image"})) return Refusal{"empty", "the file is empty"};
      // What the decoders and our own checks say of a file that ends early.
      if (CutShort(bytes) || Mentions(status.message(), {"truncat", "premature end", "unexpected end", "out of data", "end of file",
                                      "too short", "short read", "not enough data", "eof"})) {
        return Refusal{"truncated", "the file is cut short"};
      }
      return Refusal{"unreadable", "not a photo we can read"};
    case Code::kUnsupported:
      return Refusal{"unsupported_format",
                     "not a kind of photo we accept (JPEG, PNG, TIFF, WebP, HEIC and AVIF are)"};
    case Code::kTooLarge:
      return Refusal{"too_many_pixels", "too many pixels"};
    case Code::kLimitExceeded:
      // Our own words (which block, how large, the limit), no library's.
      return Refusal{"metadata_too_large", status.message()};
    default:
      return std::nullopt;
  }
}

}  // namespace gallery
