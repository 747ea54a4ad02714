// Meetings and albums: create, read, list, update with history, delete.
#include "catalog_test_fixture.h"

namespace catalog_test {
namespace {

using media::Status;
using media::Visibility;

TEST_P(CatalogTest, MeetingRoundTripAndList) {
  media::Meeting m = MakeMeeting("casablanca-2016", "© IOM 2016");
  m.description = {{"en", "Three days"}, {"zh-hant", "三天"}};
  ASSERT_TRUE(catalog_->CreateMeeting(m).ok());
  media::Meeting older = MakeMeeting("geneva-2015");
  older.start_date = "2015-03-01";
  older.end_date = "2015-03-02";
  ASSERT_TRUE(catalog_->CreateMeeting(older).ok());
  media::Meeting undated = MakeMeeting("archive");
  undated.start_date = undated.end_date = "";
  ASSERT_TRUE(catalog_->CreateMeeting(undated).ok());

  auto got = catalog_->GetMeeting("casablanca-2016");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->title.at("fr"), "Réunion technique");
  EXPECT_EQ(got->description.at("zh-Hant"), "三天");
  EXPECT_EQ(got->place, "Casablanca");
  EXPECT_EQ(got->start_date, "2016-07-11");
  EXPECT_EQ(got->default_credit, "© IOM 2016");
  media::NewPhoto p = MakePhoto(1);
  p.meeting_slug = "casablanca-2016";
  Add(p);
  EXPECT_EQ(catalog_->GetMeeting("casablanca-2016")->photo_count, 1);

  auto all = catalog_->ListMeetings();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);  // newest first, undated last
  EXPECT_EQ((*all)[0].slug, "casablanca-2016");
  EXPECT_EQ((*all)[1].slug, "geneva-2015");
  EXPECT_EQ((*all)[2].slug, "archive");
  EXPECT_EQ((*all)[0].title.at("en"), "Technical meeting");
}

TEST_P(CatalogTest, MeetingInputIsChecked) {
  EXPECT_EQ(catalog_->CreateMeeting(MakeMeeting("Casablanca 2016")).code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(catalog_->CreateMeeting(MakeMeeting("-x")).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(catalog_->CreateMeeting(MakeMeeting(std::string(101, 'a'))).code(),
            Status::Code::kInvalidArgument);
  EXPECT_TRUE(catalog_->CreateMeeting(MakeMeeting(std::string(100, 'a'))).ok());
  media::Meeting m = MakeMeeting("m");
  m.start_date = "2016-07-32";
  EXPECT_EQ(catalog_->CreateMeeting(m).code(), Status::Code::kInvalidArgument);
  m = MakeMeeting("m");
  m.end_date = "2016-07-01";  // before the start
  EXPECT_EQ(catalog_->CreateMeeting(m).code(), Status::Code::kInvalidArgument);
  m = MakeMeeting("m");
  m.title = {{"english", "x"}};
  Status s = catalog_->CreateMeeting(m);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("title"), std::string::npos);
  ASSERT_TRUE(catalog_->CreateMeeting(MakeMeeting("m")).ok());
  EXPECT_EQ(catalog_->CreateMeeting(MakeMeeting("m")).code(), Status::Code::kConflict);
  EXPECT_EQ(catalog_->GetMeeting("nope").status().code(), Status::Code::kNotFound);
}

TEST_P(CatalogTest, UpdateMeetingRecordsHistoryAndRenames) {
  ASSERT_TRUE(catalog_->CreateMeeting(MakeMeeting("casa")).ok());
  ASSERT_TRUE(catalog_->CreateMeeting(MakeMeeting("taken")).ok());
  media::Meeting m = *catalog_->GetMeeting("casa");
  m.slug = "taken";
  EXPECT_EQ(catalog_->UpdateMeeting("casa", m, "e").code(), Status::Code::kConflict);
  m.slug = "casablanca-2016";
  m.title["fr"] = "Réunion";
  m.place = "Casablanca, Morocco";
  ASSERT_TRUE(catalog_->UpdateMeeting("casa", m, "alice").ok());
  EXPECT_EQ(catalog_->GetMeeting("casa").status().code(), Status::Code::kNotFound);
  auto history = catalog_->MeetingHistory("casablanca-2016");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].field, "slug");
  EXPECT_EQ((*history)[1].field, "title.fr");
  EXPECT_EQ((*history)[1].old_value, "Réunion technique");
  EXPECT_EQ((*history)[2].field, "place");
  EXPECT_EQ((*history)[2].who, "alice");
  EXPECT_NE((*history)[0].meeting_id, 0);
  // Unchanged: nothing recorded.
  ASSERT_TRUE(catalog_->UpdateMeeting("casablanca-2016", m, "alice").ok());
  EXPECT_EQ(catalog_->MeetingHistory("casablanca-2016")->size(), 3u);
}

TEST_P(CatalogTest, MeetingTimeZoneIsAKnownZoneOrNone) {
  media::Meeting m = MakeMeeting("casablanca-2016");
  m.time_zone = "Africa/Casablanca";
  ASSERT_TRUE(catalog_->CreateMeeting(m).ok());
  EXPECT_EQ(catalog_->GetMeeting("casablanca-2016")->time_zone, "Africa/Casablanca");
  for (const std::string good : {"UTC", "America/Port-au-Prince", "Etc/GMT+1", "America/Argentina/Buenos_Aires"}) {
    m.time_zone = good;
    EXPECT_TRUE(catalog_->UpdateMeeting("casablanca-2016", m, "e").ok()) << good;
  }
  for (const std::string& bad : std::vector<std::string>{"Mars/Olympus_Mons", "africa/casablanca ", "../../etc/passwd", "/etc/passwd",
                                "Africa/", "Africa//Casablanca", "zone.tab", "Africa", "+01:00",
                                std::string(65, 'A')}) {
    m.time_zone = bad;
    Status s = catalog_->UpdateMeeting("casablanca-2016", m, "e");
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << bad;
    EXPECT_NE(s.message().find("time_zone"), std::string::npos) << s.message();
  }
  EXPECT_EQ(catalog_->GetMeeting("casablanca-2016")->time_zone, "America/Argentina/Buenos_Aires");
  m.time_zone = "";
  ASSERT_TRUE(catalog_->UpdateMeeting("casablanca-2016", m, "e").ok());
  auto history = catalog_->MeetingHistory("casablanca-2016");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 5u);
  EXPECT_EQ((*history)[0].field, "time_zone");
  EXPECT_EQ((*history)[0].old_value, "Africa/Casablanca");
  EXPECT_EQ((*history)[4].old_value, "America/Argentina/Buenos_Aires");
  EXPECT_EQ((*history)[4].new_value, "");
}

TEST_P(CatalogTest, DeleteMeetingRefusesWhilePhotosAndDetachesAlbums) {
  ASSERT_TRUE(catalog_->CreateMeeting(MakeMeeting("m")).ok());
  ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("a", "m")).ok());
  media::NewPhoto p = MakePhoto(1);
  p.album_slug = "a";
  std::int64_t id = Add(p);
  EXPECT_EQ(catalog_->GetPhoto(id)->meeting_slug, "m");
  media::Status refused = catalog_->DeleteMeeting("m");
  EXPECT_EQ(refused.code(), Status::Code::kConflict);
  EXPECT_NE(refused.message().find("1 photo"), std::string::npos) << refused.ToString();
  EXPECT_EQ(catalog_->GetPhoto(id)->meeting_slug, "m");
  // In the trash, the photo no longer holds the meeting.
  ASSERT_TRUE(catalog_->DeletePhoto(id).ok());
  ASSERT_TRUE(catalog_->DeleteMeeting("m").ok());
  ASSERT_TRUE(catalog_->RestorePhoto(id).ok());
  EXPECT_EQ(catalog_->GetPhoto(id)->meeting_slug, "");
  EXPECT_EQ(catalog_->GetAlbum("a")->meeting_slug, "");
  EXPECT_EQ(catalog_->GetAlbum("a")->photo_count, 1);
  EXPECT_EQ(catalog_->DeleteMeeting("m").code(), Status::Code::kNotFound);
  EXPECT_TRUE(catalog_->CheckIntegrity().ok());
}

TEST_P(CatalogTest, AlbumRoundTripAndList) {
  ASSERT_TRUE(catalog_->CreateMeeting(MakeMeeting("m")).ok());
  media::Album a = MakeAlbum("day-1", "m", "© Album");
  a.visibility = Visibility::kPrivate;
  ASSERT_TRUE(catalog_->CreateAlbum(a).ok());
  ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("loose")).ok());
  EXPECT_EQ(catalog_->CreateAlbum(MakeAlbum("day-1")).code(), Status::Code::kConflict);
  EXPECT_EQ(catalog_->CreateAlbum(MakeAlbum("x", "nope")).code(), Status::Code::kNotFound);
  EXPECT_EQ(catalog_->CreateAlbum(MakeAlbum("Day 1")).code(), Status::Code::kInvalidArgument);
  media::Album bad_cover = MakeAlbum("y");
  bad_cover.cover_photo_id = 777;
  EXPECT_EQ(catalog_->CreateAlbum(bad_cover).code(), Status::Code::kNotFound);

  auto got = catalog_->GetAlbum("day-1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->meeting_slug, "m");
  EXPECT_EQ(got->visibility, Visibility::kPrivate);
  EXPECT_EQ(got->default_credit, "© Album");
  EXPECT_EQ(got->title.at("fr"), "Premier jour");
  EXPECT_FALSE(got->cover_photo_id.has_value());
  EXPECT_EQ(catalog_->ListAlbums("")->size(), 2u);
  auto of_m = catalog_->ListAlbums("m");
  ASSERT_EQ(of_m->size(), 1u);
  EXPECT_EQ((*of_m)[0].slug, "day-1");
  EXPECT_EQ(catalog_->ListAlbums("nope").status().code(), Status::Code::kNotFound);
}

TEST_P(CatalogTest, UpdateAlbumRecordsHistory) {
  ASSERT_TRUE(catalog_->CreateMeeting(MakeMeeting("m")).ok());
  ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("a")).ok());
  std::int64_t cover = Add(MakePhoto(1));
  media::Album a = *catalog_->GetAlbum("a");
  a.slug = "day-one";
  a.title["en"] = "Day 1";
  a.title.erase("fr");
  a.meeting_slug = "m";
  a.visibility = Visibility::kUnlisted;
  a.default_credit = "© IOM";
  a.cover_photo_id = cover;
  ASSERT_TRUE(catalog_->UpdateAlbum("a", a, "alice").ok());
  auto got = catalog_->GetAlbum("day-one");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->title, (media::LangText{{"en", "Day 1"}}));
  EXPECT_EQ(got->cover_photo_id, cover);
  EXPECT_EQ(got->visibility, Visibility::kUnlisted);
  auto history = catalog_->AlbumHistory("day-one");
  ASSERT_TRUE(history.ok());
  std::vector<std::string> fields;
  for (const auto& e : *history) {
    fields.push_back(e.field);
    EXPECT_EQ(e.album_id, got->id);
    EXPECT_EQ(e.photo_id, 0);
    EXPECT_EQ(e.who, "alice");
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"slug", "title.en", "title.fr", "meeting",
                                              "visibility", "default_credit", "cover_photo_id"}));
  EXPECT_EQ((*history)[2].old_value, "Premier jour");
  EXPECT_EQ((*history)[2].new_value, "");
  a.meeting_slug = "nope";
  EXPECT_EQ(catalog_->UpdateAlbum("day-one", a, "alice").code(), Status::Code::kNotFound);
  EXPECT_EQ(catalog_->UpdateAlbum("nope", a, "alice").code(), Status::Code::kNotFound);
  EXPECT_EQ(catalog_->AlbumHistory("day-one")->size(), 7u);
}

TEST_P(CatalogTest, DeleteAlbumNeverDeletesPhotos) {
  ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("a")).ok());
  ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("b")).ok());
  std::int64_t one = Add(MakePhoto(1));
  std::int64_t two = Add(MakePhoto(2));
  ASSERT_TRUE(catalog_->AddToAlbum("a", {one, two}).ok());
  ASSERT_TRUE(catalog_->AddToAlbum("b", {two, two}).ok());  // repeats are ignored
  EXPECT_EQ(catalog_->GetAlbum("b")->photo_count, 1);
  ASSERT_TRUE(catalog_->DeleteAlbum("a").ok());
  EXPECT_EQ(catalog_->GetAlbum("a").status().code(), Status::Code::kNotFound);
  EXPECT_TRUE(catalog_->GetPhoto(one).ok());
  EXPECT_EQ(catalog_->GetPhoto(two)->album_slugs, std::vector<std::string>{"b"});
  EXPECT_EQ(catalog_->GetAlbum("b")->photo_count, 1);
  EXPECT_EQ(catalog_->AllSha256()->size(), 2u);
  EXPECT_EQ(catalog_->DeleteAlbum("a").code(), Status::Code::kNotFound);
  EXPECT_TRUE(catalog_->CheckIntegrity().ok());
}

TEST(CatalogEnumTest, NamesRoundTrip) {
  for (auto v : {Visibility::kPublic, Visibility::kUnlisted, Visibility::kPrivate}) {
    EXPECT_EQ(media::ParseVisibility(media::VisibilityName(v)), v);
  }
  for (auto r : {media::Role::kViewer, media::Role::kEditor, media::Role::kAdmin}) {
    EXPECT_EQ(media::ParseRole(media::RoleName(r)), r);
  }
  EXPECT_FALSE(media::ParseVisibility("Public").has_value());
  EXPECT_FALSE(media::ParseRole("root").has_value());
}

}  // namespace
}  // namespace catalog_test
