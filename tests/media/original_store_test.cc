// The original store's promises: content addressing, dedupe, never a partial
// file under a final name, and — with a file system that drops whatever was
// not synced — every acknowledged original survives a crash at any point.
#include "media/original_store.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "fixtures/fault_injection_fs.h"
#include "fixtures/test_util.h"
#include "media/sha256.h"

namespace {

using media::OriginalStore;
using media::Status;
using testing_util::FaultInjectionFileSystem;
using testing_util::TempDir;

std::string Bytes(int seed, std::size_t size = 5000) {
  std::string s(size, '\0');
  for (std::size_t i = 0; i < size; ++i) s[i] = static_cast<char>((i * 31 + seed * 7) & 0xff);
  return s;
}

Status PutString(OriginalStore& store, const std::string& bytes, bool* present = nullptr) {
  return store.Put(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(),
                   media::Sha256Hex(bytes.data(), bytes.size()), present);
}

// `bytes` written to `path` through `fs` and made durable (data and name).
void WriteDurable(media::FileSystem& fs, const std::string& path, const std::string& bytes) {
  auto f = fs.NewWritableFile(path);
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE((*f)->Append(bytes.data(), bytes.size()).ok());
  ASSERT_TRUE((*f)->Sync().ok());
  ASSERT_TRUE((*f)->Close().ok());
  ASSERT_TRUE(fs.SyncDir(std::filesystem::path(path).parent_path()).ok());
}

Status AdoptString(OriginalStore& store, const std::string& source, const std::string& bytes,
                   bool* present = nullptr) {
  return store.Adopt(source, reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(),
                     media::Sha256Hex(bytes.data(), bytes.size()), present);
}

ino_t InodeOf(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

// A file system that cannot give a file a second name.
class NoLinkFileSystem : public FaultInjectionFileSystem {
 public:
  using FaultInjectionFileSystem::FaultInjectionFileSystem;
  Status Link(const std::string& existing, const std::string&) override {
    return Status::Unsupported("no links for " + existing);
  }
};

TEST(Sha256Test, KnownVector) {
  EXPECT_EQ(media::Sha256Hex("abc", 3),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(media::IsSha256Hex(media::Sha256Hex("", 0)));
  EXPECT_FALSE(media::IsSha256Hex("../etc/passwd"));
}

TEST(OriginalStoreTest, StoresByHashAndDedupes) {
  TempDir dir;
  OriginalStore store(media::DefaultFileSystem(), dir / "originals");
  std::string bytes = Bytes(1);
  std::string sha = media::Sha256Hex(bytes.data(), bytes.size());
  bool present = true;
  ASSERT_TRUE(PutString(store, bytes, &present).ok());
  EXPECT_FALSE(present);
  EXPECT_EQ(OriginalStore::KeyFor(sha), sha.substr(0, 2) + "/" + sha.substr(2, 2) + "/" + sha);
  EXPECT_TRUE(std::filesystem::exists(dir / ("originals/" + OriginalStore::KeyFor(sha))));
  ASSERT_TRUE(PutString(store, bytes, &present).ok());
  EXPECT_TRUE(present);
  auto read = store.Read(sha);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, bytes);
  auto list = store.List();
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(*list, std::vector<std::string>{sha});
  EXPECT_TRUE(store.Verify(sha).ok());
}

TEST(OriginalStoreTest, RefusesHashThatIsNotAHash) {
  TempDir dir;
  OriginalStore store(media::DefaultFileSystem(), dir / "originals");
  std::string bytes = "x";
  EXPECT_EQ(store.Put(reinterpret_cast<const std::uint8_t*>(bytes.data()), 1, "../../evil").code(),
            Status::Code::kInvalidArgument);
  EXPECT_FALSE(store.Read("../../etc/passwd").ok());
}

TEST(OriginalStoreTest, VerifyFindsBitRot) {
  TempDir dir;
  OriginalStore store(media::DefaultFileSystem(), dir / "originals");
  std::string bytes = Bytes(2);
  std::string sha = media::Sha256Hex(bytes.data(), bytes.size());
  ASSERT_TRUE(PutString(store, bytes).ok());
  bytes[10] ^= 1;
  testing_util::WriteFileOrDie(dir / ("originals/" + OriginalStore::KeyFor(sha)), bytes);
  EXPECT_EQ(store.Verify(sha).code(), Status::Code::kCorrupt);
  std::filesystem::remove(dir / ("originals/" + OriginalStore::KeyFor(sha)));
  EXPECT_EQ(store.Verify(sha).code(), Status::Code::kNotFound);
}

// The wrapper itself must drop unsynced data, or the crash tests prove nothing.
TEST(FaultInjectionTest, DropsWhatWasNotSynced) {
  TempDir dir;
  FaultInjectionFileSystem fs(media::DefaultFileSystem());
  auto f = fs.NewWritableFile(dir / "a");
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE((*f)->Append("hello", 5).ok());
  ASSERT_TRUE((*f)->Sync().ok());
  ASSERT_TRUE((*f)->Append(" world", 6).ok());
  ASSERT_TRUE((*f)->Close().ok());
  ASSERT_TRUE(fs.SyncDir(dir.path()).ok());
  auto g = fs.NewWritableFile(dir / "b");
  ASSERT_TRUE(g.ok());
  ASSERT_TRUE((*g)->Append("data", 4).ok());
  ASSERT_TRUE((*g)->Sync().ok());  // synced data, but its directory entry is not
  ASSERT_TRUE((*g)->Close().ok());
  fs.DropUnsyncedData();
  EXPECT_EQ(testing_util::ReadFileOrDie(dir / "a"), "hello");
  EXPECT_FALSE(std::filesystem::exists(dir / "b"));
}

// Crash at every possible point of a Put: afterwards the original is either
// whole under its final name or absent, and present whenever Put said OK.
TEST(OriginalStoreCrashTest, EveryCrashPointKeepsAcknowledgedData) {
  std::string bytes = Bytes(3, 70000);
  std::string sha = media::Sha256Hex(bytes.data(), bytes.size());
  int total_ops = 0;
  {
    TempDir dir;
    FaultInjectionFileSystem fs(media::DefaultFileSystem());
    OriginalStore store(&fs, dir / "originals");
    ASSERT_TRUE(PutString(store, bytes).ok());
    total_ops = fs.operations();
  }
  ASSERT_GT(total_ops, 4);
  for (int crash_at = 0; crash_at <= total_ops; ++crash_at) {
    SCOPED_TRACE("crash after operation " + std::to_string(crash_at));
    TempDir dir;
    FaultInjectionFileSystem fs(media::DefaultFileSystem());
    OriginalStore store(&fs, dir / "originals");
    // An original stored earlier and acknowledged must survive too.
    std::string earlier = Bytes(4);
    ASSERT_TRUE(PutString(store, earlier).ok());
    fs.FailAfterOperations(crash_at);
    Status s = PutString(store, bytes);
    fs.DropUnsyncedData();
    OriginalStore reopened(media::DefaultFileSystem(), dir / "originals");
    EXPECT_TRUE(reopened.Verify(media::Sha256Hex(earlier.data(), earlier.size())).ok());
    if (s.ok()) {
      EXPECT_TRUE(reopened.Verify(sha).ok()) << "acknowledged original lost";
    } else if (reopened.Contains(sha)) {
      EXPECT_TRUE(reopened.Verify(sha).ok()) << "partial file under the final name";
    }
    ASSERT_TRUE(reopened.RemoveTemporaries().ok());
    auto temps = reopened.ListTemporaries();
    ASSERT_TRUE(temps.ok());
    EXPECT_TRUE(temps->empty());
  }
}

// A durable file taken as the original (a finished resumable upload): the
// folder store gives it a second name instead of writing its bytes again,
// and copies them where the file system cannot link.
TEST(OriginalStoreTest, AdoptLinksTheDurableFileInsteadOfCopyingIt) {
  TempDir dir;
  FaultInjectionFileSystem fs(media::DefaultFileSystem());
  std::filesystem::create_directories(dir / "uploads");
  const std::string bytes = Bytes(6, 30000);
  const std::string sha = media::Sha256Hex(bytes.data(), bytes.size());
  const std::string source = dir / "uploads/x.part";
  WriteDurable(fs, source, bytes);
  OriginalStore store(&fs, dir / "originals");
  bool present = true;
  ASSERT_TRUE(AdoptString(store, source, bytes, &present).ok());
  EXPECT_FALSE(present);
  const std::string stored = dir / ("originals/" + OriginalStore::KeyFor(sha));
  EXPECT_EQ(InodeOf(stored), InodeOf(source)) << "one file under two names, not a copy";
  EXPECT_TRUE(store.Verify(sha).ok());
  auto temps = store.ListTemporaries();
  ASSERT_TRUE(temps.ok());
  EXPECT_TRUE(temps->empty());
  // The source's owner removes it; the original stays.
  ASSERT_TRUE(fs.RemoveFile(source).ok());
  EXPECT_TRUE(store.Verify(sha).ok());
  WriteDurable(fs, source, bytes);
  ASSERT_TRUE(AdoptString(store, source, bytes, &present).ok());
  EXPECT_TRUE(present);

  // Where links cannot be made, the bytes are written as Put writes them.
  TempDir other;
  NoLinkFileSystem no_links(media::DefaultFileSystem());
  WriteDurable(no_links, other / "y.part", bytes);
  OriginalStore copied(&no_links, other / "originals");
  ASSERT_TRUE(AdoptString(copied, other / "y.part", bytes).ok());
  EXPECT_NE(InodeOf(other / ("originals/" + OriginalStore::KeyFor(sha))), InodeOf(other / "y.part"));
  EXPECT_TRUE(copied.Verify(sha).ok());
}

// Crash at every point of an Adopt: the original is whole under its final
// name or absent, and present whenever Adopt said OK.
TEST(OriginalStoreCrashTest, EveryCrashPointOfAnAdoptKeepsAcknowledgedData) {
  const std::string bytes = Bytes(7, 70000);
  const std::string sha = media::Sha256Hex(bytes.data(), bytes.size());
  int total_ops = 0;
  {
    TempDir dir;
    FaultInjectionFileSystem fs(media::DefaultFileSystem());
    WriteDurable(fs, dir / "x.part", bytes);
    OriginalStore store(&fs, dir / "originals");
    const int before = fs.operations();
    ASSERT_TRUE(AdoptString(store, dir / "x.part", bytes).ok());
    total_ops = fs.operations() - before;
  }
  ASSERT_GT(total_ops, 4);
  for (int crash_at = 0; crash_at <= total_ops; ++crash_at) {
    SCOPED_TRACE("crash after operation " + std::to_string(crash_at));
    TempDir dir;
    FaultInjectionFileSystem fs(media::DefaultFileSystem());
    WriteDurable(fs, dir / "x.part", bytes);
    OriginalStore store(&fs, dir / "originals");
    fs.FailAfterOperations(crash_at);
    Status s = AdoptString(store, dir / "x.part", bytes);
    fs.DropUnsyncedData();
    OriginalStore reopened(media::DefaultFileSystem(), dir / "originals");
    if (s.ok()) {
      EXPECT_TRUE(reopened.Verify(sha).ok()) << "acknowledged original lost";
    } else if (reopened.Contains(sha)) {
      EXPECT_TRUE(reopened.Verify(sha).ok()) << "partial file under the final name";
    }
    EXPECT_EQ(testing_util::ReadFileOrDie(dir / "x.part"), bytes) << "the source is left as it was";
    ASSERT_TRUE(reopened.RemoveTemporaries().ok());
  }
}

TEST(OriginalStoreTest, DiskFullLeavesNothingBehind) {
  TempDir dir;
  FaultInjectionFileSystem fs(media::DefaultFileSystem());
  OriginalStore store(&fs, dir / "originals");
  fs.SetSpaceLeft(1000);
  std::string bytes = Bytes(5, 4000);
  Status s = PutString(store, bytes);
  EXPECT_EQ(s.code(), Status::Code::kNoSpace);
  EXPECT_FALSE(store.Contains(media::Sha256Hex(bytes.data(), bytes.size())));
  auto temps = store.ListTemporaries();
  ASSERT_TRUE(temps.ok());
  EXPECT_TRUE(temps->empty()) << "Put must remove its temporary file";
  fs.SetSpaceLeft(-1);  // space returns
  EXPECT_TRUE(PutString(store, bytes).ok());
}

}  // namespace
