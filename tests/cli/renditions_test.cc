// Renditions made by the real binary: at import (grid sizes, with the
// catalog's text written in and private metadata gone), by `gallery render`
// and by `gallery thumbnails rebuild`.
#include <exiv2/exiv2.hpp>
#include <gtest/gtest.h>

#include <filesystem>

#include "fixtures/image_fixtures.h"
#include "fixtures/test_util.h"
#include "media/metadata.h"
#include "media/sha256.h"

namespace {

namespace fs = std::filesystem;
using testing_util::RunGallery;
using testing_util::TempDir;

// A 2000×1500 JPEG with bilingual caption, credit, GPS, and the private EXIF
// a camera writes (body and lens serial numbers, a maker note).
std::string CameraJpeg() {
  fixtures::FixtureSpec spec;
  spec.width = 2000;
  spec.height = 1500;
  spec.make = "Canon";
  spec.model = "EOS 5D";
  spec.caption = {{"x-default", "Opening session"}, {"en", "Opening session"},
                  {"fr", "Séance d'ouverture"}};
  spec.credit = "© IOM 2016";
  spec.creator = "Amina Photographer";
  spec.copyright = "© IOM 2016, all rights reserved";
  spec.gps = fixtures::FixtureGps{33.5731, -7.5898, 50.0};
  std::string bytes = fixtures::MakeImage(spec);
  auto image = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte*>(bytes.data()),
                                         static_cast<long>(bytes.size()));
  image->readMetadata();
  Exiv2::ExifData& exif = image->exifData();
  exif["Exif.Photo.BodySerialNumber"] = "SN-123456";
  exif["Exif.Photo.LensSerialNumber"] = "LENS-987";
  Exiv2::DataValue note(Exiv2::undefined);
  note.read(reinterpret_cast<const Exiv2::byte*>("PRIVATEMAKERNOTE"), 16);
  exif["Exif.Photo.MakerNote"] = note;
  image->writeMetadata();
  Exiv2::DataBuf buf = image->io().read(static_cast<long>(image->io().size()));
  image->io().seek(0, Exiv2::BasicIo::beg);
  buf = image->io().read(static_cast<long>(image->io().size()));
  return std::string(reinterpret_cast<const char*>(buf.pData_), static_cast<std::size_t>(buf.size_));
}

// Every metadata key in a file, as the metadata library sees it.
std::vector<std::string> AllKeys(const std::string& path) {
  auto image = Exiv2::ImageFactory::open(path);
  image->readMetadata();
  std::vector<std::string> keys;
  for (const auto& d : image->exifData()) keys.push_back(d.key());
  for (const auto& d : image->iptcData()) keys.push_back(d.key());
  for (const auto& d : image->xmpData()) keys.push_back(d.key());
  return keys;
}

void ExpectCreditedAndPrivate(const std::string& path) {
  SCOPED_TRACE(path);
  auto meta = media::ReadMetadataFromFile(path);
  ASSERT_TRUE(meta.ok()) << meta.status().ToString();
  EXPECT_EQ(meta->credit, "© IOM 2016");
  EXPECT_EQ(meta->creator, "Amina Photographer");
  EXPECT_EQ(meta->copyright, "© IOM 2016, all rights reserved");
  EXPECT_EQ(meta->caption["fr"], "Séance d'ouverture");
  EXPECT_EQ(meta->caption["en"], "Opening session");
  EXPECT_FALSE(meta->gps.has_value()) << "GPS must not leave the archive in a rendition";
  for (const auto& key : AllKeys(path)) {
    EXPECT_EQ(key.find("GPS"), std::string::npos) << key;
    EXPECT_EQ(key.find("Serial"), std::string::npos) << key;
    EXPECT_EQ(key.find("MakerNote"), std::string::npos) << key;
  }
}

class RenditionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing_util::WriteFileOrDie(tmp_ / "IMG_0001.JPG", CameraJpeg());
    auto r = RunGallery({"import", tmp_ / "IMG_0001.JPG", "--data", data_});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    auto sha = media::Sha256OfFile(tmp_ / "IMG_0001.JPG");
    ASSERT_TRUE(sha.ok());
    dir_ = data_ + "/renditions/" + sha->substr(0, 2) + "/" + *sha;
  }
  TempDir tmp_;
  std::string data_ = tmp_ / "data";
  std::string dir_;
};

TEST_F(RenditionsTest, ImportMakesGridSizesWithCreditAndWithoutPrivateData) {
  for (const char* name : {"tile", "small", "medium"}) {
    std::string path = dir_ + "/" + name + ".webp";
    ASSERT_TRUE(fs::exists(path)) << path;
    ExpectCreditedAndPrivate(path);
  }
  EXPECT_FALSE(fs::exists(dir_ + "/large.webp")) << "large is made on first request";
  auto medium = media::ReadMetadataFromFile(dir_ + "/medium.webp");
  ASSERT_TRUE(medium.ok());
  EXPECT_EQ(medium->width, 1280);
  EXPECT_EQ(medium->height, 960);
  auto tile = media::ReadMetadataFromFile(dir_ + "/tile.webp");
  ASSERT_TRUE(tile.ok());
  EXPECT_EQ(tile->width, 256);
  EXPECT_EQ(tile->height, 256);
}

TEST_F(RenditionsTest, RenderJpegCarriesIptcAndXmpCredit) {
  auto r = RunGallery({"render", "1", "--data", data_, "--rendition", "large", "--format", "jpg", "-o",
                       tmp_ / "large.jpg"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2000x1500 image/jpeg"), std::string::npos) << "never upscaled: " << r.out;
  ExpectCreditedAndPrivate(tmp_ / "large.jpg");
  auto keys = AllKeys(tmp_ / "large.jpg");
  EXPECT_NE(std::find(keys.begin(), keys.end(), "Iptc.Application2.Credit"), keys.end());
  EXPECT_NE(std::find(keys.begin(), keys.end(), "Xmp.photoshop.Credit"), keys.end());
}

TEST_F(RenditionsTest, RenderFromAFileAndClearErrors) {
  auto ok = RunGallery({"render", tmp_ / "IMG_0001.JPG", "--rendition", "small", "-o", tmp_ / "s.webp"});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("480x360 image/webp"), std::string::npos) << ok.out;
  ExpectCreditedAndPrivate(tmp_ / "s.webp");

  auto bad_name = RunGallery({"render", tmp_ / "IMG_0001.JPG", "--rendition", "huge", "-o", tmp_ / "x"});
  EXPECT_EQ(bad_name.exit_code, 2);
  EXPECT_NE(bad_name.err.find("no rendition named huge"), std::string::npos) << bad_name.err;

  testing_util::WriteFileOrDie(tmp_ / "broken.jpg", fixtures::TruncatedJpeg());
  auto broken = RunGallery({"render", tmp_ / "broken.jpg", "-o", tmp_ / "y.webp"});
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.err.find("broken.jpg"), std::string::npos) << broken.err;
  EXPECT_FALSE(fs::exists(tmp_ / "y.webp"));

  auto unknown = RunGallery({"render", "42", "--data", data_, "-o", tmp_ / "z.webp"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("photo 42"), std::string::npos) << unknown.err;
}

TEST_F(RenditionsTest, RebuildRemakesTheCache) {
  fs::remove_all(data_ + "/renditions");
  auto r = RunGallery({"thumbnails", "rebuild", "--data", data_, "--all"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("rebuilt 1, failed 0"), std::string::npos) << r.out;
  for (const char* name : {"tile", "small", "medium", "large"})
    EXPECT_TRUE(fs::exists(dir_ + "/" + name + ".webp")) << name;
  ExpectCreditedAndPrivate(dir_ + "/large.webp");
}

}  // namespace
