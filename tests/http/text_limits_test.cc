// Text limits over the API: a value over its limit is refused with a 400
// naming the field and the limit, before anything is stored; every value
// within the limits, all at their maximum at once, in multi-byte UTF-8 and
// characters XML must escape, in every allowed language, still goes into
// every download format, with the credit in the file.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fixtures/api_fixture.h"
#include "fixtures/image_fixtures.h"
#include "fixtures/text_fixtures.h"
#include "media/metadata.h"
#include "media/text_limits.h"

namespace http_test {
namespace {

using nlohmann::json;

using fixtures::kLanguages;
using fixtures::Widest;

json PerLanguage(std::size_t chars) {
  json j = json::object();
  std::size_t seed = 0;
  for (const char* lang : kLanguages) j[lang] = Widest(chars, seed++);
  return j;
}

// Every editable text of a photo at its maximum.
json EverythingAtTheLimit() {
  json keywords = json::array();
  for (std::size_t i = 0; i < media::kMaxKeywords; ++i) {
    std::string prefix = "k" + std::to_string(i);  // distinct
    keywords.push_back(prefix + Widest(media::kMaxKeywordChars - prefix.size(), i));
  }
  return {{"caption", PerLanguage(media::kMaxCaptionChars)},
          {"headline", PerLanguage(media::kMaxHeadlineChars)},
          {"alt_text", PerLanguage(media::kMaxAltTextChars)},
          {"credit", Widest(media::kMaxCreditChars, 1)},
          {"creator", Widest(media::kMaxCreditChars, 2)},
          {"copyright", Widest(media::kMaxCreditChars, 3)},
          {"usage_terms", Widest(media::kMaxCreditChars, 4)},
          {"event", Widest(media::kMaxShortTextChars, 5)},
          {"keywords", keywords}};
}

class TextLimitsTest : public ApiTest {
 protected:
  void SetUp() override { StartServer(); }

  Reply Json(const std::string& method, const std::string& path, const json& body) {
    Headers h = Editor();
    h.emplace_back("Content-Type", "application/json");
    return Send(port(), method, path, h, body.dump());
  }

  // A 400 whose message names `field` and `limit`.
  void ExpectRefused(const Reply& r, const std::string& field, std::size_t limit) {
    EXPECT_EQ(r.status, 400) << r.body;
    json j = json::parse(r.body, nullptr, false);
    std::string message = j.is_object() ? j.value("message", "") : "";
    EXPECT_EQ(j.value("code", ""), "invalid_argument") << r.body;
    EXPECT_EQ(message.rfind(field + ":", 0), 0u) << message;
    EXPECT_NE(message.find("limit of " + std::to_string(limit)), std::string::npos) << message;
  }
};

TEST_F(TextLimitsTest, AHundredKilobyteCaptionIsRefusedAndDownloadsKeepWorking) {
  json photo = UploadPhoto(Jpeg(1, "Opening session", "© IOM 2016"), "opening.jpg");
  const std::string id = std::to_string(photo["id"].get<long>());
  Reply r = Json("PATCH", "/api/photos/" + id, {{"caption", {{"en", std::string(100000, 'a')}}}});
  ExpectRefused(r, "caption.en", 2000);
  Reply after = Get("/api/photos/" + id);
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(json::parse(after.body)["caption"].dump().find("aaaa"), std::string::npos) << "nothing stored";
  for (std::string file : {"original", "small.jpg", "small.webp", "large.jpg"}) {
    Reply d = Get("/media/" + id + "/" + file);
    EXPECT_EQ(d.status, 200) << file << ": " << d.body.substr(0, 200);
  }
}

TEST_F(TextLimitsTest, EachLimitIsNamedWithItsFieldOneCharacterOver) {
  json photo = UploadPhoto(Jpeg(2), "limits.jpg");
  const std::string path = "/api/photos/" + std::to_string(photo["id"].get<long>());
  struct Case {
    json set;
    std::string field;
    std::size_t limit;
  } cases[] = {
      {{{"caption", {{"fr", Widest(2001)}}}}, "caption.fr", 2000},
      {{{"headline", {{"en", Widest(257)}}}}, "headline.en", 256},
      {{{"alt_text", {{"en", Widest(251)}}}}, "alt_text.en", 250},
      {{{"credit", Widest(513)}}, "credit", 512},
      {{{"creator", Widest(513)}}, "creator", 512},
      {{{"copyright", Widest(513)}}, "copyright", 512},
      {{{"usage_terms", Widest(513)}}, "usage_terms", 512},
      {{{"event", Widest(257)}}, "event", 256},
      {{{"keywords", {"fine", Widest(65)}}}, "keywords[1]", 64},
      {{{"keywords", json(std::vector<std::string>(101, "k"))}}, "keywords", 100},
      {json::object(), "caption", 10},  // eleven languages, set below
  };
  json eleven = PerLanguage(1);
  eleven["it"] = "x";
  cases[10].set = {{"caption", eleven}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.field);
    ExpectRefused(Json("PATCH", path, c.set), c.field, c.limit);
  }
  // Ten languages stored one edit at a time: the eleventh is refused by the catalog.
  for (const char* lang : kLanguages) {
    ASSERT_EQ(Json("PATCH", path, {{"caption", {{lang, "x"}}}}).status, 200) << lang;
  }
  ExpectRefused(Json("PATCH", path, {{"caption", {{"it", "x"}}}}), "caption", 10);
  // Two hundred thousand keywords: over the body limit, refused from the head.
  Reply huge = Json("PATCH", path, {{"keywords", json(std::vector<std::string>(200000, "keyword"))}});
  EXPECT_EQ(huge.status, 413) << huge.body.substr(0, 200);

  // Bulk edits take at most 1,000 ids.
  std::vector<long> ids;
  for (long i = 1; i <= 1001; ++i) ids.push_back(i);
  ExpectRefused(Json("PATCH", "/api/photos", {{"ids", ids}, {"set", {{"credit", "x"}}}}), "ids", 1000);

  // Albums and meetings.
  ExpectRefused(Json("POST", "/api/albums", {{"slug", "a"}, {"title", {{"en", Widest(201)}}}}), "title.en", 200);
  ExpectRefused(Json("POST", "/api/albums", {{"slug", "a"}, {"description", {{"fr", Widest(5001)}}}}),
                "description.fr", 5000);
  ExpectRefused(Json("POST", "/api/albums", {{"slug", "a"}, {"default_credit", Widest(513)}}), "default_credit",
                512);
  ExpectRefused(Json("POST", "/api/meetings", {{"slug", "m"}, {"place", Widest(257)}}), "place", 256);
  ExpectRefused(Json("POST", "/api/meetings", {{"slug", "m"}, {"title", {{"en", Widest(201)}}}}), "title.en", 200);
  ExpectRefused(Json("POST", "/api/meetings", {{"slug", "m"}, {"description", {{"en", Widest(5001)}}}}),
                "description.en", 5000);
  EXPECT_EQ(Json("POST", "/api/albums",
                 {{"slug", "a"}, {"title", PerLanguage(200)}, {"description", PerLanguage(5000)},
                  {"default_credit", Widest(512)}})
                .status,
            201);
  EXPECT_EQ(Json("POST", "/api/meetings",
                 {{"slug", "m"}, {"title", PerLanguage(200)}, {"description", PerLanguage(5000)},
                  {"place", Widest(256)}, {"default_credit", Widest(512)}})
                .status,
            201);
}

struct FormatCase {
  const char* format;
  const char* mime;
  bool carries_text;  // the metadata library writes this container
};

TEST_F(TextLimitsTest, EverythingAtTheLimitGoesIntoEveryDownloadFormat) {
  const FormatCase formats[] = {{"jpeg", "image/jpeg", true}, {"png", "image/png", true},
                                {"tiff", "image/tiff", true}, {"webp", "image/webp", true},
                                {"heic", "image/heic", false}, {"avif", "image/avif", false}};
  const json limit = EverythingAtTheLimit();
  const std::string credit = limit["credit"];
  int seed = 0;
  for (const FormatCase& f : formats) {
    SCOPED_TRACE(f.format);
    fixtures::FixtureSpec spec;
    spec.format = f.format;
    spec.width = 96 + 8 * seed++;
    spec.credit = "before";
    std::string bytes = fixtures::MakeImage(spec);
    Reply up = Upload(bytes, std::string("limit.") + f.format, "", f.mime);
    ASSERT_EQ(up.status, 201) << up.body;
    const std::string id = std::to_string(json::parse(up.body)["id"].get<long>());
    Reply edit = Json("PATCH", "/api/photos/" + id, limit);
    ASSERT_EQ(edit.status, 200) << edit.body.substr(0, 300);
    json stored = json::parse(Get("/api/photos/" + id, Editor()).body);
    EXPECT_EQ(stored["credit"], credit);
    EXPECT_EQ(stored["keywords"].size(), media::kMaxKeywords);

    std::vector<std::string> files = {"original"};
    for (const char* name : {"tile", "small", "medium", "large"}) {
      for (const char* ext : {"webp", "jpg"}) files.push_back(std::string(name) + "." + ext);
    }
    for (const std::string& file : files) {
      SCOPED_TRACE(file);
      Reply d = Get("/media/" + id + "/" + file);
      ASSERT_EQ(d.status, 200) << d.body.substr(0, 300);
      if (file == "original" && !f.carries_text) continue;  // served as stored
      auto meta = media::ReadMetadata(reinterpret_cast<const std::uint8_t*>(d.body.data()), d.body.size());
      ASSERT_TRUE(meta.ok()) << meta.status().ToString();
      EXPECT_EQ(meta->credit, credit) << "the credit is in the file";
      EXPECT_FALSE(meta->caption.empty());
    }
  }
}

}  // namespace
}  // namespace http_test
