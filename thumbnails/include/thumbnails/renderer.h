// Rendering the renditions of one original: decode once, encode each size.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "thumbnails/error.h"
#include "thumbnails/probe.h"
#include "thumbnails/rendition_spec.h"
#include "thumbnails/stage_time.h"

namespace thumbnails {

// One encoded rendition: upright, 8-bit sRGB, stripped of all metadata (no
// EXIF, GPS, serial numbers, maker notes, XMP, IPTC, ICC profile). The caller
// writes credit and copyright into it afterwards if it wants them.
struct Rendition {
  std::string name;  // the spec's name
  Format format = Format::kWebp;
  int width = 0;
  int height = 0;
  std::string bytes;  // the encoded file
};

struct IngestSet {
  ProbeInfo source;                   // the original, from its header
  std::vector<Rendition> renditions;  // per spec made at ingest (table order), per format (given order)
  StageTimes times;                   // wall time of each step, in order
};

// The sizes never exceed the original's: kInside specs fit size×size with the
// aspect kept (a smaller photo keeps its size); kSquareCrop specs are squares of
// side min(size, shorter side), cut where the picture draws attention.
// JPEG output has alpha flattened on white; WebP keeps alpha.
//
// Errors (all renderers): kUnsupported, kCorrupt (including truncated files:
// they are refused, never rendered grey), kTooLarge (checked from the header,
// before decoding), kInternal (encoder failure, before Init). Messages name
// the operation and the reason.
// Thread-safety: any number of threads may render at once; `bytes` is only
// read during the call.

// Each renderer takes the original's format as the caller sniffed it once
// (see Probe), or sniffs the bytes itself when given none.

// Every spec with made_at_ingest, from one decode: the largest of them is made
// with shrink-on-load and kept in memory, the smaller ones are made from it.
// `formats` must not be empty (kInvalidArgument).
Result<IngestSet> RenderIngestSet(SourceFormat source_format, std::string_view bytes,
                                  const std::vector<Format>& formats);
Result<IngestSet> RenderIngestSet(std::string_view bytes,
                                  const std::vector<Format>& formats = {Format::kWebp,
                                                                        Format::kJpeg});

// One rendition of any spec (the `large` one on first request), decoded with
// shrink-on-load straight to its size. Its dimensions equal those
// RenderIngestSet gives for the same spec.
Result<Rendition> RenderOne(SourceFormat source_format, std::string_view bytes,
                            const RenditionSpec& spec, Format format);
Result<Rendition> RenderOne(std::string_view bytes, const RenditionSpec& spec, Format format);

}  // namespace thumbnails
