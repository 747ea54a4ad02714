// Location privacy in the catalog: where a photo was taken is known to
// editors and admins; to others only when the photo's meeting, or an album
// holding it that they may open, shows locations. In lookups and listings,
// with the flag kept, edited with history and part of the access stamp.
#include "catalog_test_fixture.h"

namespace catalog_test {
namespace {

using media::Audience;
using media::Visibility;

class CatalogLocationTest : public CatalogTest {
 protected:
  void SetUp() override {
    CatalogTest::SetUp();
    ASSERT_TRUE(catalog_->CreateMeeting(MakeMeeting("hidden")).ok());
    media::Meeting shown = MakeMeeting("shown");
    shown.show_location = true;
    ASSERT_TRUE(catalog_->CreateMeeting(shown).ok());
    MakeAlbumWith("pub", Visibility::kPublic, false);
    MakeAlbumWith("pub-map", Visibility::kPublic, true);
    MakeAlbumWith("priv-map", Visibility::kPrivate, true);
    plain_ = AddIn(1, "hidden", {"pub"});
    in_shown_meeting_ = AddIn(2, "shown", {"pub"});
    in_map_album_ = AddIn(3, "hidden", {"pub", "pub-map"});
    in_private_map_ = AddIn(4, "hidden", {"pub", "priv-map"});
  }

  void MakeAlbumWith(const std::string& slug, Visibility v, bool show_location) {
    media::Album a = MakeAlbum(slug, "hidden");
    a.visibility = v;
    a.show_location = show_location;
    ASSERT_TRUE(catalog_->CreateAlbum(a).ok());
  }

  std::int64_t AddIn(int n, const std::string& meeting, const std::vector<std::string>& albums) {
    media::NewPhoto p = MakePhoto(n, "2016-07-12T10:00:0" + std::to_string(n));
    p.meeting_slug = meeting;
    p.meta.gps = media::GpsPosition{33.5731, -7.5898, 12.0};
    std::int64_t id = Add(p);
    for (const auto& a : albums) EXPECT_TRUE(catalog_->AddToAlbum(a, {id}).ok());
    return id;
  }

  // Whether `audience` knows where photo `id` was taken, checked in its
  // lookup and in its listing alike.
  bool Shown(std::int64_t id, const Audience& audience) {
    auto photo = catalog_->GetPhoto(id, audience);
    EXPECT_TRUE(photo.ok()) << photo.status().ToString();
    if (!photo.ok()) return false;
    EXPECT_EQ(photo->location_shown, photo->meta.gps.has_value()) << "photo " << id;
    media::PhotoFilter f;
    f.audience = audience;
    f.limit = 100;
    auto page = catalog_->ListPhotos(f);
    EXPECT_TRUE(page.ok());
    bool listed = false;
    for (const auto& p : page->photos) {
      if (p.id != id) continue;
      listed = true;
      EXPECT_EQ(p.location_shown, photo->location_shown) << "photo " << id << " listed";
      EXPECT_EQ(p.meta.gps.has_value(), p.location_shown) << "photo " << id << " listed";
    }
    EXPECT_TRUE(listed) << "photo " << id;
    return photo->location_shown;
  }

  std::int64_t plain_ = 0, in_shown_meeting_ = 0, in_map_album_ = 0, in_private_map_ = 0;
};

TEST_P(CatalogLocationTest, EditorsAlwaysOthersWhenAMeetingOrAnOpenAlbumShowsIt) {
  const Audience everyone[] = {Audience::Everything(), Audience::Viewer(), Audience::Public(),
                               Audience::Public("priv-map")};
  for (const Audience& a : everyone) {
    SCOPED_TRACE(static_cast<int>(a.kind));
    SCOPED_TRACE(a.share_album);
    EXPECT_EQ(Shown(plain_, a), a.everything());
    EXPECT_TRUE(Shown(in_shown_meeting_, a));
    EXPECT_TRUE(Shown(in_map_album_, a));
    // Only those who may open the private album that shows locations.
    EXPECT_EQ(Shown(in_private_map_, a), a.kind != Audience::Kind::kPublic || a.share_album == "priv-map");
  }
  auto editor = catalog_->GetPhoto(plain_);
  ASSERT_TRUE(editor.ok());
  ASSERT_TRUE(editor->meta.gps.has_value());
  EXPECT_DOUBLE_EQ(editor->meta.gps->lat, 33.5731);
}

TEST_P(CatalogLocationTest, TheFlagIsKeptEditedWithHistoryAndChangesTheAccessStamp) {
  EXPECT_TRUE(catalog_->GetMeeting("shown")->show_location);
  EXPECT_FALSE(catalog_->GetMeeting("hidden")->show_location);
  EXPECT_TRUE(catalog_->GetAlbum("pub-map")->show_location);
  EXPECT_FALSE(catalog_->GetAlbum("pub")->show_location);

  const std::string stamp = catalog_->GetPhoto(plain_)->access_stamp;
  media::Album album = *catalog_->GetAlbum("pub");
  album.show_location = true;
  ASSERT_TRUE(catalog_->UpdateAlbum("pub", album, "editor1").ok());
  EXPECT_TRUE(Shown(plain_, Audience::Public()));
  const std::string after_album = catalog_->GetPhoto(plain_)->access_stamp;
  EXPECT_NE(after_album, stamp) << "the original's bytes for the public change: so must its URL";

  album.show_location = false;
  ASSERT_TRUE(catalog_->UpdateAlbum("pub", album, "editor1").ok());
  EXPECT_FALSE(Shown(plain_, Audience::Public()));
  media::Meeting meeting = *catalog_->GetMeeting("hidden");
  meeting.show_location = true;
  ASSERT_TRUE(catalog_->UpdateMeeting("hidden", meeting, "editor1").ok());
  EXPECT_TRUE(Shown(plain_, Audience::Public()));
  EXPECT_NE(catalog_->GetPhoto(plain_)->access_stamp, stamp);

  auto history = catalog_->AlbumHistory("pub");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].field, "show_location");
  auto meeting_history = catalog_->MeetingHistory("hidden");
  ASSERT_TRUE(meeting_history.ok());
  ASSERT_EQ(meeting_history->size(), 1u);
  EXPECT_EQ((*meeting_history)[0].field, "show_location");
  EXPECT_EQ((*meeting_history)[0].old_value, "false");
  EXPECT_EQ((*meeting_history)[0].new_value, "true");
}

INSTANTIATE_TEST_SUITE_P(Engines, CatalogLocationTest, ::testing::ValuesIn(Engines()), EngineName);

}  // namespace
}  // namespace catalog_test
