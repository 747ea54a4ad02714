// Beyond one machine: three `gallery serve` processes, each with a data
// folder of its own (as on three machines), share the catalog on the
// PostgreSQL test server and the originals in the loopback object store,
// behind nginx as the load balancer. Uploads, reads, logins and page cursors
// go to whichever process nginx picks; one process is killed (SIGKILL) in
// the middle of the uploads. Every upload that was acknowledged is then
// whole through the balancer, reads never failed, and the archive checks
// clean.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "fixtures/api_fixture.h"
#include "fixtures/pg_test_db.h"
#include "fixtures/s3_gateway.h"
#include "fixtures/test_util.h"
#include "media/sha256.h"

namespace {

using http_test::Headers;
using http_test::Jpeg;
using http_test::Reply;
using http_test::Send;
using http_test::ServerProcess;
using nlohmann::json;

constexpr char kNginx[] = "/usr/sbin/nginx";

// A loopback port nobody listens on now.
int UnusedPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

// nginx in one process (no master), on a loopback port, in front of
// `ports`; stopped by its PID when the object goes.
class Balancer {
 public:
  Balancer(const std::string& dir, const std::vector<int>& ports) {
    std::filesystem::create_directories(dir);
    port_ = UnusedPort();
    std::string conf = "daemon off;\nmaster_process off;\nworker_processes 1;\npid " + dir + "/nginx.pid;\n" +
                       "error_log " + dir + "/error.log warn;\nevents { worker_connections 256; }\nhttp {\n" +
                       "  access_log off;\n  client_max_body_size 64m;\n";
    for (const char* t : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
      conf += std::string("  ") + t + "_temp_path " + dir + "/" + t + ";\n";
    }
    conf += "  upstream gallery {\n";
    for (int p : ports) conf += "    server 127.0.0.1:" + std::to_string(p) + " max_fails=1 fail_timeout=30s;\n";
    conf += "  }\n  server {\n    listen 127.0.0.1:" + std::to_string(port_) + ";\n" +
            "    location / {\n      proxy_pass http://gallery;\n      proxy_http_version 1.1;\n" +
            "      proxy_set_header Connection \"\";\n      proxy_next_upstream error timeout;\n" +
            "      proxy_connect_timeout 2s;\n      proxy_read_timeout 60s;\n    }\n  }\n}\n";
    testing_util::WriteFileOrDie(dir + "/nginx.conf", conf);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl(kNginx, kNginx, "-p", dir.c_str(), "-c", (dir + "/nginx.conf").c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // Ready when it answers (any status) on its port; at most 10 s.
    const auto start = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - start < std::chrono::seconds(10)) {
      if (Send(port_, "GET", "/api/session").status > 0) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "nginx did not start: " << testing_util::ReadFileOrDie(dir + "/error.log");
  }
  ~Balancer() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

class ScaleOutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::access(kNginx, X_OK) != 0) GTEST_SKIP() << "nginx is not installed (scripts/install-deps.sh installs it)";
    std::string why;
    gateway_ = s3_test::SharedGateway(&why);
    if (!gateway_ && !HasFailure()) GTEST_SKIP() << why;
    ASSERT_NE(gateway_, nullptr);
    ASSERT_TRUE(pg_.Create()) << pg_.error();
    ::setenv("GALLERY_S3_ACCESS_KEY", gateway_->access_key.c_str(), 1);
    ::setenv("GALLERY_S3_SECRET_KEY", gateway_->secret_key.c_str(), 1);
    archive_ = {"--catalog", pg_.url(), "--store",
                "s3://" + s3_test::UniqueBucket("scale") + "?endpoint=" + gateway_->endpoint +
                    "&region=" + gateway_->region};
  }
  void TearDown() override {
    ::unsetenv("GALLERY_S3_ACCESS_KEY");
    ::unsetenv("GALLERY_S3_SECRET_KEY");
  }
  std::vector<std::string> With(std::vector<std::string> args) const {
    args.insert(args.end(), archive_.begin(), archive_.end());
    return args;
  }
  std::string Folder(int machine) const { return tmp_ / ("machine-" + std::to_string(machine)); }

  const s3_test::Gateway* gateway_ = nullptr;
  testing_util::PgTestDb pg_;
  testing_util::TempDir tmp_;
  std::vector<std::string> archive_;
};

TEST_F(ScaleOutTest, ThreeProcessesBehindABalancerLoseNothingWhenOneIsKilled) {
  const char* const kPassword = "a long enough password";
  auto add = testing_util::RunGalleryWithInput(
      With({"user", "add", "ana", "--role", "editor", "--password-stdin", "--data", Folder(0)}),
      std::string(kPassword) + "\n");
  ASSERT_EQ(add.exit_code, 0) << add.out << add.err;

  std::vector<std::unique_ptr<ServerProcess>> machines;
  std::vector<int> ports;
  for (int m = 1; m <= 3; ++m) {
    machines.push_back(std::make_unique<ServerProcess>(Folder(m), archive_));
    ports.push_back(machines.back()->port());
  }
  Balancer balancer(tmp_ / "balancer", ports);
  const int front = balancer.port();

  // A session made through one process is honoured by all.
  Reply login = Send(front, "POST", "/api/session", {{"Content-Type", "application/json"}},
                     json{{"name", "ana"}, {"password", kPassword}}.dump());
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string cookie = login.Header("set-cookie").substr(0, login.Header("set-cookie").find(';'));
  const std::string csrf = json::parse(login.body)["csrf_token"];
  Headers session = {{"Cookie", cookie}, {"X-CSRF-Token", csrf}};

  // Uploads through the balancer; the second process is killed after the
  // fourth. An upload the killed process had in hand may fail (the client
  // would send it again); one that was acknowledged must never be lost.
  constexpr int kUploads = 12;
  std::map<std::int64_t, std::string> acknowledged;  // id -> sha256 of the bytes sent
  int failed_reads = 0;
  for (int i = 0; i < kUploads; ++i) {
    if (i == 4) {
      EXPECT_EQ(machines[1]->Stop(SIGKILL), 128 + SIGKILL);
    }
    const std::string bytes = Jpeg(100 + i, "Session " + std::to_string(i), "© IOM 2016", 320, 240);
    Headers h = session;
    h.emplace_back("Content-Type", "image/jpeg");
    h.emplace_back("X-Filename", "photo-" + std::to_string(i) + ".jpg");
    Reply up = Send(front, "POST", "/api/photos", h, bytes);
    if (up.status == 201) {
      acknowledged[json::parse(up.body)["id"].get<std::int64_t>()] = media::Sha256Hex(bytes.data(), bytes.size());
    } else {
      EXPECT_EQ(up.status, 502) << "only the upload in the killed process's hands may fail: " << up.body;
    }
    // Reads between the uploads, whichever process answers.
    for (int r = 0; r < 3; ++r) {
      if (Send(front, "GET", "/api/photos?limit=5", session).status != 200) ++failed_reads;
    }
  }
  EXPECT_EQ(failed_reads, 0) << "the balancer sent reads to the killed process and nobody answered";
  EXPECT_GE(acknowledged.size(), static_cast<std::size_t>(kUploads - 1));

  // Every acknowledged photo, whole, through any process; its small
  // rendition made wherever it is asked for.
  for (const auto& [id, sha] : acknowledged) {
    const std::string path = "/media/" + std::to_string(id);
    Reply original = Send(front, "GET", path + "/original", session);
    ASSERT_EQ(original.status, 200) << id;
    // The download carries the credit in its metadata, so compare the
    // catalog's record of the stored bytes instead of the download's.
    Reply photo = Send(front, "GET", "/api/photos/" + std::to_string(id), session);
    ASSERT_EQ(photo.status, 200);
    EXPECT_EQ(json::parse(photo.body)["sha256"], sha) << id;
    for (int port : {ports[0], ports[2]}) {
      EXPECT_EQ(Send(port, "GET", path + "/small.jpg", session).status, 200) << id << " on " << port;
    }
  }

  // Page cursors open on any process: walk every page through the balancer.
  std::set<std::int64_t> walked;
  std::string cursor;
  for (int page = 0; page < kUploads; ++page) {
    Reply r = Send(front, "GET", "/api/photos?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), session);
    ASSERT_EQ(r.status, 200) << r.body;
    const json body = json::parse(r.body);
    for (const json& p : body["items"]) walked.insert(p["id"].get<std::int64_t>());
    if (body["next_cursor"].is_null()) break;
    cursor = body["next_cursor"];
  }
  std::set<std::int64_t> expected;
  for (const auto& entry : acknowledged) expected.insert(entry.first);
  for (std::int64_t id : expected) EXPECT_EQ(walked.count(id), 1u) << id;

  // The archive is sound once an upload the killed process left half done
  // is collected.
  machines.clear();
  auto gc = testing_util::RunGallery(With({"gc", "--data", Folder(1)}), 120);
  EXPECT_EQ(gc.exit_code, 0) << gc.out << gc.err;
  auto check = testing_util::RunGallery(With({"check", "--data", Folder(1)}), 120);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

}  // namespace
