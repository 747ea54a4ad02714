// Editing photos: history, no-op edits, bulk edits, revert, bad input.
#include "catalog_test_fixture.h"

namespace catalog_test {
namespace {

using media::Status;

TEST_P(CatalogTest, EditWritesOneHistoryRowPerChangedField) {
  media::NewPhoto p = MakePhoto(1);
  p.meta.caption = {{"en", "Old"}};
  p.meta.credit = "© IOM 2016";
  std::int64_t id = Add(p);
  media::PhotoEdit edit;
  edit.caption = {{"en", "New"}, {"FR", "Nouveau"}};
  edit.credit = "© IOM 2016";  // unchanged: no row
  edit.keywords = std::vector<std::string>{"a", "b"};
  ASSERT_TRUE(catalog_->EditPhoto(id, edit, "alice").ok());
  auto photo = catalog_->GetPhoto(id);
  EXPECT_EQ(photo->meta.caption.at("en"), "New");
  EXPECT_EQ(photo->meta.caption.at("fr"), "Nouveau");
  EXPECT_EQ(photo->meta.keywords, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(photo->version, 2);
  auto history = catalog_->PhotoHistory(id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].field, "caption.en");
  EXPECT_EQ((*history)[0].old_value, "Old");
  EXPECT_EQ((*history)[0].new_value, "New");
  EXPECT_EQ((*history)[0].who, "alice");
  EXPECT_EQ((*history)[0].photo_id, id);
  EXPECT_EQ((*history)[0].album_id, 0);
  EXPECT_EQ((*history)[0].at.size(), 20u);
  EXPECT_EQ((*history)[1].field, "caption.fr");
  EXPECT_EQ((*history)[1].old_value, "");
  EXPECT_EQ((*history)[2].field, "keywords");
  EXPECT_EQ((*history)[2].old_value, "[]");
  EXPECT_EQ((*history)[2].new_value, "[\"a\",\"b\"]");
}

TEST_P(CatalogTest, NoOpEditWritesNoHistoryAndKeepsVersion) {
  media::NewPhoto p = MakePhoto(1);
  p.meta.caption = {{"en", "Same"}};
  p.meta.keywords = {"x"};
  std::int64_t id = Add(p);
  media::PhotoEdit edit;
  edit.caption["en"] = "Same";
  edit.keywords = std::vector<std::string>{"x", "x", " "};
  edit.creator = "";
  edit.meeting = "";
  ASSERT_TRUE(catalog_->EditPhoto(id, edit, "bob").ok());
  EXPECT_TRUE(catalog_->PhotoHistory(id)->empty());
  EXPECT_EQ(catalog_->GetPhoto(id)->version, 1);
}

TEST_P(CatalogTest, EveryEditableFieldRoundTrips) {
  ASSERT_TRUE(catalog_->CreateMeeting(MakeMeeting("casablanca-2016")).ok());
  std::int64_t id = Add(MakePhoto(1));
  media::PhotoEdit edit;
  edit.headline["x-default"] = "Headline";
  edit.alt_text["en"] = "Alt";
  edit.credit = "© IOM";
  edit.creator = "Photographer";
  edit.copyright = "IOM";
  edit.event = "Meeting";
  edit.usage_terms = "Editorial";
  edit.embargo_until = "2030-01-02T03:04:05Z";
  edit.meeting = "casablanca-2016";
  ASSERT_TRUE(catalog_->EditPhoto(id, edit, "e").ok());
  auto p = catalog_->GetPhoto(id);
  EXPECT_EQ(p->meta.headline.at("x-default"), "Headline");
  EXPECT_EQ(p->meta.alt_text.at("en"), "Alt");
  EXPECT_EQ(p->meta.credit, "© IOM");
  EXPECT_EQ(p->meta.creator, "Photographer");
  EXPECT_EQ(p->meta.copyright, "IOM");
  EXPECT_EQ(p->meta.event, "Meeting");
  EXPECT_EQ(p->meta.usage_terms, "Editorial");
  EXPECT_EQ(p->embargo_until, "2030-01-02T03:04:05Z");
  EXPECT_EQ(p->meeting_slug, "casablanca-2016");
  EXPECT_EQ(catalog_->PhotoHistory(id)->size(), 9u);
  media::PhotoEdit clear;
  clear.meeting = "";
  clear.embargo_until = "";
  ASSERT_TRUE(catalog_->EditPhoto(id, clear, "e").ok());
  p = catalog_->GetPhoto(id);
  EXPECT_EQ(p->meeting_slug, "");
  EXPECT_EQ(p->embargo_until, "");
}

TEST_P(CatalogTest, BadFieldsAndValuesAreInvalidArgumentNamingTheField) {
  std::int64_t id = Add(MakePhoto(1));
  // (Unknown fields and keywords that are not text cannot be written as a
  // PhotoEdit: the HTTP layer refuses them, see tests/security/json_body_test.)
  struct Case {
    media::PhotoEdit edit;
    std::string named;
  };
  std::vector<Case> cases = {
      {CaptionEdit("not a tag", "x"), "caption"},
      {EmbargoEdit("tomorrow"), "embargo_until"},
      {EmbargoEdit("2016-13-01"), "embargo_until"},
      {MeetingEdit("Bad Slug"), "meeting"},
      {MeetingEdit("no-such-meeting"), "meeting"},
  };
  for (const Case& c : cases) {
    Status s = catalog_->EditPhoto(id, c.edit, "e");
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << c.named << ": " << s.ToString();
    EXPECT_NE(s.message().find(c.named), std::string::npos) << s.ToString();
  }
  media::PhotoEdit twice;
  twice.caption = {{"fr", "a"}, {"FR", "b"}};
  EXPECT_EQ(catalog_->EditPhoto(id, twice, "e").code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(catalog_->EditPhoto(424242, CreditEdit("x"), "e").code(), Status::Code::kNotFound);
  EXPECT_TRUE(catalog_->PhotoHistory(id)->empty());
}

TEST_P(CatalogTest, BulkEditIsAllOrNothing) {
  std::int64_t a = Add(MakePhoto(1));
  std::int64_t b = Add(MakePhoto(2));
  Status s = catalog_->EditPhotos({a, b, 999999}, CreditEdit("© Bulk"), "e");
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_EQ(catalog_->GetPhoto(a)->meta.credit, "");
  EXPECT_EQ(catalog_->GetPhoto(b)->meta.credit, "");
  EXPECT_TRUE(catalog_->PhotoHistory(a)->empty());
  EXPECT_EQ(catalog_->GetPhoto(a)->version, 1);
  media::PhotoFilter f;
  f.text = "bulk";
  EXPECT_TRUE(catalog_->ListPhotos(f)->photos.empty());

  ASSERT_TRUE(catalog_->EditPhotos({a, b}, CreditEdit("© Bulk"), "e").ok());
  EXPECT_EQ(catalog_->GetPhoto(a)->meta.credit, "© Bulk");
  EXPECT_EQ(catalog_->GetPhoto(b)->meta.credit, "© Bulk");
  EXPECT_EQ(catalog_->ListPhotos(f)->photos.size(), 2u);
  EXPECT_EQ(catalog_->ListCredits("")->at(0).photo_count, 2);
}

TEST_P(CatalogTest, RevertRestoresOldValueAsNewEntry) {
  media::NewPhoto p = MakePhoto(1);
  p.meta.credit = "© IOM 2016";
  p.meta.keywords = {"a"};
  std::int64_t id = Add(p);
  std::int64_t other = Add(MakePhoto(2));
  media::PhotoEdit edit;
  edit.credit = "© Wrong";
  edit.keywords = std::vector<std::string>{"b"};
  ASSERT_TRUE(catalog_->EditPhoto(id, edit, "alice").ok());
  auto history = *catalog_->PhotoHistory(id);
  ASSERT_EQ(history.size(), 2u);

  EXPECT_EQ(catalog_->RevertEdit(other, history[0].id, "bob").code(), Status::Code::kNotFound);
  EXPECT_EQ(catalog_->RevertEdit(id, 999999, "bob").code(), Status::Code::kNotFound);

  ASSERT_TRUE(catalog_->RevertEdit(id, history[0].id, "bob").ok());
  ASSERT_TRUE(catalog_->RevertEdit(id, history[1].id, "bob").ok());
  auto photo = catalog_->GetPhoto(id);
  EXPECT_EQ(photo->meta.credit, "© IOM 2016");
  EXPECT_EQ(photo->meta.keywords, std::vector<std::string>{"a"});
  EXPECT_EQ(photo->version, 4);
  auto after = *catalog_->PhotoHistory(id);
  ASSERT_EQ(after.size(), 4u);
  EXPECT_EQ(after[2].field, "credit");
  EXPECT_EQ(after[2].old_value, "© Wrong");
  EXPECT_EQ(after[2].new_value, "© IOM 2016");
  EXPECT_EQ(after[2].who, "bob");
  // Reverting again changes nothing and records nothing.
  ASSERT_TRUE(catalog_->RevertEdit(id, history[0].id, "bob").ok());
  EXPECT_EQ(catalog_->PhotoHistory(id)->size(), 4u);
}

}  // namespace
}  // namespace catalog_test
