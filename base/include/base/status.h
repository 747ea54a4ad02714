// Errors as values for the base layer and the archive (media/ uses these
// under its own names, media::Status and media::Result<T>). No exception
// crosses a library's boundary: every fallible public function returns a
// Status or a Result<T>. service/ maps Status codes to HTTP statuses in one
// place.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace base {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kNotFound,         // no such photo, album, meeting, file
    kInvalidArgument,  // the caller's input is wrong (bad slug, bad field)
    kUnsupported,      // a format or feature we refuse (SVG, PSD, ...)
    kCorrupt,          // the bytes are broken: truncated, malformed, hostile
    kTooLarge,         // over a configured limit (pixels, bytes)
    kLimitExceeded,    // sound bytes with a part over a fixed limit (a metadata block)
    kConflict,         // already exists (slug taken, ...)
    kIOError,          // disk or database failed
    kNoSpace,          // the disk is full
    kBusy,             // try again later (queue full, database locked)
  };

  Status() = default;
  static Status OK() { return Status(); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status InvalidArgument(std::string msg) { return Status(Code::kInvalidArgument, std::move(msg)); }
  static Status Unsupported(std::string msg) { return Status(Code::kUnsupported, std::move(msg)); }
  static Status Corrupt(std::string msg) { return Status(Code::kCorrupt, std::move(msg)); }
  static Status TooLarge(std::string msg) { return Status(Code::kTooLarge, std::move(msg)); }
  static Status LimitExceeded(std::string msg) { return Status(Code::kLimitExceeded, std::move(msg)); }
  static Status Conflict(std::string msg) { return Status(Code::kConflict, std::move(msg)); }
  static Status IOError(std::string msg) { return Status(Code::kIOError, std::move(msg)); }
  static Status NoSpace(std::string msg) { return Status(Code::kNoSpace, std::move(msg)); }
  static Status Busy(std::string msg) { return Status(Code::kBusy, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // A stable lower-case name for the code ("not_found", "corrupt", ...).
  const char* code_name() const;
  // "corrupt: truncated JPEG" (or "ok").
  std::string ToString() const;
  // The same code with `prefix` before the message ("photos[3]: " + message).
  Status Prefixed(const std::string& prefix) const { return Status(code_, prefix + message_); }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value or the Status saying why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit on purpose
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: must not be OK
  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace base
