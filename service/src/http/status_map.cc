#include "http/status_map.h"

#include <unistd.h>

#include <string>

namespace gallery::http {

ApiError ErrorOf(media::Status::Code code) {
  using C = media::Status::Code;
  switch (code) {
    case C::kOk: break;
    case C::kNotFound: return ApiError::kNotFound;
    case C::kInvalidArgument: return ApiError::kInvalidArgument;
    case C::kUnsupported: return ApiError::kUnsupportedMediaType;
    case C::kCorrupt: return ApiError::kCorrupt;
    case C::kTooLarge: return ApiError::kTooLarge;
    case C::kLimitExceeded: return ApiError::kLimitExceeded;
    case C::kConflict: return ApiError::kConflict;
    case C::kBusy: return ApiError::kBusy;
    case C::kNoSpace: return ApiError::kNoSpace;
    case C::kIOError: return ApiError::kIoError;
  }
  return ApiError::kInternal;
}

std::string ClientMessage(const media::Status& status) {
  using C = media::Status::Code;
  if (status.code() != C::kNoSpace && status.code() != C::kIOError) return status.message();
  std::string line = "server error: " + std::string(status.code_name()) + ": " + status.message() + "\n";
  ssize_t ignored = write(2, line.data(), line.size());
  (void)ignored;
  return status.code() == C::kNoSpace ? "the server is out of disk space; nothing was stored"
                                      : "the server could not read or write its files";
}

HttpResponse ErrorFromStatus(const media::Status& status) {
  HttpResponse r = ErrorResponse(ErrorOf(status.code()), ClientMessage(status));
  if (status.code() == media::Status::Code::kBusy) r.headers.emplace_back("Retry-After", "1");
  return r;
}

}  // namespace gallery::http
