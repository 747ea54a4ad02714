// The base layer's one format sniff, in the renderer's names and messages.
#include "thumbnails/source_format.h"

#include <cstdio>
#include <string>

#include "base/format_sniff.h"

namespace thumbnails {

namespace {

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

Result<SourceFormat> SniffSourceFormat(std::string_view bytes) {
  if (bytes.size() < 8)
    return Error{Error::kCorrupt, "file of " + std::to_string(bytes.size()) +
                                      " bytes is too short to be an image"};
  const base::SniffResult sniffed = base::SniffFormat(bytes);
  if (sniffed.format != SourceFormat::kUnknown) return sniffed.format;
  const char* accepted = " (accepted: JPEG, PNG, TIFF, WebP, HEIC, AVIF)";
  if (!sniffed.refused.empty())
    return Error{Error::kUnsupported, sniffed.refused + " is not accepted" + accepted};
  return Error{Error::kUnsupported,
               "unrecognised image format (starts with " + HexPrefix(bytes) + ")" + accepted};
}

}  // namespace thumbnails
