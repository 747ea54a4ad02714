// Hostile files made at test time for the upload tests: headers that declare
// huge images, broken and cyclic metadata, foreign formats and polyglots.
// Every function returns the file's bytes; none reads anything from disk.
#pragma once

#include <cstddef>
#include <string>

namespace reliability {

// A PNG whose IHDR declares `width`×`height` (8-bit RGB), followed by a tiny
// IDAT with a few rows and IEND, all chunk CRCs correct.
std::string PngDeclaring(unsigned width, unsigned height);
// A real small JPEG whose frame header (SOF) is rewritten to declare
// `width`×`height`.
std::string JpegDeclaring(unsigned width, unsigned height);
// A real JPEG whose Huffman tables are overwritten with 0xFF bytes.
std::string JpegWithBrokenHuffmanTables();
// A real JPEG whose frame header says "lossless" (SOF3), a process the decoder
// does not implement.
std::string JpegLossless();
// A real JPEG with an EXIF block whose IFD0 points back to itself both as its
// next IFD and as its EXIF sub-IFD.
std::string JpegWithCyclicExif();
// A real JPEG carrying `segments` full-size IPTC blocks (64952 bytes after the
// APP13 signature each: 16 stay under 1 MB, 17 are over), each one declaring
// a dataset longer than the block.
std::string JpegWithHugeIptc(int segments);
// A real JPEG carrying, besides its own small XMP block, an XMP packet of
// exactly `bytes` bytes: the standard block plus extended-XMP blocks, with
// deeply nested elements.
std::string JpegWithHugeXmp(std::size_t bytes);
// A Photoshop document header (8BPS) with a 30000×30000 canvas.
std::string PsdFile();
// The image library's own file format (.vips): header for 20000×20000 pixels.
std::string VipsFile();
// A real JPEG followed by a ZIP archive holding a script.
std::string JpegZipPolyglot();
// A GIF header that is also JavaScript.
std::string GifJsPolyglot();
// A ZIP archive (one stored entry), which is not an image at all.
std::string ZipFile();

}  // namespace reliability
