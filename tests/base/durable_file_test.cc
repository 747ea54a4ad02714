#include "base/durable_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace base {
namespace {

// Forwards to the real file system and records each step, failing the one
// named in `fail_on`.
class RecordingFileSystem : public FileSystem {
 public:
  std::vector<std::string> steps;
  std::string fail_on;

  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override {
    if (Step("create " + path)) return Status::IOError("injected");
    auto file = DefaultFileSystem()->NewWritableFile(path);
    if (!file.ok()) return file;
    return std::unique_ptr<WritableFile>(new File(this, std::move(*file)));
  }
  Status Rename(const std::string& from, const std::string& to) override {
    if (Step("rename " + from + " " + to)) return Status::IOError("injected");
    return DefaultFileSystem()->Rename(from, to);
  }
  Status SyncDir(const std::string& dir) override {
    if (Step("syncdir " + dir)) return Status::IOError("injected");
    return DefaultFileSystem()->SyncDir(dir);
  }
  Status CreateDirs(const std::string& dir) override { return DefaultFileSystem()->CreateDirs(dir); }
  Status RemoveFile(const std::string& path) override {
    Step("remove " + path);
    return DefaultFileSystem()->RemoveFile(path);
  }
  bool FileExists(const std::string& path) override { return DefaultFileSystem()->FileExists(path); }
  Result<std::uint64_t> FileSize(const std::string& path) override { return DefaultFileSystem()->FileSize(path); }
  Result<std::string> ReadFile(const std::string& path) override { return DefaultFileSystem()->ReadFile(path); }
  Result<std::vector<std::string>> ListDir(const std::string& dir) override {
    return DefaultFileSystem()->ListDir(dir);
  }

 private:
  class File : public WritableFile {
   public:
    File(RecordingFileSystem* fs, std::unique_ptr<WritableFile> file) : fs_(fs), file_(std::move(file)) {}
    Status Append(const void* data, std::size_t size) override {
      if (fs_->Step("append " + std::to_string(size))) return Status::NoSpace("injected");
      return file_->Append(data, size);
    }
    Status Sync() override {
      if (fs_->Step("sync")) return Status::IOError("injected");
      return file_->Sync();
    }
    Status Close() override {
      fs_->Step("close");
      return file_->Close();
    }

   private:
    RecordingFileSystem* fs_;
    std::unique_ptr<WritableFile> file_;
  };

  // Records `step`; true when it is the one to fail (`fail_on` is the whole
  // step or its first words).
  bool Step(const std::string& step) {
    steps.push_back(step);
    return !fail_on.empty() && (step == fail_on || step.rfind(fail_on + " ", 0) == 0);
  }
};

class DurableFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("durable_file_test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::filesystem::path dir_;
};

TEST_F(DurableFileTest, WritesSyncsRenamesThenSyncsTheFolders) {
  RecordingFileSystem fs;
  ASSERT_TRUE(WriteFileDurably(&fs, Path(".tmp-1"), Path("entry"), "bytes", {dir_.string(), "/"}).ok());
  EXPECT_EQ(fs.steps, (std::vector<std::string>{"create " + Path(".tmp-1"), "append 5", "sync", "close",
                                                 "rename " + Path(".tmp-1") + " " + Path("entry"),
                                                 "syncdir " + dir_.string(), "syncdir /"}));
  EXPECT_EQ(fs.ReadFile(Path("entry")).value(), "bytes");
  EXPECT_FALSE(fs.FileExists(Path(".tmp-1")));
}

TEST_F(DurableFileTest, AFailureBeforeTheRenameLeavesTheOldFileAndNoTemporary) {
  for (const std::string step : {"append", "sync", "rename"}) {
    SCOPED_TRACE(step);
    RecordingFileSystem fs;
    ASSERT_TRUE(WriteFileDurably(&fs, Path(".tmp-old"), Path("entry"), "old", {}).ok());
    fs.fail_on = step;
    Status s = WriteFileDurably(&fs, Path(".tmp-new"), Path("entry"), "new", {dir_.string()});
    EXPECT_FALSE(s.ok());
    if (step == "append") {
      EXPECT_EQ(s.code(), Status::Code::kNoSpace) << "the first error is returned";
    }
    EXPECT_EQ(fs.ReadFile(Path("entry")).value(), "old");
    EXPECT_FALSE(fs.FileExists(Path(".tmp-new")));
    EXPECT_EQ(fs.steps.back(), "remove " + Path(".tmp-new"));
  }
}

TEST_F(DurableFileTest, AFolderSyncFailureIsReported) {
  RecordingFileSystem fs;
  fs.fail_on = "syncdir /";
  Status s = WriteFileDurably(&fs, Path(".tmp"), Path("entry"), "x", {dir_.string(), "/", dir_.string()});
  EXPECT_EQ(s.code(), Status::Code::kIOError);
  EXPECT_EQ(fs.steps.back(), "syncdir /") << "no folder synced after the one that failed";
}

TEST(ParentDir, OfEachKindOfPath) {
  EXPECT_EQ(ParentDir("/srv/gallery/originals"), "/srv/gallery");
  EXPECT_EQ(ParentDir("/originals"), "/");
  EXPECT_EQ(ParentDir("originals"), ".");
  EXPECT_EQ(ParentDir("data/originals"), "data");
}

}  // namespace
}  // namespace base
