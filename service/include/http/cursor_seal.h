// Page cursors as the API hands them out: the catalog's cursor sealed with
// AES-256-GCM under the server's key (DIR/cursor.key), bound to who asked
// and to the listing and filters it was made for. A sealed cursor reveals
// nothing (no photo id, no date); one that was altered, or made for another
// audience or another filter set, does not open.
#pragma once

#include <optional>
#include <string>

#include "media/status.h"

namespace media {
class Catalog;
}

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

// The 32-byte key every process serving the archive seals cursors with,
// kept in the catalog (a cursor one process handed out opens on any other).
// The first process to ask stores it: the key of the file at `path` when
// there is one (an archive made before keeps its cursors valid), else a new
// random one. Corrupt when the file or the catalog holds something else.
media::Result<std::string> SharedCursorKey(media::Catalog& catalog, const std::string& path);

}  // namespace gallery::http
