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

// Takes a version-7 file back to version 6's schema.
void UndoVersion7(const std::string& path) {
  Query(path, "DROP TABLE login_attempt");
  Query(path, "DROP TABLE server_key");
}

// Takes a version-7 file back to version 5's schema.
void UndoVersion6(const std::string& path) {
  UndoVersion7(path);
  Query(path, "ALTER TABLE meeting DROP COLUMN time_zone");
}

// Takes a version-7 file back to version 4's schema.
void UndoVersion5(const std::string& path) {
  UndoVersion6(path);
  Query(path, "DROP INDEX meeting_by_cover");
  Query(path, "ALTER TABLE meeting DROP COLUMN cover_photo_id");
}

// Takes a version-7 file back to version 3's schema.
void UndoVersion4(const std::string& path) {
  UndoVersion5(path);
  Query(path, "ALTER TABLE meeting DROP COLUMN show_location");
  Query(path, "ALTER TABLE album DROP COLUMN show_location");
}

// Takes a version-7 file back to version 2's schema (one version at a time).
void UndoVersion3(const std::string& path) {
  UndoVersion4(path);
  Query(path, "DROP INDEX credential_by_kind_user");
  for (const char* column : {"kind", "created_by", "last_used_at"}) {
    Query(path, std::string("ALTER TABLE credential DROP COLUMN ") + column);
  }
  for (const char* column : {"disabled", "created_at"}) {
    Query(path, std::string("ALTER TABLE app_user DROP COLUMN ") + column);
  }
}

TEST(CatalogOpenTest, FreshFileGetsLatestSchemaInWalMode) {
  testing_util::TempDir dir;
  auto catalog = Catalog::Open(dir / "c.db");
  ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
  EXPECT_EQ(Query(dir / "c.db", "PRAGMA user_version"), "7");
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
  EXPECT_EQ(Query(dir / "c.db", "PRAGMA user_version"), "7");
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
  EXPECT_EQ(Query(dir / "c.db", "PRAGMA user_version"), "7");
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
  // Back to version 1: the tables version 2 added are dropped, and the
  // columns and index version 3 added.
  for (const char* table : {"deleted_photo", "trash_photo", "trash_photo_text",
                            "trash_photo_keyword", "trash_album_photo"}) {
    Query(dir / "c.db", std::string("DROP TABLE ") + table);
  }
  UndoVersion3(dir / "c.db");
  Query(dir / "c.db", "PRAGMA user_version = 1");
  auto catalog = Catalog::Open(dir / "c.db");
  ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
  EXPECT_EQ(Query(dir / "c.db", "PRAGMA user_version"), "7");
  ASSERT_TRUE((*catalog)->GetPhoto(id).ok());
  ASSERT_TRUE((*catalog)->DeletePhoto(id).ok());
  ASSERT_TRUE((*catalog)->RestorePhoto(id).ok());
  EXPECT_TRUE((*catalog)->GetPhoto(id).ok());
}

TEST(CatalogOpenTest, UpgradesAVersion4CatalogGivingMeetingsNoChosenCover) {
  testing_util::TempDir dir;
  {
    auto catalog = Catalog::Open(dir / "c.db");
    ASSERT_TRUE(catalog.ok());
    media::Meeting m;
    m.slug = "casablanca-2016";
    ASSERT_TRUE((*catalog)->CreateMeeting(m).ok());
    ASSERT_TRUE((*catalog)->AddPhoto(MakePhoto(1)).ok());
  }
  UndoVersion5(dir / "c.db");
  Query(dir / "c.db", "PRAGMA user_version = 4");
  auto catalog = Catalog::Open(dir / "c.db");
  ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
  EXPECT_EQ(Query(dir / "c.db", "PRAGMA user_version"), "7");
  auto m = (*catalog)->GetMeeting("casablanca-2016");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_FALSE(m->cover_photo_id.has_value());
  EXPECT_FALSE(m->shown_cover_id.has_value());  // the photo is not the meeting's
}

TEST(CatalogOpenTest, UpgradesAVersion5CatalogGivingMeetingsNoTimeZone) {
  testing_util::TempDir dir;
  {
    auto catalog = Catalog::Open(dir / "c.db");
    ASSERT_TRUE(catalog.ok());
    media::Meeting m;
    m.slug = "casablanca-2016";
    m.place = "Casablanca";
    ASSERT_TRUE((*catalog)->CreateMeeting(m).ok());
  }
  UndoVersion6(dir / "c.db");
  Query(dir / "c.db", "PRAGMA user_version = 5");
  auto catalog = Catalog::Open(dir / "c.db");
  ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
  EXPECT_EQ(Query(dir / "c.db", "PRAGMA user_version"), "7");
  auto m = (*catalog)->GetMeeting("casablanca-2016");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->place, "Casablanca");
  EXPECT_EQ(m->time_zone, "");
  media::Meeting changed = *m;
  changed.time_zone = "Africa/Casablanca";
  ASSERT_TRUE((*catalog)->UpdateMeeting("casablanca-2016", changed, "admin").ok());
  EXPECT_EQ((*catalog)->GetMeeting("casablanca-2016")->time_zone, "Africa/Casablanca");
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

TEST_P(CatalogTest, IntegrityCheckFindsBrokenForeignKey) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "PostgreSQL refuses such a row on every write";
  ASSERT_TRUE(catalog_->CheckIntegrity().ok());
  // Written behind the catalog's back with foreign keys off.
  Query(path_, "INSERT INTO album_photo (album_id, photo_id, position) VALUES (7, 8, 1)");
  Status s = catalog_->CheckIntegrity();
  EXPECT_EQ(s.code(), Status::Code::kCorrupt);
  EXPECT_NE(s.message().find("foreign_key_check"), std::string::npos) << s.ToString();
}

TEST_P(CatalogTest, IntegrityCheckFindsSearchIndexOutOfStep) {
  std::int64_t id = Add(MakePhoto(1));
  Exec("DELETE FROM photo_fts WHERE rowid = " + std::to_string(id));
  Status s = catalog_->CheckIntegrity();
  EXPECT_EQ(s.code(), Status::Code::kCorrupt);
  EXPECT_NE(s.message().find("no search row"), std::string::npos) << s.ToString();
}

// A version-2 catalog with users, API tokens and sessions in it, as version
// 2 wrote them (tokens: a label, no expiry; sessions: the user's name and an
// expiry), comes up with every user enabled, its tokens listed as tokens
// and its live sessions working as sessions of their users.
TEST(CatalogOpenTest, UpgradesAVersion2CatalogWithUsersAndTokens) {
  testing_util::TempDir dir;
  const std::string path = dir / "c.db";
  { ASSERT_TRUE(Catalog::Open(path).ok()); }
  UndoVersion3(path);
  Query(path, "PRAGMA user_version = 2");
  auto hash = [](const std::string& s) { return media::Sha256Hex(s.data(), s.size()); };
  Query(path, "INSERT INTO app_user (name, password_hash, role) VALUES "
              "('amina', '$argon2id$a', 'editor'), ('omar', '$argon2id$o', 'admin')");
  Query(path, "INSERT INTO credential (secret_sha256, role, user_name, expires_at, created_at) VALUES "
              "('" + hash("deploy") + "', 'admin', 'deploy script', NULL, '2016-07-12T09:00:00Z'), "
              "('" + hash("label") + "', 'editor', 'amina', NULL, '2016-07-12T09:00:00Z'), "
              "('" + hash("session") + "', 'editor', 'amina', '2999-01-01T00:00:00Z', '2016-07-12T09:00:00Z')");
  Query(path, "INSERT INTO meeting (slug) VALUES ('kept')");

  auto catalog = Catalog::Open(path);
  ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
  EXPECT_EQ(Query(path, "PRAGMA user_version"), "7");
  auto users = (*catalog)->ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  for (const media::User& u : *users) EXPECT_FALSE(u.disabled) << u.name;
  EXPECT_EQ((*catalog)->GetUser("omar")->role, media::Role::kAdmin);
  auto tokens = (*catalog)->ListTokens();
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 2u) << "the session is not listed as a token";
  EXPECT_EQ((*tokens)[0].user, "deploy script");
  EXPECT_EQ((*tokens)[0].created_at, "2016-07-12T09:00:00Z");
  EXPECT_EQ((*tokens)[1].user, "amina") << "a token labelled like a user stays a token";
  auto session = (*catalog)->FindCredential(hash("session"));
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(session->kind, media::CredentialKind::kSession);
  // The upgraded session follows its user: disabling amina ends it, and
  // leaves the token labelled "amina" alone.
  media::UserChange disable;
  disable.disabled = true;
  ASSERT_TRUE((*catalog)->UpdateUser("amina", disable).ok());
  EXPECT_FALSE((*catalog)->FindCredential(hash("session")).ok());
  EXPECT_TRUE((*catalog)->FindCredential(hash("label")).ok());
  EXPECT_TRUE((*catalog)->FindCredential(hash("deploy")).ok());
  EXPECT_TRUE((*catalog)->GetMeeting("kept").ok());
  EXPECT_TRUE((*catalog)->CheckIntegrity().ok());
}

}  // namespace
}  // namespace catalog_test
