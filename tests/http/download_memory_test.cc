// The album ZIP is streamed: downloading an album whose originals total well
// over 100 MB raises the server's peak resident size by less than a quarter
// of the ZIP's size, and the ZIP read back lists every photo.
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>

#include "fixtures/api_fixture.h"
#include "raw_connection.h"

namespace http_test {
namespace {

#if defined(__SANITIZE_ADDRESS__)
// The sanitized server keeps freed memory in quarantine, so its peak says
// nothing about streaming: there the ZIP's structure alone is checked, on
// fewer photos.
constexpr bool kSanitized = true;
constexpr int kPhotos = 8;
#else
constexpr bool kSanitized = false;
constexpr int kPhotos = 30;
#endif
constexpr std::size_t kPadding = 4u << 20;  // bytes of comment per photo

// The peak resident size of process `pid` in kB (VmHWM), or -1.
long PeakResidentKb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);) {
    if (line.compare(0, 6, "VmHWM:") == 0) return std::stol(line.substr(6));
  }
  return -1;
}

// A small real JPEG made about `padding` bytes larger by comment segments of
// random bytes (distinct per `seed`), so each file is large and unique while
// its pixels stay cheap to decode.
std::string PaddedJpeg(int seed, std::size_t padding) {
  std::string jpeg = Jpeg(seed, "Large original " + std::to_string(seed));
  std::mt19937 random(static_cast<unsigned>(seed));
  std::string segments;
  constexpr std::size_t kSegment = 65533;  // the largest a length field allows
  for (std::size_t done = 0; done < padding; done += kSegment) {
    segments += "\xFF\xFE";
    segments += static_cast<char>((kSegment + 2) >> 8);
    segments += static_cast<char>((kSegment + 2) & 0xFF);
    for (std::size_t i = 0; i < kSegment; ++i) segments += static_cast<char>(random() & 0xFF);
  }
  return jpeg.substr(0, 2) + segments + jpeg.substr(2);
}

std::uint32_t Le(const std::string& s, std::size_t at, int bytes) {
  std::uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
  return v;
}

// The number of entries in the ZIP's central directory, walked entry by
// entry from the end record; -1 when the structure does not hold.
int CentralDirectoryEntries(const std::string& zip) {
  std::size_t end = zip.rfind(std::string("PK\x05\x06", 4));
  if (end == std::string::npos || end + 22 > zip.size()) return -1;
  std::size_t at = Le(zip, end + 16, 4), stop = at + Le(zip, end + 12, 4);
  if (stop != end) return -1;
  int entries = 0;
  while (at < stop) {
    if (zip.compare(at, 4, std::string("PK\x01\x02", 4)) != 0) return -1;
    at += 46 + Le(zip, at + 28, 2) + Le(zip, at + 30, 2) + Le(zip, at + 32, 2);
    ++entries;
  }
  return at == stop && static_cast<std::uint32_t>(entries) == Le(zip, end + 10, 2) ? entries : -1;
}

class DownloadMemoryTest : public ApiTest {};

TEST_F(DownloadMemoryTest, StreamsAnAlbumOfLargeOriginalsInLittleMemory) {
  std::string dir = tmp_ / "originals";
  std::filesystem::create_directories(dir);
  for (int i = 0; i < kPhotos; ++i) {
    testing_util::WriteFileOrDie(dir + "/large-" + std::to_string(i) + ".jpg",
                                 PaddedJpeg(i + 1, kPadding));
  }
  Gallery({"album", "add", "large", "--title-en", "Large"});
  Gallery({"import", "--album", "large", dir});
  StartServer();
  ASSERT_EQ(Get("/api/albums/large").status, 200);
  long before = PeakResidentKb(server_->pid());
  ASSERT_GT(before, 0);

  Reply r = Get("/api/albums/large/download");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.chunked);
  long after = PeakResidentKb(server_->pid());
  std::printf("ZIP %zu MB; server peak %ld MB -> %ld MB\n", r.body.size() >> 20, before >> 10,
              after >> 10);
  EXPECT_GT(r.body.size(), std::size_t{kPhotos} * kPadding);
  EXPECT_EQ(CentralDirectoryEntries(r.body), kPhotos);
  if (!kSanitized) {
    EXPECT_LT(static_cast<double>(after - before) * 1024, static_cast<double>(r.body.size()) / 4)
        << "the peak resident size grew by " << (after - before) << " kB";
  }
}

// A download being sent to a client that reads nothing does not hold up
// the server's stop: its stream sees the stop within a second.
TEST_F(DownloadMemoryTest, StopsPromptlyWhileADownloadWaitsForAClientThatReadsNothing) {
  std::string dir = tmp_ / "originals";
  std::filesystem::create_directories(dir);
  for (int i = 0; i < 4; ++i) {
    testing_util::WriteFileOrDie(dir + "/large-" + std::to_string(i) + ".jpg", PaddedJpeg(i + 1, kPadding));
  }
  Gallery({"album", "add", "large", "--title-en", "Large"});
  Gallery({"import", "--album", "large", dir});
  StartServer();
  RawConnection conn(port(), 4096);
  ASSERT_TRUE(conn.Write("GET /api/albums/large/download HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  std::string head = conn.ReadHead(5000);  // the head only; the body stays unread
  ASSERT_EQ(StatusOf(head), 200) << head;
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(server_->Stop(SIGTERM), 0);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took, std::chrono::seconds(3))
      << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms to stop";
}

}  // namespace
}  // namespace http_test
