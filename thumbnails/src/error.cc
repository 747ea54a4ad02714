#include "thumbnails/error.h"

namespace thumbnails {

const char* ErrorKindName(Error::Kind kind) {
  switch (kind) {
    case Error::kUnsupported: return "unsupported";
    case Error::kCorrupt: return "corrupt";
    case Error::kTooLarge: return "too_large";
    case Error::kIOError: return "io_error";
    case Error::kNoSpace: return "no_space";
    case Error::kNotFound: return "not_found";
    case Error::kInvalidArgument: return "invalid_argument";
    case Error::kInternal: return "internal";
  }
  return "internal";
}

}  // namespace thumbnails
