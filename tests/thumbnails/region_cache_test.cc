// The region cache: entries by key, version and name, a byte cap with
// least-recently-used eviction, a photo's other versions dropped, removal,
// and what a restart finds.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "fixtures/test_util.h"
#include "thumbnails/region_cache.h"

namespace thumbnails {
namespace {

const std::string kKeyA(64, 'a');
const std::string kKeyB(64, 'b');

std::string Bytes(char c, std::size_t n = 100) { return std::string(n, c); }

class RegionCacheTest : public ::testing::Test {
 protected:
  testing_util::TempDir tmp_;
  std::string root_ = tmp_ / "iiif";
};

TEST_F(RegionCacheTest, PutThenGetByKeyVersionAndName) {
  RegionCache cache(root_, 1000);
  EXPECT_FALSE(cache.Get(kKeyA, 1, "0,0,10,10-10,10-r0-default.jpg"));
  ASSERT_TRUE(cache.Put(kKeyA, 1, "0,0,10,10-10,10-r0-default.jpg", Bytes('x')).ok());
  EXPECT_EQ(cache.Get(kKeyA, 1, "0,0,10,10-10,10-r0-default.jpg"), Bytes('x'));
  EXPECT_FALSE(cache.Get(kKeyA, 2, "0,0,10,10-10,10-r0-default.jpg")) << "another version";
  EXPECT_FALSE(cache.Get(kKeyB, 1, "0,0,10,10-10,10-r0-default.jpg")) << "another photo";
  EXPECT_EQ(cache.bytes(), 100u);
  EXPECT_EQ(cache.entries(), 1u);
  EXPECT_TRUE(std::filesystem::exists(root_ + "/aa/" + kKeyA + "/v1-0,0,10,10-10,10-r0-default.jpg"));
}

TEST_F(RegionCacheTest, BadKeysAndNamesTouchNothing) {
  RegionCache cache(root_, 1000);
  for (const std::string& name : std::vector<std::string>{"", ".hidden", "../x", "a/b", "UPPER", std::string(161, 'a')}) {
    auto put = cache.Put(kKeyA, 1, name, "x");
    ASSERT_FALSE(put.ok()) << name;
    EXPECT_EQ(put.error().kind, Error::kInvalidArgument);
    EXPECT_FALSE(cache.Get(kKeyA, 1, name));
  }
  auto bad_key = cache.Put("../../etc", 1, "a.jpg", "x");
  ASSERT_FALSE(bad_key.ok());
  EXPECT_EQ(bad_key.error().kind, Error::kInvalidArgument);
  EXPECT_FALSE(std::filesystem::exists(root_));
}

TEST_F(RegionCacheTest, TheLeastRecentlyUsedGoFirst) {
  RegionCache cache(root_, 300);
  ASSERT_TRUE(cache.Put(kKeyA, 1, "one.jpg", Bytes('1')).ok());
  ASSERT_TRUE(cache.Put(kKeyA, 1, "two.jpg", Bytes('2')).ok());
  ASSERT_TRUE(cache.Put(kKeyB, 1, "three.jpg", Bytes('3')).ok());
  EXPECT_TRUE(cache.Get(kKeyA, 1, "one.jpg"));  // now "two" is the least recent
  ASSERT_TRUE(cache.Put(kKeyB, 1, "four.jpg", Bytes('4')).ok());
  EXPECT_FALSE(cache.Get(kKeyA, 1, "two.jpg"));
  EXPECT_FALSE(std::filesystem::exists(root_ + "/aa/" + kKeyA + "/v1-two.jpg"));
  EXPECT_TRUE(cache.Get(kKeyA, 1, "one.jpg"));
  EXPECT_TRUE(cache.Get(kKeyB, 1, "three.jpg"));
  EXPECT_TRUE(cache.Get(kKeyB, 1, "four.jpg"));
  EXPECT_EQ(cache.bytes(), 300u);
  // Larger than the cap: not kept, nothing else lost.
  ASSERT_TRUE(cache.Put(kKeyA, 1, "huge.jpg", Bytes('h', 301)).ok());
  EXPECT_FALSE(cache.Get(kKeyA, 1, "huge.jpg"));
  EXPECT_EQ(cache.entries(), 3u);
}

TEST_F(RegionCacheTest, ANewVersionDropsTheOldOnesAndRemoveDropsAll) {
  RegionCache cache(root_, 10000);
  ASSERT_TRUE(cache.Put(kKeyA, 1, "one.jpg", Bytes('1')).ok());
  ASSERT_TRUE(cache.Put(kKeyA, 1, "two.jpg", Bytes('2')).ok());
  ASSERT_TRUE(cache.Put(kKeyB, 1, "one.jpg", Bytes('b')).ok());
  ASSERT_TRUE(cache.Put(kKeyA, 2, "one.jpg", Bytes('n')).ok());
  EXPECT_FALSE(cache.Get(kKeyA, 1, "one.jpg"));
  EXPECT_FALSE(cache.Get(kKeyA, 1, "two.jpg"));
  EXPECT_FALSE(std::filesystem::exists(root_ + "/aa/" + kKeyA + "/v1-two.jpg"));
  EXPECT_EQ(cache.Get(kKeyA, 2, "one.jpg"), Bytes('n'));
  EXPECT_EQ(cache.Get(kKeyB, 1, "one.jpg"), Bytes('b'));
  EXPECT_EQ(cache.bytes(), 200u);
  ASSERT_TRUE(cache.Remove(kKeyA).ok());
  EXPECT_FALSE(cache.Get(kKeyA, 2, "one.jpg"));
  EXPECT_FALSE(std::filesystem::exists(root_ + "/aa/" + kKeyA));
  EXPECT_EQ(cache.bytes(), 100u);
  EXPECT_TRUE(cache.Remove(kKeyA).ok()) << "nothing left to remove";
}

TEST_F(RegionCacheTest, ARestartFindsTheEntriesDropsTemporariesAndHonoursANewCap) {
  {
    RegionCache cache(root_, 10000);
    ASSERT_TRUE(cache.Put(kKeyA, 1, "old.jpg", Bytes('o')).ok());
    std::filesystem::last_write_time(root_ + "/aa/" + kKeyA + "/v1-old.jpg",
                                     std::filesystem::file_time_type::clock::now() - std::chrono::hours(1));
    ASSERT_TRUE(cache.Put(kKeyB, 1, "new.jpg", Bytes('n')).ok());
  }
  std::ofstream(root_ + "/aa/" + kKeyA + "/.v1-x.jpg.tmp-1-1") << "partial";
  RegionCache again(root_, 10000);
  EXPECT_EQ(again.entries(), 2u);
  EXPECT_EQ(again.Get(kKeyA, 1, "old.jpg"), Bytes('o'));
  EXPECT_FALSE(std::filesystem::exists(root_ + "/aa/" + kKeyA + "/.v1-x.jpg.tmp-1-1"));
  RegionCache smaller(root_, 150);  // the older entry goes
  EXPECT_EQ(smaller.entries(), 1u);
  EXPECT_FALSE(smaller.Get(kKeyA, 1, "old.jpg"));
  EXPECT_EQ(smaller.Get(kKeyB, 1, "new.jpg"), Bytes('n'));
}

}  // namespace
}  // namespace thumbnails
