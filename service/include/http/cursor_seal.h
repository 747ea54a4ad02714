// Page cursors as the API hands them out: the catalog's cursor sealed with
// AES-256-GCM under the server's key (DIR/cursor.key), bound to who asked
// and to the listing and filters it was made for. A sealed cursor reveals
// nothing (no photo id, no date); one that was altered, or made for another
// audience or another filter set, does not open.
#pragma once

#include <optional>
#include <string>

#include "media/status.h"

namespace gallery::http {

class CursorSeal {
 public:
  // `key`: 32 bytes; any other size takes a random key of this process's.
  explicit CursorSeal(std::string key);

  // `cursor` sealed for `context` (base64url, no padding); "" stays "".
  std::string Seal(const std::string& cursor, const std::string& context) const;
  // The cursor `sealed` holds when it was sealed for `context` under this
  // key; nullopt otherwise.
  std::optional<std::string> Open(const std::string& sealed, const std::string& context) const;

 private:
  std::string key_;
};

// The 32-byte key in the file at `path`, made (random, mode 0600, synced)
// when there is none; of two processes making it at once, both end up with
// the one that landed. IOError when it cannot be read or made, Corrupt when
// the file does not hold 64 hex digits.
media::Result<std::string> LoadOrCreateKey(const std::string& path);

}  // namespace gallery::http
