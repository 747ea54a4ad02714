// EmbedDescription and XmpSidecar: round trips through ReadMetadata, the IPTC
// written beside the XMP, private data stripped, the input left untouched.
#include <gtest/gtest.h>

#include <exiv2/exiv2.hpp>  // deprecation warnings are off for the test suites

#include "fixtures/image_fixtures.h"
#include "fixtures/read_metadata.h"
#include "media/metadata.h"

namespace {

using fixtures::FixtureSpec;
using media::PhotoMetadata;

constexpr auto& ReadOk = fixtures::ReadMetadataOk;

PhotoMetadata CatalogText() {
  PhotoMetadata t;
  t.caption = {{"x-default", "Opening session <script>alert('x')</script> & \"quotes\""},
               {"en", "Opening session <script>alert('x')</script> & \"quotes\""},
               {"fr", "Séance d'ouverture — été 2016, à Casablanca"}};
  t.headline = {{"x-default", "Technical meeting"}};
  t.credit = "© IOM 2016";
  t.creator = "Amina El Idrissi; Jean-François Côté";
  t.copyright = "© IOM 2016";
  t.keywords = {"migration", "réunion", "<b>bold</b>"};
  t.alt_text = {{"x-default", "Delegates around a table"}, {"fr", "Délégués autour d'une table"}};
  t.event = "Technical meeting, Casablanca";
  t.usage_terms = "Credit: © IOM 2016";
  return t;
}

void ExpectSameText(const PhotoMetadata& got, const PhotoMetadata& want) {
  EXPECT_EQ(got.caption, want.caption);
  EXPECT_EQ(got.headline, want.headline);
  EXPECT_EQ(got.credit, want.credit);
  EXPECT_EQ(got.creator, want.creator);
  EXPECT_EQ(got.copyright, want.copyright);
  EXPECT_EQ(got.keywords, want.keywords);
  EXPECT_EQ(got.alt_text, want.alt_text);
  EXPECT_EQ(got.event, want.event);
  EXPECT_EQ(got.usage_terms, want.usage_terms);
}

FixtureSpec OriginalSpec(const std::string& format) {
  FixtureSpec spec;
  spec.format = format;
  spec.orientation = 6;
  spec.make = "Canon";
  spec.model = "Canon EOS 5D Mark III";
  spec.gps = fixtures::FixtureGps{33.5731, -7.5898, 12.0};
  spec.caption = {{"x-default", "old caption"}};
  spec.credit = "old credit";
  spec.keywords = {"old"};
  return spec;
}

class EmbedTest : public ::testing::TestWithParam<std::string> {};

TEST_P(EmbedTest, RoundTripsEveryFieldAndStripsPrivateData) {
  media::InitMetadataLibrary();
  const std::string original = fixtures::MakeImage(OriginalSpec(GetParam()));
  const std::string copy_of_input = original;
  auto embedded = media::EmbedDescription(original, CatalogText(), /*strip_private=*/true);
  ASSERT_TRUE(embedded.ok()) << embedded.status().ToString();
  EXPECT_EQ(original, copy_of_input);
  PhotoMetadata m = ReadOk(*embedded);
  ExpectSameText(m, CatalogText());
  EXPECT_EQ(m.format, GetParam());
  EXPECT_FALSE(m.gps);
  EXPECT_EQ(m.orientation, 6);  // never changed: it describes these pixels
  EXPECT_EQ(m.width, 48);
  EXPECT_EQ(m.make, "Canon");
}

TEST_P(EmbedTest, KeepsGpsWhenNotStripping) {
  media::InitMetadataLibrary();
  auto embedded = media::EmbedDescription(fixtures::MakeImage(OriginalSpec(GetParam())), CatalogText(), false);
  ASSERT_TRUE(embedded.ok()) << embedded.status().ToString();
  PhotoMetadata m = ReadOk(*embedded);
  ASSERT_TRUE(m.gps);
  EXPECT_NEAR(m.gps->lat, 33.5731, 1e-6);
  ExpectSameText(m, CatalogText());
}

INSTANTIATE_TEST_SUITE_P(Writable, EmbedTest, ::testing::Values("jpeg", "png", "tiff", "webp"));

TEST(EmbedDescription, JpegCarriesUtf8IptcWithinIimLimits) {
  media::InitMetadataLibrary();
  PhotoMetadata text = CatalogText();
  text.credit = "Organisation internationale pour les migrations — © 2016";  // > 32 bytes
  auto embedded = media::EmbedDescription(fixtures::MakeImage(OriginalSpec("jpeg")), text, true);
  ASSERT_TRUE(embedded.ok()) << embedded.status().ToString();
  auto image = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte*>(embedded->data()),
                                         static_cast<long>(embedded->size()));
  image->readMetadata();
  const Exiv2::IptcData& iptc = image->iptcData();
  EXPECT_EQ(iptc.findKey(Exiv2::IptcKey("Iptc.Envelope.CharacterSet"))->toString(), "\x1b%G");
  EXPECT_EQ(iptc.findKey(Exiv2::IptcKey("Iptc.Application2.Caption"))->toString(), text.caption["x-default"]);
  std::string credit = iptc.findKey(Exiv2::IptcKey("Iptc.Application2.Credit"))->toString();
  EXPECT_LE(credit.size(), 32u);
  EXPECT_EQ(credit, "Organisation internationale pour");
  // Readers prefer the complete XMP value.
  EXPECT_EQ(ReadOk(*embedded).credit, text.credit);
}

TEST(EmbedDescription, StripsSerialNumbersAndClearsRemovedFields) {
  media::InitMetadataLibrary();
  std::string original = fixtures::MakeImage(OriginalSpec("jpeg"));
  auto image = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte*>(original.data()),
                                         static_cast<long>(original.size()));
  image->readMetadata();
  image->exifData()["Exif.Photo.BodySerialNumber"] = "123456789";
  image->exifData()["Exif.Photo.LensSerialNumber"] = "L-42";
  image->writeMetadata();
  Exiv2::BasicIo& io = image->io();
  io.open();
  Exiv2::DataBuf buf = io.read(static_cast<long>(io.size()));
  io.close();
  std::string with_serials(reinterpret_cast<const char*>(buf.pData_), static_cast<std::size_t>(buf.size_));
  ASSERT_NE(with_serials.find("123456789"), std::string::npos);

  PhotoMetadata only_credit;
  only_credit.credit = "© IOM 2016";
  auto embedded = media::EmbedDescription(with_serials, only_credit, true);
  ASSERT_TRUE(embedded.ok()) << embedded.status().ToString();
  EXPECT_EQ(embedded->find("123456789"), std::string::npos);
  EXPECT_EQ(embedded->find("L-42"), std::string::npos);
  PhotoMetadata m = ReadOk(*embedded);
  EXPECT_EQ(m.credit, "© IOM 2016");
  EXPECT_TRUE(m.caption.empty());  // "old caption" is gone
  EXPECT_TRUE(m.keywords.empty());
}

TEST(EmbedDescription, RefusesWhatItCannotWrite) {
  media::InitMetadataLibrary();
  FixtureSpec heic;
  heic.format = "heic";
  auto r = media::EmbedDescription(fixtures::MakeImage(heic), CatalogText(), true);
  EXPECT_EQ(r.status().code(), media::Status::Code::kUnsupported);
  EXPECT_EQ(media::EmbedDescription(fixtures::HtmlPage(), CatalogText(), true).status().code(),
            media::Status::Code::kUnsupported);
  auto cut = media::EmbedDescription(fixtures::TruncatedJpeg(300), CatalogText(), true);
  if (cut.ok()) {
    EXPECT_EQ(ReadOk(*cut).credit, "© IOM 2016");
  } else {
    EXPECT_EQ(cut.status().code(), media::Status::Code::kCorrupt);
  }
}

// A JFIF APP0 segment placed last before the scan (as a few editors write
// it). The metadata writer inserts its blocks after the last APP0, so it
// wrote nothing here and dropped the EXIF too, and the copy had no credit.
std::string JpegWithApp0BeforeTheScan(const std::string& jpeg) {
  static const char kApp0[] = "\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00";
  std::size_t scan = jpeg.find("\xFF\xDA");
  return jpeg.substr(0, scan) + std::string(kApp0, sizeof kApp0 - 1) + jpeg.substr(scan);
}

TEST(EmbedDescription, JpegWithApp0BeforeTheScanGetsItsTextAndKeepsItsScan) {
  media::InitMetadataLibrary();
  const std::string original = JpegWithApp0BeforeTheScan(fixtures::MakeImage(OriginalSpec("jpeg")));
  ASSERT_EQ(ReadOk(original).credit, "old credit");
  auto embedded = media::EmbedDescription(original, CatalogText(), /*strip_private=*/false);
  ASSERT_TRUE(embedded.ok()) << embedded.status().ToString();
  PhotoMetadata back = ReadOk(*embedded);
  ExpectSameText(back, CatalogText());
  EXPECT_EQ(back.make, "Canon");  // the EXIF stayed
  EXPECT_EQ(back.orientation, 6);
  // The compressed pixels are byte for byte those of the original.
  EXPECT_EQ(embedded->substr(embedded->find("\xFF\xDA")), original.substr(original.find("\xFF\xDA")));
  // JFIF's APP0 now follows SOI.
  EXPECT_EQ(embedded->substr(2, 2), "\xFF\xE0");
}

TEST(EmbedDescription, JpegWithFillBytesBetweenSegmentsIsReorderedToo) {
  media::InitMetadataLibrary();
  std::string jpeg = JpegWithApp0BeforeTheScan(fixtures::MakeImage(OriginalSpec("jpeg")));
  jpeg.insert(jpeg.find("\xFF\xDB"), "\xFF\xFF");  // padding before a marker
  auto embedded = media::EmbedDescription(jpeg, CatalogText(), /*strip_private=*/false);
  ASSERT_TRUE(embedded.ok()) << embedded.status().ToString();
  EXPECT_EQ(ReadOk(*embedded).credit, "© IOM 2016");
}

TEST(EmbedDescription, CopyWhoseTextWouldNotReadBackIsRefused) {
  media::InitMetadataLibrary();
  // As above with a stray byte that is no marker between two segments: the
  // segments cannot be walked, so they are not reordered, and the writer,
  // which skips such bytes, still writes nothing.
  std::string jpeg = JpegWithApp0BeforeTheScan(fixtures::MakeImage(OriginalSpec("jpeg")));
  jpeg.insert(jpeg.find("\xFF\xDB"), "\x07");
  auto embedded = media::EmbedDescription(jpeg, CatalogText(), /*strip_private=*/false);
  ASSERT_FALSE(embedded.ok());
  EXPECT_EQ(embedded.status().code(), media::Status::Code::kCorrupt);
  EXPECT_NE(embedded.status().message().find("does not read back"), std::string::npos)
      << embedded.status().ToString();
}

TEST(XmpSidecar, ParsesBackToTheSameText) {
  media::InitMetadataLibrary();
  std::string packet = media::XmpSidecar(CatalogText());
  EXPECT_EQ(packet.rfind("<?xpacket begin=", 0), 0u);
  EXPECT_EQ(packet.find("<script>"), std::string::npos);  // escaped, never raw markup
  EXPECT_NE(packet.find("&lt;script&gt;"), std::string::npos);
  Exiv2::XmpData xmp;
  ASSERT_EQ(Exiv2::XmpParser::decode(xmp, packet), 0);
  const auto& caption = dynamic_cast<const Exiv2::LangAltValue&>(xmp["Xmp.dc.description"].value());
  EXPECT_EQ(caption.value_.at("fr"), "Séance d'ouverture — été 2016, à Casablanca");
  EXPECT_EQ(caption.value_.at("x-default"), CatalogText().caption.at("x-default"));
  EXPECT_EQ(xmp["Xmp.photoshop.Credit"].toString(), "© IOM 2016");
  EXPECT_EQ(xmp["Xmp.dc.creator"].count(), 2);
}

TEST(XmpSidecar, EmptyTextIsStillAValidPacket) {
  std::string packet = media::XmpSidecar(PhotoMetadata{});
  Exiv2::XmpData xmp;
  EXPECT_EQ(Exiv2::XmpParser::decode(xmp, packet), 0);
  EXPECT_TRUE(xmp.empty());
  EXPECT_NE(packet.find("x:xmpmeta"), std::string::npos);
}

}  // namespace
