// Why a file was refused as a photo, in words for the person who sent it: a
// stable reason and a plain sentence, never the image or metadata library's
// own text (which names decoders and their internals). That text belongs in
// the server's log or the operator's terminal; callers put it there.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "media/status.h"

namespace gallery {

struct Refusal {
  // "unreadable", "truncated", "empty", "too_many_pixels",
  // "unsupported_format" or "metadata_too_large": stable, for clients to
  // translate.
  std::string reason;
  std::string message;  // the plain sentence, e.g. "the file is cut short"
                        // (for metadata_too_large, which block, its size and the limit)
};

// The refusal for a failed ingest's `status` when it is about the file's
// bytes (Corrupt, Unsupported, TooLarge, LimitExceeded); nullopt for any
// other status, whose message is the service's own (an unknown album, a
// full disk, ...). `bytes`, the refused file, tells a file cut short (a JPEG
// without its end-of-image marker, a PNG without its IEND chunk) whichever
// reader failed first.
std::optional<Refusal> RefusalOf(const media::Status& status, std::string_view bytes = {});

}  // namespace gallery
