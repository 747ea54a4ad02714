#include "base/format_sniff.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "base/containers.h"
#include "base/strings.h"

namespace base {
namespace {

thread_local std::uint64_t sniffs_on_this_thread = 0;

bool HasAny(const std::vector<std::string>& brands, std::initializer_list<const char*> wanted) {
  for (const std::string& b : brands) {
    for (const char* w : wanted) {
      if (b == w) return true;
    }
  }
  return false;
}

std::string Printable(std::string s) {
  for (char& c : s) {
    if (c < 0x20 || c > 0x7E) c = '?';
  }
  return s;
}

// An ISO media file by its brands: the major brand decides first, then the
// compatible ones. A QuickTime movie stays one whatever it lists as
// compatible: the metadata library reads it with its video reader.
SniffResult SniffIso(const std::vector<std::string>& brands) {
  const std::vector<std::string> major(brands.begin(), brands.begin() + 1);
  if (HasAny(major, {"qt  "})) return {ImageFormat::kUnknown, "QuickTime movie (brand 'qt  ')"};
  if (HasAny(major, {"avif", "avis"})) return {ImageFormat::kAvif, ""};
  if (HasAny(major, {"heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs"}))
    return {ImageFormat::kHeif, ""};
  if (HasAny(brands, {"avif", "avis"})) return {ImageFormat::kAvif, ""};
  if (HasAny(brands, {"heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"}))
    return {ImageFormat::kHeif, ""};
  const std::string brand = " (brand '" + Printable(brands[0]) + "')";
  if (HasAny(brands, {"crx "})) return {ImageFormat::kUnknown, "Canon CR3 raw file" + brand};
  if (HasAny(brands, {"qt  "})) return {ImageFormat::kUnknown, "QuickTime movie" + brand};
  if (HasAny(brands, {"isom", "iso2", "mp41", "mp42", "M4V ", "3gp4", "3gp5", "dash"}))
    return {ImageFormat::kUnknown, "MP4 video" + brand};
  return {ImageFormat::kUnknown, "ISO media file" + brand + ", not HEIC or AVIF"};
}

struct Magic {
  std::string_view bytes;
  std::size_t at;
  const char* what;
};

// Formats recognised only to be refused by name.
constexpr Magic kRefused[] = {
    {"GIF87a", 0, "GIF image"},
    {"GIF89a", 0, "GIF image"},
    {"%PDF", 0, "PDF document"},
    {"8BPS", 0, "Photoshop PSD document"},
    {"BM", 0, "BMP image"},
    {{"\x00\x00\x01\x00", 4}, 0, "ICO icon"},
    {"\xFF\x0A", 0, "JPEG XL image"},
    {{"\x00\x00\x00\x0CJXL ", 8}, 0, "JPEG XL image"},
    {{"\x00\x00\x00\x0CjP  ", 8}, 0, "JPEG 2000 image"},
    {"\xFF\x4F\xFF\x51", 0, "JPEG 2000 codestream"},
    {"\x08\xF2\xA6\xB6", 0, "the image library's own format"},
    {"\xB6\xA6\xF2\x08", 0, "the image library's own format"},
    {"PK\x03\x04", 0, "ZIP archive"},
    {"\x1F\x8B", 0, "gzip archive"},
    {{"IIU\x00", 4}, 0, "Panasonic raw file"},
    {"IIRO", 0, "Olympus raw file"},
    {{"II+\x00", 4}, 0, "BigTIFF image"},
    {{"MM\x00+", 4}, 0, "BigTIFF image"},
    {"FUJIFILMCCD-RAW", 0, "Fujifilm raw file"},
    {"\xFF\x01" "Exiv2", 0, "metadata-only EXV file"},
    {"AVI ", 8, "AVI video"},
    {"WAVE", 8, "WAV audio"},
    {"\x1A\x45\xDF\xA3", 0, "Matroska/WebM video"},
};

// Text that is not an image: markup and data formats, by their first
// characters (lower-cased, after a UTF-8 BOM and white space).
const char* RefusedText(std::string_view bytes) {
  std::string_view text = bytes.substr(0, 1024);
  if (StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  const std::string head = AsciiLower(TrimLeft(text));
  if (StartsWith(head, "<") && head.find("<svg") != std::string::npos) return "SVG drawing";
  for (const char* html : {"<!doctype html", "<html", "<head", "<body"}) {
    if (StartsWith(head, html)) return "HTML page";
  }
  if (StartsWith(head, "<?xml")) return "XML document";
  if (StartsWith(head, "<")) return "XML or HTML text";
  if (StartsWith(head, "{") || StartsWith(head, "[")) return "JSON or other text";
  return nullptr;
}

}  // namespace

SniffResult SniffFormat(std::string_view bytes) {
  ++sniffs_on_this_thread;
  if (StartsWith(bytes, "\xFF\xD8")) return {ImageFormat::kJpeg, ""};
  if (StartsWith(bytes, "\x89PNG\r\n\x1A\n")) return {ImageFormat::kPng, ""};
  if (StartsWith(bytes, {"II*\x00", 4}) || StartsWith(bytes, {"MM\x00*", 4})) return {ImageFormat::kTiff, ""};
  if (StartsWith(bytes, "RIFF") && StartsWith(bytes.substr(std::min<std::size_t>(bytes.size(), 8)), "WEBP")) return {ImageFormat::kWebp, ""};
  if (std::vector<std::string> brands = FtypBrands(bytes); !brands.empty()) return SniffIso(brands);
  for (const Magic& m : kRefused) {
    if (bytes.size() >= m.at && StartsWith(bytes.substr(m.at), m.bytes)) return {ImageFormat::kUnknown, m.what};
  }
  if (const char* text = RefusedText(bytes)) return {ImageFormat::kUnknown, text};
  return {};
}

std::uint64_t SniffsOnThisThread() { return sniffs_on_this_thread; }

const char* ImageFormatName(ImageFormat format) {
  switch (format) {
    case ImageFormat::kJpeg: return "jpeg";
    case ImageFormat::kPng: return "png";
    case ImageFormat::kTiff: return "tiff";
    case ImageFormat::kWebp: return "webp";
    case ImageFormat::kHeif: return "heic";
    case ImageFormat::kAvif: return "avif";
    case ImageFormat::kUnknown: break;
  }
  return "unknown";
}

ImageFormat ImageFormatFromName(std::string_view name) {
  for (ImageFormat f : {ImageFormat::kJpeg, ImageFormat::kPng, ImageFormat::kTiff, ImageFormat::kWebp,
                        ImageFormat::kHeif, ImageFormat::kAvif}) {
    if (name == ImageFormatName(f)) return f;
  }
  return ImageFormat::kUnknown;
}

}  // namespace base
