// ReadMetadata: format from the caller's one sniff, the XMP and IPTC blocks' sizes
// from the container, then EXIF/IPTC/XMP through the metadata library reading
// the caller's bytes in place (no copy).
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "metadata_internal.h"

namespace media {
namespace mi = metadata_internal;
namespace {

// "…: first library warning" when there is one, to make Corrupt messages useful.
std::string WithWarnings(std::string reason) {
  std::vector<std::string> warnings = mi::TakeMetadataWarnings();
  if (!warnings.empty()) reason += " (" + warnings.front() + ")";
  return reason;
}

Status SizeFromHeader(const std::string& format, const std::uint8_t* data, std::size_t size,
                      Exiv2::Image& image, PhotoMetadata* out) {
  if (format == "heic" || format == "avif") {
    // The container's ispe/irot describe the decoded pixels; EXIF Orientation in
    // HEIF is not applied by decoders, so the displayed orientation is 1.
    std::optional<mi::PixelSize> px = mi::ReadBmffPrimarySize(data, size);
    if (!px) return Status::Corrupt(format + " file without a readable image size (ispe)");
    out->width = px->width;
    out->height = px->height;
    out->orientation = 1;
    return Status::OK();
  }
  int w = image.pixelWidth(), h = image.pixelHeight();
  if (w <= 0 || h <= 0) {
    return Status::Corrupt(format + " file declares an image size of " + std::to_string(w) + "x" +
                           std::to_string(h));
  }
  bool turned = out->orientation >= 5 && out->orientation <= 8;
  out->width = turned ? h : w;
  out->height = turned ? w : h;
  return Status::OK();
}

Result<PhotoMetadata> ReadWithLibrary(const std::string& format, const std::uint8_t* data,
                                      std::size_t size) {
  Exiv2::Image::AutoPtr image = mi::OpenImage(format, data, size);
  image->readMetadata();
  PhotoMetadata out;
  out.format = format;
  mi::ReadCameraFields(image->exifData(), image->xmpData(), &out);
  mi::ReadDescriptionFields(image->exifData(), image->iptcData(), image->xmpData(), &out);
  Status s = SizeFromHeader(format, data, size, *image, &out);
  if (!s.ok()) return s;
  return out;
}

}  // namespace

Result<PhotoMetadata> ReadMetadata(const std::uint8_t* data, std::size_t size) {
  Result<base::ImageFormat> format = SniffImageFormat(data, size);
  if (!format.ok()) return format.status();
  return ReadMetadata(*format, data, size);
}

Result<PhotoMetadata> ReadMetadata(base::ImageFormat sniffed, const std::uint8_t* data, std::size_t size) {
  InitMetadataLibrary();
  if (sniffed == base::ImageFormat::kUnknown) return Status::Unsupported("no accepted image format given");
  const std::string format = base::ImageFormatName(sniffed);
  Status sizes = mi::CheckMetadataBlockSizes(format, data, size);
  if (!sizes.ok()) return sizes;
  mi::ClearMetadataWarnings();
  try {
    Result<PhotoMetadata> result = ReadWithLibrary(format, data, size);
    mi::ClearMetadataWarnings();
    return result;
  } catch (const Exiv2::AnyError& e) {
    return Status::Corrupt(WithWarnings(format + " metadata unreadable: " + mi::ToUtf8(e.what())));
  } catch (const std::bad_alloc&) {
    mi::ClearMetadataWarnings();
    return Status::Corrupt(format + " metadata declares sizes too large to read");
  } catch (const std::exception& e) {
    return Status::Corrupt(WithWarnings(format + " metadata unreadable: " + mi::ToUtf8(e.what())));
  }
}

Result<PhotoMetadata> ReadMetadataFromFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    std::string why = path + ": " + std::strerror(err);
    return err == ENOENT ? Status::NotFound(why) : Status::IOError(why);
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::IOError(path + ": not a regular file");
  }
  if (st.st_size == 0) {
    ::close(fd);
    return Status::Corrupt(path + ": empty file");
  }
  std::size_t size = static_cast<std::size_t>(st.st_size);
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return Status::IOError(path + ": cannot map: " + std::strerror(errno));
  Result<PhotoMetadata> result = ReadMetadata(static_cast<const std::uint8_t*>(map), size);
  ::munmap(map, size);
  return result;
}

}  // namespace media
