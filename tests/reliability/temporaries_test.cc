// Temporary files left by a crash: opening the archive removes exactly the
// ones its stores name (originals' and renditions'), nothing that only looks
// like them, and `gallery check` reports each one left as a problem by path.
#include <sys/stat.h>

#include <csignal>

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fixtures/api_fixture.h"
#include "fixtures/server_process.h"
#include "fixtures/test_util.h"
#include "reliability_util.h"
#include "service/archive.h"

namespace reliability {
namespace {

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

void MakeDirs(const std::string& path) {
  for (std::size_t at = path.find('/', 1); at != std::string::npos; at = path.find('/', at + 1))
    mkdir(path.substr(0, at).c_str(), 0755);
  mkdir(path.c_str(), 0755);
}

void Plant(const std::string& path) {
  MakeDirs(path.substr(0, path.rfind('/')));
  testing_util::WriteFileOrDie(path, "half-written");
}

class TemporariesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string photo = tmp_ / "photo.jpg";
    testing_util::WriteFileOrDie(photo, http_test::Jpeg(5, "Opening session", "© IOM 2016"));
    auto imported = testing_util::RunGallery({"import", "--data", data_, photo});
    ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
    std::vector<std::string> hashes = CatalogHashes(data_ + "/catalog.db");
    ASSERT_EQ(hashes.size(), 1u);
    sha_ = hashes[0];
    key_dir_ = data_ + "/renditions/" + sha_.substr(0, 2) + "/" + sha_;
    ASSERT_TRUE(Exists(key_dir_ + "/tile.webp"));
    const std::string original_dir = data_ + "/originals/" + sha_.substr(0, 2) + "/" + sha_.substr(2, 2);
    temporaries_ = {
        key_dir_ + "/.tile.webp.tmp-4242-0-123456",
        key_dir_ + "/.large.jpg.tmp-1-17-0",
        original_dir + "/.tmp-" + sha_ + "-4242-3",
    };
    look_alikes_ = {
        key_dir_ + "/.tile.webp.tmp-notes",          // not three numbers
        key_dir_ + "/.tile.webp.tmp-1-2",            // two numbers only
        key_dir_ + "/.poster.webp.tmp-1-2-3",        // no rendition of that name
        key_dir_ + "/.tile.png.tmp-1-2-3",           // no such format
        key_dir_ + "/tile.webp.tmp-1-2-3",           // not hidden
        data_ + "/renditions/.tile.webp.tmp-1-2-3",  // not in an entry folder
        data_ + "/renditions/" + sha_.substr(0, 2) + "/not-a-key/.tile.webp.tmp-1-2-3",
    };
    for (const auto& path : temporaries_) Plant(path);
    for (const auto& path : look_alikes_) Plant(path);
  }

  testing_util::TempDir tmp_;
  const std::string data_ = tmp_ / "data";
  std::string sha_, key_dir_;
  std::vector<std::string> temporaries_, look_alikes_;
};

TEST_F(TemporariesTest, RenditionCacheListsAndRemovesOnlyItsOwnTemporaries) {
  thumbnails::RenditionCache cache(data_ + "/renditions");
  auto listed = cache.ListTemporaries();
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  std::vector<std::string> expected = {temporaries_[0], temporaries_[1]};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(listed.value(), expected);
  auto removed = cache.RemoveTemporaries();
  ASSERT_TRUE(removed.ok()) << removed.error().message;
  EXPECT_EQ(removed.value(), 2u);
  EXPECT_TRUE(cache.ListTemporaries().value().empty());
  for (const auto& path : expected) EXPECT_FALSE(Exists(path)) << path;
  for (const auto& path : look_alikes_) EXPECT_TRUE(Exists(path)) << path;
  EXPECT_TRUE(cache.Has(sha_, "tile", thumbnails::Format::kWebp));
}

TEST_F(TemporariesTest, CheckReportsEveryTemporaryByPathAndRemovesNone) {
  auto check = testing_util::RunGallery({"check", "--data", data_});
  EXPECT_EQ(check.exit_code, 1) << check.out << check.err;
  EXPECT_NE(check.out.find("check FAILED"), std::string::npos) << check.out;
  for (const auto& path : temporaries_) {
    EXPECT_NE(check.out.find("problem: temporary file left by an interrupted"), std::string::npos);
    EXPECT_NE(check.out.find(path + "\n"), std::string::npos) << path << " not in\n" << check.out;
    EXPECT_TRUE(Exists(path)) << path;
  }
  for (const auto& path : look_alikes_) EXPECT_EQ(check.out.find(path), std::string::npos) << path;
}

TEST_F(TemporariesTest, OpeningTheArchiveSweepsExactlyTheTemporaries) {
  {
    auto archive = gallery::Archive::Open(gallery::DataDir(data_));
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
  }
  for (const auto& path : temporaries_) EXPECT_FALSE(Exists(path)) << path;
  for (const auto& path : look_alikes_) EXPECT_TRUE(Exists(path)) << path;
  EXPECT_TRUE(Exists(key_dir_ + "/tile.webp"));
  auto check = testing_util::RunGallery({"check", "--data", data_});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("check ok"), std::string::npos) << check.out;
}


// A command that opens the archive while a server has it open leaves the
// temporaries alone (they may be the server's writes in progress) and
// `gallery check` counts them in a note; once the server has stopped, the
// next command removes them.
TEST_F(TemporariesTest, WhileAServerRunsTemporariesAreLeftAndOnlyNoted) {
  http_test::ServerProcess server(data_);
  for (const auto& path : temporaries_) EXPECT_FALSE(Exists(path)) << "swept at start: " << path;
  for (const auto& path : temporaries_) Plant(path);
  auto token = testing_util::RunGallery({"token", "create", "--data", data_, "--role", "editor"});
  ASSERT_EQ(token.exit_code, 0) << token.out << token.err;
  for (const auto& path : temporaries_) EXPECT_TRUE(Exists(path)) << path;
  auto check = testing_util::RunGallery({"check", "--data", data_});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("note: 3 temporary files while another process has the archive open"),
            std::string::npos)
      << check.out;
  EXPECT_NE(check.out.find("check ok"), std::string::npos) << check.out;
  EXPECT_EQ(server.Stop(SIGTERM), 0);
  token = testing_util::RunGallery({"token", "create", "--data", data_, "--role", "editor"});
  ASSERT_EQ(token.exit_code, 0) << token.out << token.err;
  for (const auto& path : temporaries_) EXPECT_FALSE(Exists(path)) << path;
  for (const auto& path : look_alikes_) EXPECT_TRUE(Exists(path)) << path;
}

}  // namespace
}  // namespace reliability
