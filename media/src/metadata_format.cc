// Format detection from the bytes (magic numbers), never from a file name:
// the base layer's one sniff, in the archive's names and messages.
#include "base/format_sniff.h"
#include "metadata_internal.h"

namespace media::metadata_internal {

Result<std::string> DetectFormat(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return Status::Corrupt("empty file");
  const base::SniffResult sniffed = base::SniffFormat({reinterpret_cast<const char*>(data), size});
  switch (sniffed.format) {
    case base::ImageFormat::kHeif: return std::string("heic");
    case base::ImageFormat::kUnknown: break;
    default: return std::string(base::ImageFormatName(sniffed.format));
  }
  if (!sniffed.refused.empty()) {
    return Status::Unsupported(sniffed.refused + " (not accepted: JPEG, PNG, TIFF, WebP, HEIC and AVIF are)");
  }
  if (size < 12) return Status::Corrupt("only " + std::to_string(size) + " bytes: too short to be an image");
  return Status::Unsupported("unrecognised format (not JPEG, PNG, TIFF, WebP, HEIC or AVIF)");
}

}  // namespace media::metadata_internal
