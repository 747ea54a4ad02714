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
  const base::SniffResult sniffed = base::SniffFormat(bytes);
  switch (sniffed.format) {
    case base::ImageFormat::kJpeg: return SourceFormat::kJpeg;
    case base::ImageFormat::kPng: return SourceFormat::kPng;
    case base::ImageFormat::kTiff: return SourceFormat::kTiff;
    case base::ImageFormat::kWebp: return SourceFormat::kWebp;
    case base::ImageFormat::kHeif: return SourceFormat::kHeif;
    case base::ImageFormat::kAvif: return SourceFormat::kAvif;
    case base::ImageFormat::kUnknown: break;
  }
  const char* accepted = " (accepted: JPEG, PNG, TIFF, WebP, HEIF, AVIF)";
  if (!sniffed.refused.empty())
    return Error{Error::kUnsupported, sniffed.refused + " is not accepted" + accepted};
  return Error{Error::kUnsupported,
               "unrecognised image format (starts with " + HexPrefix(bytes) + ")" + accepted};
}

}  // namespace thumbnails
