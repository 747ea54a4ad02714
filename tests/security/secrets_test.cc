// Secrets are never kept in clear: after tokens, a password, sessions and
// share links have been made and used (in headers and query strings, rightly
// and wrongly), neither the catalog file, its write-ahead log, any other file
// of the data folder, nor the server's log holds any of them.
#include <csignal>
#include <filesystem>

#include "security/security_fixture.h"

namespace security_test {
namespace {

class SecretsTest : public SecurityTest {
 protected:
  void SetUp() override { BuildArchive(); }
};

// Every regular file under `root`, with its bytes.
std::vector<std::pair<std::string, std::string>> AllFiles(const std::string& root) {
  std::vector<std::pair<std::string, std::string>> out;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
       it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (!it->is_regular_file(ec)) continue;
    try {
      out.emplace_back(it->path().string(), testing_util::ReadFileOrDie(it->path().string()));
    } catch (...) {
      // A file removed while listing (a rendition's temporary) is no secret.
    }
  }
  return out;
}

TEST_F(SecretsTest, NoSecretIsStoredOrLoggedInClear) {
  std::string open = std::to_string(open_photo_), closed = std::to_string(closed_photo_);
  // A second link, used in both forms.
  Reply link = EditorJson("POST", "/api/albums/closed/links", {{"expires_in_days", 1}});
  ASSERT_EQ(link.status, 201);
  std::string share2 = json::parse(link.body)["secret"];
  ASSERT_EQ(Get("/api/albums/closed?share=" + share2).status, 200);
  ASSERT_EQ(Get("/media/" + closed + "/original", {{"X-Share-Token", share2}}).status, 200);
  ASSERT_EQ(As(kShare, "GET", "/api/albums/closed/photos").status, 200);
  // Tokens in headers; a token pasted into a query string where it does not belong.
  ASSERT_EQ(Get("/api/albums/secret", Editor()).status, 200);
  ASSERT_EQ(Get("/api/albums/secret", Admin()).status, 200);
  ASSERT_EQ(As(kViewer, "GET", "/api/photos").status, 200);
  Get("/api/photos?q=" + editor_ + "&token=" + admin_);
  Get("/api/photos/" + open + "?access_token=" + editor_);
  // A session, used for a read and a write, and a failed login whose
  // password is close to the real one.
  Session s = Login(editor_name_, editor_password_);
  ASSERT_FALSE(s.cookie_secret.empty());
  Headers cookie = {{"Cookie", "gallery_session=" + s.cookie_secret}};
  ASSERT_EQ(http_test::Send(port(), "GET", "/api/session", cookie).status, 200);
  Headers write = cookie;
  write.emplace_back("X-CSRF-Token", s.csrf);
  write.emplace_back("Content-Type", "application/json");
  ASSERT_EQ(http_test::Send(port(), "PATCH", "/api/photos/" + open, write, R"({"credit": "© IOM 2016"})").status,
            200);
  std::string wrong_password = editor_password_ + "!";
  EXPECT_EQ(http_test::Send(port(), "POST", "/api/session", {{"Content-Type", "application/json"}},
                            json({{"name", editor_name_}, {"password", wrong_password}}).dump())
                .status,
            401);
  // A wrong token and a wrong link are refused and not logged either.
  std::string bad_token = editor_ + "Z", bad_share = share_ + "Z";
  EXPECT_EQ(Get("/api/photos", {{"Authorization", "Bearer " + bad_token}}).status, 401);
  EXPECT_EQ(Get("/api/albums/closed?share=" + bad_share).status, 401);

  // Everything has reached the disk: stop the server (the log is complete,
  // the write-ahead log may stay).
  std::string log = server_->Log();
  ASSERT_FALSE(log.empty());
  const std::pair<const char*, std::string> secrets[] = {
      {"editor token", editor_},        {"admin token", admin_},
      {"viewer token", viewer_},        {"share link", share_},
      {"second share link", share2},    {"password", editor_password_},
      {"session cookie", s.cookie_secret}, {"wrong password", wrong_password},
      {"wrong token", bad_token},       {"wrong link", bad_share},
      {"CSRF token", s.csrf}};
  auto files = AllFiles(data_);
  bool saw_catalog = false, saw_wal = false;
  for (const auto& [path, bytes] : files) {
    saw_catalog = saw_catalog || (path.size() > 10 && path.substr(path.size() - 10) == "catalog.db");
    saw_wal = saw_wal || path.find("catalog.db-wal") != std::string::npos;
    for (const auto& [what, secret] : secrets) {
      ASSERT_GE(secret.size(), 16u) << what;
      EXPECT_EQ(bytes.find(secret), std::string::npos) << "the " << what << " is in " << path;
    }
  }
  EXPECT_TRUE(saw_catalog);
  EXPECT_TRUE(saw_wal) << "the catalog is expected to run in WAL mode";
  for (const auto& [what, secret] : secrets) {
    EXPECT_EQ(log.find(secret), std::string::npos) << "the " << what << " is in the server's log";
  }
  // And after a clean stop, which folds the write-ahead log into the catalog.
  server_->Stop(SIGTERM);
  std::string final_log = server_->Log();
  for (const auto& [path, bytes] : AllFiles(data_)) {
    for (const auto& [what, secret] : secrets) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << "the " << what << " is in " << path;
    }
  }
  for (const auto& [what, secret] : secrets) {
    EXPECT_EQ(final_log.find(secret), std::string::npos) << "the " << what << " is in the server's log";
  }
}

}  // namespace
}  // namespace security_test
