// `gallery import`, `gallery check`, `gallery meeting/album add` driven as a
// user would: the real binary on real files in a fresh data folder.
#include <signal.h>
#include <vips/vips.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "fixtures/test_util.h"
#include "media/catalog.h"
#include "media/sha256.h"

namespace {

namespace fs = std::filesystem;
using testing_util::GalleryProcess;
using testing_util::RunGallery;
using testing_util::TempDir;

// A greyscale JPEG of noise: distinct bytes for every seed.
std::string MakeJpeg(int width, int height, int seed) {
  if (VIPS_INIT("import_test")) throw std::runtime_error("vips init");
  VipsImage *noise = nullptr, *u8 = nullptr;
  void* buf = nullptr;
  size_t len = 0;
  if (vips_gaussnoise(&noise, width, height, "mean", 128.0, "sigma", 40.0, "seed", seed, nullptr) ||
      vips_cast_uchar(noise, &u8, nullptr) || vips_jpegsave_buffer(u8, &buf, &len, "Q", 80, nullptr))
    throw std::runtime_error(vips_error_buffer());
  std::string bytes(static_cast<const char*>(buf), len);
  g_free(buf);
  g_object_unref(noise);
  g_object_unref(u8);
  return bytes;
}

struct Summary {
  int imported = -1, duplicates = -1, failed = -1;
};

Summary ParseSummary(const std::string& out) {
  std::smatch m;
  static const std::regex re(R"(imported (\d+), duplicates (\d+), failed (\d+))");
  Summary s;
  if (std::regex_search(out, m, re)) {
    s.imported = std::stoi(m[1]);
    s.duplicates = std::stoi(m[2]);
    s.failed = std::stoi(m[3]);
  }
  return s;
}

// path -> photo id of every "imported photo N: PATH" line.
std::map<std::string, long> ImportedLines(const std::string& out) {
  std::map<std::string, long> lines;
  static const std::regex re(R"(^imported photo (\d+): (.*)$)");
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_match(line, m, re)) lines[m[2]] = std::stol(m[1]);
  }
  return lines;
}

class ImportTest : public ::testing::Test {
 protected:
  void WritePhotos(const std::string& dir, int count, int first_seed = 1) {
    fs::create_directories(dir);
    for (int i = 0; i < count; ++i)
      testing_util::WriteFileOrDie(dir + "/IMG_" + std::to_string(1000 + i) + ".JPG",
                                   MakeJpeg(640, 480, first_seed + i));
  }
  TempDir tmp_;
  std::string data_ = tmp_ / "data";
};

TEST_F(ImportTest, FolderRecursivelyBrokenFilesReportedRerunImportsNothing) {
  WritePhotos(tmp_ / "card/DCIM/100", 4, 1);
  WritePhotos(tmp_ / "card/DCIM/101", 2, 50);
  std::string jpeg = MakeJpeg(640, 480, 99);
  testing_util::WriteFileOrDie(tmp_ / "card/DCIM/101/truncated.jpg", jpeg.substr(0, jpeg.size() / 2));
  testing_util::WriteFileOrDie(tmp_ / "card/notes.txt", "not a photo");
  testing_util::WriteFileOrDie(tmp_ / "card/.DS_Store", "hidden: skipped");

  auto first = RunGallery({"import", tmp_ / "card", "--data", data_, "--jobs", "2"});
  EXPECT_EQ(first.exit_code, 1) << first.out << first.err;  // some failed
  Summary s = ParseSummary(first.out);
  EXPECT_EQ(s.imported, 6) << first.out;
  EXPECT_EQ(s.duplicates, 0);
  EXPECT_EQ(s.failed, 2);
  // The report and its summary give the plain reason; the decoder's own
  // words only go to standard error, as the detail.
  EXPECT_NE(first.out.find("  failed: " + (tmp_ / "card/DCIM/101/truncated.jpg") + ": the file is cut short\n"),
            std::string::npos)
      << first.out;
  EXPECT_EQ(first.out.find("Vips"), std::string::npos) << first.out;
  EXPECT_NE(first.err.find("detail: " + (tmp_ / "card/DCIM/101/truncated.jpg") + ": "), std::string::npos)
      << first.err;
  EXPECT_NE(first.out.find("failed: " + (tmp_ / "card/notes.txt") + ": "), std::string::npos) << first.out;
  EXPECT_EQ(first.out.find(".DS_Store"), std::string::npos);
  EXPECT_EQ(ImportedLines(first.out).size(), 6u);

  auto again = RunGallery({"import", tmp_ / "card", "--data", data_});
  Summary s2 = ParseSummary(again.out);
  EXPECT_EQ(s2.imported, 0) << again.out;
  EXPECT_EQ(s2.duplicates, 6);

  auto check = RunGallery({"check", "--data", data_});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("check ok"), std::string::npos);
  EXPECT_NE(check.out.find("photos 6, originals 6, hashes verified 6"), std::string::npos) << check.out;
}

TEST_F(ImportTest, MeetingAlbumAndDefaultCredits) {
  ASSERT_EQ(RunGallery({"meeting", "add", "casablanca-2016", "--data", data_, "--title-en",
                        "Technical meeting", "--title-fr", "Réunion technique", "--place", "Casablanca",
                        "--start", "2016-07-12", "--end", "2016-07-14", "--credit", "© IOM 2016"})
                .exit_code,
            0);
  ASSERT_EQ(RunGallery({"album", "add", "opening", "--data", data_, "--meeting", "casablanca-2016",
                        "--title-en", "Opening session"})
                .exit_code,
            0);
  ASSERT_EQ(RunGallery({"album", "add", "press", "--data", data_, "--credit", "© Press Office"}).exit_code, 0);
  auto dup = RunGallery({"album", "add", "opening", "--data", data_});
  EXPECT_EQ(dup.exit_code, 2);
  EXPECT_NE(dup.err.find("opening"), std::string::npos) << dup.err;

  WritePhotos(tmp_ / "a", 2, 200);
  WritePhotos(tmp_ / "b", 1, 300);
  WritePhotos(tmp_ / "c", 1, 400);
  ASSERT_EQ(RunGallery({"import", tmp_ / "a", "--data", data_, "--album", "opening"}).exit_code, 0);
  ASSERT_EQ(RunGallery({"import", tmp_ / "b", "--data", data_, "--album", "press"}).exit_code, 0);
  ASSERT_EQ(RunGallery({"import", tmp_ / "c", "--data", data_, "--album", "press", "--credit", "Jane Doe"})
                .exit_code,
            0);

  auto catalog = media::Catalog::Open(data_ + "/catalog.db");
  ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
  media::PhotoFilter f;
  f.album_slug = "opening";
  auto page = (*catalog)->ListPhotos(f);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->photos.size(), 2u);
  for (const auto& p : page->photos) {
    EXPECT_EQ(p.meta.credit, "© IOM 2016") << "the album's meeting's default credit";
    EXPECT_EQ(p.meeting_slug, "casablanca-2016") << "the album's meeting";
  }
  f.album_slug = "press";
  page = (*catalog)->ListPhotos(f);
  ASSERT_TRUE(page.ok());
  std::multiset<std::string> credits;
  for (const auto& p : page->photos) credits.insert(p.meta.credit);
  EXPECT_EQ(credits, (std::multiset<std::string>{"© Press Office", "Jane Doe"}));
}

TEST_F(ImportTest, UnknownAlbumIsASetupErrorNamingIt) {
  WritePhotos(tmp_ / "a", 1);
  auto r = RunGallery({"import", tmp_ / "a", "--data", data_, "--album", "no-such-album"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no-such-album"), std::string::npos) << r.err;
  auto missing = RunGallery({"import", tmp_ / "nowhere", "--data", data_});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.out.find("no such file or folder"), std::string::npos) << missing.out;
}

TEST_F(ImportTest, CheckFindsDamage) {
  WritePhotos(tmp_ / "a", 2);
  ASSERT_EQ(RunGallery({"import", tmp_ / "a", "--data", data_}).exit_code, 0);
  std::vector<std::string> originals;
  for (auto& e : fs::recursive_directory_iterator(data_ + "/originals"))
    if (e.is_regular_file()) originals.push_back(e.path());
  ASSERT_EQ(originals.size(), 2u);
  // Bit rot in one original, the other one lost.
  std::string bytes = testing_util::ReadFileOrDie(originals[0]);
  bytes[bytes.size() / 2] ^= 0x55;
  testing_util::WriteFileOrDie(originals[0], bytes);
  fs::remove(originals[1]);
  auto check = RunGallery({"check", "--data", data_});
  EXPECT_EQ(check.exit_code, 1) << check.out;
  EXPECT_NE(check.out.find("now hashes to"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("has no original file"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("check FAILED"), std::string::npos);
}

// SIGKILL part-way: everything reported imported is there with the right
// hash, `gallery check` finds nothing wrong but the kill's temporary files,
// and a rerun (which removes them) finishes the job and leaves check clean.
TEST_F(ImportTest, KillDuringImportLosesNothingReported) {
  WritePhotos(tmp_ / "card", 24, 500);
  std::map<std::string, std::string> sha_of;
  for (auto& e : fs::directory_iterator(tmp_ / "card")) {
    auto sha = media::Sha256OfFile(e.path());
    ASSERT_TRUE(sha.ok());
    sha_of[e.path()] = *sha;
  }
  std::map<std::string, long> reported;
  {
    GalleryProcess import({"import", tmp_ / "card", "--data", data_, "--jobs", "2"});
    std::string line;
    static const std::regex re(R"(^imported photo (\d+): (.*)$)");
    while (reported.size() < 5 && import.ReadLine(&line, 60000)) {
      std::smatch m;
      if (std::regex_match(line, m, re)) reported[m[2]] = std::stol(m[1]);
    }
    import.Signal(SIGKILL);
    EXPECT_EQ(import.Wait(), 128 + SIGKILL);
  }
  ASSERT_GE(reported.size(), 5u);
  // The kill may leave temporary files of the writes in progress: check lists
  // them as problems (the next open of the archive removes them), and nothing
  // else.
  auto check = RunGallery({"check", "--data", data_});
  std::istringstream lines(check.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("problem: ", 0) != 0) continue;
    EXPECT_EQ(line.rfind("problem: temporary file left by an interrupted", 0), 0u) << check.out;
  }
  {
    auto catalog = media::Catalog::Open(data_ + "/catalog.db");
    ASSERT_TRUE(catalog.ok());
    for (const auto& [path, id] : reported) {
      auto photo = (*catalog)->GetPhoto(id);
      ASSERT_TRUE(photo.ok()) << path;
      EXPECT_EQ(photo->sha256, sha_of[path]) << path;
      auto stored = media::Sha256OfFile(data_ + "/originals/" + photo->sha256.substr(0, 2) + "/" +
                                        photo->sha256.substr(2, 2) + "/" + photo->sha256);
      ASSERT_TRUE(stored.ok()) << path;
      EXPECT_EQ(*stored, sha_of[path]);
    }
  }
  auto rerun = RunGallery({"import", tmp_ / "card", "--data", data_});
  EXPECT_EQ(rerun.exit_code, 0) << rerun.out;
  Summary s = ParseSummary(rerun.out);
  EXPECT_EQ(s.imported + s.duplicates, 24) << rerun.out;
  EXPECT_GE(s.duplicates, static_cast<int>(reported.size()));
  EXPECT_EQ(RunGallery({"check", "--data", data_}).exit_code, 0);
}

}  // namespace

namespace {

// Ctrl-C: the files in progress finish, the rest are not started, the summary
// says so, the exit status is 130, and everything reported is in the archive.
TEST_F(ImportTest, InterruptStopsCleanlyAndKeepsWhatWasReported) {
  WritePhotos(tmp_ / "card", 30, 900);
  std::string out, line;
  int status = -1;
  {
    GalleryProcess import({"import", tmp_ / "card", "--data", data_, "--jobs", "1"});
    int reported = 0;
    while (reported < 3 && import.ReadLine(&line, 60000)) {
      out += line + "\n";
      if (line.rfind("imported photo ", 0) == 0) ++reported;
    }
    import.Signal(SIGINT);
    while (import.ReadLine(&line, 60000)) out += line + "\n";
    status = import.Wait();
  }
  EXPECT_EQ(status, 130) << out;
  EXPECT_NE(out.find("interrupted before"), std::string::npos) << out;
  Summary s = ParseSummary(out);
  ASSERT_GE(s.imported, 3) << out;
  EXPECT_LT(s.imported, 30) << "the interrupt came too late to test anything";
  EXPECT_EQ(static_cast<int>(ImportedLines(out).size()), s.imported);
  auto check = RunGallery({"check", "--data", data_});
  EXPECT_EQ(check.exit_code, 0) << check.out;
  EXPECT_NE(check.out.find("photos " + std::to_string(s.imported) + ","), std::string::npos) << check.out;
}

}  // namespace

namespace {

// On a terminal the progress is one bar redrawn in place; `script` gives the
// command a pseudo-terminal.
TEST_F(ImportTest, ProgressBarOnATerminal) {
  WritePhotos(tmp_ / "card", 3, 700);
  int status = 0;
  const std::string out = testing_util::RunGalleryOnTerminal("import " + (tmp_ / "card") + " --data " + data_, &status);
  ASSERT_EQ(status, 0) << out;
  EXPECT_NE(out.find("\r\033[K["), std::string::npos) << "a bar redrawn in place";
  EXPECT_NE(out.find("3/3"), std::string::npos) << out;
  EXPECT_EQ(out.find("imported photo "), std::string::npos) << "no per-file lines on a terminal";
  EXPECT_NE(out.find("imported 3, duplicates 0, failed 0"), std::string::npos) << out;
}

}  // namespace
