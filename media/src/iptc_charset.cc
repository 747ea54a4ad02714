// IPTC IIM text decoding: the record's CodedCharacterSet, else a guess.
#include "base/utf8.h"
#include "metadata_internal.h"

namespace media::metadata_internal {

std::string IptcTextToUtf8(const std::string& raw, bool declared_utf8) {
  if (!declared_utf8 || IsValidUtf8(raw)) return ToUtf8(raw);
  // Declared UTF-8 but broken: keep the valid parts, mark the rest.
  std::string out;
  for (std::size_t i = 0; i < raw.size();) {
    const std::size_t n = base::DecodeUtf8(raw, i);
    if (n > 0) {
      out += raw.substr(i, n);
      i += n;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

}  // namespace media::metadata_internal
