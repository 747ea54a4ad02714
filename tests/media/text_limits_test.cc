// The text limits (media/text_limits.h): counted in code points, checked by
// the catalog for every value it is given (a refusal names the field and the
// limit, and nothing is stored), clamped for text read from a photo's file;
// and every text within the limits fits each format EmbedDescription writes,
// a JPEG's single XMP segment included, with the credit always kept.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "catalog_test_fixture.h"
#include "fixtures/image_fixtures.h"
#include "fixtures/text_fixtures.h"
#include "media/metadata.h"
#include "media/text_limits.h"

namespace {

using catalog_test::CatalogTest;
using catalog_test::MakeAlbum;
using catalog_test::MakeMeeting;
using catalog_test::MakePhoto;

using fixtures::kLanguages;
using fixtures::Widest;

media::LangText PerLanguage(std::size_t chars) {
  media::LangText t;
  std::size_t seed = 0;
  for (const char* lang : kLanguages) t[lang] = Widest(chars, seed++);
  return t;
}

media::PhotoMetadata EverythingAtTheLimit() {
  media::PhotoMetadata t;
  t.caption = PerLanguage(media::kMaxCaptionChars);
  t.headline = PerLanguage(media::kMaxHeadlineChars);
  t.alt_text = PerLanguage(media::kMaxAltTextChars);
  t.credit = "\xC2\xA9 " + Widest(media::kMaxCreditChars - 2, 1);
  t.creator = Widest(media::kMaxCreditChars, 2);
  t.copyright = Widest(media::kMaxCreditChars, 3);
  t.usage_terms = Widest(media::kMaxCreditChars, 4);
  t.event = Widest(media::kMaxShortTextChars, 5);
  for (std::size_t i = 0; i < media::kMaxKeywords; ++i) {
    std::string prefix = "k" + std::to_string(i);
    t.keywords.push_back(prefix + Widest(media::kMaxKeywordChars - prefix.size(), i));
  }
  return t;
}

TEST(TextLimits, CountsCodePointsAndClampsOnACharacterBoundary) {
  EXPECT_EQ(media::CountChars("caf\xC3\xA9"), 4u);
  EXPECT_EQ(media::CountChars(Widest(2000)), 2000u);
  EXPECT_EQ(media::CountChars("\xFF\xFE"), 2u);  // a stray byte counts as one
  EXPECT_EQ(media::ClampChars("\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 1), "\xF0\x9F\x98\x80");
  EXPECT_EQ(media::ClampChars("abc", 5), "abc");
  EXPECT_TRUE(media::CheckChars("credit", Widest(512), 512).ok());
  media::Status over = media::CheckChars("credit", Widest(513), 512);
  EXPECT_EQ(over.code(), media::Status::Code::kInvalidArgument);
  EXPECT_EQ(over.message(), "credit: 513 characters, over the limit of 512");
}

TEST(TextLimits, EverythingAtTheLimitFitsEveryWritableFormatWithItsCredit) {
  media::InitMetadataLibrary();
  const media::PhotoMetadata text = EverythingAtTheLimit();
  for (const char* format : {"jpeg", "png", "tiff", "webp"}) {
    for (bool strip : {false, true}) {
      SCOPED_TRACE(std::string(format) + (strip ? " stripped" : " original"));
      fixtures::FixtureSpec spec;
      spec.format = format;
      spec.caption = {{"x-default", "old"}};
      spec.keywords = {"old"};
      auto copy = media::EmbedDescription(fixtures::MakeImage(spec), text, strip);
      ASSERT_TRUE(copy.ok()) << copy.status().ToString();
      auto back = media::ReadMetadata(reinterpret_cast<const std::uint8_t*>(copy->data()), copy->size());
      ASSERT_TRUE(back.ok()) << back.status().ToString();
      EXPECT_EQ(back->credit, text.credit);
      EXPECT_EQ(back->copyright, text.copyright);
      EXPECT_EQ(back->usage_terms, text.usage_terms);
      EXPECT_EQ(back->caption.at("x-default"), text.caption.at("x-default"));
      if (std::string(format) != "jpeg") {
        // No segment limit: everything goes in.
        EXPECT_EQ(back->caption, text.caption);
        EXPECT_EQ(back->keywords, text.keywords);
      } else {
        // One segment: the captions that fit, x-default and en first.
        EXPECT_EQ(back->caption.at("en"), text.caption.at("en"));
        EXPECT_LT(back->caption.size(), text.caption.size());
      }
    }
  }
}

TEST(TextLimits, AJpegWithLessTextKeepsAllOfIt) {
  media::InitMetadataLibrary();
  media::PhotoMetadata text;
  text.caption = PerLanguage(300);
  text.credit = Widest(512);
  text.keywords = {"a", "b"};
  fixtures::FixtureSpec spec;
  auto copy = media::EmbedDescription(fixtures::MakeImage(spec), text, true);
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  auto back = media::ReadMetadata(reinterpret_cast<const std::uint8_t*>(copy->data()), copy->size());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->caption, text.caption);
  EXPECT_EQ(back->keywords, text.keywords);
}

TEST_P(CatalogTest, EditsOverALimitAreRefusedNamingTheFieldAndNothingIsStored) {
  const std::int64_t id = Add(MakePhoto(1));
  media::PhotoEdit caption, headline, alt_text, credit, usage_terms, event, keywords;
  caption.caption["fr"] = Widest(2001);
  headline.headline["en"] = Widest(257);
  alt_text.alt_text["en"] = Widest(251);
  credit.credit = Widest(513);
  usage_terms.usage_terms = Widest(513);
  event.event = Widest(257);
  keywords.keywords = std::vector<std::string>{"a", Widest(65)};
  struct Case {
    media::PhotoEdit edit;
    std::string message;
  } cases[] = {
      {caption, "caption.fr: 2001 characters, over the limit of 2000"},
      {headline, "headline.en: 257 characters, over the limit of 256"},
      {alt_text, "alt_text.en: 251 characters, over the limit of 250"},
      {credit, "credit: 513 characters, over the limit of 512"},
      {usage_terms, "usage_terms: 513 characters, over the limit of 512"},
      {event, "event: 257 characters, over the limit of 256"},
      {keywords, "keywords[1]: 65 characters, over the limit of 64"},
  };
  for (const Case& c : cases) {
    media::Status s = catalog_->EditPhoto(id, c.edit, "tester");
    EXPECT_EQ(s.code(), media::Status::Code::kInvalidArgument) << c.message;
    EXPECT_EQ(s.message(), c.message);
  }
  media::PhotoEdit many;
  many.keywords.emplace();
  for (int i = 0; i < 101; ++i) many.keywords->push_back("k" + std::to_string(i));
  EXPECT_EQ(catalog_->EditPhoto(id, many, "tester").message(),
            "keywords: 101 keywords, over the limit of 100");
  for (const char* lang : kLanguages) {
    ASSERT_TRUE(catalog_->EditPhoto(id, catalog_test::CaptionEdit(lang, "x"), "tester").ok());
  }
  EXPECT_EQ(catalog_->EditPhoto(id, catalog_test::CaptionEdit("it", "x"), "tester").message(),
            "caption: 11 languages, over the limit of 10");
  auto photo = catalog_->GetPhoto(id);
  ASSERT_TRUE(photo.ok());
  EXPECT_EQ(photo->meta.caption.size(), 10u) << "the refused edit stored nothing";
  EXPECT_TRUE(photo->meta.credit.empty());
  std::vector<std::int64_t> ids(1001, id);
  EXPECT_EQ(catalog_->EditPhotos(ids, catalog_test::CreditEdit("x"), "tester").message(),
            "ids: 1001 photos, over the limit of 1000");
}

TEST_P(CatalogTest, AlbumAndMeetingTextsHaveTheirLimits) {
  media::Album album = MakeAlbum("day-one");
  album.title["fr"] = Widest(201);
  EXPECT_EQ(catalog_->CreateAlbum(album).message(), "title.fr: 201 characters, over the limit of 200");
  album = MakeAlbum("day-one");
  album.description = PerLanguage(5000);
  album.default_credit = Widest(512);
  EXPECT_TRUE(catalog_->CreateAlbum(album).ok());
  media::Meeting meeting = MakeMeeting("casablanca-2016");
  meeting.place = Widest(257);
  EXPECT_EQ(catalog_->CreateMeeting(meeting).message(), "place: 257 characters, over the limit of 256");
  meeting.place = "Casablanca";
  meeting.description["en"] = Widest(5001);
  EXPECT_EQ(catalog_->CreateMeeting(meeting).message(),
            "description.en: 5001 characters, over the limit of 5000");
}

TEST_P(CatalogTest, TextReadFromAFileIsClampedNeverRefused) {
  media::NewPhoto p = MakePhoto(2);
  p.meta.caption = PerLanguage(3000);
  p.meta.caption["it"] = "undicesima";
  p.meta.credit = Widest(600);
  for (int i = 0; i < 150; ++i) p.meta.keywords.push_back("k" + std::to_string(i) + Widest(70));
  const std::int64_t id = Add(p);
  ASSERT_NE(id, 0);
  auto photo = catalog_->GetPhoto(id);
  ASSERT_TRUE(photo.ok());
  EXPECT_EQ(photo->meta.caption.size(), media::kMaxLanguages);
  EXPECT_EQ(photo->meta.caption.at("x-default"), Widest(2000, 0));
  EXPECT_EQ(photo->meta.credit, Widest(512));
  EXPECT_EQ(photo->meta.keywords.size(), media::kMaxKeywords);
  for (const std::string& k : photo->meta.keywords) EXPECT_LE(media::CountChars(k), media::kMaxKeywordChars);
}

}  // namespace
