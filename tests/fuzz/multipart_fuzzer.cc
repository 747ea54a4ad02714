// Fuzzes the upload path's multipart/form-data parsing: the boundary taken
// from a Content-Type value and the body split into parts, with small limits.
// Input: the Content-Type value up to the first '\n', then the body. Whatever
// the input, both return (no crash, no exception, no sanitizer report); an
// error is InvalidArgument or TooLarge; a boundary is 1..70 characters; parts
// respect the limits, are named, and their data lie inside the body.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/multipart.h"

namespace {

// The boundary used when the Content-Type gives none, so that every body is
// parsed.
constexpr char kFallbackBoundary[] = "gallery-fuzz-boundary";

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "multipart: %s\n", what.c_str());
  std::abort();
}

void CheckParts(std::string_view body, const gallery::http::MultipartLimits& limits,
                const std::vector<gallery::http::FormPart>& parts) {
  if (parts.size() > limits.max_parts) Fail("more parts than the limit");
  for (const gallery::http::FormPart& p : parts) {
    if (p.name.empty()) Fail("a part without a name");
    if (p.data.size() > limits.max_part_bytes) Fail("a part over the limit");
    if (p.data.data() < body.data() || p.data.data() + p.data.size() > body.data() + body.size())
      Fail("a part's data outside the body");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t eol = input.find('\n');
  std::string content_type(input.substr(0, eol));
  std::string_view body = eol == std::string_view::npos ? std::string_view() : input.substr(eol + 1);

  std::optional<std::string> boundary = gallery::http::FormDataBoundary(content_type);
  if (boundary && (boundary->empty() || boundary->size() > 70))
    Fail("a boundary of " + std::to_string(boundary->size()) + " characters");

  gallery::http::MultipartLimits limits;
  limits.max_parts = 8;
  limits.max_part_bytes = 1024;
  limits.max_header_bytes = 256;
  auto parts = gallery::http::ParseFormData(body, boundary.value_or(kFallbackBoundary), limits);
  if (!parts.ok()) {
    media::Status::Code code = parts.status().code();
    if (code != media::Status::Code::kInvalidArgument && code != media::Status::Code::kTooLarge)
      Fail("unexpected error " + parts.status().ToString());
    return 0;
  }
  CheckParts(body, limits, parts.value());
  return 0;
}
