// Format detection from the bytes (magic numbers), never from a file name.
#include <algorithm>
#include <cctype>
#include <cstring>

#include "metadata_internal.h"

namespace media::metadata_internal {
namespace {

bool StartsWith(const std::uint8_t* data, std::size_t size, const char* magic, std::size_t n,
                std::size_t at = 0) {
  return size >= at + n && std::memcmp(data + at, magic, n) == 0;
}

// The brands of an ISO-BMFF `ftyp` box: the major brand then the compatible
// ones, bounded by the box and the buffer.
std::vector<std::string> FtypBrands(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> brands;
  if (size < 16) return brands;
  std::uint32_t box = (std::uint32_t{data[0]} << 24) | (data[1] << 16) | (data[2] << 8) | data[3];
  std::size_t end = std::min<std::size_t>({size, box < 16 ? 16 : box, 4096});
  brands.emplace_back(reinterpret_cast<const char*>(data + 8), 4);
  for (std::size_t at = 16; at + 4 <= end; at += 4) {
    brands.emplace_back(reinterpret_cast<const char*>(data + at), 4);
  }
  return brands;
}

Result<std::string> ClassifyBmff(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> brands = FtypBrands(data, size);
  auto has = [&](const char* b) { return std::find(brands.begin(), brands.end(), b) != brands.end(); };
  if (has("avif") || has("avis")) return std::string("avif");
  for (const char* b : {"heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"}) {
    if (has(b)) return std::string("heic");
  }
  if (has("crx ")) return Status::Unsupported("Canon CR3 raw file (not accepted)");
  if (has("qt  ")) return Status::Unsupported("QuickTime movie (not accepted)");
  for (const char* b : {"isom", "iso2", "mp41", "mp42", "M4V ", "3gp4", "3gp5", "dash"}) {
    if (has(b)) return Status::Unsupported("MP4 video (not accepted)");
  }
  std::string major = brands.empty() ? "?" : brands[0];
  for (char& c : major) {
    if (!std::isprint(static_cast<unsigned char>(c))) c = '?';
  }
  return Status::Unsupported("ISO media file with brand '" + major + "', not HEIC or AVIF");
}

// Lower-cased start of a text file, leading white space and a UTF-8 BOM skipped.
std::string TextHead(const std::uint8_t* data, std::size_t size) {
  std::size_t at = StartsWith(data, size, "\xEF\xBB\xBF", 3) ? 3 : 0;
  while (at < size && std::isspace(data[at])) ++at;
  std::string head(reinterpret_cast<const char*>(data + at), std::min<std::size_t>(size - at, 1024));
  std::transform(head.begin(), head.end(), head.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return head;
}

std::optional<std::string> RecogniseRefused(const std::uint8_t* data, std::size_t size) {
  struct Magic {
    const char* bytes;
    std::size_t n;
    std::size_t at;
    const char* what;
  };
  static const Magic kRefused[] = {
      {"GIF87a", 6, 0, "GIF image"},
      {"GIF89a", 6, 0, "GIF image"},
      {"%PDF-", 5, 0, "PDF document"},
      {"8BPS", 4, 0, "Photoshop PSD document"},
      {"BM", 2, 0, "BMP image"},
      {"\x00\x00\x01\x00", 4, 0, "ICO icon"},
      {"\xFF\x0A", 2, 0, "JPEG XL image"},
      {"\x00\x00\x00\x0CJXL \x0D\x0A\x87\x0A", 12, 0, "JPEG XL image"},
      {"\x00\x00\x00\x0CjP  \x0D\x0A\x87\x0A", 12, 0, "JPEG 2000 image"},
      {"\xFF\x4F\xFF\x51", 4, 0, "JPEG 2000 codestream"},
      {"PK\x03\x04", 4, 0, "ZIP archive"},
      {"\x1F\x8B", 2, 0, "gzip archive"},
      {"IIU\x00", 4, 0, "Panasonic raw file"},
      {"IIRO", 4, 0, "Olympus raw file"},
      {"II+\x00", 4, 0, "BigTIFF image"},
      {"MM\x00+", 4, 0, "BigTIFF image"},
      {"FUJIFILMCCD-RAW", 15, 0, "Fujifilm raw file"},
      {"\xFF\x01" "Exiv2", 7, 0, "metadata-only EXV file"},
      {"AVI ", 4, 8, "AVI video"},
      {"WAVE", 4, 8, "WAV audio"},
      {"\x1A\x45\xDF\xA3", 4, 0, "Matroska/WebM video"},
  };
  for (const Magic& m : kRefused) {
    if (StartsWith(data, size, m.bytes, m.n, m.at)) return std::string(m.what);
  }
  std::string head = TextHead(data, size);
  if (head.rfind("<svg", 0) == 0 || (head.rfind("<?xml", 0) == 0 && head.find("<svg") != std::string::npos)) {
    return std::string("SVG drawing");
  }
  if (head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0 ||
      head.rfind("<head", 0) == 0 || head.rfind("<body", 0) == 0) {
    return std::string("HTML page");
  }
  if (head.rfind("<?xml", 0) == 0) return std::string("XML document");
  if (head.rfind("{", 0) == 0 || head.rfind("[", 0) == 0) return std::string("JSON or other text");
  return std::nullopt;
}

}  // namespace

Result<std::string> DetectFormat(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return Status::Corrupt("empty file");
  // SOI alone, as JPEG decoders check it: a damaged first marker is still a JPEG.
  if (StartsWith(data, size, "\xFF\xD8", 2)) return std::string("jpeg");
  if (StartsWith(data, size, "\x89PNG\r\n\x1A\n", 8)) return std::string("png");
  if (StartsWith(data, size, "II*\x00", 4) || StartsWith(data, size, "MM\x00*", 4)) {
    return std::string("tiff");
  }
  if (StartsWith(data, size, "RIFF", 4) && StartsWith(data, size, "WEBP", 4, 8)) {
    return std::string("webp");
  }
  if (StartsWith(data, size, "ftyp", 4, 4)) return ClassifyBmff(data, size);
  if (std::optional<std::string> what = RecogniseRefused(data, size)) {
    return Status::Unsupported(*what + " (not accepted: JPEG, PNG, TIFF, WebP, HEIC and AVIF are)");
  }
  if (size < 12) return Status::Corrupt("only " + std::to_string(size) + " bytes: too short to be an image");
  return Status::Unsupported("unrecognised format (not JPEG, PNG, TIFF, WebP, HEIC or AVIF)");
}

}  // namespace media::metadata_internal
