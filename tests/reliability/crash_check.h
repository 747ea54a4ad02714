// The promises a data folder keeps after the server was killed at any moment,
// checked by the crash test and by tests/soak/crash.sh (through the
// reliability_tests binary).
#pragma once

#include <set>
#include <string>
#include <vector>

namespace reliability {

// Checks `data_dir` after a restart: every hash in `acknowledged` (uploads
// answered 2xx) has a catalog row and an original with that hash, the catalog
// passes PRAGMA integrity_check, `gallery check` is clean, and no temporary
// file is left outside the rendition cache. Returns the problems found, one
// line each; empty when whole. Temporary files of the rendition cache (never
// served, but not yet removed at start: see RELIABILITY.md) are counted in
// `rendition_temporaries` instead.
std::vector<std::string> CheckAfterRestart(const std::string& data_dir,
                                           const std::set<std::string>& acknowledged,
                                           std::size_t* rendition_temporaries);

}  // namespace reliability
