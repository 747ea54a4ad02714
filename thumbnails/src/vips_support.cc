#include "vips_support.h"

namespace thumbnails {

namespace {

// The library's buffer holds one line per message, most specific first.
std::string JoinLines(const std::string& text) {
  std::string joined;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty()) joined += (joined.empty() ? "" : "; ") + line;
    start = end + 1;
  }
  return joined;
}

}  // namespace

Error VipsFailure(Error::Kind kind, const std::string& what) {
  char* raw = vips_error_buffer_copy();  // copies and clears, under the library's lock
  std::string reason = JoinLines(raw ? raw : "");
  g_free(raw);
  if (reason.empty()) reason = "failed (the image library gave no reason)";
  return Error{kind, what + ": " + reason};
}

Error NotInitialized() {
  return Error{Error::kInternal, "thumbnails::Init has not been called"};
}

}  // namespace thumbnails
