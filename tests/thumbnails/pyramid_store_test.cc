// The pyramid store: one making per photo however many ask at once, the
// file kept and read back, a failed making remembered (for the photo's
// bytes only), other versions dropped, damaged files discarded, removal, and
// the temporaries a crash left removed at start.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "fixtures/test_util.h"
#include "thumbnails/pyramid_store.h"

namespace thumbnails {
namespace {

namespace fs = std::filesystem;
const std::string kKeyA(64, 'a');
const std::string kKeyB(64, 'b');

class PyramidStoreTest : public ::testing::Test {
 protected:
  testing_util::TempDir tmp_;
  std::string root_ = tmp_ / "pyramids";
};

TEST_F(PyramidStoreTest, MadeOnceWhileManyAskAtOnce) {
  PyramidStore store(root_);
  std::atomic<int> makings{0};
  auto make = [&]() -> Result<std::string> {
    ++makings;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    return std::string("pyramid bytes");
  };
  std::vector<std::string> got(8);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto p = store.Get(kKeyA, 1, make);
      if (p.ok()) got[i] = std::string(p.value()->bytes());
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(makings.load(), 1);
  for (const std::string& g : got) EXPECT_EQ(g, "pyramid bytes");
  EXPECT_EQ(store.made(), 1u);
  EXPECT_TRUE(fs::exists(root_ + "/aa/" + kKeyA + "/v1.tif"));
  // A new store reads the file: no making.
  PyramidStore again(root_);
  auto p = again.Get(kKeyA, 1, [&]() -> Result<std::string> { return Error{Error::kInternal, "not called"}; });
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p.value()->bytes(), "pyramid bytes");
}

TEST_F(PyramidStoreTest, AFailedMakingIsRememberedOnlyForThePhotosBytes) {
  PyramidStore store(root_);
  int makings = 0;
  auto unsupported = [&]() -> Result<std::string> {
    ++makings;
    return Error{Error::kUnsupported, "alpha"};
  };
  EXPECT_FALSE(store.Get(kKeyA, 1, unsupported).ok());
  EXPECT_FALSE(store.Get(kKeyA, 1, unsupported).ok());
  EXPECT_EQ(makings, 1);
  auto io = [&]() -> Result<std::string> {
    ++makings;
    return Error{Error::kIOError, "store down"};
  };
  EXPECT_FALSE(store.Get(kKeyB, 1, io).ok());
  EXPECT_FALSE(store.Get(kKeyB, 1, io).ok());
  EXPECT_EQ(makings, 3) << "a passing failure is tried again";
  EXPECT_FALSE(fs::exists(root_ + "/bb/" + kKeyB + "/v1.tif"));
}

TEST_F(PyramidStoreTest, VersionsDiscardRemoveAndTemporaries) {
  PyramidStore store(root_);
  auto make = [](const std::string& bytes) {
    return [bytes]() -> Result<std::string> { return bytes; };
  };
  ASSERT_TRUE(store.Get(kKeyA, 1, make("one")).ok());
  ASSERT_TRUE(store.Get(kKeyA, 2, make("two")).ok());
  EXPECT_FALSE(fs::exists(store.PathOf(kKeyA, 1))) << "the photo changed: the old version goes";
  EXPECT_TRUE(fs::exists(store.PathOf(kKeyA, 2)));
  store.Discard(kKeyA, 2);
  EXPECT_FALSE(fs::exists(store.PathOf(kKeyA, 2)));
  auto remade = store.Get(kKeyA, 2, make("two again"));
  ASSERT_TRUE(remade.ok());
  EXPECT_EQ(remade.value()->bytes(), "two again");
  ASSERT_TRUE(store.Get(kKeyB, 1, make("b")).ok());
  EXPECT_EQ(store.Keys(), (std::vector<std::string>{kKeyA, kKeyB}));
  ASSERT_TRUE(store.Remove(kKeyA).ok());
  EXPECT_FALSE(fs::exists(root_ + "/aa/" + kKeyA));
  EXPECT_EQ(store.Keys(), std::vector<std::string>{kKeyB});
  EXPECT_FALSE(store.Get("../x", 1, make("x")).ok());
  EXPECT_FALSE(store.Remove("../x").ok());
  // A crash's temporary goes at the next start.
  const std::string temp = root_ + "/bb/" + kKeyB + "/.v1.tif.tmp-1-1";
  { std::ofstream(temp) << "half"; }
  PyramidStore restarted(root_);
  EXPECT_FALSE(fs::exists(temp));
  EXPECT_TRUE(fs::exists(restarted.PathOf(kKeyB, 1)));
}

}  // namespace
}  // namespace thumbnails
