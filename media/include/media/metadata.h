// What a photo file says about itself: pixels, camera, place, and the
// descriptive text (caption, credit, ...) read from EXIF, IPTC and XMP.
//
// Field names follow the IPTC Photo Metadata standard where it has one and are
// the names `gallery inspect` and the HTTP API print.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/format_sniff.h"
#include "media/status.h"

namespace media {

// Text per language tag: "x-default", "en", "fr", ... (XMP Lang Alt). An empty
// map means the field is absent.
using LangText = std::map<std::string, std::string>;

struct GpsPosition {
  double lat = 0;                // signed decimal degrees, south negative
  double lon = 0;                // signed decimal degrees, west negative
  std::optional<double> alt;     // metres, below sea level negative
};

struct PhotoMetadata {
  // --- the file
  std::string format;            // base::ImageFormatName: "jpeg", "png", "tiff", "webp", "heic", "avif"
  int width = 0;                 // as displayed, after EXIF orientation
  int height = 0;
  int orientation = 1;           // EXIF 1..8; out-of-range values read as 1

  // --- the camera
  std::optional<std::string> taken_at;  // ISO 8601, with offset when known
  std::string make, model, lens;
  std::optional<double> exposure_time;  // seconds
  std::optional<double> f_number;
  std::optional<int> iso;
  std::optional<double> focal_length;   // mm
  std::optional<GpsPosition> gps;

  // --- the description (editable in the catalog)
  LangText caption;              // IPTC Description / Caption-Abstract, dc:description
  LangText headline;             // photoshop:Headline (x-default), IPTC Headline
  std::string credit;            // Credit Line: photoshop:Credit, IPTC Credit
  std::string creator;           // dc:creator / IPTC By-line, several joined with "; "
  std::string copyright;         // dc:rights / IPTC CopyrightNotice / EXIF Copyright
  std::vector<std::string> keywords;  // dc:subject / IPTC Keywords, in order, unique
  LangText alt_text;             // Iptc4xmpCore:AltTextAccessibility
  std::string event;             // Iptc4xmpExt:Event (x-default)
  std::string usage_terms;       // xmpRights:UsageTerms (x-default)
};

// Call once at start-up, before any thread reads metadata: initialises the
// metadata library's XMP parser and routes its log messages into ours, so a
// malformed file never writes to stderr. Safe to call more than once.
void InitMetadataLibrary();

// The largest metadata blocks ReadMetadata hands to the metadata library,
// which holds a parsed block in memory several times its size. Real photos
// carry XMP of a few kB to a few hundred kB (a long editing history); 2 MB
// leaves room for ten times that. IPTC IIM datasets are short by definition
// (a caption at most 2000 bytes, a keyword 64), so a whole record is a few
// kB, and its Photoshop container with a preview some tens of kB: 1 MB is far
// above any real one. XMP counts every XMP block of the file (a JPEG's
// standard and extended blocks together); IPTC counts the blocks that carry
// it (a JPEG's APP13 segments, a TIFF's IPTC and Photoshop tags, a PNG's raw
// IPTC profile once decoded from hex).
constexpr std::size_t kMaxXmpBytes = std::size_t{2} << 20;
constexpr std::size_t kMaxIptcBytes = std::size_t{1} << 20;

// The accepted format the bytes start with (base::SniffFormat), with the
// archive's statuses: Unsupported naming the format when it is recognisable
// (SVG, PDF, GIF, BigTIFF, ...) or saying it is not, Corrupt when the bytes
// are empty or too short to be an image. An ingest calls it once and hands
// the format to ReadMetadata and the renderer. Pure, thread-safe.
Result<base::ImageFormat> SniffImageFormat(const std::uint8_t* data, std::size_t size);

// Reads the metadata of an image held in memory, whose format the caller has
// sniffed (SniffImageFormat): the bytes are not sniffed again, and bytes not
// of that format are Corrupt. Thread-safe (after InitMetadataLibrary). On
// failure: Unsupported for kUnknown, Corrupt for bytes that cannot be parsed,
// LimitExceeded (before the metadata library reads anything) when an XMP or
// IPTC block is over its limit above; the message names the reason and, for
// a limit, the sizes.
Result<PhotoMetadata> ReadMetadata(base::ImageFormat format, const std::uint8_t* data, std::size_t size);

// The same for bytes nobody has sniffed yet: SniffImageFormat, then the above.
Result<PhotoMetadata> ReadMetadata(const std::uint8_t* data, std::size_t size);

// The same, from a file on disk.
Result<PhotoMetadata> ReadMetadataFromFile(const std::string& path);

// A copy of an encoded image (JPEG, PNG, TIFF or WebP) carrying `text`'s
// descriptive fields: caption (every language), headline, credit, creator,
// copyright, keywords, alt text, event and usage terms, written as XMP, and for
// JPEG and TIFF also as IPTC IIM declaring UTF-8 (IIM's length limits apply
// there; the XMP keeps the full text). Fields empty in `text` are removed.
// When `strip_private`, GPS, camera/lens serial numbers, owner name, maker
// notes, the EXIF thumbnail and the old IPTC/XMP are dropped. The Orientation
// tag is never changed: it describes these bytes' pixels (renditions come out
// of the renderer upright, with Orientation 1 or none).
// A JPEG's XMP is one segment of at most 64 kB: text that does not fit is
// left out in a fixed order (the original's other XMP properties, caption
// and alt text languages other than x-default and en, keywords, alt text,
// caption), never the credit, creator, copyright, headline, event or usage
// terms; every text within media/text_limits.h fits this way.
// `image_bytes` is not modified. Unsupported for other formats (HEIC, AVIF);
// Corrupt when the bytes cannot be parsed. Thread-safe (after
// InitMetadataLibrary).
Result<std::string> EmbedDescription(const std::string& image_bytes, const PhotoMetadata& text,
                                     bool strip_private);
// The same for bytes whose format the caller knows (a rendition it encoded):
// not sniffed again.
Result<std::string> EmbedDescription(base::ImageFormat format, const std::string& image_bytes,
                                     const PhotoMetadata& text, bool strip_private);

// The copy of a stored original that a download hands out: the catalog's
// `text` written in as EmbedDescription does (nothing private removed) where
// it can be (JPEG, PNG, TIFF, WebP), else the original's bytes as stored
// (HEIC, AVIF, and files the metadata library cannot rewrite). Unless
// `with_location`, the copy carries no location: the EXIF GPS directory and
// the XMP exif:GPS* properties are removed; from bytes as stored (JPEG, HEIC,
// AVIF) in place, the GPS directory's entries and values zeroed and an XMP
// packet naming GPS replaced by an empty one of the same size. The copy is
// then read back to check that no location remains. An error (Corrupt) when
// the bytes are not an accepted image or a location cannot be removed: then
// there is nothing to send. `original` is not modified; it is sniffed once.
// Thread-safe (after InitMetadataLibrary).
Result<std::string> OriginalForDownload(const std::string& original, const PhotoMetadata& text,
                                        bool with_location);

// A standalone XMP packet (UTF-8, with its xpacket wrapper) holding `text`'s
// descriptive fields, as written by EmbedDescription. Thread-safe.
std::string XmpSidecar(const PhotoMetadata& text);

}  // namespace media
