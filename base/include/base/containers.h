// Walkers for the containers image files are built of: PNG chunks, RIFF
// (WebP) chunks, ISO-BMFF (HEIF/AVIF) boxes and the `ftyp` brands. They read
// only within the buffer they are given and never allocate from a declared
// size; a chunk or box that does not fit ends the walk and says so. They
// check no signature (the format sniff did) and parse no payload.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace base {

// ---- PNG ----------------------------------------------------------------

// One chunk: its type, its data (without length, type and CRC) and where its
// header starts.
struct PngChunk {
  std::string_view type;
  std::string_view data;
  std::size_t offset = 0;
};

// How a PNG walk ended.
struct PngWalk {
  enum End {
    kIend,       // reached the IEND chunk (visited) with every chunk whole
    kStopped,    // the visitor asked to stop
    kTruncated,  // a chunk's data and CRC do not fit in what is left
    kNoIend,     // the bytes ran out (less than a chunk header left) before IEND
  };
  End end = kNoIend;
  // kTruncated: the chunk's type, its declared data length and the bytes left
  // after its header (data and CRC would have to fit there).
  std::string type;
  std::uint32_t declared = 0;
  std::size_t left = 0;
};

// Visits each chunk after the 8-byte signature, in order; `visit` returns
// false to stop. Declared lengths over 2^31 - 1 count as not fitting.
PngWalk WalkPngChunks(std::string_view bytes, const std::function<bool(const PngChunk&)>& visit);

// ---- RIFF (WebP) --------------------------------------------------------

// One chunk after the 12-byte RIFF header: its FourCC, its data, and all of
// it as stored (header, data and the pad byte of an odd size; a final chunk
// may lack its pad byte).
struct RiffChunk {
  std::string_view fourcc;
  std::string_view data;
  std::string_view whole;
  std::size_t offset = 0;
};

struct RiffWalk {
  enum End {
    kComplete,        // every byte after the header belongs to a chunk
    kHeaderPastEnd,   // 1 to 7 bytes are left: less than a chunk header
    kChunkPastEnd,    // a chunk's declared size runs past the end
    kTooShort,        // less than the 12-byte RIFF header
  };
  End end = kComplete;
  std::string fourcc;  // kChunkPastEnd: the chunk that does not fit
};

RiffWalk WalkRiffChunks(std::string_view bytes, const std::function<void(const RiffChunk&)>& visit);

// ---- ISO-BMFF -----------------------------------------------------------

// One box: its type and its body (after the 8- or 16-byte header).
struct BmffBox {
  std::string type;
  std::string_view body;
};

// The boxes laid end to end in `bytes` (a file or a box's body); stops at the
// first box whose declared size does not fit, and after `max_boxes`. A size
// of 0 runs to the end; a size of 1 takes the 64-bit size that follows.
std::vector<BmffBox> BmffChildren(std::string_view bytes, std::size_t max_boxes = 256);

// The first box of `type` in `boxes`, or null.
const BmffBox* FindBox(const std::vector<BmffBox>& boxes, std::string_view type);

// The brands of the `ftyp` box that starts `bytes`: the major brand, then the
// compatible ones, bounded by the box, the buffer and the first 4096 bytes.
// Empty when `bytes` does not start with an `ftyp` box (fewer than 12 bytes,
// or another type at offset 4).
std::vector<std::string> FtypBrands(std::string_view bytes);

}  // namespace base
