// Format detection from the bytes (magic numbers), never from a file name:
// the base layer's one sniff, in the archive's statuses and messages.
#include "base/format_sniff.h"
#include "metadata_internal.h"

namespace media {

Result<base::ImageFormat> SniffImageFormat(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return Status::Corrupt("empty file");
  const base::SniffResult sniffed = base::SniffFormat({reinterpret_cast<const char*>(data), size});
  if (sniffed.format != base::ImageFormat::kUnknown) return sniffed.format;
  if (!sniffed.refused.empty()) {
    return Status::Unsupported(sniffed.refused + " (not accepted: JPEG, PNG, TIFF, WebP, HEIC and AVIF are)");
  }
  if (size < 12) return Status::Corrupt("only " + std::to_string(size) + " bytes: too short to be an image");
  return Status::Unsupported("unrecognised format (not JPEG, PNG, TIFF, WebP, HEIC or AVIF)");
}

}  // namespace media

namespace media::metadata_internal {

Exiv2::Image::AutoPtr OpenImage(const std::string& format, const std::uint8_t* data, std::size_t size) {
  Exiv2::BasicIo::AutoPtr io(new Exiv2::MemIo(data, static_cast<long>(size)));
  Exiv2::Image::AutoPtr image;
  if (format == "jpeg") {
    image = Exiv2::newJpegInstance(io, false);
  } else if (format == "png") {
    image = Exiv2::newPngInstance(io, false);
  } else if (format == "tiff") {
    image = Exiv2::newTiffInstance(io, false);
  } else if (format == "webp") {
    image = Exiv2::newWebPInstance(io, false);
  } else if (format == "heic" || format == "avif") {
    image = Exiv2::newBmffInstance(io, false);
  }
  if (image.get() == nullptr) throw Exiv2::Error(Exiv2::kerDataSourceOpenFailed, format + " bytes");
  return image;
}

}  // namespace media::metadata_internal
