// The loaders of the accepted formats, called by name: the one place that
// maps a sniffed format to its loader.
#include "loader.h"

#include <cstring>
#include <string>

#include "base/containers.h"

namespace thumbnails {

namespace {

int CallLoader(SourceFormat format, std::string_view bytes, VipsImage** out) {
  void* data = const_cast<char*>(bytes.data());  // the loaders only read
  switch (format) {
    case SourceFormat::kJpeg: return vips_jpegload_buffer(data, bytes.size(), out, nullptr);
    case SourceFormat::kPng: return vips_pngload_buffer(data, bytes.size(), out, nullptr);
    case SourceFormat::kTiff: return vips_tiffload_buffer(data, bytes.size(), out, nullptr);
    case SourceFormat::kWebp: return vips_webpload_buffer(data, bytes.size(), out, nullptr);
    case SourceFormat::kHeif:
    case SourceFormat::kAvif: return vips_heifload_buffer(data, bytes.size(), out, nullptr);
    case SourceFormat::kUnknown: break;
  }
  return -1;
}

// A PNG whose chunks do not fit in its bytes is refused before the PNG
// library sees it: that library sets aside each chunk's declared length
// before reading it, so 300 bytes declaring a 1.3 GB text chunk made it ask
// for 1.3 GB. Stops at IEND; ok when every chunk up to it is whole.
Result<void> CheckPngChunks(std::string_view bytes) {
  const base::PngWalk walk = base::WalkPngChunks(bytes, [](const base::PngChunk&) { return true; });
  if (walk.end == base::PngWalk::kIend) return {};
  if (walk.end == base::PngWalk::kTruncated)
    return Error{Error::kCorrupt, "PNG: chunk '" + walk.type + "' declares " + std::to_string(walk.declared) +
                                      " bytes, " + std::to_string(walk.left < 4 ? 0 : walk.left - 4) +
                                      " are left"};
  return Error{Error::kCorrupt, "PNG: truncated (no IEND chunk)"};
}

}  // namespace

const char* LoaderName(SourceFormat format) {
  switch (format) {
    case SourceFormat::kJpeg: return "jpegload_buffer";
    case SourceFormat::kPng: return "pngload_buffer";
    case SourceFormat::kTiff: return "tiffload_buffer";
    case SourceFormat::kWebp: return "webpload_buffer";
    case SourceFormat::kHeif:
    case SourceFormat::kAvif: return "heifload_buffer";
    case SourceFormat::kUnknown: break;
  }
  return "";
}

// The thumbnail operation finds its loader itself: make sure it took the one
// of the sniffed format (Init leaves only those unblocked, this is a second
// lock on the same door).
Result<void> CheckLoader(VipsImage* image, SourceFormat format) {
  const char* used = nullptr;
  if (vips_image_get_typeof(image, "vips-loader") &&
      vips_image_get_string(image, "vips-loader", &used) == 0 && used &&
      std::strcmp(used, LoaderName(format)) == 0)
    return {};
  return Error{Error::kUnsupported, std::string("decode: expected the ") + LoaderName(format) +
                                        " loader, the image library chose " +
                                        (used ? used : "another")};
}

Result<ImagePtr> LoadHeader(SourceFormat format, std::string_view bytes) {
  if (format == SourceFormat::kUnknown)
    return Error{Error::kUnsupported, "no accepted image format given for these bytes"};
  if (format == SourceFormat::kPng) {
    if (auto whole = CheckPngChunks(bytes); !whole.ok()) return whole.error();
  }
  VipsImage* out = nullptr;
  if (CallLoader(format, bytes, &out) != 0) {
    Error error = VipsFailure(Error::kCorrupt, std::string(LoaderName(format)) + " (header)");
    // The HEIF decoder refuses oversized images itself, before our own check.
    if (error.message.find("exceeds the maximum image size") != std::string::npos)
      error.kind = Error::kTooLarge;
    return error;
  }
  return ImagePtr(out);
}

}  // namespace thumbnails
