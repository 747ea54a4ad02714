// `gallery upload` against a real server, through a loopback proxy that
// counts the bytes and can stall: the files the archive has are not sent,
// Ctrl-C in the middle of a file stops it (130), and the next run resumes
// from the server's offset and finishes with no acknowledged byte sent twice.
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fixtures/api_fixture.h"
#include "fixtures/tcp_proxy.h"
#include "fixtures/test_util.h"
#include "media/sha256.h"

namespace {

using http_test::Reply;
using nlohmann::json;
using testing_util::GalleryProcess;
using testing_util::RunGallery;
using testing_util::TempDir;

std::uint64_t Metric(int port, const std::string& admin, const std::string& name) {
  Reply r = http_test::Send(port, "GET", "/metrics", {{"Authorization", "Bearer " + admin}});
  std::size_t at = r.body.find("\n" + name + " ");
  if (at == std::string::npos) return 0;
  return std::stoull(r.body.substr(at + name.size() + 2));
}

class UploadCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    editor_ = http_test::CreateToken(data_, "editor");
    admin_ = http_test::CreateToken(data_, "admin");
    std::filesystem::create_directories(tmp_ / "card/sub");
    server_ = std::make_unique<http_test::ServerProcess>(data_);
    setenv("XDG_CONFIG_HOME", (tmp_ / "config").c_str(), 1);
    unsetenv("GALLERY_TOKEN");
  }
  void TearDown() override {
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("GALLERY_TOKEN");
  }
  TempDir tmp_;
  std::string data_ = tmp_ / "data";
  std::string editor_, admin_;
  std::unique_ptr<http_test::ServerProcess> server_;
};

TEST_F(UploadCommandTest, NeedsATokenOutsideTheCommandLine) {
  testing_util::WriteFileOrDie(tmp_ / "card/a.jpg", http_test::Jpeg(1));
  auto r = RunGallery({"upload", tmp_ / "card", "--server", "http://127.0.0.1:" + std::to_string(server_->port())});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("GALLERY_TOKEN"), std::string::npos) << r.err;
  auto wrong = RunGallery({"upload", tmp_ / "card", "--server", "http://127.0.0.1:" + std::to_string(server_->port()),
                           "--token", editor_});
  EXPECT_NE(wrong.exit_code, 0);
}

TEST_F(UploadCommandTest, InterruptedThenResumedSendsNothingTwice) {
  std::uint64_t total = 0;
  for (int i = 0; i < 4; ++i) {
    std::string bytes = http_test::Jpeg(10 + i, "Card", "", 2400, 1600);
    total += bytes.size();
    testing_util::WriteFileOrDie(tmp_ / ("card/sub/photo" + std::to_string(i) + ".jpg"), bytes);
  }
  // One the archive has already: asked about, not sent.
  const std::string known = http_test::Jpeg(20);
  testing_util::WriteFileOrDie(tmp_ / "card/known.jpg", known);
  testing_util::WriteFileOrDie(tmp_ / "card/.hidden.jpg", http_test::Jpeg(21));
  Reply posted = http_test::Send(server_->port(), "POST", "/api/photos",
                                 {{"Authorization", "Bearer " + editor_}, {"Content-Type", "image/jpeg"},
                                  {"X-Filename", "known.jpg"}},
                                 known);
  ASSERT_EQ(posted.status, 201);
  testing_util::WriteFileOrDie(tmp_ / "token", editor_ + "\n");

  http_test::TcpProxy proxy(server_->port());
  const std::vector<std::string> args = {"upload",       tmp_ / "card", "--server",
                                         "http://127.0.0.1:" + std::to_string(proxy.port()),
                                         "--token-file", tmp_ / "token", "--chunk-bytes", "4096"};
  const std::size_t chunk = 4096;
  ASSERT_GT(total, 40 * chunk);
  {
    // In the middle of the third file (of four the same size), the network
    // stalls and the user presses Ctrl-C.
    const std::uint64_t middle = total * 5 / 8;
    proxy.StallAt(middle);
    GalleryProcess upload(args);
    for (int i = 0; i < 600 && proxy.upstream_bytes() < middle; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_EQ(proxy.upstream_bytes(), middle);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    upload.Signal(SIGINT);
    std::string line, out;
    while (upload.ReadLine(&line, 30000)) out += line + "\n";
    EXPECT_EQ(upload.Wait(), 130) << out;
    EXPECT_NE(out.find("interrupted before"), std::string::npos) << out;
    EXPECT_NE(out.find("duplicate of photo"), std::string::npos) << out;
    proxy.Stall(false);
  }
  const std::uint64_t stored_before = Metric(server_->port(), admin_, "gallery_tus_bytes_stored_total");
  EXPECT_GT(stored_before, 0u);
  EXPECT_LT(stored_before, total);
  // The file being sent when Ctrl-C came is remembered, part-way through.
  json begun = json::parse(testing_util::ReadFileOrDie(tmp_ / "config/gallery/uploads.json"));
  ASSERT_EQ(begun.size(), 1u) << begun.dump();
  Reply head = http_test::Send(server_->port(), "HEAD", begun.begin()->get<std::string>(),
                               {{"Authorization", "Bearer " + editor_}, {"Tus-Resumable", "1.0.0"}});
  ASSERT_EQ(head.status, 200);
  const std::uint64_t offset = std::stoull(head.Header("upload-offset"));
  EXPECT_GT(offset, 0u);
  EXPECT_LT(offset, std::stoull(head.Header("upload-length")));

  auto again = RunGallery(args, 120);
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("failed 0"), std::string::npos) << again.out;
  // Every byte of the four new files stored exactly once; the server
  // received no more than that (a cut chunk never arrives whole).
  EXPECT_EQ(Metric(server_->port(), admin_, "gallery_tus_bytes_stored_total"), total);
  EXPECT_EQ(Metric(server_->port(), admin_, "gallery_tus_bytes_received_total"), total);
  Reply list = http_test::Send(server_->port(), "GET", "/api/photos?limit=50", {{"Authorization", "Bearer " + editor_}});
  json photos = json::parse(list.body);
  EXPECT_EQ(photos["items"].size(), 5u);
  // Nothing left to resume.
  json state = json::parse(testing_util::ReadFileOrDie(tmp_ / "config/gallery/uploads.json"));
  EXPECT_TRUE(state.empty()) << state.dump();
  // A third run sends nothing: every file is known.
  const std::uint64_t through = proxy.upstream_bytes();
  auto third = RunGallery(args, 60);
  EXPECT_EQ(third.exit_code, 0) << third.out;
  EXPECT_NE(third.out.find("imported 0, duplicates 5, failed 0"), std::string::npos) << third.out;
  EXPECT_LT(proxy.upstream_bytes() - through, 4096u);
}

}  // namespace

namespace {

// A file whose upload was begun in an earlier run but which the archive has
// by now (it arrived whole another way): the next run does not send it, ends
// the begun upload on the server and forgets it.
// A server that takes smaller chunks than asked for (--max-chunk-bytes,
// advertised by OPTIONS) gets chunks of its size, not a refusal.
TEST_F(UploadCommandTest, ChunksNoLargerThanTheServerTakes) {
  const std::string editor = http_test::CreateToken(tmp_ / "data-small", "editor");
  http_test::ServerProcess small(tmp_ / "data-small", {"--max-chunk-bytes", "65536"});
  const std::string bytes = http_test::Jpeg(31, "Card", "", 3000, 2000);
  ASSERT_GT(bytes.size(), 3u * 65536) << "several of the server's chunks";
  testing_util::WriteFileOrDie(tmp_ / "card/large.jpg", bytes);
  testing_util::WriteFileOrDie(tmp_ / "token", editor + "\n");
  auto r = RunGallery({"upload", tmp_ / "card", "--server", "http://127.0.0.1:" + std::to_string(small.port()),
                       "--token-file", tmp_ / "token", "--chunk-bytes", "1048576"},
                      120);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  Reply photos = http_test::Send(small.port(), "GET", "/api/photos", {{"Authorization", "Bearer " + editor}});
  ASSERT_EQ(photos.status, 200) << photos.body;
  const json listed = json::parse(photos.body);
  EXPECT_EQ(listed["items"].size(), 1u) << photos.body;
}

// A file the archive refuses (no image) fails the run as it fails
// `gallery import`: one line per file off a terminal, the summary, exit 1;
// the refused upload is finished on the server, so nothing is left to resume.
TEST_F(UploadCommandTest, ARefusedFileFailsTheRunAsImportDoes) {
  testing_util::WriteFileOrDie(tmp_ / "card/good.jpg", http_test::Jpeg(40));
  testing_util::WriteFileOrDie(tmp_ / "card/notes.jpg", "these are words, not a photo");
  testing_util::WriteFileOrDie(tmp_ / "token", editor_ + "\n");
  auto r = RunGallery({"upload", tmp_ / "card", "--server", "http://127.0.0.1:" + std::to_string(server_->port()),
                       "--token-file", tmp_ / "token"},
                      120);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("imported photo "), std::string::npos) << r.out;
  EXPECT_NE((r.out + r.err).find("notes.jpg"), std::string::npos) << r.out << r.err;
  EXPECT_NE(r.out.find("imported 1, duplicates 0, failed 1"), std::string::npos) << r.out;
  EXPECT_EQ(json::parse(testing_util::ReadFileOrDie(tmp_ / "config/gallery/uploads.json")), json::object());
}

// On a terminal: the bar redrawn in place, as `gallery import` draws it.
TEST_F(UploadCommandTest, ProgressBarOnATerminal) {
  for (int i = 0; i < 3; ++i) {
    testing_util::WriteFileOrDie(tmp_ / ("card/p" + std::to_string(i) + ".jpg"), http_test::Jpeg(50 + i));
  }
  setenv("GALLERY_TOKEN", editor_.c_str(), 1);
  int status = 0;
  const std::string out = testing_util::RunGalleryOnTerminal(
      "upload " + (tmp_ / "card") + " --server http://127.0.0.1:" + std::to_string(server_->port()), &status);
  ASSERT_EQ(status, 0) << out;
  EXPECT_NE(out.find("\r\033[K["), std::string::npos) << "a bar redrawn in place";
  EXPECT_NE(out.find("3/3"), std::string::npos) << out;
  EXPECT_EQ(out.find("imported photo "), std::string::npos) << "no per-file lines on a terminal";
  EXPECT_NE(out.find("imported 3, duplicates 0, failed 0"), std::string::npos) << out;
}

TEST_F(UploadCommandTest, AFileTheArchiveHasNowEndsItsBegunUpload) {
  const std::string bytes = http_test::Jpeg(30, "Card", "", 1200, 800);
  testing_util::WriteFileOrDie(tmp_ / "card/photo.jpg", bytes);
  testing_util::WriteFileOrDie(tmp_ / "token", editor_ + "\n");
  const std::string server = "http://127.0.0.1:" + std::to_string(server_->port());
  const http_test::Headers auth = {{"Authorization", "Bearer " + editor_}, {"Tus-Resumable", "1.0.0"}};
  // The begun upload: created with its first 100 bytes.
  http_test::Headers create = auth;
  create.emplace_back("Upload-Length", std::to_string(bytes.size()));
  create.emplace_back("Upload-Metadata", "filename cGhvdG8uanBn");
  create.emplace_back("Content-Type", "application/offset+octet-stream");
  Reply begun = http_test::Send(server_->port(), "POST", "/api/uploads", create, bytes.substr(0, 100));
  ASSERT_EQ(begun.status, 201) << begun.body;
  const std::string url = begun.Header("location").substr(begun.Header("location").find("/api/"));
  const std::string sha = media::Sha256Hex(bytes.data(), bytes.size());
  std::filesystem::create_directories(tmp_ / "config/gallery");
  testing_util::WriteFileOrDie(tmp_ / "config/gallery/uploads.json",
                               json({{server + " " + sha + "   ", url}}).dump());
  // The archive gets the photo another way.
  Reply posted = http_test::Send(server_->port(), "POST", "/api/photos",
                                 {{"Authorization", "Bearer " + editor_}, {"Content-Type", "image/jpeg"},
                                  {"X-Filename", "photo.jpg"}},
                                 bytes);
  ASSERT_EQ(posted.status, 201);

  auto r = RunGallery({"upload", tmp_ / "card", "--server", server, "--token-file", tmp_ / "token"}, 120);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("duplicate of photo"), std::string::npos) << r.out;
  EXPECT_EQ(json::parse(testing_util::ReadFileOrDie(tmp_ / "config/gallery/uploads.json")), json::object());
  EXPECT_EQ(http_test::Send(server_->port(), "HEAD", url, auth).status, 404) << "the begun upload is ended";
}

// The token revoked while a file is being sent: the next request is refused
// (401), the file fails with the reason named on its line, nothing more is
// sent (the files after it are not tried), the run ends as `gallery import`
// ends when a file is refused (exit 1), and the begun upload stays in the
// state file, where the account's next token finds it.
TEST_F(UploadCommandTest, ATokenRevokedMidFileStopsTheRunWithItsReason) {
  std::uint64_t total = 0;
  for (int i = 0; i < 3; ++i) {
    std::string bytes = http_test::Jpeg(60 + i, "Card", "", 2400, 1600);
    total += bytes.size();
    testing_util::WriteFileOrDie(tmp_ / ("card/r" + std::to_string(i) + ".jpg"), bytes);
  }
  auto made = RunGallery({"token", "create", "--data", data_, "--role", "editor", "--name", "laptop"}, 60);
  ASSERT_EQ(made.exit_code, 0) << made.err;
  std::string laptop = made.out;
  while (!laptop.empty() && laptop.back() == '\n') laptop.pop_back();
  laptop = laptop.substr(laptop.rfind('\n') + 1);
  testing_util::WriteFileOrDie(tmp_ / "token", laptop + "\n");
  Reply tokens = http_test::Send(server_->port(), "GET", "/api/tokens", {{"Authorization", "Bearer " + admin_}});
  ASSERT_EQ(tokens.status, 200) << tokens.body;
  const json listed = json::parse(tokens.body);
  std::string id;
  for (const json& t : listed["items"]) {
    if (t["name"] == "laptop") id = t["id"].dump();
  }
  ASSERT_FALSE(id.empty()) << tokens.body;

  http_test::TcpProxy proxy(server_->port());
  const std::uint64_t middle = total / 2;  // in the second file
  proxy.StallAt(middle);
  GalleryProcess upload({"upload", tmp_ / "card", "--server", "http://127.0.0.1:" + std::to_string(proxy.port()),
                         "--token-file", tmp_ / "token", "--chunk-bytes", "4096"});
  for (int i = 0; i < 600 && proxy.upstream_bytes() < middle; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(proxy.upstream_bytes(), middle);
  ASSERT_EQ(http_test::Send(server_->port(), "DELETE", "/api/tokens/" + id, {{"Authorization", "Bearer " + admin_}})
                .status,
            204);
  const std::uint64_t stored = Metric(server_->port(), admin_, "gallery_tus_bytes_stored_total");
  proxy.Stall(false);
  std::string line, out;
  while (upload.ReadLine(&line, 60000)) out += line + "\n";
  EXPECT_EQ(upload.Wait(), 1) << out;
  EXPECT_NE(out.find("failed: " + std::string(tmp_ / "card/r1.jpg") +
                     ": the server refused the credentials (HTTP 401 unauthenticated"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("imported 1, duplicates 0, failed 1, interrupted before 1 files"), std::string::npos) << out;
  EXPECT_EQ(Metric(server_->port(), admin_, "gallery_tus_bytes_stored_total"), stored) << "nothing after the revocation";
  // The begun upload is remembered, the account's to finish with a new token.
  json begun = json::parse(testing_util::ReadFileOrDie(tmp_ / "config/gallery/uploads.json"));
  ASSERT_EQ(begun.size(), 1u) << begun.dump();
  auto again = RunGallery({"token", "create", "--data", data_, "--role", "editor", "--name", "laptop"}, 60);
  std::string renewed = again.out;
  while (!renewed.empty() && renewed.back() == '\n') renewed.pop_back();
  renewed = renewed.substr(renewed.rfind('\n') + 1);
  Reply head = http_test::Send(server_->port(), "HEAD", begun.begin()->get<std::string>(),
                               {{"Authorization", "Bearer " + renewed}, {"Tus-Resumable", "1.0.0"}});
  ASSERT_EQ(head.status, 200);
  EXPECT_GT(std::stoull(head.Header("upload-offset")), 0u);
  EXPECT_EQ(http_test::Send(server_->port(), "HEAD", begun.begin()->get<std::string>(),
                            {{"Authorization", "Bearer " + editor_}, {"Tus-Resumable", "1.0.0"}})
                .status,
            404)
      << "another account's token does not reach it";
}

}  // namespace
