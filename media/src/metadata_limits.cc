// The sizes of a file's XMP and IPTC blocks, found by walking its container's
// segments, chunks or tags (never parsing a block), so that an oversized one
// is refused before the metadata library reads it.
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string_view>

#include "base/byte_reader.h"
#include "base/containers.h"
#include "base/strings.h"
#include "metadata_internal.h"

namespace media::metadata_internal {
namespace {

bool HasPrefix(const std::uint8_t* p, std::size_t n, std::string_view prefix) {
  return base::StartsWith({reinterpret_cast<const char*>(p), n}, prefix);
}

std::string_view View(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// JPEG: APP1 XMP blocks (standard and extended) and APP13 Photoshop blocks,
// up to the start of the scan.
MetadataBlockSizes MeasureJpeg(const std::uint8_t* data, std::size_t size) {
  static constexpr std::string_view kXmp("http://ns.adobe.com/xap/1.0/\0", 29);
  static constexpr std::string_view kExtendedXmp("http://ns.adobe.com/xmp/extension/\0", 35);
  static constexpr std::size_t kExtendedHeader = 35 + 32 + 4 + 4;  // id, GUID, length, offset
  static constexpr std::string_view kPhotoshop("Photoshop 3.0\0", 14);
  MetadataBlockSizes sizes;
  WalkJpegSegments(data, size, [&](const JpegSegment& s) {
    const std::uint8_t* body = s.body;
    const std::size_t n = s.body_size;
    if (s.marker == 0xE1 && HasPrefix(body, n, kXmp)) sizes.xmp += n - kXmp.size();
    if (s.marker == 0xE1 && HasPrefix(body, n, kExtendedXmp) && n >= kExtendedHeader)
      sizes.xmp += n - kExtendedHeader;
    if (s.marker == 0xED && HasPrefix(body, n, kPhotoshop)) sizes.iptc += n - kPhotoshop.size();
  });
  return sizes;
}

// The size of the zlib stream in [data, data+size) once inflated, counted in
// a fixed buffer and stopped as soon as it passes `limit` (then limit + 1,
// and `*stopped` set). A stream that does not inflate counts what came out
// before the error.
std::uint64_t InflatedSize(const std::uint8_t* data, std::size_t size, std::uint64_t limit, bool* stopped) {
  z_stream z;
  std::memset(&z, 0, sizeof z);
  if (inflateInit(&z) != Z_OK) return 0;
  z.next_in = const_cast<Bytef*>(data);
  z.avail_in = static_cast<uInt>(std::min<std::size_t>(size, 0x7FFFFFFF));
  std::uint64_t total = 0;
  unsigned char out[65536];
  int status = Z_OK;
  while (status == Z_OK && total <= limit) {
    z.next_out = out;
    z.avail_out = sizeof out;
    status = inflate(&z, Z_NO_FLUSH);
    total += sizeof out - z.avail_out;
    if (status == Z_BUF_ERROR || (status == Z_OK && z.avail_out == sizeof out)) break;
  }
  inflateEnd(&z);
  if (total > limit) *stopped = true;
  return std::min(total, limit + 1);
}

// One PNG text chunk (tEXt, zTXt, iTXt): its keyword and the size of its text
// (inflated when compressed, counted up to `limit` + 1).
struct PngText {
  std::string keyword;
  std::uint64_t text_size = 0;
  bool at_least = false;  // inflating stopped at the limit
};

std::optional<PngText> ReadPngText(std::string_view type, const std::uint8_t* body, std::size_t n,
                                   std::uint64_t limit) {
  const std::uint8_t* nul = static_cast<const std::uint8_t*>(std::memchr(body, 0, std::min<std::size_t>(n, 80)));
  if (!nul) return std::nullopt;
  PngText text;
  text.keyword.assign(reinterpret_cast<const char*>(body), static_cast<std::size_t>(nul - body));
  std::size_t at = static_cast<std::size_t>(nul - body) + 1;
  bool compressed = type == "zTXt";
  if (type == "zTXt") {
    at += 1;  // compression method
  } else if (type == "iTXt") {
    if (at + 2 > n) return std::nullopt;
    compressed = body[at] != 0;
    at += 2;  // compression flag and method
    for (int field = 0; field < 2; ++field) {  // language tag, translated keyword
      const void* end = std::memchr(body + at, 0, n - std::min(at, n));
      if (at >= n || !end) return std::nullopt;
      at = static_cast<std::size_t>(static_cast<const std::uint8_t*>(end) - body) + 1;
    }
  }
  if (at > n) return std::nullopt;
  text.text_size = compressed ? InflatedSize(body + at, n - at, limit, &text.at_least) : n - at;
  return text;
}

// PNG: XMP in "XML:com.adobe.xmp" text chunks and in raw XMP profiles, IPTC
// in raw IPTC and Photoshop profiles (hex text: two characters a byte).
MetadataBlockSizes MeasurePng(const std::uint8_t* data, std::size_t size) {
  MetadataBlockSizes sizes;
  const std::uint64_t limit = 2 * std::max(kMaxXmpBytes, kMaxIptcBytes) + 2;
  base::WalkPngChunks(View(data, size), [&](const base::PngChunk& chunk) {
    if (chunk.type == "IEND") return false;
    if (chunk.type == "tEXt" || chunk.type == "zTXt" || chunk.type == "iTXt") {
      const auto* body = reinterpret_cast<const std::uint8_t*>(chunk.data.data());
      if (auto text = ReadPngText(chunk.type, body, chunk.data.size(), limit)) {
        sizes.at_least = sizes.at_least || text->at_least;
        if (text->keyword == "XML:com.adobe.xmp") sizes.xmp += text->text_size;
        if (text->keyword == "Raw profile type xmp") sizes.xmp += text->text_size / 2;
        if (text->keyword == "Raw profile type iptc" || text->keyword == "Raw profile type 8bim")
          sizes.iptc += text->text_size / 2;
      }
    }
    return true;
  });
  return sizes;
}

// WebP: the "XMP " chunks (the format has no IPTC).
MetadataBlockSizes MeasureWebp(const std::uint8_t* data, std::size_t size) {
  MetadataBlockSizes sizes;
  base::WalkRiffChunks(View(data, size), [&](const base::RiffChunk& chunk) {
    if (chunk.fourcc == "XMP ") sizes.xmp += chunk.data.size();
  });
  return sizes;
}

// TIFF: the XMP (700), IPTC (33723) and Photoshop (34377) tags of IFD0, when
// their values lie within the file (the library reads no value that does not).
MetadataBlockSizes MeasureTiff(const std::uint8_t* data, std::size_t size) {
  MetadataBlockSizes sizes;
  if (size < 8) return sizes;
  const base::ByteReader r(data, size);
  const base::Endian endian = data[0] == 'I' ? base::Endian::kLittle : base::Endian::kBig;
  const std::size_t ifd = *r.U32At(4, endian);
  const auto entries = r.U16At(ifd, endian);
  if (!entries) return sizes;
  for (std::size_t i = 0; i < *entries && ifd + 2 + 12 * (i + 1) <= size; ++i) {
    const std::size_t entry = ifd + 2 + 12 * i;
    const std::uint32_t tag = *r.U16At(entry, endian), type = *r.U16At(entry + 2, endian);
    if (tag != 700 && tag != 33723 && tag != 34377) continue;
    static const std::uint64_t kTypeSize[] = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8};
    const std::uint64_t bytes = type < 13 ? kTypeSize[type] * std::uint64_t{*r.U32At(entry + 4, endian)} : 0;
    const std::uint64_t offset = bytes <= 4 ? entry + 8 : *r.U32At(entry + 8, endian);
    if (offset > size || bytes > size - offset) continue;
    (tag == 700 ? sizes.xmp : sizes.iptc) += bytes;
  }
  return sizes;
}

std::string Megabytes(std::uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1 << 20));
  return text;
}

Status OverLimit(const std::string& format, const char* block, std::uint64_t bytes, std::size_t limit,
                 bool at_least) {
  return Status::LimitExceeded(format + " file carries " + (at_least ? "at least " : "") + Megabytes(bytes) +
                               " of " + block + " (" + std::to_string(bytes) + " bytes), over the limit of " +
                               Megabytes(limit) + ": refused before its metadata is read");
}

}  // namespace

MetadataBlockSizes MeasureMetadataBlocks(const std::string& format, const std::uint8_t* data,
                                         std::size_t size) {
  if (format == "jpeg") return MeasureJpeg(data, size);
  if (format == "png") return MeasurePng(data, size);
  if (format == "webp") return MeasureWebp(data, size);
  if (format == "tiff") return MeasureTiff(data, size);
  MetadataBlockSizes sizes;
  if (format == "heic" || format == "avif") sizes.xmp = BmffXmpBytes(data, size);
  return sizes;
}

Status CheckMetadataBlockSizes(const std::string& format, const std::uint8_t* data, std::size_t size) {
  MetadataBlockSizes sizes = MeasureMetadataBlocks(format, data, size);
  if (sizes.xmp > kMaxXmpBytes) return OverLimit(format, "XMP", sizes.xmp, kMaxXmpBytes, sizes.at_least);
  if (sizes.iptc > kMaxIptcBytes) return OverLimit(format, "IPTC", sizes.iptc, kMaxIptcBytes, sizes.at_least);
  return Status::OK();
}

}  // namespace media::metadata_internal
