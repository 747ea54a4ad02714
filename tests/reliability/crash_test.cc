// Crash safety: `gallery serve` takes uploads from several clients and is
// killed (SIGKILL) at random moments, again and again on the same data folder.
// After every restart each upload that was answered 2xx is there with its
// hash, the catalog is whole, `gallery check` is clean and no temporary file
// is left. GALLERY_CRASH_CYCLES sets the number of cycles (default 50);
// GALLERY_CRASH_SEED repeats a run.
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "crash_check.h"
#include "fixtures/api_fixture.h"
#include "media/sha256.h"
#include "reliability_util.h"

namespace reliability {
namespace {

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atoi(v) : fallback;
}

// What the upload clients saw in one life of the server.
struct Tally {
  std::mutex mu;
  std::set<std::string> acknowledged;
  std::vector<std::string> unexpected;  // answers other than 2xx, 503 or none
  std::atomic<int> sent{0};
};

// Uploads distinct photos to `port` until the server stops answering.
void UploadUntilGone(int port, const std::string& token, const std::vector<std::string>& bases,
                     const std::string& tag, Tally* tally) {
  for (int n = 0;; ++n) {
    // A distinct file each time: the base photo with its own bytes after the
    // end-of-image marker.
    std::string bytes = bases[static_cast<std::size_t>(n) % bases.size()] + tag + "-" + std::to_string(n);
    http_test::Reply r = http_test::Send(port, "POST", "/api/photos",
                                         {{"Authorization", "Bearer " + token},
                                          {"Content-Type", "image/jpeg"},
                                          {"X-Filename", tag + "-" + std::to_string(n) + ".jpg"}},
                                         bytes);
    ++tally->sent;
    if (r.status == 0) return;
    std::lock_guard<std::mutex> lock(tally->mu);
    if (r.status >= 200 && r.status < 300) {
      tally->acknowledged.insert(media::Sha256Hex(bytes.data(), bytes.size()));
    } else if (r.status != 503) {
      tally->unexpected.push_back(std::to_string(r.status) + " " + r.body);
    }
  }
}

std::size_t Acknowledged(Tally* tally) {
  std::lock_guard<std::mutex> lock(tally->mu);
  return tally->acknowledged.size();
}

// Returns once `count` uploads are acknowledged in all, or after `limit`.
void WaitForAcknowledgements(Tally* tally, std::size_t count, std::chrono::seconds limit) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (Acknowledged(tally) < count && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

TEST(CrashTest, KilledServerLosesNoAcknowledgedUpload) {
  const int cycles = EnvInt("GALLERY_CRASH_CYCLES", 50);
  const unsigned seed = static_cast<unsigned>(EnvInt("GALLERY_CRASH_SEED", static_cast<int>(time(nullptr))));
  std::printf("crash test: %d cycles, GALLERY_CRASH_SEED=%u\n", cycles, seed);
  std::mt19937 random(seed);
  testing_util::TempDir tmp;
  const std::string data = tmp / "data";
  const std::string token = http_test::CreateToken(data, "editor");
  std::vector<std::string> bases;
  for (int i = 0; i < 8; ++i) bases.push_back(http_test::Jpeg(i, "crash", "© IOM 2016"));

  Tally tally;
  std::size_t swept = 0;  // temporary files the kills left, removed by the next start
  for (int cycle = 0; cycle <= cycles; ++cycle) {
    SCOPED_TRACE("cycle " + std::to_string(cycle));
    swept += TemporaryFiles(data).size();
    http_test::ServerProcess server(data, {"--workers", "2", "--queue", "16"});
    std::vector<std::string> problems = CheckAfterRestart(data, tally.acknowledged);
    for (const std::string& p : problems) ADD_FAILURE() << p;
    ASSERT_TRUE(problems.empty()) << server.Log();
    if (cycle == cycles) break;  // the last start only checks
    const std::size_t acknowledged_before = Acknowledged(&tally);
    std::vector<std::thread> clients;
    for (int c = 0; c < 4; ++c) {
      std::string tag = "c" + std::to_string(cycle) + "-" + std::to_string(c);
      clients.emplace_back(UploadUntilGone, server.port(), token, std::cref(bases), tag, &tally);
    }
    // The kill comes at a random moment after the first acknowledged upload
    // of this life, so every cycle has uploads in flight when it dies.
    WaitForAcknowledgements(&tally, acknowledged_before + 1, std::chrono::seconds(20));
    std::this_thread::sleep_for(std::chrono::milliseconds(random() % 300));
    EXPECT_EQ(server.Stop(SIGKILL), 128 + SIGKILL);
    for (auto& t : clients) t.join();
  }
  std::printf("crash test: %d uploads sent, %zu acknowledged; %zu temporary files left by kills, "
              "all removed by the next start\n",
              tally.sent.load(), tally.acknowledged.size(), swept);
  for (const std::string& u : tally.unexpected) ADD_FAILURE() << "unexpected answer: " << u;
  EXPECT_GE(tally.acknowledged.size(), static_cast<std::size_t>(cycles));
}

}  // namespace
}  // namespace reliability
