// Where the metadata library's log lines go: collected per thread (bounded),
// never written to stderr. The reader attaches them to error messages.
#include "metadata_internal.h"

namespace media::metadata_internal {
namespace {

constexpr std::size_t kMaxKept = 32;
thread_local std::vector<std::string> t_warnings;

}  // namespace

void CollectMetadataLog(int /*level*/, const char* message) {
  if (!message || t_warnings.size() >= kMaxKept) return;
  std::string line = Trim(message);
  if (!line.empty()) t_warnings.push_back(ToUtf8(line));
}

std::vector<std::string> TakeMetadataWarnings() {
  std::vector<std::string> out;
  out.swap(t_warnings);
  return out;
}

void ClearMetadataWarnings() { t_warnings.clear(); }

}  // namespace media::metadata_internal
