// Joining and leaving an album is written to each photo's history (field
// "album": "" → slug when it joins, slug → "" when it leaves), once per real
// change, by whoever did it, through every way in: AddToAlbum,
// RemoveFromAlbum, the bulk edit and an upload into an album. Reverting such
// an entry undoes it.
#include <string>
#include <vector>

#include "catalog_test_fixture.h"

namespace catalog_test {
namespace {

using media::Status;

// The photo's "album" history rows as "who:old>new", oldest first.
std::vector<std::string> AlbumRows(media::Catalog& catalog, std::int64_t id) {
  std::vector<std::string> out;
  auto history = catalog.PhotoHistory(id);
  EXPECT_TRUE(history.ok()) << history.status().ToString();
  if (!history.ok()) return out;
  for (const media::HistoryEntry& e : *history) {
    if (e.field == "album") out.push_back(e.who + ":" + e.old_value + ">" + e.new_value);
  }
  return out;
}

std::int64_t LastEntryId(media::Catalog& catalog, std::int64_t id) {
  auto history = catalog.PhotoHistory(id);
  EXPECT_TRUE(history.ok() && !history->empty());
  return history.ok() && !history->empty() ? history->back().id : 0;
}

using Rows = std::vector<std::string>;

TEST_P(CatalogTest, JoiningAndLeavingAnAlbumIsRecordedOncePerRealChange) {
  ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("day-3")).ok());
  const std::int64_t one = Add(MakePhoto(1));
  const std::int64_t two = Add(MakePhoto(2));
  ASSERT_TRUE(catalog_->AddToAlbum("day-3", {one, one}, "alice").ok());
  ASSERT_TRUE(catalog_->AddToAlbum("day-3", {one, two}, "bob").ok());  // one is already in
  EXPECT_EQ(AlbumRows(*catalog_, one), (Rows{"alice:>day-3"}));
  EXPECT_EQ(AlbumRows(*catalog_, two), (Rows{"bob:>day-3"}));

  ASSERT_TRUE(catalog_->RemoveFromAlbum("day-3", {one}, "carol").ok());
  ASSERT_TRUE(catalog_->RemoveFromAlbum("day-3", {one}, "carol").ok());  // not a member any more
  EXPECT_EQ(AlbumRows(*catalog_, one), (Rows{"alice:>day-3", "carol:day-3>"}));
  EXPECT_EQ(AlbumRows(*catalog_, two), (Rows{"bob:>day-3"}));

  // Nothing is written when the call is refused.
  EXPECT_EQ(catalog_->AddToAlbum("day-3", {one, 999999}, "dan").code(), Status::Code::kNotFound);
  EXPECT_EQ(AlbumRows(*catalog_, one), (Rows{"alice:>day-3", "carol:day-3>"}));
  // The photo's version is not the album's business.
  EXPECT_EQ(catalog_->GetPhoto(one)->version, 1);
}

TEST_P(CatalogTest, BulkEditAndUploadIntoAnAlbumRecordTheJoinAndLeave) {
  ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("a")).ok());
  ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("b")).ok());
  media::NewPhoto uploaded = MakePhoto(1);
  uploaded.album_slug = "a";
  uploaded.uploaded_by = "uploader";
  const std::int64_t one = Add(uploaded);
  const std::int64_t two = Add(MakePhoto(2));
  EXPECT_EQ(AlbumRows(*catalog_, one), (Rows{"uploader:>a"}));

  media::PhotoEdit edit;
  edit.credit = "© IOM";
  edit.add_to_album = "b";
  edit.remove_from_album = "a";
  ASSERT_TRUE(catalog_->EditPhotos({one, two}, edit, "editor").ok());
  EXPECT_EQ(AlbumRows(*catalog_, one), (Rows{"uploader:>a", "editor:>b", "editor:a>"}));
  EXPECT_EQ(AlbumRows(*catalog_, two), (Rows{"editor:>b"}));
  auto history = catalog_->PhotoHistory(two);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].field, "credit");
  EXPECT_EQ((*history)[1].field, "album");
  EXPECT_FALSE((*history)[1].at.empty());
}

TEST_P(CatalogTest, RevertingAnAlbumEntryLeavesOrJoinsAgain) {
  ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("day-3")).ok());
  const std::int64_t first = Add(MakePhoto(1));
  const std::int64_t photo = Add(MakePhoto(2));
  ASSERT_TRUE(catalog_->AddToAlbum("day-3", {first, photo}, "alice").ok());
  const std::int64_t joined = LastEntryId(*catalog_, photo);

  ASSERT_TRUE(catalog_->RevertEdit(photo, joined, "bob").ok());
  EXPECT_TRUE(catalog_->GetPhoto(photo)->album_slugs.empty());
  EXPECT_EQ(catalog_->GetAlbum("day-3")->photo_count, 1);
  EXPECT_EQ(AlbumRows(*catalog_, photo), (Rows{"alice:>day-3", "bob:day-3>"}));
  // Again: it is already out, nothing changes.
  ASSERT_TRUE(catalog_->RevertEdit(photo, joined, "bob").ok());
  EXPECT_EQ(AlbumRows(*catalog_, photo), (Rows{"alice:>day-3", "bob:day-3>"}));

  const std::int64_t left = LastEntryId(*catalog_, photo);
  ASSERT_TRUE(catalog_->RevertEdit(photo, left, "carol").ok());
  EXPECT_EQ(catalog_->GetPhoto(photo)->album_slugs, std::vector<std::string>{"day-3"});
  EXPECT_EQ(AlbumRows(*catalog_, photo), (Rows{"alice:>day-3", "bob:day-3>", "carol:>day-3"}));
  media::PhotoFilter in_album;
  in_album.album_slug = "day-3";
  auto page = catalog_->ListPhotos(in_album);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->photos.size(), 2u);
  EXPECT_EQ(page->photos[1].id, photo);  // back at the end

  // An album that is gone cannot be joined again.
  ASSERT_TRUE(catalog_->RemoveFromAlbum("day-3", {photo}, "dan").ok());
  const std::int64_t left_again = LastEntryId(*catalog_, photo);
  ASSERT_TRUE(catalog_->DeleteAlbum("day-3").ok());
  EXPECT_EQ(catalog_->RevertEdit(photo, left_again, "erin").code(), Status::Code::kNotFound);
  EXPECT_TRUE(catalog_->CheckIntegrity().ok());
}

}  // namespace
}  // namespace catalog_test
