// The readers of JSON request bodies on their own (no server): what they
// accept, and that every refusal is a JSON 400 naming the field.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/json_body.h"

namespace gallery::http {
namespace {

using nlohmann::json;

// The "field: why" message of a refusal, or "" when there was none.
std::string Refusal(const std::optional<HttpResponse>& r) {
  if (!r) return "";
  EXPECT_EQ(r->status, 400);
  json j = json::parse(r->body);
  EXPECT_EQ(j["code"], "invalid_argument");
  return j["message"];
}

TEST(JsonBodyTest, ParsesOnlyObjects) {
  json out;
  EXPECT_EQ(Refusal(ParseJsonText("{\"a\": 1}", &out)), "");
  EXPECT_EQ(Refusal(ParseJsonText("", &out)), "body: not valid JSON");
  EXPECT_EQ(Refusal(ParseJsonText("{\"a\": \"\\ud800\"}", &out)), "body: not valid JSON");
  EXPECT_EQ(Refusal(ParseJsonText("{\"a\": \"\xFF\"}", &out)), "body: not valid UTF-8 (at byte 7)");
  EXPECT_EQ(Refusal(ParseJsonText("[1]", &out)), "body: must be a JSON object");
  // Nesting past 32 levels is refused before parsing, closed or not.
  std::string deep(100000, '[');
  const std::string too_deep = "body: arrays and objects nested deeper than 32 levels, the limit";
  EXPECT_EQ(Refusal(ParseJsonText(deep, &out)), too_deep);
  EXPECT_EQ(Refusal(ParseJsonText(deep + std::string(100000, ']'), &out)), too_deep);
}

TEST(JsonBodyTest, NestingUpTo32LevelsIsParsedAndOneMoreIsNot) {
  json out;
  auto nested = [](int levels) {
    std::string s = "{\"a\": ";
    for (int i = 1; i < levels; ++i) s += "[";
    s += "1";
    for (int i = 1; i < levels; ++i) s += "]";
    return s + "}";
  };
  EXPECT_EQ(Refusal(ParseJsonText(nested(32), &out)), "");
  EXPECT_NE(Refusal(ParseJsonText(nested(33), &out)).find("deeper than 32"), std::string::npos);
  // Brackets inside strings, escaped quotes included, are text.
  EXPECT_EQ(Refusal(ParseJsonText("{\"a\": \"\\\"" + std::string(100, '[') + "\"}", &out)), "");
}

TEST(JsonBodyTest, RefusesWhatIsNotUtf8AnywhereInTheBody) {
  json out;
  EXPECT_EQ(Refusal(ParseJsonText("{\"caf\u00e9\": \"\xE6\xBC\xA2\xF0\x9F\x98\x80\"}", &out)), "");
  for (const std::string& bad : {std::string("\xC0\xAF"), std::string("\xE0\x80\xAF"), std::string("\xED\xA0\x80"),
                                 std::string("\xF4\x90\x80\x80"), std::string("\xF5"), std::string("\xE6\xBC"),
                                 std::string("\x80"), std::string("\xFF")}) {
    std::string message = Refusal(ParseJsonText("{\"a\": \"" + bad + "\"}", &out));
    EXPECT_EQ(message.rfind("body: not valid UTF-8", 0), 0u) << message;
    message = Refusal(ParseJsonText("{\"a\": 1}" + bad, &out));
    EXPECT_EQ(message.rfind("body: not valid UTF-8", 0), 0u) << message;
  }
}

TEST(JsonBodyTest, RefusesANulByteWhichTheParserWouldTakeForTheEnd) {
  json out;
  EXPECT_EQ(Refusal(ParseJsonText(std::string("{}\0{\"ids\": ]", 12), &out)), "body: a NUL byte (at byte 2)");
  EXPECT_EQ(Refusal(ParseJsonText(std::string("{\"a\": \"x\0y\"}", 12), &out)), "body: a NUL byte (at byte 8)");
}

TEST(JsonBodyTest, RefusesABodyOverOneMebibyteAsTooLarge) {
  json out;
  std::string body = "{\"a\": \"" + std::string(kMaxJsonBodyBytes - 10, 'x') + "\"}";
  EXPECT_EQ(Refusal(ParseJsonText(body, &out)), "");
  body = "{\"a\": \"" + std::string(kMaxJsonBodyBytes - 8, 'x') + "\"}";
  auto refused = ParseJsonText(body, &out);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 413);
  EXPECT_NE(refused->body.find("too_large"), std::string::npos);
}

TEST(JsonBodyTest, CountsAreRefusedBeforeAnythingIsBuilt) {
  media::PhotoEdit edit;
  EXPECT_EQ(Refusal(ReadPhotoEdit({{"keywords", json(std::vector<std::string>(101, "k"))}}, &edit)),
            "keywords: 101 keywords, over the limit of 100");
  EXPECT_EQ(Refusal(ReadPhotoEdit({{"keywords", json(std::vector<std::string>(100, "k"))}}, &edit)), "");
  json langs = json::object();
  for (int i = 0; i < 11; ++i) langs["l" + std::string(1, static_cast<char>('a' + i)) + "x"] = "t";
  EXPECT_EQ(Refusal(ReadPhotoEdit({{"caption", langs}}, &edit)), "caption: 11 languages, over the limit of 10");
  std::vector<std::int64_t> ids(1001);
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<std::int64_t>(i) + 1;
  std::vector<std::int64_t> read;
  EXPECT_EQ(Refusal(ReadBulkEdit({{"ids", ids}, {"set", {{"credit", "x"}}}}, &read, &edit)),
            "ids: 1001 photos, over the limit of 1000");
  ids.pop_back();
  read.clear();
  EXPECT_EQ(Refusal(ReadBulkEdit({{"ids", ids}, {"set", {{"credit", "x"}}}}, &read, &edit)), "");
}

TEST(JsonBodyTest, PhotoChanges) {
  media::PhotoEdit edit;
  json set = {{"caption", {{"en", "Opening session"}, {"fr", nullptr}}},
              {"credit", "© IOM 2016"},
              {"keywords", json::array({"migration", "Casablanca"})}};
  ASSERT_EQ(Refusal(ReadPhotoEdit(set, &edit)), "");
  EXPECT_EQ(edit.caption, (media::LangText{{"en", "Opening session"}, {"fr", ""}}));
  EXPECT_EQ(edit.credit, "© IOM 2016");
  EXPECT_EQ(edit.keywords, (std::vector<std::string>{"migration", "Casablanca"}));
  EXPECT_FALSE(edit.creator || edit.meeting || edit.embargo_until || !edit.headline.empty());
  edit = {};
  EXPECT_EQ(Refusal(ReadPhotoEdit(json::object(), &edit)), "body: nothing to change");
  EXPECT_EQ(Refusal(ReadPhotoEdit({{"path", "/etc/passwd"}}, &edit)), "path: unknown field");
  EXPECT_EQ(Refusal(ReadPhotoEdit({{"caption", "text"}}, &edit)),
            "caption: must be an object of language: text");
  EXPECT_EQ(Refusal(ReadPhotoEdit({{"caption", {{"en", 3}}}}, &edit)), "caption.en: must be text or null");
  EXPECT_EQ(Refusal(ReadPhotoEdit({{"keywords", json::array({1})}}, &edit)), "keywords: must be an array of text");
  EXPECT_EQ(Refusal(ReadPhotoEdit({{"credit", {{"a", 1}}}}, &edit)), "credit: must be text or null");
}

TEST(JsonBodyTest, PhotoEditNullClearsAndOnlyGivenFieldsAreSet) {
  media::PhotoEdit edit;
  json set = {{"meeting", nullptr},
              {"embargo_until", ""},
              {"headline", {{"x-default", nullptr}, {"FR", "Titre"}}},
              {"keywords", json::array()}};
  ASSERT_EQ(Refusal(ReadPhotoEdit(set, &edit)), "");
  EXPECT_EQ(edit.meeting, "");
  EXPECT_EQ(edit.embargo_until, "");
  EXPECT_EQ(edit.headline, (media::LangText{{"FR", "Titre"}, {"x-default", ""}}));
  ASSERT_TRUE(edit.keywords);
  EXPECT_TRUE(edit.keywords->empty());
  EXPECT_FALSE(edit.credit || edit.creator || edit.copyright || edit.event || edit.usage_terms);
  EXPECT_TRUE(edit.caption.empty() && edit.alt_text.empty());
  edit = {};
  EXPECT_EQ(Refusal(ReadPhotoEdit({{"caption", json::object()}}, &edit)), "body: nothing to change");
  edit = {};
  std::vector<std::int64_t> ids;
  ASSERT_EQ(Refusal(ReadBulkEdit({{"ids", json::array({2})},
                                  {"set", {{"keywords", json::array({"a \"b\"", "c\\d"})}, {"creator", "X"}}}},
                                 &ids, &edit)),
            "");
  EXPECT_EQ(edit.keywords, (std::vector<std::string>{"a \"b\"", "c\\d"}));
  EXPECT_EQ(edit.creator, "X");
}

TEST(JsonBodyTest, BulkEditAndIds) {
  std::vector<std::int64_t> ids;
  media::PhotoEdit edit;
  ASSERT_EQ(Refusal(ReadBulkEdit({{"ids", json::array({3, 1})}, {"set", {{"credit", "x"}}}}, &ids, &edit)), "");
  EXPECT_EQ(ids, (std::vector<std::int64_t>{3, 1}));
  for (const json& bad_ids : {json::array(), json::array({1, 1}), json::array({0}), json::array({-4}),
                              json::array({1.5}), json("1"), json::array({18446744073709551615ull})}) {
    ids.clear();
    EXPECT_NE(Refusal(ReadBulkEdit({{"ids", bad_ids}, {"set", {{"credit", "x"}}}}, &ids, &edit)).find("ids:"),
              std::string::npos)
        << bad_ids.dump();
  }
  EXPECT_EQ(Refusal(ReadBulkEdit({{"ids", json::array({1})}}, &ids, &edit)), "set: must be an object of fields to change");
  EXPECT_EQ(Refusal(ReadBulkEdit({{"ids", json::array({1})}, {"set", {{"credit", "x"}}}, {"all", true}}, &ids, &edit)),
            "all: unknown field");
}

TEST(JsonBodyTest, AlbumAndMeetingFields) {
  media::Album album;
  CoverChange cover;
  json body = {{"slug", "opening"}, {"title", {{"en", "Opening"}}}, {"visibility", "private"}};
  ASSERT_EQ(Refusal(ReadAlbumFields(body, true, &album, &cover)), "");
  EXPECT_EQ(album.slug, "opening");
  EXPECT_EQ(album.visibility, media::Visibility::kPrivate);
  EXPECT_EQ(Refusal(ReadAlbumFields({{"title", {{"en", "x"}}}}, true, &album, &cover)), "slug: is required");
  EXPECT_EQ(Refusal(ReadAlbumFields({{"slug", "a"}, {"cover_photo_id", 1}}, true, &album, &cover)),
            "cover_photo_id: unknown field");
  EXPECT_EQ(Refusal(ReadAlbumFields({{"visibility", "hidden"}}, false, &album, &cover)),
            "visibility: must be public, unlisted or private");
  EXPECT_EQ(Refusal(ReadAlbumFields({{"cover_photo_id", -2}}, false, &album, &cover)),
            "cover_photo_id: must be a photo id or null");
  cover = {};
  ASSERT_EQ(Refusal(ReadAlbumFields({{"cover_photo_id", 7}}, false, &album, &cover)), "");
  EXPECT_TRUE(cover.given);
  EXPECT_EQ(cover.id, 7);
  cover = {};
  ASSERT_EQ(Refusal(ReadAlbumFields({{"cover_photo_id", nullptr}}, false, &album, &cover)), "");
  EXPECT_TRUE(cover.given);
  EXPECT_FALSE(cover.id);

  media::Meeting meeting;
  CoverChange meeting_cover;
  ASSERT_EQ(Refusal(ReadMeetingFields({{"slug", "casablanca-2016"}, {"place", "Casablanca"}}, true, &meeting,
                                      &meeting_cover)), "");
  EXPECT_EQ(meeting.place, "Casablanca");
  EXPECT_EQ(Refusal(ReadMeetingFields({{"place", "x"}}, true, &meeting, &meeting_cover)), "slug: is required");
  EXPECT_EQ(Refusal(ReadMeetingFields({{"start_date", 2016}}, false, &meeting, &meeting_cover)),
            "start_date: must be text or null");
  EXPECT_EQ(Refusal(ReadMeetingFields({{"venue", "x"}}, false, &meeting, &meeting_cover)), "venue: unknown field");
  // A meeting's cover: only on a change, a photo id or null.
  EXPECT_EQ(Refusal(ReadMeetingFields({{"slug", "x"}, {"cover_photo_id", 7}}, true, &meeting, &meeting_cover)),
            "cover_photo_id: unknown field");
  EXPECT_EQ(Refusal(ReadMeetingFields({{"cover_photo_id", "7"}}, false, &meeting, &meeting_cover)),
            "cover_photo_id: must be a photo id or null");
  ASSERT_EQ(Refusal(ReadMeetingFields({{"cover_photo_id", 7}}, false, &meeting, &meeting_cover)), "");
  EXPECT_TRUE(meeting_cover.given);
  EXPECT_EQ(meeting_cover.id, 7);
}

}  // namespace
}  // namespace gallery::http
