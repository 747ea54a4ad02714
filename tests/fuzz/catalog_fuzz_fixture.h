// The small catalog the query fuzzer searches, and the encoding of one query
// input, shared by the fuzzer and the seed writer so that seeds carry cursors
// the fuzzer's own catalog accepts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "media/catalog.h"

namespace fuzz {

// Opens a new catalog file at `path` and fills it with one meeting, one album
// and a dozen photos (captions in English and French with accents, keywords,
// credits, some without a date). Aborts with a message on any failure: the
// fixture is the fuzzer's own set-up, not input.
std::unique_ptr<media::Catalog> MakeQueryCatalog(const std::string& path);

// One fuzz input, decoded.
struct QueryInput {
  std::string text;    // PhotoFilter::text
  std::string cursor;  // PhotoFilter::cursor
  bool in_album = false;          // list album order instead of the default order
  bool include_embargoed = true;
  int limit = 1;                  // 1..8
};

// Input layout: one flags byte, then the text, a 0xFF byte, then the cursor
// (a missing 0xFF means an empty cursor). Flags: bit 0 album order, bit 1
// leave out embargoed photos, bits 2..4 limit - 1.
QueryInput DecodeQueryInput(const std::uint8_t* data, std::size_t size);
std::string EncodeQueryInput(const QueryInput& in);

// The filter the fuzzer lists with for `in`.
media::PhotoFilter QueryFilter(const QueryInput& in);

}  // namespace fuzz
