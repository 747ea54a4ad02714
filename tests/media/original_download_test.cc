// OriginalForDownload: the catalog's text written in; the location kept for
// those who may know it, and removed for everyone else in every accepted
// format (HEIC and AVIF in place); the stored bytes never touched; nothing
// sent when the location cannot be removed.
#include <gtest/gtest.h>
#include <vips/vips.h>

#include <exiv2/exiv2.hpp>  // deprecation warnings are off for the test suites

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fixtures/image_fixtures.h"
#include "fixtures/read_metadata.h"
#include "fixtures/test_util.h"
#include "media/metadata.h"

namespace {

using fixtures::FixtureSpec;
using media::PhotoMetadata;

constexpr auto& Read = fixtures::ReadMetadataOf;

PhotoMetadata CatalogText() {
  PhotoMetadata t;
  t.caption = {{"x-default", "Opening session"}, {"fr", "Séance d'ouverture"}};
  t.credit = "© IOM 2016";
  t.copyright = "© IOM 2016";
  return t;
}

bool TakesText(const std::string& format) { return format != "heic" && format != "avif"; }

// True when the image library decodes every pixel of `bytes`.
bool Decodes(const std::string& bytes) {
  VipsImage* img = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "fail", TRUE, nullptr);
  if (!img) {
    vips_error_clear();
    return false;
  }
  double mean = 0;
  bool ok = vips_avg(img, &mean, nullptr) == 0;
  g_object_unref(img);
  vips_error_clear();
  return ok;
}

// Whether the EXIF that the image library hands over (its own reading of the
// container, not the metadata reader's) has GPS tags.
bool ImageLibrarySeesGps(const std::string& bytes) {
  VipsImage* img = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  EXPECT_NE(img, nullptr);
  if (!img) return false;
  const void* blob = nullptr;
  std::size_t size = 0;
  bool gps = false;
  if (vips_image_get_typeof(img, "exif-data") != 0 &&
      vips_image_get_blob(img, "exif-data", &blob, &size) == 0 && size > 6) {
    Exiv2::ExifData exif;
    Exiv2::ExifParser::decode(exif, static_cast<const Exiv2::byte*>(blob) + 6, static_cast<long>(size - 6));
    for (const auto& d : exif) gps = gps || d.groupName() == "GPSInfo";
  }
  g_object_unref(img);
  return gps;
}

class OriginalDownloadTest : public ::testing::TestWithParam<std::string> {};

TEST_P(OriginalDownloadTest, LocationOnlyForThoseWhoMayKnowIt) {
  FixtureSpec spec;
  spec.format = GetParam();
  spec.width = 128;  // HEIC: one coded image, whose EXIF the metadata reader reads
  spec.height = 96;
  spec.make = "Canon";
  spec.model = "Canon EOS 5D Mark III";
  spec.gps = fixtures::FixtureGps{33.5731, -7.5898, 12.0};
  spec.credit = "old credit";
  const std::string original = fixtures::MakeImage(spec);
  const std::string kept = original;
  auto as_stored = Read(original);
  ASSERT_TRUE(as_stored.ok()) << as_stored.status().ToString();
  ASSERT_TRUE(as_stored->gps.has_value()) << "the fixture must carry a location";

  auto with = media::OriginalForDownload(original, CatalogText(), /*with_location=*/true);
  ASSERT_TRUE(with.ok()) << with.status().ToString();
  auto with_read = Read(*with);
  ASSERT_TRUE(with_read.ok());
  ASSERT_TRUE(with_read->gps.has_value());
  EXPECT_NEAR(with_read->gps->lat, 33.5731, 1e-3);

  auto without = media::OriginalForDownload(original, CatalogText(), /*with_location=*/false);
  ASSERT_TRUE(without.ok()) << without.status().ToString();
  auto without_read = Read(*without);
  ASSERT_TRUE(without_read.ok()) << without_read.status().ToString();
  EXPECT_FALSE(without_read->gps.has_value());
  EXPECT_EQ(without_read->model, "Canon EOS 5D Mark III") << "only the location goes";
  EXPECT_EQ(std::string(*without).find("GPS"), std::string::npos);
  if (TakesText(spec.format)) {
    EXPECT_EQ(with_read->credit, "© IOM 2016");
    EXPECT_EQ(without_read->credit, "© IOM 2016");
  } else {
    EXPECT_EQ(*with, original) << "a format that takes no text goes as stored";
    EXPECT_EQ(without->size(), original.size()) << "removed in place";
    EXPECT_TRUE(ImageLibrarySeesGps(original));
    EXPECT_FALSE(ImageLibrarySeesGps(*without));
  }
  EXPECT_TRUE(Decodes(*without));
  EXPECT_EQ(original, kept) << "the stored bytes are not touched";
}

INSTANTIATE_TEST_SUITE_P(Accepted, OriginalDownloadTest,
                         ::testing::Values("jpeg", "png", "tiff", "webp", "heic", "avif"));

// A small HEIC is coded as a grid of tiles; the metadata reader does not find
// its EXIF, but the file carries the location all the same: it goes.
TEST(OriginalDownloadHeifTest, EveryExifItemLosesItsLocation) {
  FixtureSpec spec;
  spec.format = "heic";
  spec.gps = fixtures::FixtureGps{33.5731, -7.5898, 12.0};
  const std::string original = fixtures::MakeImage(spec);
  ASSERT_TRUE(ImageLibrarySeesGps(original));
  auto without = media::OriginalForDownload(original, CatalogText(), false);
  ASSERT_TRUE(without.ok()) << without.status().ToString();
  EXPECT_FALSE(ImageLibrarySeesGps(*without));
  EXPECT_TRUE(Decodes(*without));
}

// A location kept only in XMP (exif:GPS* properties, no EXIF GPS), which
// the metadata reader does not take, goes too.
TEST(OriginalDownloadXmpTest, XmpLocationIsRemoved) {
  FixtureSpec spec;
  spec.credit = "old credit";
  const std::string bytes = fixtures::WithXmpValues(
      fixtures::MakeImage(spec), {{"Xmp.exif.GPSLatitude", "33,34.386N"}, {"Xmp.exif.GPSLongitude", "7,35.388W"}});
  ASSERT_NE(bytes.find("GPSLatitude"), std::string::npos) << "the fixture's XMP carries a location";
  auto with = media::OriginalForDownload(bytes, CatalogText(), true);
  ASSERT_TRUE(with.ok()) << with.status().ToString();
  EXPECT_NE(with->find("GPSLatitude"), std::string::npos);
  auto without = media::OriginalForDownload(bytes, CatalogText(), false);
  ASSERT_TRUE(without.ok()) << without.status().ToString();
  EXPECT_EQ(std::string(*without).find("GPS"), std::string::npos);
  EXPECT_EQ(Read(*without)->credit, "© IOM 2016");
}

// What cannot be read cannot be cleaned: no bytes, an error.
TEST(OriginalDownloadBadInputTest, NothingToSendWhenTheLocationCannotBeRemoved) {
  FixtureSpec spec;
  spec.format = "heic";
  spec.gps = fixtures::FixtureGps{33.5731, -7.5898, std::nullopt};
  const std::string heic = fixtures::MakeImage(spec);
  EXPECT_FALSE(media::OriginalForDownload(heic.substr(0, 40), CatalogText(), false).ok());
  EXPECT_FALSE(media::OriginalForDownload(fixtures::GarbageBytes(4096), CatalogText(), false).ok());
}

// A JPEG the metadata library reads but cannot rewrite (its comments add up
// to more than one segment holds) goes as stored, its location removed in
// place.
TEST(OriginalDownloadJpegTest, AJpegThatCannotBeRewrittenLosesItsLocationInPlace) {
  FixtureSpec spec;
  spec.width = 128;
  spec.gps = fixtures::FixtureGps{33.5731, -7.5898, 12.0};
  const std::string jpeg = fixtures::MakeImage(spec);
  std::string comments;
  for (int i = 0; i < 2; ++i) comments += std::string("\xFF\xFE\xFF\xFF", 4) + std::string(65533, 'c');
  const std::string original = jpeg.substr(0, 2) + comments + jpeg.substr(2);
  ASSERT_FALSE(media::EmbedDescription(original, CatalogText(), false).ok()) << "the premise";
  ASSERT_TRUE(Read(original)->gps.has_value());
  auto with = media::OriginalForDownload(original, CatalogText(), true);
  ASSERT_TRUE(with.ok()) << with.status().ToString();
  EXPECT_EQ(*with, original);
  auto without = media::OriginalForDownload(original, CatalogText(), false);
  ASSERT_TRUE(without.ok()) << without.status().ToString();
  EXPECT_EQ(without->size(), original.size());
  EXPECT_FALSE(Read(*without)->gps.has_value());
  EXPECT_EQ(Read(*without)->model, Read(original)->model);
  EXPECT_TRUE(Decodes(*without));
}

// Real cameras' files (../shared/corpus/photos, when present): every photo
// that carries a location downloads without one, still an image.
TEST(OriginalDownloadCorpusTest, RealPhotosLoseTheirLocation) {
  const std::string corpus = testing_util::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "no corpus";
  int located = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus + "/photos")) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    const std::string original = bytes.str();
    auto stored = Read(original);
    if (!stored.ok() || !stored->gps) continue;
    ++located;
    SCOPED_TRACE(entry.path().filename().string());
    auto without = media::OriginalForDownload(original, *stored, false);
    ASSERT_TRUE(without.ok()) << without.status().ToString();
    EXPECT_FALSE(Read(*without)->gps.has_value());
    EXPECT_TRUE(Decodes(*without));
    if (!TakesText(stored->format)) {
      EXPECT_FALSE(ImageLibrarySeesGps(*without));
    }
  }
  EXPECT_GT(located, 0) << "the corpus has photos with a location";
}

}  // namespace
