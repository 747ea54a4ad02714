// Private helpers of the metadata reader and writer (media/src/metadata_*.cc,
// iptc_*.cc, xmp_*.cc, exif_*.cc). Nothing here is part of media's API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "media/metadata.h"
#include "metadata_exiv2.h"

namespace media::metadata_internal {

// The metadata library's reader for `format` (a base::ImageFormatName) over the
// caller's bytes, read in place: the library never guesses the type itself,
// so bytes the sniff called HEIC are never handed to its video readers.
// Throws Exiv2::Error when that reader does not accept the bytes.
Exiv2::Image::AutoPtr OpenImage(const std::string& format, const std::uint8_t* data, std::size_t size);

// Pixel size of the primary image of a HEIF/AVIF file as displayed (the `ispe`
// property, swapped when an `irot` property turns it by 90 or 270 degrees).
// Reads boxes within [data, data+size) only, never allocates from declared
// sizes; nullopt when the boxes are missing or malformed.
struct PixelSize {
  int width = 0;
  int height = 0;
};
std::optional<PixelSize> ReadBmffPrimarySize(const std::uint8_t* data, std::size_t size);

// One segment of a JPEG before its scan: its marker, where it starts and how
// many bytes it takes (2 for markers without a length), and its payload.
struct JpegSegment {
  std::uint8_t marker = 0;
  std::size_t offset = 0;
  std::size_t size = 0;
  const std::uint8_t* body = nullptr;
  std::size_t body_size = 0;
};
// Calls `visit` for each segment after SOI, in order, up to the start of the
// scan (or the end of the image). False when the bytes do not start with SOI
// or a segment is malformed or runs past the end before the scan is reached.
bool WalkJpegSegments(const std::uint8_t* data, std::size_t size,
                      const std::function<void(const JpegSegment&)>& visit);
// The JPEG with its APP0 (JFIF) segments moved right after SOI, where JFIF
// puts them, when one comes later; nullopt when nothing needs to move or the
// segments cannot be walked. The metadata writer inserts its blocks after the
// last APP0 and writes none at all when that APP0 is the last segment before
// the scan.
std::optional<std::string> JpegWithApp0First(const std::string& bytes);

// The bytes of XMP and of IPTC a file carries, measured by walking its
// container (JPEG segments, PNG text chunks, WebP chunks, TIFF IFD0 tags,
// HEIF item locations)
// without parsing any block; bounded by the buffer, never allocating from a
// declared size. Compressed PNG text is inflated into a fixed buffer only up
// to the limits (then `at_least`). HEIC and AVIF: the XMP items (BmffXmpBytes;
// the format carries no IPTC).
struct MetadataBlockSizes {
  std::uint64_t xmp = 0;
  std::uint64_t iptc = 0;
  bool at_least = false;  // a compressed block was counted only up to the limits
};
MetadataBlockSizes MeasureMetadataBlocks(const std::string& format, const std::uint8_t* data,
                                         std::size_t size);
// LimitExceeded naming the format, the block and its size when a block is
// over kMaxXmpBytes or kMaxIptcBytes; OK otherwise.
Status CheckMetadataBlockSizes(const std::string& format, const std::uint8_t* data, std::size_t size);

// Where the metadata items of a HEIF/AVIF file lie: the extents `iloc` gives
// for its XMP items (`mime` items of type application/rdf+xml in `iinf`) and
// its EXIF items (`Exif`), as file offsets and declared lengths (0: to the
// end of the file), not checked against the file. `located` is false when
// some of those items' bytes are placed otherwise (in `idat` or another
// item) or the boxes end early. Reads boxes within [data, data+size) only.
struct BmffExtent {
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
};
struct BmffMetadataExtents {
  std::vector<BmffExtent> xmp, exif;
  bool located = true;
};
BmffMetadataExtents FindBmffMetadataExtents(const std::uint8_t* data, std::size_t size);

// The bytes of the XMP items of a HEIF/AVIF file (`mime` items of type
// application/rdf+xml in `iinf`, their extents' lengths in `iloc`, each
// bounded by the file's size). Reads boxes within [data, data+size) only.
std::uint64_t BmffXmpBytes(const std::uint8_t* data, std::size_t size);

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(const std::string& s);
// `s` as UTF-8: kept when it already is, else read as Windows-1252 (a superset
// of Latin-1 in the printable range) and converted.
std::string ToUtf8(const std::string& s);
// IPTC IIM text to UTF-8: `declared_utf8` when the record's CodedCharacterSet
// says UTF-8 (ESC % G); invalid sequences are then replaced by U+FFFD.
std::string IptcTextToUtf8(const std::string& raw, bool declared_utf8);
// `s` without leading/trailing spaces, tabs, line breaks and NULs.
std::string Trim(const std::string& s);
// At most `max_bytes` bytes of UTF-8 `s`, cut on a character boundary.
std::string TruncateUtf8(const std::string& s, std::size_t max_bytes);

// Camera facts from EXIF (and XMP where EXIF lacks them): taken_at, make,
// model, lens, exposure, GPS, orientation. May throw the metadata library's
// exceptions (the public functions catch them).
void ReadCameraFields(const Exiv2::ExifData& exif, const Exiv2::XmpData& xmp, PhotoMetadata* out);

// The descriptive text (caption, credit, ...) chosen between XMP, IPTC and EXIF
// by the precedence table in metadata_precedence.cc. May throw likewise.
void ReadDescriptionFields(const Exiv2::ExifData& exif, const Exiv2::IptcData& iptc,
                           const Exiv2::XmpData& xmp, PhotoMetadata* out);

// Replaces the descriptive XMP properties in `xmp` with those of `text`
// (absent fields are removed). May throw the metadata library's exceptions.
void SetDescriptionXmp(const PhotoMetadata& text, Exiv2::XmpData* xmp);
// True when `read` (the XMP read back from a written file) holds each
// descriptive property exactly as `written` does, absent ones included.
bool DescriptionXmpReadsBack(const Exiv2::XmpData& written, const Exiv2::XmpData& read);
// The same for IPTC IIM, declaring UTF-8 and keeping IIM's length limits.
void SetDescriptionIptc(const PhotoMetadata& text, Exiv2::IptcData* iptc);
// What a written copy leaves out besides the old descriptive text.
enum class Removal {
  kNothing,
  kLocation,  // the EXIF GPS directory and XMP exif:GPS* properties
  kPrivate,   // StripPrivateExif, and the original's XMP and IPTC entirely
};
// EmbedDescription with the choice of what to remove, for bytes of `format`
// (not sniffed again); Corrupt also when a removed location still reads back
// from the copy.
Result<std::string> EmbedText(base::ImageFormat format, const std::string& image_bytes,
                              const PhotoMetadata& text, Removal removal);
// Removes the EXIF GPS directory (and its pointer) and the XMP exif:GPS*
// properties.
void StripLocation(Exiv2::ExifData* exif, Exiv2::XmpData* xmp);
// True when EXIF has a GPS tag or XMP an exif:GPS* property.
bool CarriesLocation(const Exiv2::ExifData& exif, const Exiv2::XmpData& xmp);
// Removes GPS, serial numbers, owner name, maker notes and the embedded
// thumbnail from EXIF, and the same facts from XMP.
void StripPrivateExif(Exiv2::ExifData* exif);
// Removes the EXIF copies of descriptive text (ImageDescription, Artist,
// Copyright, XP*) so no stale text contradicts what XMP/IPTC now say.
void EraseExifDescription(Exiv2::ExifData* exif);
// The x-default text, else "en", else the first language; "" when empty.
std::string FirstText(const LangText& text);
// "A; B" -> {"A", "B"}, trimmed, empty items dropped.
std::vector<std::string> CreatorList(const std::string& creator);
void StripPrivateXmp(Exiv2::XmpData* xmp);

// Log lines the metadata library emitted on this thread since the last call,
// oldest first (at most a few dozen are kept). See metadata_log.cc.
std::vector<std::string> TakeMetadataWarnings();
// The handler installed into the metadata library's log (metadata_init.cc).
void CollectMetadataLog(int level, const char* message);
void ClearMetadataWarnings();

}  // namespace media::metadata_internal
