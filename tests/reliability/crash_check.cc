#include "crash_check.h"

#include <fstream>
#include <sstream>

#include "fixtures/test_util.h"
#include "media/sha256.h"
#include "reliability_util.h"

namespace reliability {

std::vector<std::string> CheckAfterRestart(const std::string& data_dir,
                                           const std::set<std::string>& acknowledged) {
  std::vector<std::string> problems;
  const std::string db = data_dir + "/catalog.db";
  std::string integrity = IntegrityCheck(db);
  if (integrity != "ok") problems.push_back("integrity_check: " + integrity);
  std::vector<std::string> rows = CatalogHashes(db);
  std::set<std::string> catalogued(rows.begin(), rows.end());
  for (const std::string& sha : acknowledged) {
    if (!catalogued.count(sha)) {
      problems.push_back("acknowledged upload " + sha + " has no catalog row");
      continue;
    }
    std::string path = data_dir + "/originals/" + sha.substr(0, 2) + "/" + sha.substr(2, 2) + "/" + sha;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) problems.push_back("acknowledged upload " + sha + " has no original file");
    else if (media::Sha256Hex(bytes.str().data(), bytes.str().size()) != sha)
      problems.push_back("original " + sha + " does not have its hash");
  }
  for (const std::string& temp : TemporaryFiles(data_dir)) problems.push_back("temporary file left: " + temp);
  auto check = testing_util::RunGallery({"check", "--data", data_dir}, 120);
  if (check.exit_code != 0 || check.out.find("check ok") == std::string::npos)
    problems.push_back("gallery check: exit " + std::to_string(check.exit_code) + "\n" + check.out + check.err);
  return problems;
}

}  // namespace reliability
