// `gallery import` of a folder holding photos whose metadata blocks are over
// the limits: each is reported by name with the reason and the size, the good
// photos beside them are imported, and the archive stays whole.
#include <filesystem>

#include <gtest/gtest.h>

#include "fixtures/api_fixture.h"
#include "fixtures/test_util.h"
#include "hostile_files.h"
#include "reliability_util.h"

namespace reliability {
namespace {

TEST(ImportLimitsTest, OversizedMetadataIsANamedFailureAndTheRestIsImported) {
  testing_util::TempDir tmp;
  const std::string photos = tmp / "card";
  const std::string data = tmp / "data";
  std::filesystem::create_directories(photos);
  testing_util::WriteFileOrDie(photos + "/good.jpg", http_test::Jpeg(11, "Closing session", "© IOM 2016"));
  testing_util::WriteFileOrDie(photos + "/xmp-8mb.jpg", JpegWithHugeXmp(8 << 20));
  testing_util::WriteFileOrDie(photos + "/iptc-4mb.jpg", JpegWithHugeIptc(64));

  auto run = testing_util::RunGallery({"import", "--data", data, photos});
  EXPECT_NE(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("imported 1, duplicates 0, failed 2"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("failed: " + photos + "/xmp-8mb.jpg: jpeg file carries 8.0 MB of XMP"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("failed: " + photos + "/iptc-4mb.jpg: jpeg file carries 4.0 MB of IPTC"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("over the limit of"), std::string::npos) << run.out;
  EXPECT_EQ(CatalogPhotoCount(data + "/catalog.db"), 1);
  auto check = testing_util::RunGallery({"check", "--data", data});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

}  // namespace
}  // namespace reliability
