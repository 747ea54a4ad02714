// The resumable uploads' store: every acknowledged append survives a power
// cut (a file system that drops whatever was not synced), with the bytes
// intact; and the default limits are those the protocol advertises (20
// unfinished uploads and 5 GiB of declared bytes per account, a day to live).
#include "media/upload_store.h"

#include <gtest/gtest.h>

#include <string>

#include "fixtures/fault_injection_fs.h"
#include "fixtures/test_util.h"

namespace {

using media::Status;
using media::UploadLimits;
using media::UploadStore;
using testing_util::FaultInjectionFileSystem;
using testing_util::TempDir;

constexpr std::int64_t kNow = 1700000000;

std::string Bytes(std::size_t size) {
  std::string s(size, '\0');
  for (std::size_t i = 0; i < size; ++i) s[i] = static_cast<char>((i * 131 + 7) & 0xff);
  return s;
}

TEST(UploadStoreTest, AcknowledgedAppendsSurviveAPowerCut) {
  TempDir dir;
  FaultInjectionFileSystem fs(media::DefaultFileSystem());
  const std::string bytes = Bytes(30000);
  std::string id;
  {
    UploadStore store(dir / "uploads", UploadLimits{}, &fs);
    ASSERT_TRUE(store.Open().ok());
    auto info = store.Create("laptop", bytes.size(), {{"filename", "a.jpg"}}, kNow);
    ASSERT_TRUE(info.ok()) << info.status().message();
    id = info->id;
    ASSERT_TRUE(store.Claim(id));
    for (std::size_t at = 0; at < 20000; at += 10000) {
      auto written = store.Append(id, at, std::string_view(bytes).substr(at, 10000), kNow);
      ASSERT_TRUE(written.ok()) << written.status().message();
      EXPECT_EQ(written->offset, at + 10000);
    }
    store.Release(id);
  }
  fs.DropUnsyncedData();  // the power cut, after two acknowledged appends
  UploadStore again(dir / "uploads", UploadLimits{}, &fs);
  ASSERT_TRUE(again.Open().ok());
  auto info = again.Get(id, kNow + 1);
  ASSERT_TRUE(info.ok()) << info.status().message();
  EXPECT_EQ(info->offset, 20000u) << "every acknowledged byte, no more";
  EXPECT_EQ(info->owner, "laptop");
  ASSERT_TRUE(again.Claim(id));
  auto last = again.Append(id, 20000, std::string_view(bytes).substr(20000), kNow + 1);
  ASSERT_TRUE(last.ok()) << last.status().message();
  auto whole = again.ReadComplete(id);
  ASSERT_TRUE(whole.ok()) << whole.status().message();
  EXPECT_TRUE(*whole == bytes) << "the bytes before the cut are intact";
  again.Release(id);
}

TEST(UploadStoreTest, DefaultLimitsAreTwentyUploadsFiveGibibytesAndADay) {
  TempDir dir;
  UploadStore store(dir / "uploads", UploadLimits{});
  ASSERT_TRUE(store.Open().ok());
  for (int i = 0; i < 20; ++i) {
    auto info = store.Create("many", 100, {{"filename", "m.jpg"}}, kNow);
    ASSERT_TRUE(info.ok()) << i << ": " << info.status().message();
    EXPECT_EQ(info->expires, kNow + 24 * 3600);
  }
  auto too_many = store.Create("many", 100, {{"filename", "m.jpg"}}, kNow);
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.status().code(), Status::Code::kLimitExceeded);
  // Declared lengths up to 5 GiB per account, not one byte more.
  const std::uint64_t gib = std::uint64_t{1} << 30;
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(store.Create("large", gib, {{"filename", "l.jpg"}}, kNow).ok()) << i;
  auto over = store.Create("large", 1, {{"filename", "l.jpg"}}, kNow);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().code(), Status::Code::kTooLarge);
  EXPECT_TRUE(store.Create("other", 1, {{"filename", "o.jpg"}}, kNow).ok()) << "the limits are per account";
  // A day after its creation, an upload is gone.
  auto late = store.Create("late", 1, {{"filename", "x.jpg"}}, kNow);
  ASSERT_TRUE(late.ok());
  EXPECT_TRUE(store.Get(late->id, kNow + 24 * 3600 - 1).ok());
  EXPECT_EQ(store.Get(late->id, kNow + 24 * 3600 + 1).status().code(), Status::Code::kNotFound);
}

}  // namespace
