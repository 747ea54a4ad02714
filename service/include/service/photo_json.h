// The JSON shape of a photo's metadata, as the HTTP API and `gallery inspect`
// print it.
//
// Every field is always present. Absent values: null for scalars (taken_at,
// exposure_time, f_number, iso, focal_length, gps, and "" strings such as make
// or credit print as null), {} for text by language (caption, headline,
// alt_text), [] for keywords.
#pragma once

#include <nlohmann/json.hpp>

#include "media/metadata.h"

namespace gallery {

// {"format", "width", "height", "orientation", "taken_at", "make", "model",
//  "lens", "exposure_time", "f_number", "iso", "focal_length",
//  "gps": {"lat", "lon", "alt"} | null, "caption": {lang: text}, "headline":
//  {lang: text}, "credit", "creator", "copyright", "keywords": [...],
//  "alt_text": {lang: text}, "event", "usage_terms"}
nlohmann::json MetadataToJson(const media::PhotoMetadata& m);

}  // namespace gallery
