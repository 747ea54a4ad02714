// Errors as values: every fallible call in thumbnails/ returns a Result.
// Nothing in this library throws across its boundary.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace thumbnails {

struct Error {
  enum Kind {
    kUnsupported,      // a format that is not accepted (GIF, SVG, PDF, unknown bytes, ...)
    kCorrupt,          // an accepted format whose bytes do not decode (truncated, malformed)
    kTooLarge,         // declared dimensions over the pixel limit; refused before decoding
    kIOError,          // the file system failed (cache)
    kNoSpace,          // the disk is full (ENOSPC, EDQUOT)
    kNotFound,         // no such cache entry
    kInvalidArgument,  // a bad key, rendition name or setting from the caller
    kInternal,         // the image library failed for a reason that is not the input's fault
  };
  Kind kind = kInternal;
  std::string message;  // human-readable: names the operation and the reason
};

// "unsupported", "corrupt", "too_large", ... : stable, for logs and mapping.
const char* ErrorKindName(Error::Kind kind);

// Either a T or an Error. Calling value() on an error result is a programming
// error (it throws std::bad_variant_access).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT
  bool ok() const { return v_.index() == 0; }
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Success without a value, or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT
  bool ok() const { return !error_.has_value(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace thumbnails
