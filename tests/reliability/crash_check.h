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
// file is left anywhere in the folder (the start removes what a kill left, in
// the original store and in the rendition cache). Returns the problems found,
// one line each; empty when whole.
std::vector<std::string> CheckAfterRestart(const std::string& data_dir,
                                           const std::set<std::string>& acknowledged);

}  // namespace reliability
