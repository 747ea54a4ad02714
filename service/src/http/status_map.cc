#include "http/status_map.h"

#include <unistd.h>

#include <string>

namespace gallery::http {

int HttpStatusFor(media::Status::Code code) {
  using C = media::Status::Code;
  switch (code) {
    case C::kOk: return 200;
    case C::kNotFound: return 404;
    case C::kInvalidArgument: return 400;
    case C::kUnsupported: return 415;
    case C::kCorrupt: return 422;
    case C::kTooLarge: return 413;
    case C::kLimitExceeded: return 422;  // a sound file with a part over a fixed limit
    case C::kConflict: return 409;
    case C::kBusy: return 503;
    case C::kNoSpace: return 507;
    case C::kIOError: return 500;
  }
  return 500;
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
  HttpResponse r = ErrorResponse(HttpStatusFor(status.code()), status.code_name(), ClientMessage(status));
  if (status.code() == media::Status::Code::kBusy) r.headers.emplace_back("Retry-After", "1");
  return r;
}

}  // namespace gallery::http
