// The shared real-world photo set: every photo renders, every hostile file is
// refused (or rendered) without harm. Skipped when the corpus is absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "fixtures/test_util.h"
#include "test_images.h"
#include "thumbnails/renderer.h"

namespace thumbnails {
namespace {

std::vector<std::string> FilesIn(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file()) files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

class CorpusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    corpus_ = testing_util::CorpusDir();
    if (corpus_.empty()) GTEST_SKIP() << "the shared corpus is not present";
    thumbnails_test::EnsureInit();
  }
  std::string corpus_;
};

TEST_F(CorpusTest, EveryPhotoRendersTheIngestSet) {
  std::vector<std::string> failures;
  size_t rendered = 0;
  for (const auto& path : FilesIn(corpus_ + "/photos")) {
    std::string bytes = thumbnails_test::ReadFile(path);
    auto set = RenderIngestSet(bytes);
    if (!set.ok()) {
      failures.push_back(path + ": " + ErrorKindName(set.error().kind) + ": " +
                         set.error().message);
      continue;
    }
    ++rendered;
    const ProbeInfo& source = set.value().source;
    for (const auto& r : set.value().renditions) {
      bool fits = r.width <= FindRendition(r.name)->size && r.height <= FindRendition(r.name)->size;
      bool not_enlarged = r.width <= source.width && r.height <= source.height;
      if (!fits || !not_enlarged || r.bytes.empty())
        failures.push_back(path + ": " + r.name + " is " + std::to_string(r.width) + "x" +
                           std::to_string(r.height));
    }
  }
  EXPECT_GT(rendered, 0u);
  for (const auto& f : failures) ADD_FAILURE() << f;
}

TEST_F(CorpusTest, DisplayedSizesMatchTheExpectedTable) {
  // expected.tsv lists width and height as displayed for some photos.
  std::istringstream table(thumbnails_test::ReadFile(corpus_ + "/expected.tsv"));
  std::string line;
  std::getline(table, line);  // header
  size_t checked = 0;
  while (std::getline(table, line)) {
    std::istringstream fields(line);
    std::string name, width, height;
    std::getline(fields, name, '\t');
    std::getline(fields, width, '\t');
    std::getline(fields, height, '\t');
    std::string path = corpus_ + "/photos/" + name;
    if (width.empty() || !std::filesystem::exists(path)) continue;
    auto info = Probe(thumbnails_test::ReadFile(path));
    ASSERT_TRUE(info.ok()) << name << ": " << info.error().message;
    int w = std::stoi(width), h = std::stoi(height);
    // The table holds either stored or displayed dimensions: one must match.
    bool matches = (info.value().stored_width == w && info.value().stored_height == h) ||
                   (info.value().width == w && info.value().height == h);
    EXPECT_TRUE(matches) << name << ": " << info.value().width << "x" << info.value().height;
    ++checked;
  }
  EXPECT_GT(checked, 0u);
}

TEST_F(CorpusTest, HostileFilesAreRefusedOrRenderedSafely) {
  // Each of these was first run in a separate process while exploring: none
  // crashes the image library.
  size_t refused = 0;
  for (const auto& path : FilesIn(corpus_ + "/bad")) {
    std::string bytes = thumbnails_test::ReadFile(path);
    auto set = RenderIngestSet(bytes);
    if (set.ok()) {
      for (const auto& r : set.value().renditions) {
        EXPECT_GT(r.width, 0) << path;
        EXPECT_LE(r.width, FindRendition(r.name)->size) << path;
      }
      continue;
    }
    ++refused;
    EXPECT_NE(set.error().kind, Error::kInternal) << path << ": " << set.error().message;
    EXPECT_FALSE(set.error().message.empty()) << path;
  }
  EXPECT_GT(refused, 0u);
}

TEST_F(CorpusTest, KnownHostileFilesGetTheRightReason) {
  struct Case {
    const char* file;
    Error::Kind kind;
  } cases[] = {
      {"libvips_truncated.jpg", Error::kCorrupt},
      {"ianare_corrupted.jpg", Error::kCorrupt},
      {"drewnoakes_ImageTestSuite_49157x27397_613bytes.jpg", Error::kTooLarge},
      {"libvips_17000x17000.avif", Error::kTooLarge},
  };
  for (const auto& c : cases) {
    std::string path = corpus_ + "/bad/" + c.file;
    if (!std::filesystem::exists(path)) continue;
    auto set = RenderIngestSet(thumbnails_test::ReadFile(path));
    ASSERT_FALSE(set.ok()) << c.file;
    EXPECT_EQ(set.error().kind, c.kind) << c.file << ": " << set.error().message;
  }
}

}  // namespace
}  // namespace thumbnails
