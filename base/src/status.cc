#include "base/status.h"

namespace base {

const char* Status::code_name() const {
  switch (code_) {
    case Code::kOk: return "ok";
    case Code::kNotFound: return "not_found";
    case Code::kInvalidArgument: return "invalid_argument";
    case Code::kUnsupported: return "unsupported";
    case Code::kCorrupt: return "corrupt";
    case Code::kTooLarge: return "too_large";
    case Code::kLimitExceeded: return "limit_exceeded";
    case Code::kConflict: return "conflict";
    case Code::kIOError: return "io_error";
    case Code::kNoSpace: return "no_space";
    case Code::kBusy: return "busy";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(code_name()) + ": " + message_;
}

}  // namespace base
