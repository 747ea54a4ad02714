// The server's response cache: answers kept per catalog version and asker,
// retired by any change (this server's or another process's) and when an
// embargo ends.
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "http/response_cache.h"
#include "fixtures/api_fixture.h"
#include "media/utc_time.h"

namespace http_test {
namespace {

using gallery::http::HttpRequest;
using gallery::http::HttpResponse;
using gallery::http::ResponseCache;
using gallery::http::ResponseCacheKey;
using nlohmann::json;

using Clock = std::chrono::steady_clock;
const Clock::time_point kLater = Clock::now() + std::chrono::hours(1);

std::shared_ptr<const HttpResponse> Answer(const std::string& body) {
  auto r = std::make_shared<HttpResponse>();
  r->body = body;
  return r;
}

TEST(ResponseCacheTest, FindsWhatWasStoredAtTheSameVersionOnly) {
  ResponseCache cache(1 << 20);
  EXPECT_EQ(cache.Find("k", 1), nullptr);
  cache.Store("k", 1, Answer("one"), kLater);
  ASSERT_NE(cache.Find("k", 1), nullptr);
  EXPECT_EQ(cache.Find("k", 1)->body, "one");
  EXPECT_EQ(cache.Find("k", 2), nullptr);
  EXPECT_EQ(cache.Find("k", 1), nullptr);  // a stale entry is gone for good
}

TEST(ResponseCacheTest, NoCapacityKeepsNothing) {  // gallery serve --response-cache-bytes 0
  ResponseCache cache(0);
  cache.Store("k", 1, Answer(""), kLater);
  cache.Store("j", 1, Answer("one"), kLater);
  EXPECT_EQ(cache.Find("k", 1), nullptr);
  EXPECT_EQ(cache.Find("j", 1), nullptr);
}

TEST(ResponseCacheTest, EntriesExpireWhenTold) {
  ResponseCache cache(1 << 20);
  cache.Store("k", 1, Answer("one"), Clock::now() + std::chrono::milliseconds(200));
  EXPECT_NE(cache.Find("k", 1), nullptr);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(cache.Find("k", 1), nullptr);
}

TEST(ResponseCacheTest, StaysWithinItsCapacity) {
  ResponseCache cache(64 << 10);
  for (int i = 0; i < 100; ++i) cache.Store("k" + std::to_string(i), 1, Answer(std::string(4000, 'x')), kLater);
  int kept = 0;
  for (int i = 0; i < 100; ++i) kept += cache.Find("k" + std::to_string(i), 1) != nullptr;
  EXPECT_GT(kept, 0);
  EXPECT_LE(kept * 4000, 64 << 10);
  EXPECT_NE(cache.Find("k99", 1), nullptr);  // the newest is always kept
  cache.Store("big", 1, Answer(std::string(20 << 10, 'x')), kLater);  // over a quarter
  EXPECT_EQ(cache.Find("big", 1), nullptr);
}

TEST(ResponseCacheTest, KeysTellAskersAndQueriesApart) {
  HttpRequest anonymous;
  anonymous.path = "/api/photos";
  anonymous.query = {{"q", "a\nb"}};
  HttpRequest editor = anonymous;
  editor.principal.authenticated = true;
  editor.principal.role = media::Role::kEditor;
  HttpRequest share = anonymous;
  share.principal.share_album = "closed";
  HttpRequest viewer = anonymous;
  viewer.principal.authenticated = true;
  HttpRequest split = anonymous;
  split.query = {{"q", "a"}, {"b", ""}};
  std::string key = ResponseCacheKey(anonymous);
  EXPECT_NE(key, ResponseCacheKey(editor));
  EXPECT_NE(key, ResponseCacheKey(share));
  EXPECT_NE(key, ResponseCacheKey(split));
  // A viewer sees private albums: never the public's answers, nor theirs.
  EXPECT_NE(key, ResponseCacheKey(viewer));
  EXPECT_NE(ResponseCacheKey(editor), ResponseCacheKey(viewer));
}

class CachedAnswersTest : public ApiTest {};

// The first photo's captions, as JSON text.
std::string FirstCaption(const Reply& r) {
  json items = json::parse(r.body).at("items");
  return items.empty() ? "" : items[0]["caption"].dump();
}

TEST_F(CachedAnswersTest, AnEditShowsAtOnce) {
  Gallery({"album", "add", "opening", "--title-en", "Opening"});
  StartServer();
  std::int64_t id = UploadPhoto(Jpeg(1, "Before"), "a.jpg", "?album=opening")["id"];
  EXPECT_NE(FirstCaption(Get("/api/albums/opening/photos")).find("Before"), std::string::npos);
  EXPECT_NE(FirstCaption(Get("/api/albums/opening/photos")).find("Before"), std::string::npos);
  Headers h = Editor();
  h.emplace_back("Content-Type", "application/json");
  auto r = Send(port(), "PATCH", "/api/photos/" + std::to_string(id), h,
                json({{"caption", {{"en", "After"}}}}).dump());
  ASSERT_EQ(r.status, 200) << r.body;
  std::string caption = FirstCaption(Get("/api/albums/opening/photos"));
  EXPECT_NE(caption.find("After"), std::string::npos) << caption;
}

TEST_F(CachedAnswersTest, AChangeByAnotherProcessShowsWithinAFewMilliseconds) {
  StartServer();
  EXPECT_EQ(json::parse(Get("/api/albums").body)["items"].size(), 0u);
  Gallery({"album", "add", "closing", "--title-en", "Closing"});
  auto start = std::chrono::steady_clock::now();
  std::size_t seen = 0;
  while (seen == 0 && std::chrono::steady_clock::now() - start < std::chrono::milliseconds(500)) {
    seen = json::parse(Get("/api/albums").body)["items"].size();
    if (seen == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(seen, 1u);
}

TEST_F(CachedAnswersTest, AnEmbargoEndsOnTimeThoughNothingChanged) {
  Gallery({"album", "add", "opening", "--title-en", "Opening"});
  StartServer();
  std::int64_t id = UploadPhoto(Jpeg(1, "Later"), "a.jpg", "?album=opening")["id"];
  std::string until = media::UtcAfter(2);
  Headers h = Editor();
  h.emplace_back("Content-Type", "application/json");
  auto r = Send(port(), "PATCH", "/api/photos/" + std::to_string(id), h,
                json({{"embargo_until", until}}).dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(Get("/api/albums/opening/photos").body)["items"].size(), 0u);
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_EQ(json::parse(Get("/api/albums/opening/photos").body)["items"].size(), 1u);
}

}  // namespace
}  // namespace http_test
