// One ingest sniffs the original's bytes once: the metadata reader, the
// renderer and the text written into each rendition take the format the
// ingest sniffed (base::SniffsOnThisThread counts the sniffs of this thread,
// and Archive::Ingest runs on the caller's thread).
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>

#include "base/format_sniff.h"
#include "fixtures/image_fixtures.h"
#include "fixtures/test_util.h"
#include "media/metadata.h"
#include "service/archive.h"
#include "thumbnails/init.h"

namespace {

class IngestSniffTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(thumbnails::Init(thumbnails::Settings{}).ok());
    media::InitMetadataLibrary();
    auto archive = gallery::Archive::Open(gallery::DataDir(dir_ / "data"));
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    archive_ = std::move(archive.value());
  }

  // Ingests `bytes`; `sniffs_` gets the number of sniffs it made.
  media::Result<gallery::IngestOutcome> Ingest(const std::string& bytes) {
    const std::uint64_t before = base::SniffsOnThisThread();
    media::Result<gallery::IngestOutcome> outcome = archive_->Ingest(bytes, gallery::IngestOptions{});
    sniffs_ = base::SniffsOnThisThread() - before;
    return outcome;
  }

  testing_util::TempDir dir_;
  std::uint64_t sniffs_ = 0;
  std::unique_ptr<gallery::Archive> archive_;
};

TEST_F(IngestSniffTest, AnAcceptedOriginalIsSniffedOnce) {
  for (const char* format : {"jpeg", "png", "webp"}) {
    fixtures::FixtureSpec spec;
    spec.format = format;
    spec.width = 640 + static_cast<int>(std::string(format).size());  // distinct bytes each time
    media::Result<gallery::IngestOutcome> outcome = Ingest(fixtures::MakeImage(spec));
    EXPECT_EQ(sniffs_, 1u) << format;
    ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
    ASSERT_FALSE(outcome->duplicate) << format;
    auto photo = archive_->catalog().GetPhoto(outcome->photo_id);
    ASSERT_TRUE(photo.ok()) << photo.status().ToString();
    EXPECT_EQ(photo->meta.format, format);
  }
}

TEST_F(IngestSniffTest, ARefusedOriginalIsSniffedOnceAndNamed) {
  media::Result<gallery::IngestOutcome> outcome = Ingest(fixtures::GifImage());
  EXPECT_EQ(sniffs_, 1u);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.status().code(), media::Status::Code::kUnsupported);
  EXPECT_NE(outcome.status().message().find("GIF image"), std::string::npos) << outcome.status().ToString();
}

}  // namespace
