#include "security/security_fixture.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include <ctime>
#include <random>

#include "media/sha256.h"

namespace security_test {

namespace {

// Runs `gallery args...` with `input_file` as standard input; its exit status.
int RunGalleryWithInput(const std::vector<std::string>& args, const std::string& input_file) {
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    int in = open(input_file.c_str(), O_RDONLY);
    int null = open("/dev/null", O_WRONLY);
    if (in < 0 || null < 0) _exit(126);
    dup2(in, 0);
    dup2(null, 1);
    std::string bin = testing_util::GalleryBinary();
    std::vector<std::string> copy = args;
    std::vector<char*> argv{bin.data()};
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// A credential of the viewer role stored straight into the catalog (the
// command line makes only editor and admin tokens); its secret.
std::string AddViewerToken(const std::string& catalog_path) {
  std::random_device rd;
  std::string secret = "viewer-";
  for (int i = 0; i < 32; ++i) secret += "0123456789abcdef"[rd() % 16];
  std::string sql = "INSERT INTO credential (secret_sha256, role, user_name, created_at) VALUES ('" +
                    media::Sha256Hex(secret.data(), secret.size()) +
                    "', 'viewer', 'reader', '2016-07-12T09:00:00Z')";
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(catalog_path.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
  return secret;
}

}  // namespace

const char* WhoName(Who who) {
  static const char* const kNames[] = {"anonymous", "viewer", "editor", "admin", "share link"};
  return kNames[who];
}

void SecurityTest::BuildArchive() {
  Gallery({"meeting", "add", "casablanca-2016", "--title-en", "Technical meeting", "--place", "Casablanca",
           "--start", "2016-07-12", "--end", "2016-07-14", "--credit", "© IOM 2016"});
  Gallery({"album", "add", "open", "--meeting", "casablanca-2016", "--visibility", "public",
           "--title-en", "Opening session"});
  Gallery({"album", "add", "closed", "--meeting", "casablanca-2016", "--visibility", "private",
           "--title-en", "Closed workshop"});
  Gallery({"album", "add", "secret", "--visibility", "private", "--title-en", "Confidential board"});
  std::string password_file = tmp_ / "password";
  testing_util::WriteFileOrDie(password_file, editor_password_ + "\n");
  ASSERT_EQ(RunGalleryWithInput({"user", "add", editor_name_, "--role", "editor", "--password-stdin",
                                 "--data", data_},
                                password_file),
            0);
  viewer_ = AddViewerToken(data_ + "/catalog.db");
  StartServer();
  open_photo_ = UploadPhoto(http_test::Jpeg(1, "Opening"), "opening.jpg", "?album=open")["id"];
  closed_photo_ = UploadPhoto(http_test::Jpeg(2, "Workshop"), "workshop.jpg", "?album=closed")["id"];
  secret_photo_ = UploadPhoto(http_test::Jpeg(3, "Board"), "board.jpg", "?album=secret")["id"];
  embargoed_photo_ = UploadPhoto(http_test::Jpeg(4, "Signing"), "signing.jpg", "?album=open")["id"];
  loose_photo_ = UploadPhoto(http_test::Jpeg(5, "Hall"), "hall.jpg")["id"];
  Reply r = EditorJson("PATCH", "/api/photos/" + std::to_string(embargoed_photo_),
                       {{"embargo_until", media::UtcAfter(365L * 86400)}});
  ASSERT_EQ(r.status, 200) << r.body;
  r = EditorJson("POST", "/api/albums/closed/links", {{"expires_in_days", 7}});
  ASSERT_EQ(r.status, 201) << r.body;
  share_ = json::parse(r.body).at("secret").get<std::string>();
}

Reply SecurityTest::As(Who who, const std::string& method, const std::string& path, const std::string& body,
                       Headers headers) {
  std::string target = path;
  switch (who) {
    case kAnonymous: break;
    case kViewer: headers.emplace_back("Authorization", "Bearer " + viewer_); break;
    case kEditor: headers.emplace_back("Authorization", "Bearer " + editor_); break;
    case kAdmin: headers.emplace_back("Authorization", "Bearer " + admin_); break;
    case kShare:
    case kWhoCount:
      target += (path.find('?') == std::string::npos ? "?share=" : "&share=") + share_;
      break;
  }
  return http_test::Send(port(), method, target, headers, body);
}

Reply SecurityTest::EditorJson(const std::string& method, const std::string& path, const json& body) {
  Headers h = Editor();
  h.emplace_back("Content-Type", "application/json");
  return http_test::Send(port(), method, path, h, body.dump());
}

SecurityTest::Session SecurityTest::Login(const std::string& name, const std::string& password) {
  Reply r = http_test::Send(port(), "POST", "/api/session", {{"Content-Type", "application/json"}},
                            json({{"name", name}, {"password", password}}).dump());
  if (r.status != 200) return {};
  std::string cookie = r.Header("set-cookie");
  std::size_t eq = cookie.find('='), end = cookie.find(';');
  Session s;
  s.cookie_secret = cookie.substr(eq + 1, end - eq - 1);
  s.csrf = json::parse(r.body).value("csrf_token", "");
  return s;
}

}  // namespace security_test
