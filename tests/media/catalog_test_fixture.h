// Shared set-up of the catalog tests: a fresh catalog on each engine (a file
// in a temporary folder for SQLite, a new database on the test server for
// PostgreSQL) and small builders for meetings, albums and photos.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "fixtures/pg_test_db.h"

#include "fixtures/test_util.h"
#include "media/catalog.h"
#include "media/sha256.h"

namespace catalog_test {

// The sha256 of the text "photo-<n>": a distinct, valid hash per n.
inline std::string Sha(int n) {
  std::string text = "photo-" + std::to_string(n);
  return media::Sha256Hex(text.data(), text.size());
}

inline media::NewPhoto MakePhoto(int n, const std::string& taken_at = "") {
  media::NewPhoto p;
  p.sha256 = Sha(n);
  p.original_filename = "IMG_" + std::to_string(1000 + n) + ".jpg";
  p.file_size = 1000 + n;
  p.meta.format = "jpeg";
  p.meta.width = 4032;
  p.meta.height = 3024;
  if (!taken_at.empty()) p.meta.taken_at = taken_at;
  p.uploaded_by = "tester";
  return p;
}

// One-field photo edits, the ones the tests make most.
inline media::PhotoEdit EmbargoEdit(const std::string& until) {
  media::PhotoEdit e;
  e.embargo_until = until;
  return e;
}
inline media::PhotoEdit CaptionEdit(const std::string& lang, const std::string& text) {
  media::PhotoEdit e;
  e.caption[lang] = text;
  return e;
}
inline media::PhotoEdit CreditEdit(const std::string& credit) {
  media::PhotoEdit e;
  e.credit = credit;
  return e;
}
inline media::PhotoEdit MeetingEdit(const std::string& slug) {
  media::PhotoEdit e;
  e.meeting = slug;
  return e;
}

inline media::Meeting MakeMeeting(const std::string& slug, const std::string& credit = "") {
  media::Meeting m;
  m.slug = slug;
  m.title = {{"en", "Technical meeting"}, {"fr", "Réunion technique"}};
  m.place = "Casablanca";
  m.start_date = "2016-07-11";
  m.end_date = "2016-07-13";
  m.default_credit = credit;
  return m;
}

inline media::Album MakeAlbum(const std::string& slug, const std::string& meeting = "",
                              const std::string& credit = "") {
  media::Album a;
  a.slug = slug;
  a.title = {{"en", "Day one"}, {"fr", "Premier jour"}};
  a.meeting_slug = meeting;
  a.default_credit = credit;
  return a;
}

// The engines every catalog test runs on, as test parameters.
inline std::vector<std::string> Engines() { return {"sqlite", "postgresql"}; }
inline std::string EngineName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

class CatalogTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "sqlite") {
      path_ = dir_ / "catalog.db";
    } else {
      ASSERT_TRUE(pg_.Create()) << pg_.error();
      path_ = pg_.url();
    }
    auto opened = media::Catalog::Open(path_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    catalog_ = std::move(opened).value();
  }
  void TearDown() override { catalog_.reset(); }

  // Adds photo n and returns its id (fails the test otherwise).
  std::int64_t Add(const media::NewPhoto& p) {
    auto id = catalog_->AddPhoto(p);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  // Runs `sql` on the catalog's database behind the catalog's back.
  void Exec(const std::string& sql) {
    std::string error = GetParam() == "sqlite" ? testing_util::SqliteExec(path_, sql) : pg_.Exec(sql);
    EXPECT_EQ(error, "") << sql;
  }

  testing_util::TempDir dir_;
  testing_util::PgTestDb pg_;
  std::string path_;
  std::unique_ptr<media::Catalog> catalog_;
};

}  // namespace catalog_test
