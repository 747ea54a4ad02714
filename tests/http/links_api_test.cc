// Share links over HTTP: a link opens one private album, its photos and
// their media, nothing else; an unknown or expired secret answers 401; only
// the secret's SHA-256 is stored.
#include <dirent.h>

#include <ctime>
#include <thread>

#include "fixtures/api_fixture.h"
#include "media/utc_time.h"
#include "media/sha256.h"

namespace http_test {
namespace {

using nlohmann::json;

class LinksApiTest : public ApiTest {
 protected:
  void SetUp() override {
    Gallery({"album", "add", "backstage", "--visibility", "private", "--title-en", "Backstage"});
    Gallery({"album", "add", "board", "--visibility", "private", "--title-en", "Board"});
    StartServer();
    mine_ = UploadPhoto(Jpeg(1, "Rehearsal"), "rehearsal.jpg", "?album=backstage")["id"];
    other_ = UploadPhoto(Jpeg(2, "Board meeting"), "board.jpg", "?album=board")["id"];
  }
  Reply CreateLink(const std::string& album, const std::string& body, Headers h = {}) {
    if (h.empty()) h = Editor();
    h.emplace_back("Content-Type", "application/json");
    return Send(port(), "POST", "/api/albums/" + album + "/links", h, body);
  }
  std::string Secret(const std::string& album, const std::string& body = R"({"expires_in_days": 7})") {
    auto r = CreateLink(album, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body).value("secret", "");
  }
  std::string Photo(std::int64_t id) { return "/api/photos/" + std::to_string(id); }
  std::string Original(std::int64_t id) { return "/media/" + std::to_string(id) + "/original"; }
  std::int64_t mine_ = 0, other_ = 0;
};

TEST_F(LinksApiTest, LinkOpensItsAlbumAndItsMediaOnly) {
  auto r = CreateLink("backstage", R"({"expires_in_days": 7})");
  ASSERT_EQ(r.status, 201) << r.body;
  json link = json::parse(r.body);
  std::string secret = link["secret"];
  EXPECT_EQ(secret.size(), 43u);  // 32 random bytes, base64url
  EXPECT_EQ(link["url"], "/albums/backstage?share=" + secret);
  EXPECT_GT(link["expires_at"].get<std::string>(), media::UtcAfter(6 * 86400));

  EXPECT_EQ(Get("/api/albums/backstage").status, 404);
  EXPECT_EQ(Get("/api/albums/backstage?share=" + secret).status, 200);
  EXPECT_EQ(Get("/api/albums/backstage", {{"X-Share-Token", secret}}).status, 200);
  auto photos = Get("/api/albums/backstage/photos?share=" + secret);
  ASSERT_EQ(photos.status, 200) << photos.body;
  EXPECT_EQ(json::parse(photos.body)["items"][0]["id"], mine_);
  auto shared = Get(Photo(mine_) + "?share=" + secret);
  EXPECT_EQ(shared.status, 200);
  EXPECT_FALSE(json::parse(shared.body).contains("uploaded_by")) << "a login name shown to a link";
  EXPECT_FALSE(json::parse(photos.body)["items"][0].contains("uploaded_by"));
  EXPECT_EQ(Get(Original(mine_) + "?share=" + secret).status, 200);
  EXPECT_EQ(Get(Original(mine_), {{"X-Share-Token", secret}}).status, 200);
  EXPECT_EQ(Get(Original(mine_)).status, 404);

  // Nothing else: another private album, its photos and media stay hidden.
  EXPECT_EQ(Get("/api/albums/board?share=" + secret).status, 404);
  EXPECT_EQ(Get("/api/albums/board/photos?share=" + secret).status, 404);
  EXPECT_EQ(Get(Photo(other_) + "?share=" + secret).status, 404);
  EXPECT_EQ(Get(Original(other_) + "?share=" + secret).status, 404);
  auto all = Get("/api/photos?share=" + secret);
  ASSERT_EQ(all.status, 200);
  json all_json = json::parse(all.body);
  for (const auto& p : all_json["items"]) EXPECT_NE(p["id"], other_);
  // Nor may it write.
  EXPECT_EQ(Send(port(), "DELETE", "/api/albums/backstage?share=" + secret).status, 401);
  EXPECT_EQ(Get("/api/albums/backstage?share=" + std::string(64, '0')).status, 401);
}

TEST_F(LinksApiTest, ExpiredLinkIsRefused) {
  std::string secret = Secret("backstage", "{\"expires_at\": \"" + media::UtcAfter(2) + "\"}");
  ASSERT_EQ(Get("/api/albums/backstage?share=" + secret).status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(3200));
  auto r = Get("/api/albums/backstage?share=" + secret);
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(json::parse(r.body)["code"], "unauthenticated");
  EXPECT_EQ(Get(Original(mine_) + "?share=" + secret).status, 401);
}

TEST_F(LinksApiTest, OnlyTheSecretsHashIsStored) {
  std::string secret = Secret("backstage");
  std::string hash = media::Sha256Hex(secret.data(), secret.size());
  std::string stored;
  DIR* dir = opendir(data_.c_str());
  ASSERT_NE(dir, nullptr);
  while (dirent* e = readdir(dir)) {
    std::string name = e->d_name;
    if (name.find("catalog") != std::string::npos || name.find(".db") != std::string::npos) {
      stored += testing_util::ReadFileOrDie(data_ + "/" + name);
    }
  }
  closedir(dir);
  // With the catalog on PostgreSQL: every row of the tables that hold secrets.
  if (!pg_.url().empty()) {
    for (const char* table : {"share_link", "credential", "edit_history"}) {
      stored += pg_.Query(std::string("SELECT row_to_json(t)::text FROM ") + table + " t");
    }
  }
  ASSERT_FALSE(stored.empty());
  EXPECT_NE(stored.find(hash), std::string::npos);
  EXPECT_EQ(stored.find(secret), std::string::npos);
  EXPECT_NE(Secret("backstage"), secret);
}

TEST_F(LinksApiTest, BadRequestsAreRefused) {
  auto field = [](const Reply& r) { return json::parse(r.body)["message"].get<std::string>(); };
  auto r = CreateLink("backstage", R"({"expires_at": "tomorrow"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(field(r).find("expires_at"), std::string::npos);
  r = CreateLink("backstage", R"({"expires_at": "2001-01-01T00:00:00Z"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(field(r).find("future"), std::string::npos);
  r = CreateLink("backstage", R"({"expires_in_days": 0})");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(field(r).find("expires_in_days"), std::string::npos);
  EXPECT_EQ(CreateLink("backstage", R"({"expires_in_days": 1, "expires_at": "2099-01-01T00:00:00Z"})").status, 400);
  EXPECT_EQ(CreateLink("backstage", R"({"days": 1})").status, 400);
  EXPECT_EQ(CreateLink("nowhere", R"({"expires_in_days": 1})").status, 404);
  EXPECT_EQ(CreateLink("backstage", R"({"expires_in_days": 1})", {{"X-None", "1"}}).status, 401);
  auto fallback = CreateLink("backstage", "");
  ASSERT_EQ(fallback.status, 201) << fallback.body;
  EXPECT_GT(json::parse(fallback.body)["expires_at"].get<std::string>(), media::UtcAfter(29 * 86400));
}

}  // namespace
}  // namespace http_test
