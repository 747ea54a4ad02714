#include "thumbnails/rendition_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "fixtures/test_util.h"

namespace thumbnails {
namespace {

const std::string kKey = "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b";
const std::string kOtherKey = "0000000000000000000000000000000000000000000000000000000000000abc";

TEST(RenditionCache, PutThenGetReturnsTheBytes) {
  testing_util::TempDir dir;
  RenditionCache cache(dir / "cache");
  EXPECT_FALSE(cache.Has(kKey, "tile", Format::kWebp));
  auto missing = cache.Get(kKey, "tile", Format::kWebp);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, Error::kNotFound);

  std::string bytes("RIFF\0\0\0\0WEBPdata", 16);
  ASSERT_TRUE(cache.Put(kKey, "tile", Format::kWebp, bytes).ok());
  EXPECT_TRUE(cache.Has(kKey, "tile", Format::kWebp));
  EXPECT_FALSE(cache.Has(kKey, "tile", Format::kJpeg));
  EXPECT_FALSE(cache.Has(kKey, "small", Format::kWebp));
  auto got = cache.Get(kKey, "tile", Format::kWebp);
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got.value(), bytes);

  auto path = cache.Path(kKey, "tile", Format::kWebp);
  ASSERT_TRUE(path.ok());
  EXPECT_EQ(path.value(), dir / "cache/3a/" + kKey + "/tile.webp");
  EXPECT_EQ(testing_util::ReadFileOrDie(path.value()), bytes);

  ASSERT_TRUE(cache.Put(kKey, "tile", Format::kWebp, "replaced").ok());
  EXPECT_EQ(cache.Get(kKey, "tile", Format::kWebp).value(), "replaced");
}

TEST(RenditionCache, BadKeysAndNamesAreRefusedAndTouchNothing) {
  testing_util::TempDir dir;
  RenditionCache cache(dir / "cache");
  const std::string bad_keys[] = {
      "",
      "../../etc/passwd",
      kKey.substr(0, 63),
      kKey + "0",
      "3A7BD3E2360A3D29EEA436FCFB7E44C735D117C42D1C1835420B6B9942DD4F1B",
      std::string(62, 'a') + "/.",
      std::string(63, 'a') + "g",
  };
  for (const auto& key : bad_keys) {
    auto put = cache.Put(key, "tile", Format::kJpeg, "x");
    ASSERT_FALSE(put.ok()) << key;
    EXPECT_EQ(put.error().kind, Error::kInvalidArgument);
    EXPECT_FALSE(cache.Get(key, "tile", Format::kJpeg).ok());
    EXPECT_FALSE(cache.Path(key, "tile", Format::kJpeg).ok());
    EXPECT_FALSE(cache.Has(key, "tile", Format::kJpeg));
    EXPECT_EQ(cache.Remove(key).error().kind, Error::kInvalidArgument);
  }
  for (const std::string name : {"", "../tile", "tile/..", "huge", "Tile"}) {
    auto put = cache.Put(kKey, name, Format::kJpeg, "x");
    ASSERT_FALSE(put.ok()) << name;
    EXPECT_EQ(put.error().kind, Error::kInvalidArgument);
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "cache"));
}

TEST(RenditionCache, TemporaryFilesAreNeverEntries) {
  testing_util::TempDir dir;
  RenditionCache cache(dir / "cache");
  ASSERT_TRUE(cache.Put(kKey, "small", Format::kJpeg, "whole").ok());
  // What a crash in the middle of a Put leaves behind.
  std::string folder = dir / "cache/3a/" + kKey;
  testing_util::WriteFileOrDie(folder + "/.tile.webp.tmp-1-2-3", "half");
  testing_util::WriteFileOrDie(folder + "/.small.jpg.tmp-1-2-4", "half");
  EXPECT_FALSE(cache.Has(kKey, "tile", Format::kWebp));
  EXPECT_EQ(cache.Get(kKey, "small", Format::kJpeg).value(), "whole");
  EXPECT_EQ(cache.Keys().value(), std::vector<std::string>{kKey});
  // A successful Put leaves only the entry.
  size_t files = 0;
  ASSERT_TRUE(cache.Put(kKey, "medium", Format::kWebp, "m").ok());
  for (const auto& e : std::filesystem::directory_iterator(folder)) files += e.is_regular_file();
  EXPECT_EQ(files, 4u);  // small.jpg, medium.webp and the two leftovers
  // Remove takes the leftovers too.
  ASSERT_TRUE(cache.Remove(kKey).ok());
  EXPECT_FALSE(std::filesystem::exists(folder));
  EXPECT_TRUE(cache.Keys().value().empty());
  EXPECT_TRUE(cache.Remove(kKey).ok()) << "removing twice is fine";
}

TEST(RenditionCache, ReadersNeverSeeAPartialFile) {
  testing_util::TempDir dir;
  RenditionCache cache(dir / "cache");
  const std::string a(1 << 20, 'a'), b(1 << 20, 'b');
  ASSERT_TRUE(cache.Put(kKey, "large", Format::kJpeg, a).ok());
  std::atomic<bool> done{false};
  std::atomic<int> bad_reads{0}, reads{0};
  std::thread reader([&] {
    while (!done) {
      auto got = cache.Get(kKey, "large", Format::kJpeg);
      ++reads;
      if (!got.ok() || (got.value() != a && got.value() != b)) ++bad_reads;
    }
  });
  for (int i = 0; i < 30; ++i)
    ASSERT_TRUE(cache.Put(kKey, "large", Format::kJpeg, i % 2 ? a : b).ok());
  done = true;
  reader.join();
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(bad_reads.load(), 0);
}

TEST(RenditionCache, KeysListsEveryPhotoWithEntries) {
  testing_util::TempDir dir;
  RenditionCache cache(dir / "cache");
  EXPECT_TRUE(cache.Keys().value().empty()) << "a missing root has no keys";
  ASSERT_TRUE(cache.Put(kKey, "tile", Format::kWebp, "t").ok());
  ASSERT_TRUE(cache.Put(kOtherKey, "tile", Format::kJpeg, "t").ok());
  std::filesystem::create_directories(dir / "cache/zz/not-a-key");
  EXPECT_EQ(cache.Keys().value(), (std::vector<std::string>{kOtherKey, kKey}));
  ASSERT_TRUE(cache.Remove(kOtherKey).ok());
  EXPECT_EQ(cache.Keys().value(), std::vector<std::string>{kKey});
  EXPECT_TRUE(cache.Has(kKey, "tile", Format::kWebp));
}

TEST(RenditionCache, RootThatIsAFileIsAnIoError) {
  testing_util::TempDir dir;
  testing_util::WriteFileOrDie(dir / "file", "not a folder");
  RenditionCache cache(dir / "file/cache");
  auto put = cache.Put(kKey, "tile", Format::kWebp, "x");
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.error().kind, Error::kIOError);
  EXPECT_NE(put.error().message.find("file/cache"), std::string::npos) << put.error().message;
  EXPECT_EQ(testing_util::ReadFileOrDie(dir / "file"), "not a folder");
}

}  // namespace
}  // namespace thumbnails
