// The audience rule inside the catalog's queries: what the public, a share
// link, a viewer and an editor may list, open and count, with photos in
// public, unlisted and private albums, in two albums at once, under embargo
// and in none; pages full whatever is hidden; covers and counts per audience;
// access stamps that change with who may see a photo.
#include <algorithm>
#include <set>

#include "catalog_test_fixture.h"

namespace catalog_test {
namespace {

using media::Audience;
using media::PhotoFilter;
using media::Visibility;
using Ids = std::set<std::int64_t>;

class CatalogAudienceTest : public CatalogTest {
 protected:
  void SetUp() override {
    CatalogTest::SetUp();
    ASSERT_TRUE(catalog_->CreateMeeting(MakeMeeting("m")).ok());
    MakeAlbumWith("pub", Visibility::kPublic);
    MakeAlbumWith("unl", Visibility::kUnlisted);
    MakeAlbumWith("priv", Visibility::kPrivate);
    MakeAlbumWith("priv2", Visibility::kPrivate);
    loose_ = AddIn(1, {});
    pub_ = AddIn(2, {"pub"});
    unl_ = AddIn(3, {"unl"});
    priv_ = AddIn(4, {"priv"});
    pub_priv_ = AddIn(5, {"pub", "priv"});
    unl_priv_ = AddIn(6, {"unl", "priv"});
    pub_embargoed_ = AddIn(7, {"pub"});
    priv2_ = AddIn(8, {"priv2"});
    loose_embargoed_ = AddIn(9, {});
    for (std::int64_t id : {pub_embargoed_, loose_embargoed_}) {
      ASSERT_TRUE(catalog_->EditPhoto(id, EmbargoEdit("2999-01-01T00:00:00Z"), "e").ok());
    }
  }

  void MakeAlbumWith(const std::string& slug, Visibility v) {
    media::Album a = MakeAlbum(slug, "m");
    a.visibility = v;
    ASSERT_TRUE(catalog_->CreateAlbum(a).ok());
  }

  // Photo n in meeting "m" with credit "C<n>" and keyword "k", in `albums`.
  std::int64_t AddIn(int n, const std::vector<std::string>& albums) {
    media::NewPhoto p = MakePhoto(n, "2016-07-12T10:00:0" + std::to_string(n));
    p.meeting_slug = "m";
    p.meta.credit = "C" + std::to_string(n);
    p.meta.keywords = {"k"};
    std::int64_t id = Add(p);
    for (const auto& a : albums) EXPECT_TRUE(catalog_->AddToAlbum(a, {id}).ok());
    return id;
  }

  // Every id listed for `f`, one page of `limit` at a time; each page but
  // the last must be full.
  Ids Listed(PhotoFilter f, int limit = 1) {
    f.limit = limit;
    Ids ids;
    for (int guard = 0; guard < 100; ++guard) {
      auto page = catalog_->ListPhotos(f);
      EXPECT_TRUE(page.ok()) << page.status().ToString();
      if (!page.ok()) break;
      for (const auto& p : page->photos) ids.insert(p.id);
      if (page->next_cursor.empty()) break;
      EXPECT_EQ(static_cast<int>(page->photos.size()), limit) << "a page that is not the last is short";
      f.cursor = page->next_cursor;
    }
    return ids;
  }
  Ids Listed(const Audience& audience, const std::string& album = "") {
    PhotoFilter f;
    f.audience = audience;
    f.album_slug = album;
    return Listed(f);
  }
  Ids Reachable(const Audience& audience) {
    Ids ids;
    for (std::int64_t id = 1; id <= 9; ++id) {
      if (catalog_->GetPhoto(id, audience).ok()) ids.insert(id);
    }
    return ids;
  }
  std::vector<std::string> AlbumsListed(const Audience& audience) {
    std::vector<std::string> slugs;
    auto albums = catalog_->ListAlbums("", audience);
    EXPECT_TRUE(albums.ok());
    for (const auto& a : albums.value()) slugs.push_back(a.slug);
    return slugs;
  }

  std::int64_t loose_, pub_, unl_, priv_, pub_priv_, unl_priv_, pub_embargoed_, priv2_, loose_embargoed_;
};

TEST_P(CatalogAudienceTest, ListingsSearchAndLookupsFollowTheRule) {
  const Audience everyone = Audience::Public(), link = Audience::Public("priv"),
                 unlisted_link = Audience::Public("unl"), viewer = Audience::Viewer(),
                 editor = Audience::Everything();
  EXPECT_EQ(Listed(everyone), (Ids{loose_, pub_, pub_priv_}));
  EXPECT_EQ(Listed(link), (Ids{loose_, pub_, priv_, pub_priv_, unl_priv_}));
  EXPECT_EQ(Listed(unlisted_link), (Ids{loose_, pub_, unl_, pub_priv_, unl_priv_}));
  EXPECT_EQ(Listed(viewer), (Ids{loose_, pub_, unl_, priv_, pub_priv_, unl_priv_, priv2_}));
  EXPECT_EQ(Listed(editor).size(), 9u);

  EXPECT_EQ(Reachable(everyone), (Ids{loose_, pub_, unl_, pub_priv_, unl_priv_}));
  EXPECT_EQ(Reachable(link), (Ids{loose_, pub_, unl_, priv_, pub_priv_, unl_priv_}));
  EXPECT_EQ(Reachable(viewer), (Ids{loose_, pub_, unl_, priv_, pub_priv_, unl_priv_, priv2_}));
  EXPECT_EQ(Reachable(editor).size(), 9u);
  // Not reachable reads word for word as not there.
  EXPECT_EQ(catalog_->GetPhoto(priv_, everyone).status().ToString(),
            catalog_->GetPhoto(9999, everyone).status().ToString().replace(
                catalog_->GetPhoto(9999, everyone).status().ToString().find("9999"), 4, std::to_string(priv_)));

  // Search sees what listings see.
  PhotoFilter search;
  search.text = "IMG";
  search.audience = everyone;
  EXPECT_EQ(Listed(search), (Ids{loose_, pub_, pub_priv_}));
  search.meeting_slug = "m";
  EXPECT_EQ(Listed(search), (Ids{loose_, pub_, pub_priv_}));
}

TEST_P(CatalogAudienceTest, AlbumsOpenListAndCountPerAudience) {
  const Audience everyone = Audience::Public();
  EXPECT_EQ(AlbumsListed(everyone), std::vector<std::string>{"pub"});
  EXPECT_EQ(AlbumsListed(Audience::Public("priv")), (std::vector<std::string>{"pub", "priv"}));
  EXPECT_EQ(AlbumsListed(Audience::Viewer()), (std::vector<std::string>{"pub", "unl", "priv", "priv2"}));
  EXPECT_TRUE(catalog_->GetAlbum("unl", everyone).ok());
  EXPECT_EQ(catalog_->GetAlbum("priv", everyone).status().code(), media::Status::Code::kNotFound);
  EXPECT_EQ(catalog_->GetAlbum("priv", everyone).status().ToString(),
            catalog_->GetAlbum("nowhere", everyone).status().ToString().replace(
                catalog_->GetAlbum("nowhere", everyone).status().ToString().find("nowhere"), 7, "priv"));
  EXPECT_TRUE(catalog_->GetAlbum("priv", Audience::Public("priv")).ok());
  EXPECT_FALSE(catalog_->GetAlbum("priv2", Audience::Public("priv")).ok());

  // Within an album it may open, an audience sees every photo not under embargo.
  EXPECT_EQ(Listed(everyone, "pub"), (Ids{pub_, pub_priv_}));
  EXPECT_EQ(Listed(everyone, "unl"), (Ids{unl_, unl_priv_}));
  PhotoFilter closed;
  closed.album_slug = "priv";
  closed.audience = everyone;
  EXPECT_EQ(catalog_->ListPhotos(closed).status().code(), media::Status::Code::kNotFound);
  EXPECT_EQ(Listed(Audience::Everything(), "pub"), (Ids{pub_, pub_priv_, pub_embargoed_}));

  EXPECT_EQ(catalog_->GetAlbum("pub", everyone)->photo_count, 2);
  EXPECT_EQ(catalog_->GetAlbum("pub", Audience::Viewer())->photo_count, 2);
  EXPECT_EQ(catalog_->GetAlbum("pub")->photo_count, 3);
  EXPECT_EQ(catalog_->GetMeeting("m", everyone)->photo_count, 3);
  EXPECT_EQ(catalog_->GetMeeting("m", Audience::Public("priv"))->photo_count, 5);
  EXPECT_EQ(catalog_->GetMeeting("m", Audience::Viewer())->photo_count, 7);
  EXPECT_EQ(catalog_->GetMeeting("m")->photo_count, 9);
  EXPECT_EQ(catalog_->ListMeetings(everyone)->at(0).photo_count, 3);
}

TEST_P(CatalogAudienceTest, PhotoNamesOnlyTheAlbumsTheAudienceLists) {
  EXPECT_EQ(catalog_->GetPhoto(pub_priv_, Audience::Public())->album_slugs, std::vector<std::string>{"pub"});
  EXPECT_EQ(catalog_->GetPhoto(unl_priv_, Audience::Public())->album_slugs, std::vector<std::string>{});
  EXPECT_EQ(catalog_->GetPhoto(unl_priv_, Audience::Public("priv"))->album_slugs,
            std::vector<std::string>{"priv"});
  EXPECT_EQ(catalog_->GetPhoto(pub_priv_)->album_slugs, (std::vector<std::string>{"priv", "pub"}));
}

TEST_P(CatalogAudienceTest, FacetsCountOnlyWhatTheAudienceLists) {
  std::set<std::string> credits;
  auto listed = catalog_->ListCredits("", Audience::Public());
  ASSERT_TRUE(listed.ok());
  for (const auto& c : listed.value()) credits.insert(c.credit);
  EXPECT_EQ(credits, (std::set<std::string>{"C1", "C2", "C5"}));
  auto tags = catalog_->ListTags("m", Audience::Public()).value();
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags[0].photo_count, 3);
  EXPECT_EQ(catalog_->ListTags("m", Audience::Viewer())->at(0).photo_count, 7);
  EXPECT_EQ(catalog_->ListTags("m")->at(0).photo_count, 9);
}

TEST_P(CatalogAudienceTest, AnEmbargoedCoverIsNeitherNamedNorShown) {
  media::Album a = catalog_->GetAlbum("pub").value();
  a.cover_photo_id = pub_embargoed_;
  ASSERT_TRUE(catalog_->UpdateAlbum("pub", a, "e").ok());
  auto seen = catalog_->GetAlbum("pub", Audience::Public()).value();
  EXPECT_FALSE(seen.cover_photo_id.has_value());
  EXPECT_EQ(seen.shown_cover_id, pub_);  // the first photo it may see, in album order
  auto listed = catalog_->ListAlbums("", Audience::Public()).value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_FALSE(listed[0].cover_photo_id.has_value());
  auto edited = catalog_->GetAlbum("pub").value();
  EXPECT_EQ(edited.cover_photo_id, pub_embargoed_);
  EXPECT_EQ(edited.shown_cover_id, pub_embargoed_);
}

TEST_P(CatalogAudienceTest, AlbumPagesAreFullAndFilterByVisibleCredit) {
  media::AlbumFilter f;
  f.audience = Audience::Viewer();
  f.limit = 1;
  std::vector<std::string> slugs;
  for (int guard = 0; guard < 10; ++guard) {
    auto page = catalog_->ListAlbumPage(f);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    ASSERT_EQ(page->albums.size(), 1u);
    slugs.push_back(page->albums[0].slug);
    if (page->next_cursor.empty()) break;
    f.cursor = page->next_cursor;
  }
  EXPECT_EQ(slugs, (std::vector<std::string>{"pub", "unl", "priv", "priv2"}));

  f = media::AlbumFilter{};
  f.credit = "C7";  // only on the embargoed photo
  f.audience = Audience::Public();
  EXPECT_TRUE(catalog_->ListAlbumPage(f)->albums.empty());
  f.audience = Audience::Everything();
  ASSERT_EQ(catalog_->ListAlbumPage(f)->albums.size(), 1u);
  f.credit = "C4";  // in the private album only
  f.audience = Audience::Public();
  EXPECT_TRUE(catalog_->ListAlbumPage(f)->albums.empty());

  // A photo cursor is no album cursor.
  PhotoFilter photos;
  photos.limit = 1;
  f.cursor = catalog_->ListPhotos(photos)->next_cursor;
  EXPECT_EQ(catalog_->ListAlbumPage(f).status().code(), media::Status::Code::kInvalidArgument);
}

TEST_P(CatalogAudienceTest, AccessStampChangesWithWhoMaySeeThePhoto) {
  auto stamp = [&](std::int64_t id) { return catalog_->GetPhoto(id)->access_stamp; };
  std::string before = stamp(pub_);
  EXPECT_EQ(before.size(), 16u);
  ASSERT_TRUE(catalog_->EditPhoto(pub_, CaptionEdit("en", "New caption"), "e").ok());
  EXPECT_EQ(stamp(pub_), before);  // the text is no matter of access

  media::Album a = catalog_->GetAlbum("pub").value();
  a.visibility = Visibility::kPrivate;
  ASSERT_TRUE(catalog_->UpdateAlbum("pub", a, "e").ok());
  std::string hidden = stamp(pub_);
  EXPECT_NE(hidden, before);
  ASSERT_TRUE(catalog_->EditPhoto(pub_, EmbargoEdit("2999-01-01T00:00:00Z"), "e").ok());
  EXPECT_NE(stamp(pub_), hidden);
  std::string before_membership = stamp(loose_);
  ASSERT_TRUE(catalog_->AddToAlbum("priv", {loose_}).ok());
  EXPECT_NE(stamp(loose_), before_membership);
  // Listings carry the same stamp as lookups.
  PhotoFilter f;
  f.limit = 500;
  auto page = catalog_->ListPhotos(f);
  ASSERT_TRUE(page.ok());
  for (const auto& p : page->photos) EXPECT_EQ(p.access_stamp, stamp(p.id)) << p.id;
}

INSTANTIATE_TEST_SUITE_P(Engines, CatalogAudienceTest, ::testing::ValuesIn(Engines()), EngineName);

}  // namespace
}  // namespace catalog_test
