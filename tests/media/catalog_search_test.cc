// Free-text search: accents, prefixes, hostile input, index kept in sync.
#include "catalog_test_fixture.h"

namespace catalog_test {
namespace {

using media::PhotoFilter;

class CatalogSearchTest : public CatalogTest {
 protected:
  std::vector<std::int64_t> Search(const std::string& text) {
    PhotoFilter f;
    f.text = text;
    f.limit = 500;
    auto page = catalog_->ListPhotos(f);
    EXPECT_TRUE(page.ok()) << "'" << text << "': " << page.status().ToString();
    std::vector<std::int64_t> ids;
    if (page.ok()) {
      for (const auto& p : page->photos) ids.push_back(p.id);
    }
    return ids;
  }
};

TEST_P(CatalogSearchTest, FindsFrenchTextWithOrWithoutAccents) {
  media::NewPhoto p = MakePhoto(1, "2016-07-12T10:00:00");
  p.meta.caption = {{"fr", "Réunion technique à Casablanca"}, {"en", "Technical meeting"}};
  std::int64_t id = Add(p);
  Add(MakePhoto(2));
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(Search("reunion"), Ids{id});
  EXPECT_EQ(Search("Réunion"), Ids{id});
  EXPECT_EQ(Search("REUNION casablanca"), Ids{id});
  EXPECT_EQ(Search("reun"), Ids{id});  // prefix on the last word
  EXPECT_EQ(Search("technical"), Ids{id});
  EXPECT_TRUE(Search("reunion geneva").empty());  // words are ANDed
}

TEST_P(CatalogSearchTest, SearchesHeadlineKeywordsCreditAltTextAndFilename) {
  media::NewPhoto p = MakePhoto(1);
  p.meta.headline = {{"x-default", "Keynote"}};
  p.meta.keywords = {"migration"};
  p.meta.credit = "© IOM 2016";
  p.meta.alt_text = {{"en", "lectern"}};
  p.original_filename = "DSC_4242.JPG";
  std::int64_t id = Add(p);
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(Search("keynote"), Ids{id});
  EXPECT_EQ(Search("migration"), Ids{id});
  EXPECT_EQ(Search("iom 2016"), Ids{id});
  EXPECT_EQ(Search("lectern"), Ids{id});
  EXPECT_EQ(Search("DSC_4242"), Ids{id});
}

TEST_P(CatalogSearchTest, HostileQueriesNeverFail) {
  media::NewPhoto p = MakePhoto(1);
  p.meta.caption = {{"en", "near the panel or the stage"}};
  std::int64_t id = Add(p);
  for (const char* q : {"\"", "*", "NEAR(", "OR", "-", "panel OR", "\"panel", "panel*", "(panel",
                        "-panel", "NEAR(panel stage)", "panel AND", "NOT", "^", ":", "col:panel",
                        "'", "\\", "«", "\xff\xfe", "panel \"\"\"", "{panel}", "+", "%", "_"}) {
    Search(q);  // must not be an error
  }
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(Search("-panel"), Ids{id});      // '-' is not NOT
  EXPECT_EQ(Search("panel OR"), Ids{id});    // OR is a word: "or" is in the caption
  EXPECT_EQ(Search("NEAR(panel stage)"), Ids{id});
  EXPECT_EQ(Search("\"\"").size(), 1u);      // no word: no text filter
}

TEST_P(CatalogSearchTest, IndexFollowsEditsRevertsAndDeletes) {
  media::NewPhoto p = MakePhoto(1);
  p.meta.caption = {{"en", "Opening"}};
  std::int64_t id = Add(p);
  media::PhotoEdit edit;
  edit.caption["fr"] = "Séance plénière";
  edit.keywords = std::vector<std::string>{"plénière", "jour-1"};
  edit.credit = "© OIM";
  ASSERT_TRUE(catalog_->EditPhoto(id, edit, "editor").ok());
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(Search("pleniere"), Ids{id});
  EXPECT_EQ(Search("oim"), Ids{id});
  EXPECT_EQ(Search("opening"), Ids{id});
  ASSERT_TRUE(catalog_->EditPhoto(id, CaptionEdit("en", ""), "editor").ok());
  EXPECT_TRUE(Search("opening").empty());
  auto history = catalog_->PhotoHistory(id);
  ASSERT_TRUE(history.ok());
  ASSERT_TRUE(catalog_->RevertEdit(id, history->back().id, "editor").ok());
  EXPECT_EQ(Search("opening"), Ids{id});
  ASSERT_TRUE(catalog_->DeletePhoto(id).ok());
  EXPECT_TRUE(Search("opening").empty());
  EXPECT_TRUE(catalog_->CheckIntegrity().ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, CatalogSearchTest, ::testing::ValuesIn(Engines()), EngineName);

}  // namespace
}  // namespace catalog_test
