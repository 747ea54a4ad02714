// OriginalForDownload: a stored original with the catalog's text written in
// and, for those who may not know where it was taken, without its location.
// HEIC and AVIF cannot be rewritten by the metadata library, nor can some
// JPEGs it reads: their location is removed in place, without moving a byte.
#include <algorithm>
#include <cstring>

#include "base/byte_reader.h"
#include "metadata_internal.h"

namespace media {
namespace mi = metadata_internal;
namespace {

// The size in bytes of one value of TIFF type `type`; 0 for an unknown type.
unsigned TypeSize(std::uint32_t type) {
  switch (type) {
    case 1: case 2: case 6: case 7: return 1;   // BYTE, ASCII, SBYTE, UNDEFINED
    case 3: case 8: return 2;                   // SHORT, SSHORT
    case 4: case 9: case 11: case 13: return 4; // LONG, SLONG, FLOAT, IFD
    case 5: case 10: case 12: return 8;         // RATIONAL, SRATIONAL, DOUBLE
    default: return 0;
  }
}

// Zeroes, in the TIFF structure at [tiff, tiff + size), the GPS directory:
// the values its entries point to and its entries; it is left an empty
// directory (no entries, no next one), which IFD0 still points to. True
// when done or when there is no GPS directory; false when the structure
// cannot be walked.
bool ScrubTiffGps(std::uint8_t* tiff, std::size_t size) {
  const base::ByteReader r(tiff, size);
  const auto order = r.BytesAt(0, 2);
  if (!order || (*order != "II" && *order != "MM")) return false;
  const base::Endian e = *order == "II" ? base::Endian::kLittle : base::Endian::kBig;
  const auto magic = r.U16At(2, e);
  const auto ifd0 = r.U32At(4, e);
  if (!magic || *magic != 42 || !ifd0) return false;
  const auto entries = r.U16At(*ifd0, e);
  if (!entries || *entries > (size - *ifd0 - 2) / 12) return false;
  for (std::uint32_t i = 0; i < *entries; ++i) {
    const std::size_t entry = *ifd0 + 2 + std::size_t{12} * i;
    if (*r.U16At(entry, e) != 0x8825) continue;  // GPSInfo
    const auto gps = r.U32At(entry + 8, e);
    const auto count = gps ? r.U16At(*gps, e) : std::nullopt;
    if (!count || *count > (size - *gps - 2) / 12) return false;
    for (std::uint32_t g = 0; g < *count; ++g) {
      const std::size_t at = *gps + 2 + std::size_t{12} * g;
      const std::uint64_t bytes = std::uint64_t{TypeSize(*r.U16At(at + 2, e))} * *r.U32At(at + 4, e);
      const std::uint32_t value_at = *r.U32At(at + 8, e);
      if (bytes > 4 && value_at < size) {
        std::memset(tiff + value_at, 0, static_cast<std::size_t>(std::min<std::uint64_t>(bytes, size - value_at)));
      }
      std::memset(tiff + at, 0, 12);
    }
    std::memset(tiff + *gps, 0, 2);  // no entries, and no next directory after them
    if (*gps + 6 <= size) std::memset(tiff + *gps + 2, 0, 4);
  }
  return true;
}

// The bytes of an extent within a file of `size` bytes; false when it does
// not lie inside the file.
bool Inside(const mi::BmffExtent& e, std::size_t size, std::size_t* at, std::size_t* length) {
  if (e.offset > size) return false;
  *at = static_cast<std::size_t>(e.offset);
  std::uint64_t room = size - e.offset;
  if (e.length > room) return false;
  *length = static_cast<std::size_t>(e.length == 0 ? room : e.length);
  return true;
}

constexpr char kPacketHead[] =
    "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>";
constexpr char kPacketTail[] = "<?xpacket end=\"w\"?>";

// An XMP packet (or part of one) at [p, p + n) that names GPS is replaced by
// an empty packet padded to the same size, or by spaces when that does not
// fit. The catalog's text is not in it (it could not be written), so the
// whole packet goes.
void ScrubXmp(std::uint8_t* p, std::size_t n) {
  std::string_view packet(reinterpret_cast<const char*>(p), n);
  if (packet.find("GPS") == std::string_view::npos) return;
  const std::size_t head = sizeof(kPacketHead) - 1, tail = sizeof(kPacketTail) - 1;
  std::memset(p, ' ', n);
  if (n >= head + tail) {
    std::memcpy(p, kPacketHead, head);
    std::memcpy(p + n - tail, kPacketTail, tail);
  }
}

// Removes the location from a HEIC or AVIF file in place.
Status ScrubBmffLocation(std::string* bytes) {
  auto* data = reinterpret_cast<std::uint8_t*>(bytes->data());
  const mi::BmffMetadataExtents found = mi::FindBmffMetadataExtents(data, bytes->size());
  if (!found.located) return Status::Corrupt("its metadata items cannot be located");
  std::size_t at = 0, length = 0;
  for (const mi::BmffExtent& e : found.exif) {
    // An Exif item: the offset of the TIFF header after these 4 bytes, then
    // usually "Exif\0\0", then the TIFF structure.
    if (!Inside(e, bytes->size(), &at, &length) || length < 4) {
      return Status::Corrupt("an EXIF item lies outside the file");
    }
    const std::uint32_t skip = *base::ByteReader(data + at, length).Be32At(0);
    if (skip > length - 4) return Status::Corrupt("an EXIF item's TIFF header lies outside it");
    if (!ScrubTiffGps(data + at + 4 + skip, length - 4 - skip)) {
      return Status::Corrupt("an EXIF item cannot be read");
    }
  }
  for (const mi::BmffExtent& e : found.xmp) {
    if (!Inside(e, bytes->size(), &at, &length)) return Status::Corrupt("an XMP item lies outside the file");
    ScrubXmp(data + at, length);
  }
  return Status::OK();
}

// Removes the location from a JPEG in place: its EXIF and XMP segments.
Status ScrubJpegLocation(std::string* bytes) {
  auto* data = reinterpret_cast<std::uint8_t*>(bytes->data());
  static const std::string_view kExif("Exif\0\0", 6);
  bool readable = true;
  bool walked = mi::WalkJpegSegments(data, bytes->size(), [&](const mi::JpegSegment& s) {
    if (s.marker != 0xE1) return;  // APP1: EXIF, XMP, extended XMP
    std::uint8_t* body = data + (s.body - data);
    std::string_view view(reinterpret_cast<const char*>(body), s.body_size);
    if (view.substr(0, kExif.size()) == kExif) {
      readable = readable && ScrubTiffGps(body + kExif.size(), s.body_size - kExif.size());
    } else if (view.substr(0, 4) == "http") {
      const std::size_t name = view.find('\0');  // the namespace, then the packet
      if (name != std::string_view::npos) ScrubXmp(body + name + 1, s.body_size - name - 1);
    }
  });
  if (!walked) return Status::Corrupt("its segments cannot be walked");
  if (!readable) return Status::Corrupt("its EXIF cannot be read");
  return Status::OK();
}

}  // namespace

Result<std::string> OriginalForDownload(const std::string& original, const PhotoMetadata& text,
                                        bool with_location) {
  Result<base::ImageFormat> sniffed =
      SniffImageFormat(reinterpret_cast<const std::uint8_t*>(original.data()), original.size());
  if (!sniffed.ok()) return sniffed.status();
  Result<std::string> copy =
      mi::EmbedText(*sniffed, original, text, with_location ? mi::Removal::kNothing : mi::Removal::kLocation);
  if (copy.ok()) return copy;
  const std::string format = base::ImageFormatName(*sniffed);
  // The text cannot be written (HEIC and AVIF never; a file the metadata
  // library cannot rewrite): the original as stored.
  std::string bytes = original;
  if (with_location) return bytes;
  Status s = Status::Corrupt("the metadata library cannot rewrite it (" + copy.status().message() + ")");
  if (format == "heic" || format == "avif") s = ScrubBmffLocation(&bytes);
  if (format == "jpeg") s = ScrubJpegLocation(&bytes);
  if (!s.ok()) {
    return Status::Corrupt("the location cannot be removed from this " + format + " file: " + s.message());
  }
  Result<PhotoMetadata> back =
      ReadMetadata(*sniffed, reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  if (!back.ok()) {
    return Status::Corrupt("the " + format + " file without its location does not read back: " +
                           back.status().message());
  }
  if (back->gps) return Status::Corrupt("the location cannot be removed from this " + format + " file");
  return bytes;
}

}  // namespace media
