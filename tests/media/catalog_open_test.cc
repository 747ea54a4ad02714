// Opening the catalog file: creation, reopening, schema versions, integrity.
#include <sqlite3.h>

#include "catalog_test_fixture.h"

namespace catalog_test {
namespace {

using media::Catalog;
using media::Status;

// Runs `sql` on the file directly and returns the first column of the first
// row ("" when none).
std::string Query(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  std::string out;
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW && sqlite3_column_text(st, 0)) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  }
  EXPECT_TRUE(rc == SQLITE_ROW || rc == SQLITE_DONE) << sqlite3_errmsg(db);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

TEST(CatalogOpenTest, FreshFileGetsLatestSchemaInWalMode) {
  testing_util::TempDir dir;
  auto catalog = Catalog::Open(dir / "c.db");
  ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
  EXPECT_EQ(Query(dir / "c.db", "PRAGMA user_version"), "2");
  EXPECT_EQ(Query(dir / "c.db", "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(Query(dir / "c.db", "SELECT count(*) FROM sqlite_schema WHERE name = 'photo_fts'"), "1");
  EXPECT_TRUE((*catalog)->CheckIntegrity().ok());
}

TEST(CatalogOpenTest, ReopenKeepsDataAndDoesNotMigrateAgain) {
  testing_util::TempDir dir;
  {
    auto catalog = Catalog::Open(dir / "c.db");
    ASSERT_TRUE(catalog.ok());
    ASSERT_TRUE((*catalog)->CreateMeeting(MakeMeeting("casablanca-2016")).ok());
    ASSERT_TRUE((*catalog)->AddPhoto(MakePhoto(1)).ok());
  }
  auto again = Catalog::Open(dir / "c.db");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE((*again)->GetMeeting("casablanca-2016").ok());
  auto all = (*again)->AllSha256();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1u);
  EXPECT_EQ(Query(dir / "c.db", "PRAGMA user_version"), "2");
}

TEST(CatalogOpenTest, RefusesFileFromNewerVersionAndLeavesItUntouched) {
  testing_util::TempDir dir;
  { ASSERT_TRUE(Catalog::Open(dir / "c.db").ok()); }
  Query(dir / "c.db", "PRAGMA user_version = 99");
  auto catalog = Catalog::Open(dir / "c.db");
  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.status().code(), Status::Code::kUnsupported);
  EXPECT_NE(catalog.status().message().find("99"), std::string::npos);
  EXPECT_NE(catalog.status().message().find("newer"), std::string::npos);
  EXPECT_EQ(Query(dir / "c.db", "PRAGMA user_version"), "99");
}

TEST(CatalogOpenTest, UpgradesAnOlderEmptyFile) {
  testing_util::TempDir dir;
  // A version-0 database holding an unrelated table: the migration must run
  // on top of it and keep it.
  Query(dir / "c.db", "CREATE TABLE note (x TEXT)");
  Query(dir / "c.db", "INSERT INTO note VALUES ('kept')");
  auto catalog = Catalog::Open(dir / "c.db");
  ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
  EXPECT_EQ(Query(dir / "c.db", "PRAGMA user_version"), "2");
  EXPECT_EQ(Query(dir / "c.db", "SELECT x FROM note"), "kept");
}

TEST(CatalogOpenTest, FailedMigrationLeavesFileAtOldVersion) {
  testing_util::TempDir dir;
  // A table named like one of the schema's makes the migration fail midway;
  // its transaction must roll back completely.
  Query(dir / "c.db", "CREATE TABLE album (x TEXT)");
  auto catalog = Catalog::Open(dir / "c.db");
  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.status().code(), Status::Code::kIOError);
  EXPECT_NE(catalog.status().message().find("schema version 1"), std::string::npos);
  EXPECT_EQ(Query(dir / "c.db", "PRAGMA user_version"), "0");
  EXPECT_EQ(Query(dir / "c.db", "SELECT count(*) FROM sqlite_schema WHERE name = 'meeting'"), "0");
}

TEST(CatalogOpenTest, TrashTablesHaveTheColumnsOfTheirLiveTables) {
  testing_util::TempDir dir;
  { ASSERT_TRUE(Catalog::Open(dir / "c.db").ok()); }
  for (std::string table : {"photo", "photo_text", "photo_keyword", "album_photo"}) {
    auto columns = [&](const std::string& t) {
      return Query(dir / "c.db", "SELECT group_concat(name, ',') FROM (SELECT name FROM "
                                 "pragma_table_info('" + t + "') ORDER BY name)");
    };
    EXPECT_FALSE(columns(table).empty()) << table;
    EXPECT_EQ(columns("trash_" + table), columns(table)) << table;
  }
}

TEST(CatalogOpenTest, UpgradesAVersion1CatalogKeepingItsPhotos) {
  testing_util::TempDir dir;
  std::int64_t id = 0;
  {
    auto catalog = Catalog::Open(dir / "c.db");
    ASSERT_TRUE(catalog.ok());
    auto added = (*catalog)->AddPhoto(MakePhoto(1));
    ASSERT_TRUE(added.ok());
    id = *added;
  }
  // Back to version 1: the tables version 2 added are dropped.
  for (const char* table : {"deleted_photo", "trash_photo", "trash_photo_text",
                            "trash_photo_keyword", "trash_album_photo"}) {
    Query(dir / "c.db", std::string("DROP TABLE ") + table);
  }
  Query(dir / "c.db", "PRAGMA user_version = 1");
  auto catalog = Catalog::Open(dir / "c.db");
  ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
  EXPECT_EQ(Query(dir / "c.db", "PRAGMA user_version"), "2");
  ASSERT_TRUE((*catalog)->GetPhoto(id).ok());
  ASSERT_TRUE((*catalog)->DeletePhoto(id).ok());
  ASSERT_TRUE((*catalog)->RestorePhoto(id).ok());
  EXPECT_TRUE((*catalog)->GetPhoto(id).ok());
}

TEST(CatalogOpenTest, NotADatabaseIsCorrupt) {
  testing_util::TempDir dir;
  testing_util::WriteFileOrDie(dir / "c.db", std::string(8192, 'x'));
  auto catalog = Catalog::Open(dir / "c.db");
  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.status().code(), Status::Code::kCorrupt) << catalog.status().ToString();
}

TEST(CatalogOpenTest, MissingFolderIsIOError) {
  testing_util::TempDir dir;
  auto catalog = Catalog::Open(dir / "no/such/folder/c.db");
  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.status().code(), Status::Code::kIOError);
}

TEST(CatalogOpenTest, RefusesInMemoryPath) {
  auto catalog = Catalog::Open(":memory:");
  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.status().code(), Status::Code::kInvalidArgument);
}

TEST_F(CatalogTest, IntegrityCheckFindsBrokenForeignKey) {
  ASSERT_TRUE(catalog_->CheckIntegrity().ok());
  // Written behind the catalog's back with foreign keys off.
  Query(path_, "INSERT INTO album_photo (album_id, photo_id, position) VALUES (7, 8, 1)");
  Status s = catalog_->CheckIntegrity();
  EXPECT_EQ(s.code(), Status::Code::kCorrupt);
  EXPECT_NE(s.message().find("foreign_key_check"), std::string::npos) << s.ToString();
}

TEST_F(CatalogTest, IntegrityCheckFindsSearchIndexOutOfStep) {
  std::int64_t id = Add(MakePhoto(1));
  Query(path_, "DELETE FROM photo_fts WHERE rowid = " + std::to_string(id));
  Status s = catalog_->CheckIntegrity();
  EXPECT_EQ(s.code(), Status::Code::kCorrupt);
  EXPECT_NE(s.message().find("no search row"), std::string::npos) << s.ToString();
}

}  // namespace
}  // namespace catalog_test
