#include "http/byte_range.h"

#include <optional>

namespace gallery::http {

namespace {

std::optional<std::uint64_t> Number(const std::string& s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

}  // namespace

RangeRequest ParseRange(const std::string& header, std::uint64_t size) {
  RangeRequest r;
  const std::string unit = "bytes=";
  if (header.compare(0, unit.size(), unit) != 0) return r;
  std::string spec = header.substr(unit.size());
  if (spec.find(',') != std::string::npos) return r;
  std::size_t dash = spec.find('-');
  if (dash == std::string::npos) return r;
  std::string a = spec.substr(0, dash), b = spec.substr(dash + 1);
  auto first = Number(a);
  auto last = Number(b);
  if ((!a.empty() && !first) || (!b.empty() && !last) || (!first && !last)) return r;
  if (!first) {  // a suffix: the last N bytes
    if (*last == 0 || size == 0) return {RangeRequest::kUnsatisfiable, 0, 0};
    std::uint64_t n = *last < size ? *last : size;
    return {RangeRequest::kPartial, size - n, size - 1};
  }
  if (last && *last < *first) return r;
  if (*first >= size) return {RangeRequest::kUnsatisfiable, 0, 0};
  std::uint64_t end = last && *last < size ? *last : size - 1;
  return {RangeRequest::kPartial, *first, end};
}

}  // namespace gallery::http
