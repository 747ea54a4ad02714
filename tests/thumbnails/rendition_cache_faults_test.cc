// The rendition cache writes through the file-system interface, so the
// fault-injecting file system sees (and breaks) every step of a Put.
#include <gtest/gtest.h>

#include <filesystem>

#include "fixtures/fault_injection_fs.h"
#include "fixtures/test_util.h"
#include "thumbnails/rendition_cache.h"

namespace thumbnails {
namespace {

using testing_util::FaultInjectionFileSystem;

const std::string kKey = "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b";

TEST(RenditionCacheFaults, DiskFullIsReportedAndLeavesNothingBehind) {
  testing_util::TempDir dir;
  FaultInjectionFileSystem fs(base::DefaultFileSystem());
  RenditionCache cache(dir / "cache", &fs);
  fs.SetSpaceLeft(100);
  auto put = cache.Put(kKey, "tile", Format::kWebp, std::string(4000, 'w'));
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.error().kind, Error::kNoSpace) << put.error().message;
  EXPECT_FALSE(cache.Has(kKey, "tile", Format::kWebp));
  auto temps = cache.ListTemporaries();
  ASSERT_TRUE(temps.ok());
  EXPECT_TRUE(temps.value().empty()) << "Put must remove its temporary file";
  fs.SetSpaceLeft(-1);  // space returns
  EXPECT_TRUE(cache.Put(kKey, "tile", Format::kWebp, std::string(4000, 'w')).ok());
}

// A power cut after every operation of a Put: the new entry is then absent or
// whole, and there whenever Put said OK; an entry acknowledged earlier (in the
// same new folders) survives. (A rename over an existing entry is not tried:
// the fault-injecting file system drops an unsynced rename target whole.)
TEST(RenditionCacheFaults, EveryCrashPointKeepsAcknowledgedEntries) {
  const std::string earlier(3000, 'e'), bytes(70000, 'n');
  int total_ops = 0;
  {
    testing_util::TempDir dir;
    FaultInjectionFileSystem fs(base::DefaultFileSystem());
    RenditionCache cache(dir / "cache", &fs);
    ASSERT_TRUE(cache.Put(kKey, "small", Format::kJpeg, bytes).ok());
    total_ops = fs.operations();
  }
  ASSERT_GE(total_ops, 4) << "the file system saw no write of the cache";
  for (int crash_at = 0; crash_at <= total_ops; ++crash_at) {
    SCOPED_TRACE("crash after operation " + std::to_string(crash_at));
    testing_util::TempDir dir;
    FaultInjectionFileSystem fs(base::DefaultFileSystem());
    RenditionCache cache(dir / "cache", &fs);
    ASSERT_TRUE(cache.Put(kKey, "tile", Format::kWebp, earlier).ok());
    fs.FailAfterOperations(crash_at);
    auto put = cache.Put(kKey, "small", Format::kJpeg, bytes);
    fs.DropUnsyncedData();
    RenditionCache reopened(dir / "cache");
    auto kept = reopened.Get(kKey, "tile", Format::kWebp);
    ASSERT_TRUE(kept.ok()) << "the acknowledged earlier entry was lost: " << kept.error().message;
    EXPECT_EQ(kept.value(), earlier);
    auto got = reopened.Get(kKey, "small", Format::kJpeg);
    if (put.ok()) {
      ASSERT_TRUE(got.ok()) << "acknowledged entry lost: " << got.error().message;
      EXPECT_EQ(got.value(), bytes);
    } else if (got.ok()) {
      EXPECT_EQ(got.value(), bytes) << "partial entry under the final name";
    }
    ASSERT_TRUE(reopened.RemoveTemporaries().ok());
  }
}

}  // namespace
}  // namespace thumbnails
