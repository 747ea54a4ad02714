// Covers of albums and meetings: the editor's choice when the asker may see
// it, else the best photo the asker may see (not under embargo, not tiny,
// the largest), chosen inside the audience rule; and finding photos by the
// SHA-256 of their originals, for an uploader that skips known files.
#include "catalog_test_fixture.h"

namespace catalog_test {
namespace {

using media::Audience;
using media::Visibility;

class CatalogCoverTest : public CatalogTest {
 protected:
  void SetUp() override {
    CatalogTest::SetUp();
    ASSERT_TRUE(catalog_->CreateMeeting(MakeMeeting("m")).ok());
    ASSERT_TRUE(catalog_->CreateMeeting(MakeMeeting("other")).ok());
    ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("pub", "m")).ok());
    media::Album priv = MakeAlbum("priv", "m");
    priv.visibility = Visibility::kPrivate;
    ASSERT_TRUE(catalog_->CreateAlbum(priv).ok());
    // In album order: a 1×1 pixel first, a thin strip larger in area than
    // the real photo, the real photo, then a huge one under embargo.
    dot_ = AddSized(1, 1, 1, "m", "pub");
    strip_ = AddSized(2, 4000, 150, "m", "pub");
    real_ = AddSized(3, 800, 600, "m", "pub");
    embargoed_ = AddSized(4, 6000, 4000, "m", "pub");
    ASSERT_TRUE(catalog_->EditPhoto(embargoed_, EmbargoEdit("2999-01-01T00:00:00Z"), "e").ok());
    private_ = AddSized(5, 5000, 4000, "m", "priv");
    elsewhere_ = AddSized(6, 3000, 2000, "other", "");
  }

  std::int64_t AddSized(int n, int width, int height, const std::string& meeting, const std::string& album) {
    media::NewPhoto p = MakePhoto(n, "2016-07-12T10:00:0" + std::to_string(n));
    p.meta.width = width;
    p.meta.height = height;
    p.meeting_slug = meeting;
    p.album_slug = album;
    return Add(p);
  }

  std::optional<std::int64_t> MeetingCover(const Audience& audience) {
    auto m = catalog_->GetMeeting("m", audience);
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    return m.ok() ? m->shown_cover_id : std::nullopt;
  }
  std::optional<std::int64_t> AlbumCover(const std::string& slug, const Audience& audience) {
    auto a = catalog_->GetAlbum(slug, audience);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return a.ok() ? a->shown_cover_id : std::nullopt;
  }

  std::int64_t dot_ = 0, strip_ = 0, real_ = 0, embargoed_ = 0, private_ = 0, elsewhere_ = 0;
};

TEST_P(CatalogCoverTest, AlbumWithoutChoiceShowsItsLargestRealPhotoNotUnderEmbargo) {
  EXPECT_EQ(AlbumCover("pub", Audience::Public()), real_);
  EXPECT_EQ(AlbumCover("pub", Audience::Viewer()), real_);
  // Editors see the embargoed photo, but it is no cover while another is.
  EXPECT_EQ(AlbumCover("pub", Audience::Everything()), real_);
  auto listed = catalog_->ListAlbums("", Audience::Public()).value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].shown_cover_id, real_);
}

TEST_P(CatalogCoverTest, MeetingWithoutChoiceShowsTheBestPhotoTheAskerMayList) {
  // The private album's photo is larger, but never the public's cover.
  EXPECT_EQ(MeetingCover(Audience::Public()), real_);
  EXPECT_EQ(MeetingCover(Audience::Viewer()), private_);
  EXPECT_EQ(MeetingCover(Audience::Everything()), private_);
  // A share link of the private album lists its photos.
  EXPECT_EQ(MeetingCover(Audience::Public("priv")), private_);
  const std::vector<media::Meeting> meetings = catalog_->ListMeetings(Audience::Public()).value();
  for (const auto& m : meetings) {
    EXPECT_EQ(m.shown_cover_id, m.slug == "m" ? std::optional<std::int64_t>(real_) : elsewhere_) << m.slug;
  }
}

TEST_P(CatalogCoverTest, TinyPhotosAreCoversOnlyWhenNothingElseIs) {
  media::Album small = MakeAlbum("small", "other");
  ASSERT_TRUE(catalog_->CreateAlbum(small).ok());
  ASSERT_TRUE(catalog_->AddToAlbum("small", {dot_}).ok());
  EXPECT_EQ(AlbumCover("small", Audience::Public()), dot_);
  std::int64_t thumb = AddSized(7, 150, 150, "other", "small");
  EXPECT_EQ(AlbumCover("small", Audience::Public()), thumb);  // the largest of the tiny ones
  std::int64_t big = AddSized(8, 300, 200, "other", "small");
  EXPECT_EQ(AlbumCover("small", Audience::Public()), big);
  // Under embargo, even the only photo is no cover for the public; editors
  // see it when there is nothing else.
  media::Album lone = MakeAlbum("lone");
  ASSERT_TRUE(catalog_->CreateAlbum(lone).ok());
  ASSERT_TRUE(catalog_->AddToAlbum("lone", {embargoed_}).ok());
  EXPECT_EQ(AlbumCover("lone", Audience::Public()), std::nullopt);
  EXPECT_EQ(AlbumCover("lone", Audience::Everything()), embargoed_);
}

TEST_P(CatalogCoverTest, ChosenMeetingCoverWinsIsRecordedAndClearedWithItsPhoto) {
  media::Meeting m = catalog_->GetMeeting("m").value();
  m.cover_photo_id = dot_;
  ASSERT_TRUE(catalog_->UpdateMeeting("m", m, "editor").ok());
  EXPECT_EQ(MeetingCover(Audience::Public()), dot_);
  EXPECT_EQ(catalog_->GetMeeting("m", Audience::Public())->cover_photo_id, dot_);
  auto history = catalog_->MeetingHistory("m").value();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].field, "cover_photo_id");
  EXPECT_EQ(history[0].old_value, "");
  EXPECT_EQ(history[0].new_value, std::to_string(dot_));
  EXPECT_EQ(history[0].who, "editor");

  // A chosen cover the public may not list reads as none for it.
  m.cover_photo_id = private_;
  ASSERT_TRUE(catalog_->UpdateMeeting("m", m, "editor").ok());
  auto seen = catalog_->GetMeeting("m", Audience::Public()).value();
  EXPECT_EQ(seen.cover_photo_id, std::nullopt);
  EXPECT_EQ(seen.shown_cover_id, real_);
  EXPECT_EQ(MeetingCover(Audience::Viewer()), private_);

  ASSERT_TRUE(catalog_->DeletePhoto(private_, "admin").ok());
  auto after = catalog_->GetMeeting("m").value();
  EXPECT_EQ(after.cover_photo_id, std::nullopt);
  EXPECT_EQ(after.shown_cover_id, real_);
}

TEST_P(CatalogCoverTest, MeetingCoverMustBeOneOfItsPhotos) {
  media::Meeting m = catalog_->GetMeeting("m").value();
  m.cover_photo_id = elsewhere_;
  media::Status s = catalog_->UpdateMeeting("m", m, "editor");
  EXPECT_EQ(s.code(), media::Status::Code::kInvalidArgument) << s.ToString();
  m.cover_photo_id = 99999;
  s = catalog_->UpdateMeeting("m", m, "editor");
  EXPECT_EQ(s.code(), media::Status::Code::kNotFound) << s.ToString();
  EXPECT_TRUE(catalog_->MeetingHistory("m")->empty());
}

TEST_P(CatalogCoverTest, FindsKnownHashesTheAskerMayReachInOneAnswer) {
  std::string upper = Sha(3);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::vector<std::string> asked = {Sha(99), upper, Sha(5), Sha(4), Sha(3), Sha(1)};
  auto all = catalog_->FindPhotosBySha256(asked, Audience::Everything());
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 4u);  // the unknown one left out, the repeated one once
  EXPECT_EQ((*all)[0].sha256, Sha(3));
  EXPECT_EQ((*all)[0].id, real_);
  EXPECT_EQ((*all)[1].id, private_);
  EXPECT_EQ((*all)[2].id, embargoed_);
  EXPECT_EQ((*all)[3].id, dot_);
  // Neither the private album's photo nor the embargoed one for the public.
  auto pub = catalog_->FindPhotosBySha256(asked, Audience::Public()).value();
  ASSERT_EQ(pub.size(), 2u);
  EXPECT_EQ(pub[0].id, real_);
  EXPECT_EQ(pub[1].id, dot_);
  auto viewer = catalog_->FindPhotosBySha256(asked, Audience::Viewer()).value();
  EXPECT_EQ(viewer.size(), 3u);

  EXPECT_TRUE(catalog_->FindPhotosBySha256({}, Audience::Everything())->empty());
  auto bad = catalog_->FindPhotosBySha256({Sha(1), "xyz"}, Audience::Everything());
  EXPECT_EQ(bad.status().code(), media::Status::Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("sha256[1]"), std::string::npos) << bad.status().ToString();
}

INSTANTIATE_TEST_SUITE_P(Engines, CatalogCoverTest, ::testing::ValuesIn(Engines()), EngineName);

}  // namespace
}  // namespace catalog_test
