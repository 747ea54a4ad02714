// Disk full: the data folder lives on a small tmpfs (we run as root in a
// container that allows mounts), filled up by a filler file. Uploads then get
// 507 (or 503) with a JSON error, nothing partial is visible (no catalog row
// without its original, no temporary file), and uploads work again once space
// returns.
#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include <gtest/gtest.h>

#include "fixtures/api_fixture.h"
#include "reliability_util.h"

namespace reliability {
namespace {

// A tmpfs of `size` mounted at `dir` for the object's lifetime.
class SmallVolume {
 public:
  SmallVolume(const std::string& dir, const std::string& size) : dir_(dir) {
    mkdir(dir.c_str(), 0755);
    if (mount("tmpfs", dir.c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0) mounted_ = true;
    else error_ = std::strerror(errno);
  }
  ~SmallVolume() {
    if (mounted_) umount2(dir_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }

 private:
  std::string dir_;
  bool mounted_ = false;
  std::string error_;
};

// Writes `path` until the volume is full; returns the bytes written.
long long FillUp(const std::string& path) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0) return -1;
  std::string chunk(65536, 'f');
  long long total = 0;
  for (std::size_t size : {std::size_t{65536}, std::size_t{4096}, std::size_t{1}}) {
    ssize_t n;
    while ((n = write(fd, chunk.data(), size)) > 0) total += n;
  }
  close(fd);
  return total;
}

// Gives `bytes` of `path` back to the volume.
bool Shrink(const std::string& path, long bytes) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0 || st.st_size < bytes) return false;
  return truncate(path.c_str(), st.st_size - bytes) == 0;
}

class DiskFullTest : public http_test::ApiTest {
 protected:
  void SetUp() override {
    volume_ = std::make_unique<SmallVolume>(tmp_ / "vol", "12m");
    if (!volume_->mounted())
      GTEST_SKIP() << "cannot mount a tmpfs here (" << volume_->error() << ")";
    data_ = tmp_ / "vol/data";
    StartServer();
  }
  void TearDown() override {
    server_.reset();  // before the volume goes
    volume_.reset();
  }

  // The data folder shows no partial write.
  void ExpectWhole(long photos) {
    EXPECT_EQ(CatalogPhotoCount(data_ + "/catalog.db"), photos);
    EXPECT_TRUE(TemporaryFiles(data_).empty());
    auto check = testing_util::RunGallery({"check", "--data", data_, "--quick"}, 60);
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  }

  std::unique_ptr<SmallVolume> volume_;
};

TEST_F(DiskFullTest, UploadsAreRefusedWith507WhileFullAndWorkAgainAfter) {
  UploadPhoto(http_test::Jpeg(1, "before"), "before.jpg");
  const std::string filler = tmp_ / "vol/filler";
  ASSERT_GT(FillUp(filler), 0);
  long photos = CatalogPhotoCount(data_ + "/catalog.db");

  // Completely full, then with a little room back (enough for the original
  // but not for everything around it): never a partial photo.
  int refused = 0;
  for (long room : {0L, 0L, 4096L, 16384L, 65536L}) {
    SCOPED_TRACE("room " + std::to_string(room));
    if (room > 0) {
      ASSERT_TRUE(Shrink(filler, room));
    }
    http_test::Reply r = Upload(http_test::Jpeg(10 + static_cast<int>(room % 97), "full " + std::to_string(room)),
                                "full.jpg");
    std::printf("disk full, %ld bytes freed: %d %s\n", room, r.status, r.body.substr(0, 120).c_str());
    if (r.status == 201) {
      ++photos;
    } else {
      EXPECT_TRUE(r.status == 507 || r.status == 503) << r.status << " " << r.body;
      EXPECT_TRUE(IsJsonError(r)) << r.body;
      EXPECT_EQ(r.body.find(tmp_.path()), std::string::npos) << "names a server path: " << r.body;
      ++refused;
    }
    ExpectWhole(photos);
    EXPECT_EQ(Get("/api/health").status, 200);
  }
  EXPECT_GE(refused, 2);

  // Space returns: uploads work again, including the ones refused.
  ASSERT_EQ(unlink(filler.c_str()), 0);
  http_test::Reply again = Upload(http_test::Jpeg(10, "full 0"), "full.jpg");
  EXPECT_TRUE(again.status == 201 || again.status == 200) << again.body;
  nlohmann::json after = UploadPhoto(http_test::Jpeg(2, "after"), "after.jpg");
  EXPECT_EQ(Get("/media/" + std::to_string(after["id"].get<long>()) + "/original", Editor()).status, 200);
  EXPECT_EQ(Get("/media/" + std::to_string(after["id"].get<long>()) + "/tile.webp", Editor()).status, 200);
  ExpectWhole(CatalogPhotoCount(data_ + "/catalog.db"));
}

}  // namespace
}  // namespace reliability
