// The one durable writer: a whole file made durable under its final name, so
// that after a crash at any point the name holds either nothing (or what it
// held before) or all of the new bytes. Every step goes through a FileSystem,
// so a fault-injecting one sees (and can break) each of them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/file_system.h"

namespace base {

// Writes `bytes` to `temp_path` (created or truncated; it must be in the same
// directory as `final_path`, so the rename is atomic), syncs and closes it,
// renames it over `final_path`, then syncs each folder of `sync_dirs` in order
// (the final folder first, then any parent whose entry may be new). On a
// failure before the rename the temporary is removed (best effort) and the
// first error returned; after it, the first folder sync that fails.
// Thread-safe as far as `fs` is; callers choose distinct temporary names.
Status WriteFileDurably(FileSystem* fs, const std::string& temp_path, const std::string& final_path,
                        std::string_view bytes, const std::vector<std::string>& sync_dirs);

// The folder `path` is in: "." for a bare name, "/" for an entry of the root.
std::string ParentDir(const std::string& path);

}  // namespace base
