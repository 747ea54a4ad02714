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

// Issue 14 made the viewer role one a token may have; an unknown role is
// still refused by name.
TEST(TokenTest, MakesAViewerTokenAndRefusesAnUnknownRole) {
  testing_util::TempDir tmp;
  auto viewer = testing_util::RunGallery({"token", "create", "--data", tmp / "data", "--role", "viewer"}, 60);
  EXPECT_EQ(viewer.exit_code, 0) << viewer.err;
  EXPECT_NE(viewer.out.find("viewer token"), std::string::npos) << viewer.out;
  auto r = testing_util::RunGallery({"token", "create", "--data", tmp / "data", "--role", "root"}, 60);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("viewer, editor or admin"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace http_test
