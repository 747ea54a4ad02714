// `gallery token create`: prints the token on its last line, stores only
// its hash; the server accepts it.
#include "fixtures/api_fixture.h"

namespace http_test {
namespace {

TEST(TokenTest, CreatePrintsATokenAndStoresOnlyItsHash) {
  testing_util::TempDir tmp;
  std::string data = tmp / "data";
  std::string a = CreateToken(data, "editor"), b = CreateToken(data, "admin");
  EXPECT_GE(a.size(), 43u);
  EXPECT_NE(a, b);
  for (const char* file : {"/catalog.db", "/catalog.db-wal"}) {
    std::string bytes;
    try {
      bytes = testing_util::ReadFileOrDie(data + file);
    } catch (...) {
      continue;
    }
    EXPECT_EQ(bytes.find(a), std::string::npos) << file;
  }
}

TEST(TokenTest, RefusesAViewerOrUnknownRole) {
  testing_util::TempDir tmp;
  for (const char* role : {"viewer", "root"}) {
    auto r = testing_util::RunGallery({"token", "create", "--data", tmp / "data", "--role", role}, 60);
    EXPECT_NE(r.exit_code, 0) << role;
    EXPECT_NE(r.err.find("editor or admin"), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace http_test
