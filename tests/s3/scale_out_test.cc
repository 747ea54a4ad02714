// Beyond one machine: three `gallery serve` processes, each with a data
// folder of its own (as on three machines), share the catalog on the
// PostgreSQL test server and the originals in the loopback object store,
// behind nginx as the load balancer. Six uploaders send through it while a
// random process is killed (SIGKILL) and started again, 20 times. Every
// upload that was acknowledged is then there through every process, page
// cursors walk across processes, a logout through one ends the session on
// all, and the archive checks clean.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
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

// nginx on a loopback port in front of the given processes, stopped by its
// PID when the object goes. Point() rewrites its list of processes and
// reloads it (a restarted process listens on a new port).
class Balancer {
 public:
  explicit Balancer(const std::string& dir) : dir_(dir) {
    std::filesystem::create_directories(dir);
    port_ = UnusedPort();
  }
  ~Balancer() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  void Point(const std::vector<int>& ports) {
    std::string conf = "daemon off;\nworker_processes 1;\npid " + dir_ + "/nginx.pid;\n" +
                       (::geteuid() == 0 ? "user root;\n" : "") + "error_log " + dir_ +
                       "/error.log warn;\nevents { worker_connections 512; }\nhttp {\n" +
                       "  access_log off;\n  client_max_body_size 64m;\n";
    for (const char* t : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
      conf += std::string("  ") + t + "_temp_path " + dir_ + "/" + t + ";\n";
    }
    conf += "  upstream gallery {\n";
    for (int p : ports) conf += "    server 127.0.0.1:" + std::to_string(p) + " max_fails=1 fail_timeout=1s;\n";
    conf += "  }\n  server {\n    listen 127.0.0.1:" + std::to_string(port_) + ";\n" +
            "    location / {\n      proxy_pass http://gallery;\n      proxy_http_version 1.1;\n" +
            "      proxy_set_header Connection \"\";\n      proxy_next_upstream error timeout;\n" +
            "      proxy_connect_timeout 2s;\n      proxy_read_timeout 60s;\n    }\n  }\n}\n";
    testing_util::WriteFileOrDie(dir_ + "/nginx.conf", conf);
    if (pid_ > 0) {
      ::kill(pid_, SIGHUP);  // reload: new workers take the new list
      return;
    }
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl(kNginx, kNginx, "-p", dir_.c_str(), "-c", (dir_ + "/nginx.conf").c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // Ready when it answers (any status) on its port; at most 10 s.
    const auto start = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - start < std::chrono::seconds(10)) {
      if (Send(port_, "GET", "/api/session").status > 0) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "nginx did not start: " << testing_util::ReadFileOrDie(dir_ + "/error.log");
  }
  int port() const { return port_; }

 private:
  std::string dir_;
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

TEST_F(ScaleOutTest, ThreeProcessesBehindABalancerLoseNothingWhenKilledOverAndOver) {
  const char* const kPassword = "a long enough password";
  auto add = testing_util::RunGalleryWithInput(
      With({"user", "add", "ana", "--role", "editor", "--password-stdin", "--data", Folder(0)}),
      std::string(kPassword) + "\n");
  ASSERT_EQ(add.exit_code, 0) << add.out << add.err;

  std::vector<std::unique_ptr<ServerProcess>> machines(3);
  std::vector<int> ports(3);
  for (int m = 0; m < 3; ++m) {
    machines[m] = std::make_unique<ServerProcess>(Folder(m + 1), archive_);
    ports[m] = machines[m]->port();
  }
  Balancer balancer(tmp_ / "balancer");
  balancer.Point(ports);
  const int front = balancer.port();

  // A session made through the balancer is honoured by every process.
  auto login = [&](int port) {
    return Send(port, "POST", "/api/session", {{"Content-Type", "application/json"}},
                json{{"name", "ana"}, {"password", kPassword}}.dump());
  };
  Reply made = login(front);
  ASSERT_EQ(made.status, 200) << made.body;
  const std::string cookie = made.Header("set-cookie").substr(0, made.Header("set-cookie").find(';'));
  Headers session = {{"Cookie", cookie}, {"X-CSRF-Token", json::parse(made.body)["csrf_token"]}};
  for (int port : ports) EXPECT_EQ(Send(port, "GET", "/api/photos", session).status, 200) << port;

  // Six uploaders send through the balancer while a random process is
  // killed (SIGKILL) and started again, 20 times. An upload the killed
  // process had in hand may fail (502: the client sends it again); one that
  // was acknowledged (201) must never be lost.
  constexpr int kUploaders = 6, kPerUploader = 20, kKills = 20;
  std::vector<std::vector<std::string>> photos(kUploaders);
  for (int u = 0; u < kUploaders; ++u) {
    for (int i = 0; i < kPerUploader; ++i) {
      photos[u].push_back(Jpeg(1000 * (u + 1) + i, "Session " + std::to_string(i), "© IOM 2016", 96, 72));
    }
  }
  std::mutex mu;
  std::map<std::int64_t, std::string> acknowledged;  // id -> sha256 of the bytes sent
  std::vector<std::string> unexpected;
  std::atomic<int> refused{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> uploaders;
  for (int u = 0; u < kUploaders; ++u) {
    uploaders.emplace_back([&, u] {
      for (int i = 0; i < kPerUploader && !stop; ++i) {
        const std::string& bytes = photos[u][i];
        Headers h = session;
        h.emplace_back("Content-Type", "image/jpeg");
        h.emplace_back("X-Filename", "u" + std::to_string(u) + "-" + std::to_string(i) + ".jpg");
        Reply up = Send(front, "POST", "/api/photos", h, bytes);
        std::lock_guard<std::mutex> lock(mu);
        if (up.status == 201) {
          acknowledged[json::parse(up.body)["id"].get<std::int64_t>()] = media::Sha256Hex(bytes.data(), bytes.size());
        } else if (up.status == 502 || up.status == 503) {
          ++refused;
        } else {
          unexpected.push_back(std::to_string(up.status) + " " + up.body);
        }
      }
    });
  }
  std::mt19937 random(20160711);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(150);
  int kills = 0;
  for (; kills < kKills && std::chrono::steady_clock::now() < deadline; ++kills) {
    const int m = static_cast<int>(random() % 3);
    EXPECT_EQ(machines[m]->Stop(SIGKILL), 128 + SIGKILL);
    machines[m].reset();
    machines[m] = std::make_unique<ServerProcess>(Folder(m + 1), archive_);
    ports[m] = machines[m]->port();
    balancer.Point(ports);
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
  }
  stop = true;
  for (auto& t : uploaders) t.join();
  EXPECT_EQ(kills, kKills) << "the kills took longer than their time limit";
  EXPECT_TRUE(unexpected.empty()) << unexpected.size() << " uploads answered neither 201 nor 502/503: "
                                  << (unexpected.empty() ? "" : unexpected.front());
  EXPECT_GE(acknowledged.size(), 10u) << refused << " uploads refused";
  std::printf("%d kills: %zu uploads acknowledged, %d refused while a process was down\n", kills,
              acknowledged.size(), refused.load());

  // Every acknowledged photo is there, through any process, and its
  // original and a rendition are served wherever they are asked for.
  for (const auto& [id, sha] : acknowledged) {
    Reply photo = Send(front, "GET", "/api/photos/" + std::to_string(id), session);
    ASSERT_EQ(photo.status, 200) << id;
    EXPECT_EQ(json::parse(photo.body)["sha256"], sha) << id;
  }
  for (int port : ports) {
    const std::string path = "/media/" + std::to_string(acknowledged.begin()->first);
    EXPECT_EQ(Send(port, "GET", path + "/original", session).status, 200) << port;
    EXPECT_EQ(Send(port, "GET", path + "/small.jpg", session).status, 200) << port;
  }

  // Page cursors open on any process: walk every page through the balancer.
  std::set<std::int64_t> walked;
  std::string cursor;
  for (int page = 0; page < kUploaders * kPerUploader; ++page) {
    Reply r = Send(front, "GET", "/api/photos?limit=7" + (cursor.empty() ? "" : "&cursor=" + cursor), session);
    ASSERT_EQ(r.status, 200) << r.body;
    const json body = json::parse(r.body);
    for (const json& p : body["items"]) walked.insert(p["id"].get<std::int64_t>());
    if (body["next_cursor"].is_null()) break;
    cursor = body["next_cursor"];
  }
  for (const auto& entry : acknowledged) EXPECT_EQ(walked.count(entry.first), 1u) << entry.first;

  // Logging out through one process ends the session on all.
  Headers logout = session;
  logout.emplace_back("Content-Type", "application/json");
  EXPECT_EQ(Send(ports[0], "DELETE", "/api/session", logout).status / 100, 2);
  for (int port : ports) {
    Reply after = Send(port, "GET", "/api/session", session);
    ASSERT_EQ(after.status, 200);
    EXPECT_EQ(json::parse(after.body)["authenticated"], false) << port;
  }

  // The archive checks clean once what the killed processes left half done
  // is collected.
  machines.clear();
  auto gc = testing_util::RunGallery(With({"gc", "--data", Folder(1)}), 120);
  EXPECT_EQ(gc.exit_code, 0) << gc.out << gc.err;
  auto check = testing_util::RunGallery(With({"check", "--data", Folder(1)}), 120);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

}  // namespace
