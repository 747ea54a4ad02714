// A strict multipart/form-data parser (RFC 7578) for uploads. It works on a
// body held in memory; parts refer to it and stay valid while it lives.
// Depends only on the standard library and media::Status.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/status.h"

namespace gallery::http {

struct FormPart {
  std::string name;                     // Content-Disposition name
  std::optional<std::string> filename;  // Content-Disposition filename, when given
  std::string content_type;             // "" when absent
  std::string_view data;                // into the parsed body
};

struct MultipartLimits {
  std::size_t max_parts = 1000;
  std::size_t max_part_bytes = std::size_t(1) << 34;
  std::size_t max_header_bytes = 8192;  // one part's header block
};

// The boundary parameter of a "multipart/form-data; boundary=..." Content-
// Type (quoted or not, 1..70 characters); nullopt when it is another type or
// the boundary is missing or invalid.
std::optional<std::string> FormDataBoundary(const std::string& content_type);

// The parts of `body`. On failure: InvalidArgument naming the reason (no
// opening boundary, missing closing boundary, a part without
// Content-Disposition form-data or name, malformed header, too many parts),
// TooLarge for a part over the limit. Thread-safe (no shared state).
media::Result<std::vector<FormPart>> ParseFormData(std::string_view body, const std::string& boundary,
                                                   const MultipartLimits& limits = {});

}  // namespace gallery::http
