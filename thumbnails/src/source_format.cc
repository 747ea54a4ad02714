#include "thumbnails/source_format.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace thumbnails {

namespace {

bool StartsWith(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

uint32_t BigEndian32(std::string_view b, size_t at) {
  return (uint32_t(uint8_t(b[at])) << 24) | (uint32_t(uint8_t(b[at + 1])) << 16) |
         (uint32_t(uint8_t(b[at + 2])) << 8) | uint32_t(uint8_t(b[at + 3]));
}

// The major and compatible brands of an ISO media 'ftyp' box, or none.
std::vector<std::string> IsoBrands(std::string_view bytes) {
  std::vector<std::string> brands;
  if (bytes.size() < 12 || bytes.substr(4, 4) != "ftyp") return brands;
  size_t box_end = std::min<size_t>(BigEndian32(bytes, 0), bytes.size());
  brands.emplace_back(bytes.substr(8, 4));
  for (size_t at = 16; at + 4 <= box_end; at += 4) brands.emplace_back(bytes.substr(at, 4));
  return brands;
}

bool HasAny(const std::vector<std::string>& brands, std::initializer_list<const char*> wanted) {
  for (const auto& b : brands)
    for (const char* w : wanted)
      if (b == w) return true;
  return false;
}

Result<SourceFormat> SniffIso(const std::vector<std::string>& brands) {
  if (HasAny({brands[0]}, {"avif", "avis"})) return SourceFormat::kAvif;
  if (HasAny({brands[0]}, {"heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs"}))
    return SourceFormat::kHeif;
  if (HasAny(brands, {"avif", "avis"})) return SourceFormat::kAvif;
  if (HasAny(brands, {"heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"}))
    return SourceFormat::kHeif;
  std::string major;
  for (char c : brands[0]) major += std::isprint(static_cast<unsigned char>(c)) ? c : '?';
  return Error{Error::kUnsupported,
               "ISO media file of brand '" + major + "' is not a HEIF or AVIF image"};
}

// Formats recognised only to be refused by name.
const char* RefusedFormatName(std::string_view bytes) {
  std::string head(bytes.substr(0, 512));
  std::string lower = head;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  size_t text = lower.find_first_not_of(" \t\r\n\xef\xbb\xbf");
  std::string_view trimmed = text == std::string::npos ? "" : std::string_view(lower).substr(text);
  if (StartsWith(bytes, "GIF87a") || StartsWith(bytes, "GIF89a")) return "GIF";
  if (StartsWith(bytes, "%PDF")) return "PDF";
  if (StartsWith(bytes, "8BPS")) return "PSD";
  if (StartsWith(bytes, "BM")) return "BMP";
  if (StartsWith(bytes, "\x08\xf2\xa6\xb6") || StartsWith(bytes, "\xb6\xa6\xf2\x08"))
    return "the image library's own format";
  if (StartsWith(bytes, "\xff\x0a") || StartsWith(bytes, std::string_view("\0\0\0\x0cJXL ", 8)))
    return "JPEG XL";
  if (StartsWith(bytes, std::string_view("\0\0\0\x0cjP  ", 8)) ||
      StartsWith(bytes, "\xff\x4f\xff\x51"))
    return "JPEG 2000";
  if (lower.find("<svg") != std::string::npos) return "SVG";
  if (StartsWith(trimmed, "<!doctype html") || StartsWith(trimmed, "<html")) return "HTML";
  if (StartsWith(trimmed, "<?xml") || StartsWith(trimmed, "<")) return "XML or HTML text";
  return nullptr;
}

std::string HexPrefix(std::string_view bytes) {
  std::string hex;
  char buf[4];
  for (size_t i = 0; i < bytes.size() && i < 8; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned char>(bytes[i]));
    hex += buf;
  }
  return hex;
}

}  // namespace

const char* SourceFormatName(SourceFormat format) {
  switch (format) {
    case SourceFormat::kJpeg: return "jpeg";
    case SourceFormat::kPng: return "png";
    case SourceFormat::kTiff: return "tiff";
    case SourceFormat::kWebp: return "webp";
    case SourceFormat::kHeif: return "heif";
    case SourceFormat::kAvif: return "avif";
  }
  return "unknown";
}

Result<SourceFormat> SniffSourceFormat(std::string_view bytes) {
  if (bytes.size() < 8)
    return Error{Error::kCorrupt, "file of " + std::to_string(bytes.size()) +
                                      " bytes is too short to be an image"};
  if (StartsWith(bytes, "\xff\xd8")) return SourceFormat::kJpeg;  // start of image
  if (StartsWith(bytes, "\x89PNG\r\n\x1a\n")) return SourceFormat::kPng;
  if (StartsWith(bytes, std::string_view("II*\0", 4)) ||
      StartsWith(bytes, std::string_view("MM\0*", 4)) ||
      StartsWith(bytes, std::string_view("II+\0", 4)) ||
      StartsWith(bytes, std::string_view("MM\0+", 4)))
    return SourceFormat::kTiff;
  if (bytes.size() >= 12 && StartsWith(bytes, "RIFF") && bytes.substr(8, 4) == "WEBP")
    return SourceFormat::kWebp;
  std::vector<std::string> brands = IsoBrands(bytes);
  if (!brands.empty()) return SniffIso(brands);
  const char* accepted = " (accepted: JPEG, PNG, TIFF, WebP, HEIF, AVIF)";
  if (const char* refused = RefusedFormatName(bytes))
    return Error{Error::kUnsupported, std::string(refused) + " is not accepted" + accepted};
  return Error{Error::kUnsupported,
               "unrecognised image format (starts with " + HexPrefix(bytes) + ")" + accepted};
}

}  // namespace thumbnails
