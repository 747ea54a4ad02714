// Adding, reading and deleting photos; credit defaults; duplicates.
#include <atomic>
#include <thread>

#include "catalog_test_fixture.h"

namespace catalog_test {
namespace {

using media::Status;

TEST_P(CatalogTest, AddPhotoStoresEveryField) {
  ASSERT_TRUE(catalog_->CreateMeeting(MakeMeeting("casablanca-2016")).ok());
  media::NewPhoto p = MakePhoto(1, "2016-07-12T10:30:00+01:00");
  p.meeting_slug = "casablanca-2016";
  p.meta.orientation = 6;
  p.meta.make = "Canon";
  p.meta.model = "EOS 5D";
  p.meta.lens = "24-70mm";
  p.meta.exposure_time = 0.004;
  p.meta.f_number = 2.8;
  p.meta.iso = 400;
  p.meta.focal_length = 50;
  p.meta.gps = media::GpsPosition{33.57, -7.59, -3.5};
  p.meta.caption = {{"en", "Opening session"}, {"fr", "Séance d'ouverture"}, {"pt_BR", "Abertura"}};
  p.meta.headline = {{"x-default", "Opening"}};
  p.meta.alt_text = {{"en", "A speaker at a lectern"}};
  p.meta.credit = "© IOM 2016";
  p.meta.creator = "A. Photographer";
  p.meta.copyright = "IOM";
  p.meta.keywords = {"migration", " opening ", "migration", ""};
  p.meta.event = "Technical meeting";
  p.meta.usage_terms = "Editorial use";
  std::int64_t id = Add(p);

  auto got = catalog_->GetPhoto(id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->sha256, Sha(1));
  EXPECT_EQ(got->original_filename, "IMG_1001.jpg");
  EXPECT_EQ(got->file_size, 1001);
  EXPECT_EQ(got->meta.format, "jpeg");
  EXPECT_EQ(got->meta.width, 4032);
  EXPECT_EQ(got->meta.orientation, 6);
  EXPECT_EQ(got->meta.taken_at, "2016-07-12T10:30:00+01:00");
  EXPECT_EQ(got->meta.lens, "24-70mm");
  EXPECT_DOUBLE_EQ(*got->meta.exposure_time, 0.004);
  EXPECT_EQ(got->meta.iso, 400);
  ASSERT_TRUE(got->meta.gps.has_value());
  EXPECT_DOUBLE_EQ(got->meta.gps->lon, -7.59);
  EXPECT_DOUBLE_EQ(*got->meta.gps->alt, -3.5);
  EXPECT_EQ(got->meta.caption.at("fr"), "Séance d'ouverture");
  EXPECT_EQ(got->meta.caption.at("pt-BR"), "Abertura");  // normalised tag
  EXPECT_EQ(got->meta.headline.at("x-default"), "Opening");
  EXPECT_EQ(got->meta.alt_text.at("en"), "A speaker at a lectern");
  EXPECT_EQ(got->meta.credit, "© IOM 2016");
  EXPECT_EQ(got->meta.keywords, (std::vector<std::string>{"migration", "opening"}));
  EXPECT_EQ(got->meta.usage_terms, "Editorial use");
  EXPECT_EQ(got->meeting_slug, "casablanca-2016");
  EXPECT_EQ(got->uploaded_by, "tester");
  EXPECT_EQ(got->uploaded_at.size(), 20u);  // YYYY-MM-DDTHH:MM:SSZ
  EXPECT_EQ(got->version, 1);
}

// Text read from a file is never a reason to refuse the photo.
TEST_P(CatalogTest, AddPhotoKeepsTextWithMalformedLanguageTags) {
  media::NewPhoto p = MakePhoto(1);
  p.meta.caption = {{"not a language", "kept as the default"}, {"FR", "Séance"}};
  p.meta.alt_text = {{"x-default", "alt"}, {"en_GB!", "dropped: a default exists"}};
  auto id = catalog_->AddPhoto(p);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto got = catalog_->GetPhoto(*id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->meta.caption, (media::LangText{{"fr", "Séance"}, {"x-default", "kept as the default"}}));
  EXPECT_EQ(got->meta.alt_text, (media::LangText{{"x-default", "alt"}}));
}

TEST_P(CatalogTest, AddPhotoRejectsBadInput) {
  media::NewPhoto p = MakePhoto(1);
  p.sha256 = "abc";
  EXPECT_EQ(catalog_->AddPhoto(p).status().code(), Status::Code::kInvalidArgument);
  p = MakePhoto(1);
  p.album_slug = "Bad Slug";
  EXPECT_EQ(catalog_->AddPhoto(p).status().code(), Status::Code::kInvalidArgument);
  p = MakePhoto(1);
  p.album_slug = "no-such-album";
  EXPECT_EQ(catalog_->AddPhoto(p).status().code(), Status::Code::kNotFound);
  p = MakePhoto(1);
  p.meeting_slug = "no-such-meeting";
  EXPECT_EQ(catalog_->AddPhoto(p).status().code(), Status::Code::kNotFound);
  EXPECT_TRUE(catalog_->AllSha256()->empty());
}

TEST_P(CatalogTest, DuplicateSha256IsConflictWithExistingId) {
  std::int64_t id = Add(MakePhoto(1));
  std::int64_t existing = 0;
  media::NewPhoto again = MakePhoto(1);
  again.sha256 = Sha(1);
  for (char& c : again.sha256) c = static_cast<char>(std::toupper(c));  // same hash, upper case
  auto r = catalog_->AddPhoto(again, &existing);
  EXPECT_EQ(r.status().code(), Status::Code::kConflict);
  EXPECT_EQ(existing, id);
  auto found = catalog_->FindPhotoBySha256(Sha(1));
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->value_or(0), id);
  EXPECT_FALSE(catalog_->FindPhotoBySha256(Sha(2))->has_value());
}

TEST_P(CatalogTest, ConcurrentAddOfSameBytesGivesOneRow) {
  constexpr int kThreads = 8;
  std::vector<Status::Code> codes(kThreads);
  std::vector<std::int64_t> ids(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::int64_t existing = 0;
      auto r = catalog_->AddPhoto(MakePhoto(7), &existing);
      codes[t] = r.ok() ? Status::Code::kOk : r.status().code();
      ids[t] = r.ok() ? *r : existing;
    });
  }
  for (auto& t : threads) t.join();
  int oks = 0;
  for (int t = 0; t < kThreads; ++t) {
    if (codes[t] == Status::Code::kOk) ++oks;
    else EXPECT_EQ(codes[t], Status::Code::kConflict);
    EXPECT_EQ(ids[t], ids[0]);
  }
  EXPECT_EQ(oks, 1);
  EXPECT_EQ(catalog_->AllSha256()->size(), 1u);
}

TEST_P(CatalogTest, ConcurrentAddsAndReadsOfDifferentPhotos) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        if (!catalog_->AddPhoto(MakePhoto(t * 100 + i)).ok()) ++failures;
      }
    });
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        media::PhotoFilter f;
        if (!catalog_->ListPhotos(f).ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(catalog_->AllSha256()->size(), 100u);
}

TEST_P(CatalogTest, CreditPrecedenceFileThenFallbackThenAlbumThenMeeting) {
  ASSERT_TRUE(catalog_->CreateMeeting(MakeMeeting("m", "© Meeting")).ok());
  ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("with-credit", "m", "© Album")).ok());
  ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("no-credit", "m")).ok());

  media::NewPhoto from_file = MakePhoto(1);
  from_file.meta.credit = "© File";
  from_file.fallback_credit = "© Fallback";
  from_file.album_slug = "with-credit";
  media::NewPhoto fallback = MakePhoto(2);
  fallback.fallback_credit = "© Fallback";
  fallback.album_slug = "with-credit";
  media::NewPhoto album = MakePhoto(3);
  album.album_slug = "with-credit";
  media::NewPhoto meeting = MakePhoto(4);
  meeting.album_slug = "no-credit";  // meeting comes from the album
  media::NewPhoto none = MakePhoto(5);

  EXPECT_EQ(catalog_->GetPhoto(Add(from_file))->meta.credit, "© File");
  EXPECT_EQ(catalog_->GetPhoto(Add(fallback))->meta.credit, "© Fallback");
  EXPECT_EQ(catalog_->GetPhoto(Add(album))->meta.credit, "© Album");
  auto via_meeting = catalog_->GetPhoto(Add(meeting));
  EXPECT_EQ(via_meeting->meta.credit, "© Meeting");
  EXPECT_EQ(via_meeting->meeting_slug, "m");
  EXPECT_EQ(catalog_->GetPhoto(Add(none))->meta.credit, "");
}

TEST_P(CatalogTest, AddPhotoAppendsToAlbumEnd) {
  ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("day-1")).ok());
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    media::NewPhoto p = MakePhoto(i, "2016-07-1" + std::to_string(3 - i) + "T10:00:00");
    p.album_slug = "day-1";
    ids.push_back(Add(p));
  }
  media::PhotoFilter f;
  f.album_slug = "day-1";
  auto page = catalog_->ListPhotos(f);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->photos.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(page->photos[i].id, ids[i]);  // album order, not date
  EXPECT_EQ(catalog_->GetAlbum("day-1")->photo_count, 3);
  EXPECT_EQ(catalog_->GetPhoto(ids[0])->album_slugs, std::vector<std::string>{"day-1"});
}

TEST_P(CatalogTest, AddPhotosAddsAllInOrderOrNone) {
  ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("day-1")).ok());
  std::vector<media::NewPhoto> batch;
  for (int i = 0; i < 3; ++i) {
    batch.push_back(MakePhoto(i));
    batch.back().album_slug = "day-1";
  }
  auto ids = catalog_->AddPhotos(batch);
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  ASSERT_EQ(ids->size(), 3u);
  media::PhotoFilter f;
  f.album_slug = "day-1";
  auto page = catalog_->ListPhotos(f);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->photos.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(page->photos[i].id, (*ids)[i]);
    EXPECT_EQ(page->photos[i].sha256, Sha(i));
  }
  // A known photo (index 1) or an unknown album (index 2) refuses the whole
  // batch, naming the photo; nothing of it is added.
  std::vector<media::NewPhoto> refused = {MakePhoto(10), MakePhoto(1), MakePhoto(11)};
  auto r = catalog_->AddPhotos(refused);
  EXPECT_EQ(r.status().code(), Status::Code::kConflict);
  EXPECT_EQ(r.status().message().rfind("photos[1]: ", 0), 0u) << r.status().message();
  refused = {MakePhoto(10), MakePhoto(11), MakePhoto(12)};
  refused[2].album_slug = "no-such-album";
  r = catalog_->AddPhotos(refused);
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(r.status().message().rfind("photos[2]: ", 0), 0u) << r.status().message();
  EXPECT_FALSE(catalog_->FindPhotoBySha256(Sha(10))->has_value());
  EXPECT_FALSE(catalog_->FindPhotoBySha256(Sha(11))->has_value());
  EXPECT_EQ(catalog_->GetAlbum("day-1")->photo_count, 3);
}

TEST_P(CatalogTest, DeletePhotoKeepsAlbumsAndHistory) {
  ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("a")).ok());
  ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("b")).ok());
  std::int64_t gone = Add(MakePhoto(1));
  std::int64_t kept = Add(MakePhoto(2));
  ASSERT_TRUE(catalog_->AddToAlbum("a", {gone, kept}).ok());
  ASSERT_TRUE(catalog_->AddToAlbum("b", {gone}).ok());
  media::Album a = *catalog_->GetAlbum("a");
  a.cover_photo_id = gone;
  ASSERT_TRUE(catalog_->UpdateAlbum("a", a, "editor").ok());
  ASSERT_TRUE(catalog_->EditPhoto(gone, CaptionEdit("en", "Farewell"), "editor").ok());

  auto sha = catalog_->DeletePhoto(gone);
  ASSERT_TRUE(sha.ok()) << sha.status().ToString();
  EXPECT_EQ(*sha, Sha(1));
  EXPECT_EQ(catalog_->GetPhoto(gone).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(catalog_->DeletePhoto(gone).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(catalog_->GetAlbum("a")->photo_count, 1);
  EXPECT_FALSE(catalog_->GetAlbum("a")->cover_photo_id.has_value());
  EXPECT_EQ(catalog_->GetAlbum("b")->photo_count, 0);
  EXPECT_TRUE(catalog_->GetPhoto(kept).ok());
  EXPECT_EQ(catalog_->PhotoHistory(gone)->size(), 1u);  // history outlives the photo
  media::PhotoFilter f;
  f.text = "farewell";
  EXPECT_TRUE(catalog_->ListPhotos(f)->photos.empty());
  EXPECT_TRUE(catalog_->CheckIntegrity().ok());
  // A new photo never takes the deleted one's id.
  EXPECT_GT(Add(MakePhoto(3)), kept);
}

TEST_P(CatalogTest, UnreferencedSha256ListsOnlyOrphans) {
  Add(MakePhoto(1));
  std::int64_t two = Add(MakePhoto(2));
  ASSERT_TRUE(catalog_->DeletePhoto(two).ok());
  // A photo in the trash still holds its original.
  auto orphans = catalog_->UnreferencedSha256({Sha(1), Sha(2), Sha(3)});
  ASSERT_TRUE(orphans.ok());
  EXPECT_EQ(*orphans, (std::vector<std::string>{Sha(3)}));
  EXPECT_EQ(*catalog_->AllSha256(), std::vector<std::string>{Sha(1)});
  auto purged = catalog_->PurgeDeletedPhotos();
  ASSERT_TRUE(purged.ok()) << purged.status().ToString();
  EXPECT_EQ(*purged, std::vector<std::string>{Sha(2)});
  EXPECT_EQ(*catalog_->UnreferencedSha256({Sha(1), Sha(2), Sha(3)}),
            (std::vector<std::string>{Sha(2), Sha(3)}));
  EXPECT_TRUE(catalog_->ListDeletedPhotos()->empty());
  EXPECT_EQ(catalog_->RestorePhoto(two).code(), Status::Code::kNotFound);
}

TEST_P(CatalogTest, RestoredPhotoComesBackAsItWas) {
  media::Meeting m = MakeMeeting("casablanca-2016");
  ASSERT_TRUE(catalog_->CreateMeeting(m).ok());
  ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("a")).ok());
  ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("b")).ok());
  std::int64_t first = Add(MakePhoto(1));
  std::int64_t gone = Add(MakePhoto(2));
  std::int64_t last = Add(MakePhoto(3));
  ASSERT_TRUE(catalog_->AddToAlbum("a", {first, gone, last}).ok());
  ASSERT_TRUE(catalog_->AddToAlbum("b", {gone}).ok());
  media::Album a = *catalog_->GetAlbum("a");
  a.cover_photo_id = gone;
  ASSERT_TRUE(catalog_->UpdateAlbum("a", a, "editor").ok());
  media::PhotoEdit edit;
  edit.caption = {{"en", "Farewell"}, {"fr", "Adieu"}};
  edit.keywords = std::vector<std::string>{"plenary", "Casablanca"};
  edit.credit = "© IOM 2016";
  edit.meeting = "casablanca-2016";
  ASSERT_TRUE(catalog_->EditPhoto(gone, edit, "editor").ok());
  media::Photo before = *catalog_->GetPhoto(gone);

  ASSERT_TRUE(catalog_->DeletePhoto(gone, "admin").ok());
  auto trash = catalog_->ListDeletedPhotos();
  ASSERT_TRUE(trash.ok()) << trash.status().ToString();
  ASSERT_EQ(trash->size(), 1u);
  EXPECT_EQ((*trash)[0].id, gone);
  EXPECT_EQ((*trash)[0].sha256, Sha(2));
  EXPECT_EQ((*trash)[0].original_filename, before.original_filename);
  EXPECT_EQ((*trash)[0].deleted_by, "admin");
  EXPECT_FALSE((*trash)[0].deleted_at.empty());
  ASSERT_TRUE(catalog_->DeleteAlbum("b").ok());  // gone before the photo comes back

  media::Status restored = catalog_->RestorePhoto(gone);
  ASSERT_TRUE(restored.ok()) << restored.ToString();
  media::Photo after = *catalog_->GetPhoto(gone);
  EXPECT_EQ(after.sha256, before.sha256);
  EXPECT_EQ(after.meta.caption, before.meta.caption);
  EXPECT_EQ(after.meta.caption.at("fr"), "Adieu");
  EXPECT_EQ(after.meta.keywords, before.meta.keywords);
  EXPECT_EQ(after.meta.credit, "© IOM 2016");
  EXPECT_EQ(after.version, before.version);
  EXPECT_EQ(after.meeting_slug, "casablanca-2016");
  EXPECT_EQ(after.album_slugs, std::vector<std::string>{"a"});
  EXPECT_EQ(catalog_->GetAlbum("a")->cover_photo_id, gone);
  media::PhotoFilter in_a;
  in_a.album_slug = "a";
  std::vector<std::int64_t> order;
  auto page = catalog_->ListPhotos(in_a);
  ASSERT_TRUE(page.ok());
  for (const media::Photo& p : page->photos) order.push_back(p.id);
  EXPECT_EQ(order, (std::vector<std::int64_t>{first, gone, last}));
  media::PhotoFilter text;
  text.text = "adieu";
  ASSERT_EQ(catalog_->ListPhotos(text)->photos.size(), 1u);
  EXPECT_TRUE(catalog_->ListDeletedPhotos()->empty());
  EXPECT_EQ(catalog_->RestorePhoto(gone).code(), Status::Code::kNotFound);
  EXPECT_TRUE(catalog_->CheckIntegrity().ok());
}

TEST_P(CatalogTest, RestoreRefusesWhenTheSameBytesCameBack) {
  ASSERT_TRUE(catalog_->CreateMeeting(MakeMeeting("m")).ok());
  std::int64_t gone = Add(MakePhoto(1));
  ASSERT_TRUE(catalog_->EditPhoto(gone, MeetingEdit("m"), "editor").ok());
  ASSERT_TRUE(catalog_->DeletePhoto(gone).ok());
  std::int64_t again = Add(MakePhoto(1));
  media::Status s = catalog_->RestorePhoto(gone);
  EXPECT_EQ(s.code(), Status::Code::kConflict);
  EXPECT_NE(s.message().find(std::to_string(again)), std::string::npos) << s.ToString();
  EXPECT_EQ(catalog_->ListDeletedPhotos()->size(), 1u);  // still there to restore later
  // Once the newcomer is deleted, the first comes back, without the meeting
  // deleted meanwhile.
  ASSERT_TRUE(catalog_->DeletePhoto(again).ok());
  ASSERT_TRUE(catalog_->DeleteMeeting("m").ok());
  ASSERT_TRUE(catalog_->RestorePhoto(gone).ok());
  EXPECT_EQ(catalog_->GetPhoto(gone)->meeting_slug, "");
  EXPECT_EQ(catalog_->ListDeletedPhotos()->size(), 1u);
}

TEST_P(CatalogTest, GetPhotoOfUnknownIdIsNotFound) {
  EXPECT_EQ(catalog_->GetPhoto(12345).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(catalog_->PhotoHistory(12345).status().code(), Status::Code::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Engines, CatalogTest, ::testing::ValuesIn(Engines()), EngineName);

}  // namespace
}  // namespace catalog_test
