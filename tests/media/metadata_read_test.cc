// ReadMetadata on images made by the fixture generator: sizes and
// orientations, camera facts, GPS, dates, text in several languages and
// encodings, every accepted format, refused and broken bytes.
#include <gtest/gtest.h>

#include <thread>

#include "fixtures/image_fixtures.h"
#include "fixtures/read_metadata.h"
#include "fixtures/test_util.h"
#include "media/metadata.h"

namespace {

using fixtures::FixtureSpec;
using media::PhotoMetadata;
using media::Status;

constexpr auto& Read = fixtures::ReadMetadataOf;
constexpr auto& ReadOk = fixtures::ReadMetadataOk;

class OrientationTest : public ::testing::TestWithParam<int> {};

TEST_P(OrientationTest, DisplayedSizeSwapsForFiveToEight) {
  FixtureSpec spec;
  spec.width = 64;
  spec.height = 48;
  spec.orientation = GetParam();
  PhotoMetadata m = ReadOk(fixtures::MakeImage(spec));
  EXPECT_EQ(m.orientation, GetParam());
  bool turned = GetParam() >= 5;
  EXPECT_EQ(m.width, turned ? 48 : 64);
  EXPECT_EQ(m.height, turned ? 64 : 48);
}
INSTANTIATE_TEST_SUITE_P(AllEight, OrientationTest, ::testing::Range(1, 9));

TEST(MetadataRead, OrientationOutOfRangeOrMissingReadsAsOne) {
  for (int o : {0, 9, 200}) {
    FixtureSpec spec;
    spec.orientation = o;
    PhotoMetadata m = ReadOk(fixtures::MakeImage(spec));
    EXPECT_EQ(m.orientation, 1) << o;
    EXPECT_EQ(m.width, 64);
    EXPECT_EQ(m.height, 48);
  }
}

TEST(MetadataRead, LangAltCaptionKeepsEveryLanguageAndTheTextFields) {
  FixtureSpec spec;
  spec.caption = {{"x-default", "Opening session, Casablanca"},
                  {"en", "Opening session, Casablanca"},
                  {"fr", "Séance d'ouverture à Casablanca, été 2016"}};
  spec.headline = "Technical meeting";
  spec.credit = "© IOM 2016";
  spec.creator = "Amina El Idrissi; Jean-François Côté";
  spec.copyright = "© IOM 2016";
  spec.keywords = {"migration", "Casablanca", "réunion", "migration"};
  spec.alt_text = {{"x-default", "Delegates at a round table"}, {"fr", "Délégués autour d'une table"}};
  spec.event = "Technical meeting on migration data";
  spec.usage_terms = "Editorial use only";
  PhotoMetadata m = ReadOk(fixtures::MakeImage(spec));
  EXPECT_EQ(m.format, "jpeg");
  EXPECT_EQ(m.caption, spec.caption);
  EXPECT_EQ(m.headline, (media::LangText{{"x-default", "Technical meeting"}}));
  EXPECT_EQ(m.credit, "© IOM 2016");
  EXPECT_EQ(m.creator, "Amina El Idrissi; Jean-François Côté");
  EXPECT_EQ(m.copyright, "© IOM 2016");
  EXPECT_EQ(m.keywords, (std::vector<std::string>{"migration", "Casablanca", "réunion"}));
  EXPECT_EQ(m.alt_text, spec.alt_text);
  EXPECT_EQ(m.event, "Technical meeting on migration data");
  EXPECT_EQ(m.usage_terms, "Editorial use only");
}

TEST(MetadataRead, CameraFactsDateAndOffset) {
  FixtureSpec spec;
  spec.make = "NIKON CORPORATION   ";
  spec.model = "NIKON D750";
  spec.lens = "24.0-70.0 mm f/2.8";
  spec.date_time_original = "2016:07:12 09:30:00";
  spec.offset_time_original = "+01:00";
  PhotoMetadata m = ReadOk(fixtures::MakeImage(spec));
  EXPECT_EQ(m.make, "NIKON CORPORATION");
  EXPECT_EQ(m.model, "NIKON D750");
  EXPECT_EQ(m.lens, "24.0-70.0 mm f/2.8");
  ASSERT_TRUE(m.taken_at);
  EXPECT_EQ(*m.taken_at, "2016-07-12T09:30:00+01:00");

  spec.offset_time_original.clear();
  m = ReadOk(fixtures::MakeImage(spec));
  ASSERT_TRUE(m.taken_at);
  EXPECT_EQ(*m.taken_at, "2016-07-12T09:30:00");
}

TEST(MetadataRead, BlankOrPlaceholderDatesGiveNoTakenAt) {
  for (const char* date : {"    :  :     :  :", "0000:00:00 00:00:00", "2016:13:40 25:00:00", "garbage"}) {
    FixtureSpec spec;
    spec.date_time_original = date;
    PhotoMetadata m = ReadOk(fixtures::MakeImage(spec));
    EXPECT_FALSE(m.taken_at) << date << " -> " << m.taken_at.value_or("");
  }
}

TEST(MetadataRead, GpsAllHemispheresAndAltitudeBelowSeaLevel) {
  struct Case {
    double lat, lon;
    std::optional<double> alt;
  } cases[] = {{33.5731, -7.5898, 50.0}, {-33.8688, 151.2093, std::nullopt}, {36.4483, -116.855, -59.5},
               {0.0, 0.0, std::nullopt}};
  for (const Case& c : cases) {
    FixtureSpec spec;
    spec.gps = fixtures::FixtureGps{c.lat, c.lon, c.alt};
    PhotoMetadata m = ReadOk(fixtures::MakeImage(spec));
    ASSERT_TRUE(m.gps) << c.lat << "," << c.lon;
    EXPECT_NEAR(m.gps->lat, c.lat, 1e-6);
    EXPECT_NEAR(m.gps->lon, c.lon, 1e-6);
    ASSERT_EQ(m.gps->alt.has_value(), c.alt.has_value());
    if (c.alt) {
      EXPECT_NEAR(*m.gps->alt, *c.alt, 1e-6);
    }
  }
  EXPECT_FALSE(ReadOk(fixtures::MakeImage(FixtureSpec{})).gps);
}

TEST(MetadataRead, Latin1IptcWithoutCharsetIsDecoded) {
  FixtureSpec spec;
  spec.write_xmp = false;
  spec.iptc_caption_raw = std::string("Caf\xE9 \xE0 Casablanca, \x93quoted\x94");
  PhotoMetadata m = ReadOk(fixtures::MakeImage(spec));
  EXPECT_EQ(m.caption, (media::LangText{{"x-default", "Café à Casablanca, “quoted”"}}));
}

TEST(MetadataRead, Utf8IptcWithoutCharsetStaysUtf8) {
  FixtureSpec spec;
  spec.write_xmp = false;
  spec.iptc_caption_raw = std::string("Séance d'ouverture");
  PhotoMetadata m = ReadOk(fixtures::MakeImage(spec));
  EXPECT_EQ(m.caption, (media::LangText{{"x-default", "Séance d'ouverture"}}));
}

TEST(MetadataRead, IptcOnlyDeclaredUtf8) {
  FixtureSpec spec;
  spec.write_xmp = false;
  spec.caption = {{"x-default", "Délégués — 2016"}};
  spec.credit = "© IOM 2016";
  spec.keywords = {"réunion", "Maroc"};
  PhotoMetadata m = ReadOk(fixtures::MakeImage(spec));
  EXPECT_EQ(m.caption, spec.caption);
  EXPECT_EQ(m.credit, "© IOM 2016");
  EXPECT_EQ(m.keywords, spec.keywords);
}

class FormatTest : public ::testing::TestWithParam<std::string> {};

TEST_P(FormatTest, SizeFormatAndText) {
  FixtureSpec spec;
  spec.format = GetParam();
  spec.width = 40;
  spec.height = 30;
  spec.caption = {{"x-default", "Plenary"}, {"fr", "Plénière"}};
  spec.credit = "© IOM 2016";
  PhotoMetadata m = ReadOk(fixtures::MakeImage(spec));
  EXPECT_EQ(m.format, GetParam());
  EXPECT_EQ(m.width, 40);
  EXPECT_EQ(m.height, 30);
  if (GetParam() != "heic" && GetParam() != "avif") {  // the generator writes no metadata there
    EXPECT_EQ(m.caption, spec.caption);
    EXPECT_EQ(m.credit, "© IOM 2016");
  }
}
INSTANTIATE_TEST_SUITE_P(Accepted, FormatTest, ::testing::Values("jpeg", "png", "tiff", "webp", "heic", "avif"));

TEST(MetadataRead, RefusedFormatsAreUnsupportedAndNamed) {
  struct Case {
    std::string bytes;
    const char* named;
  } cases[] = {{fixtures::SvgText(), "SVG"},
               {fixtures::PdfHeader(), "PDF"},
               {fixtures::GifImage(), "GIF"},
               {fixtures::HtmlPage(), "HTML"},
               {std::string("8BPS\x00\x01\x00\x00\x00\x00\x00\x00", 12), "PSD"},
               // A movie listing HEIC as compatible: the metadata library
               // would read it as a movie (unbounded work on crafted boxes).
               {std::string("\0\0\0\x18" "ftypqt  \0\0\0\0heicmif1", 24) + std::string(64, '\0'),
                "QuickTime"}};
  for (const Case& c : cases) {
    auto r = Read(c.bytes);
    ASSERT_FALSE(r.ok()) << c.named;
    EXPECT_EQ(r.status().code(), Status::Code::kUnsupported) << r.status().ToString();
    EXPECT_NE(r.status().message().find(c.named), std::string::npos) << r.status().ToString();
  }
}

TEST(MetadataRead, BrokenBytesNeverCrash) {
  auto empty = Read("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), Status::Code::kCorrupt);

  for (unsigned seed = 1; seed <= 20; ++seed) {
    auto r = Read(fixtures::GarbageBytes(4096, seed));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.status().code() == Status::Code::kUnsupported || r.status().code() == Status::Code::kCorrupt);
    EXPECT_FALSE(r.status().message().empty());
  }
  // Every prefix of a real JPEG with EXIF: refused as Corrupt, or read with the
  // header size (EXIF and SOF come before the image data).
  FixtureSpec spec;
  spec.make = "Fixture";
  spec.caption = {{"x-default", "cut"}};
  std::string full = fixtures::MakeImage(spec);
  for (std::size_t keep = 1; keep < full.size(); keep += 37) {
    auto r = Read(full.substr(0, keep));
    if (r.ok()) {
      EXPECT_EQ(r->width, 64);
    } else {
      EXPECT_EQ(r.status().code(), Status::Code::kCorrupt) << keep << ": " << r.status().ToString();
    }
  }
  auto truncated = Read(fixtures::TruncatedJpeg());
  if (!truncated.ok()) {
    EXPECT_EQ(truncated.status().code(), Status::Code::kCorrupt);
  }
}

TEST(MetadataRead, FromFileAndMissingFile) {
  testing_util::TempDir dir;
  FixtureSpec spec;
  spec.credit = "© IOM 2016";
  fixtures::WriteImage(dir / "photo.jpg", spec);
  media::InitMetadataLibrary();
  auto r = media::ReadMetadataFromFile(dir / "photo.jpg");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->credit, "© IOM 2016");
  // The name never decides the format.
  testing_util::WriteFileOrDie(dir / "page.jpg", fixtures::HtmlPage());
  auto html = media::ReadMetadataFromFile(dir / "page.jpg");
  EXPECT_EQ(html.status().code(), Status::Code::kUnsupported);
  auto missing = media::ReadMetadataFromFile(dir / "nope.jpg");
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
}

TEST(MetadataRead, SafeFromSeveralThreads) {
  FixtureSpec spec;
  spec.caption = {{"x-default", "Plenary"}, {"fr", "Plénière"}};
  spec.gps = fixtures::FixtureGps{33.5, -7.6, std::nullopt};
  std::string bytes = fixtures::MakeImage(spec);
  media::InitMetadataLibrary();
  std::vector<std::thread> threads;
  std::vector<int> good(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        auto r = media::ReadMetadata(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
        if (r.ok() && r->caption == spec.caption && r->gps) ++good[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(good, std::vector<int>(4, 100));
}

// BigTIFF is refused by name, in both byte orders: the metadata library
// does not read it, and the renderer refuses it by the same sniff.
TEST(MetadataRead, BigTiffIsRefusedByName) {
  for (const std::string& bytes : {std::string("II+\0\x08\0\0\0\x10\0\0\0\0\0\0\0", 16),
                                   std::string("MM\0+\0\x08\0\0\0\0\0\0\0\0\0\x10", 16)}) {
    auto r = Read(bytes);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Status::Code::kUnsupported) << r.status().ToString();
    EXPECT_NE(r.status().message().find("BigTIFF"), std::string::npos) << r.status().ToString();
  }
}

}  // namespace

namespace {

// ReadMetadata given a format reads with that format's reader, without a
// second sniff: the right one reads, another one fails as Corrupt, none is
// Unsupported.
TEST(MetadataReadGivenFormat, TheGivenFormatIsUsedAsGiven) {
  media::InitMetadataLibrary();
  const std::string jpeg = fixtures::MakeImage(FixtureSpec{});
  const auto* data = reinterpret_cast<const std::uint8_t*>(jpeg.data());
  auto sniffed = media::SniffImageFormat(data, jpeg.size());
  ASSERT_TRUE(sniffed.ok()) << sniffed.status().ToString();
  EXPECT_EQ(*sniffed, base::ImageFormat::kJpeg);
  const std::uint64_t before = base::SniffsOnThisThread();
  auto read = media::ReadMetadata(*sniffed, data, jpeg.size());
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->format, "jpeg");
  EXPECT_EQ(read->width, 64);
  auto as_png = media::ReadMetadata(base::ImageFormat::kPng, data, jpeg.size());
  ASSERT_FALSE(as_png.ok());
  EXPECT_EQ(as_png.status().code(), Status::Code::kCorrupt) << as_png.status().ToString();
  EXPECT_NE(as_png.status().message().find("png"), std::string::npos) << as_png.status().ToString();
  auto none = media::ReadMetadata(base::ImageFormat::kUnknown, data, jpeg.size());
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), Status::Code::kUnsupported);
  EXPECT_EQ(base::SniffsOnThisThread(), before);
}

}  // namespace
