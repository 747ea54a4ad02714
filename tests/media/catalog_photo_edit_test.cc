// PhotoEdit applied through the catalog: every field, history rows in the
// order of their field names, keywords' history text byte for byte as it has
// always been written (the JSON library's compact form, ill-formed UTF-8
// replaced), keywords reverted exactly, unreadable history refused.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "catalog_test_fixture.h"

namespace catalog_test {
namespace {

using media::Status;

// Keywords as history rows have always held them.
std::string LibraryJson(const std::vector<std::string>& words) {
  return nlohmann::json(words).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> Fields(const std::vector<media::HistoryEntry>& history) {
  std::vector<std::string> out;
  for (const media::HistoryEntry& e : history) out.push_back(e.field);
  return out;
}

TEST_P(CatalogTest, EveryFieldOfAPhotoEditIsAppliedAndRecordedInFieldNameOrder) {
  ASSERT_TRUE(catalog_->CreateMeeting(MakeMeeting("rabat-2017")).ok());
  media::NewPhoto p = MakePhoto(1);
  p.meta.keywords = {"old"};
  const std::int64_t id = Add(p);
  media::PhotoEdit edit;
  edit.usage_terms = "Editorial";
  edit.meeting = "rabat-2017";
  edit.keywords = std::vector<std::string>{"k1", "k2"};
  edit.headline["x-default"] = "Headline";
  edit.event = "Plenary";
  edit.embargo_until = "2030-01-02";
  edit.creator = "Photographer";
  edit.credit = "© IOM";
  edit.copyright = "IOM";
  edit.caption = {{"fr_ca", "Légende"}, {"en", "Caption"}};
  edit.alt_text["EN"] = "Alt";
  ASSERT_TRUE(catalog_->EditPhoto(id, edit, "e").ok());

  auto photo = catalog_->GetPhoto(id);
  ASSERT_TRUE(photo.ok());
  EXPECT_EQ(photo->meta.caption, (media::LangText{{"en", "Caption"}, {"fr-CA", "Légende"}}));
  EXPECT_EQ(photo->meta.headline, (media::LangText{{"x-default", "Headline"}}));
  EXPECT_EQ(photo->meta.alt_text, (media::LangText{{"en", "Alt"}}));
  EXPECT_EQ(photo->meta.credit, "© IOM");
  EXPECT_EQ(photo->meta.creator, "Photographer");
  EXPECT_EQ(photo->meta.copyright, "IOM");
  EXPECT_EQ(photo->meta.event, "Plenary");
  EXPECT_EQ(photo->meta.usage_terms, "Editorial");
  EXPECT_EQ(photo->meta.keywords, (std::vector<std::string>{"k1", "k2"}));
  EXPECT_EQ(photo->embargo_until, "2030-01-02T00:00:00Z");
  EXPECT_EQ(photo->meeting_slug, "rabat-2017");
  EXPECT_EQ(photo->version, 2);

  auto history = catalog_->PhotoHistory(id);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(Fields(*history),
            (std::vector<std::string>{"alt_text.en", "caption.en", "caption.fr-CA", "copyright", "creator",
                                      "credit", "embargo_until", "event", "headline.x-default",
                                      "keywords", "meeting", "usage_terms"}));
  for (const media::HistoryEntry& e : *history) {
    if (e.field == "keywords") {
      EXPECT_EQ(e.old_value, "[\"old\"]");
      EXPECT_EQ(e.new_value, "[\"k1\",\"k2\"]");
    } else if (e.field == "embargo_until") {
      EXPECT_EQ(e.new_value, "2030-01-02T00:00:00Z");
    } else if (e.field == "meeting") {
      EXPECT_EQ(e.new_value, "rabat-2017");
    }
    if (e.field != "keywords") {
      EXPECT_EQ(e.old_value, "") << e.field;
    }
  }

  // An empty edit changes nothing.
  ASSERT_TRUE(catalog_->EditPhoto(id, media::PhotoEdit{}, "e").ok());
  EXPECT_EQ(catalog_->GetPhoto(id)->version, 2);
}

TEST_P(CatalogTest, KeywordsKeepTheirHistoryTextByteForByteAndRevertExactly) {
  const std::int64_t id = Add(MakePhoto(1));
  const std::vector<std::string> words = {
      "réunion", "say \"hi\"", "back\\slash", "a\\\"b", "tab\there", "line\nbreak\r\n!", "bell\x07\x01\x1f!",
      "form\ffeed\bback", "del\x7f", "slash/", "日本語", "😀 smile", "\\u00e9 as text", "nbsp\xc2\xa0inside"};
  media::PhotoEdit edit;
  edit.keywords = words;
  ASSERT_TRUE(catalog_->EditPhoto(id, edit, "e").ok());
  EXPECT_EQ(catalog_->GetPhoto(id)->meta.keywords, words);
  edit.keywords = std::vector<std::string>{"plain"};
  ASSERT_TRUE(catalog_->EditPhoto(id, edit, "e").ok());

  auto history = *catalog_->PhotoHistory(id);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].old_value, "[]");
  EXPECT_EQ(history[0].new_value, LibraryJson(words));
  EXPECT_EQ(history[1].old_value, LibraryJson(words));
  EXPECT_EQ(history[1].new_value, "[\"plain\"]");

  // Reverting reads the history text back: the very same keywords.
  ASSERT_TRUE(catalog_->RevertEdit(id, history[1].id, "bob").ok());
  EXPECT_EQ(catalog_->GetPhoto(id)->meta.keywords, words);
  auto after = *catalog_->PhotoHistory(id);
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(after[2].field, "keywords");
  EXPECT_EQ(after[2].old_value, "[\"plain\"]");
  EXPECT_EQ(after[2].new_value, LibraryJson(words));
  ASSERT_TRUE(catalog_->RevertEdit(id, history[0].id, "bob").ok());
  EXPECT_TRUE(catalog_->GetPhoto(id)->meta.keywords.empty());
}

TEST_P(CatalogTest, IllFormedUtf8InKeywordsIsReplacedInHistoryAsItAlwaysWas) {
  const std::int64_t id = Add(MakePhoto(1));
  const std::vector<std::string> words = {
      "k\xff", "k\xc3", "k\xe0\x80y", "k\xed\xa0\x80", "k\xf4\x90\x80\x80", "k\xf0\x9f\x98", "k\xc0\xafk",
      "k\xe2\x82", "k\xf0\x9f\x98\x80\xffk", "k\x80\x80", "k\xf5\xbf", "k\xe1\x80\xe1\x80\x80", "k\xc3\xa9\xa9"};
  media::PhotoEdit edit;
  edit.keywords = words;
  ASSERT_TRUE(catalog_->EditPhoto(id, edit, "e").ok());
  auto history = *catalog_->PhotoHistory(id);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].new_value, LibraryJson(words));
  for (const std::string& w : words) {
    media::PhotoEdit one;
    one.keywords = std::vector<std::string>{w};
    ASSERT_TRUE(catalog_->EditPhoto(id, one, "e").ok());
    EXPECT_EQ(catalog_->PhotoHistory(id)->back().new_value, LibraryJson({w})) << w;
  }
}

TEST_P(CatalogTest, RevertOfKeywordsHistoryThatIsNotAnArrayOfTextIsRefused) {
  media::NewPhoto p = MakePhoto(1);
  p.meta.keywords = {"kept"};
  const std::int64_t id = Add(p);
  media::PhotoEdit edit;
  edit.keywords = std::vector<std::string>{"new"};
  ASSERT_TRUE(catalog_->EditPhoto(id, edit, "e").ok());
  const std::int64_t entry = catalog_->PhotoHistory(id)->at(0).id;
  for (const char* stored : {"a, b", "{\"a\":1}", "[1, 2]", "[\"a\", null]", "\"a\"", "[\"a\""}) {
    std::string quoted;
    for (const char* c = stored; *c; ++c) quoted += *c == '\'' ? std::string("''") : std::string(1, *c);
    Exec("UPDATE edit_history SET old_value = '" + quoted + "' WHERE id = " + std::to_string(entry));
    Status s = catalog_->RevertEdit(id, entry, "bob");
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << stored << ": " << s.ToString();
    EXPECT_NE(s.message().find("keywords"), std::string::npos) << s.ToString();
  }
  EXPECT_EQ(catalog_->GetPhoto(id)->meta.keywords, std::vector<std::string>{"new"});
  EXPECT_EQ(catalog_->PhotoHistory(id)->size(), 1u);
}

}  // namespace
}  // namespace catalog_test
