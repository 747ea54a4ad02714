// The precedence table (media/src/metadata_precedence.cc): XMP over IPTC over
// EXIF, the truncation rule, camera boilerplate.
#include <gtest/gtest.h>

#include "fixtures/image_fixtures.h"
#include "fixtures/read_metadata.h"
#include "media/metadata.h"

namespace {

using fixtures::FixtureSpec;

constexpr auto& ReadOk = fixtures::ReadMetadataOk;

TEST(MetadataPrecedence, XmpWinsOverIptcWhenTheyDisagree) {
  FixtureSpec spec;
  spec.caption = {{"x-default", "XMP caption"}};
  spec.iptc_caption_raw = "IIM caption";
  media::PhotoMetadata m = ReadOk(fixtures::MakeImage(spec));
  EXPECT_EQ(m.caption, (media::LangText{{"x-default", "XMP caption"}}));
}

TEST(MetadataPrecedence, IptcWhenNoXmp) {
  FixtureSpec spec;
  spec.write_xmp = false;
  spec.caption = {{"x-default", "IIM caption"}};
  spec.creator = "A; B";
  media::PhotoMetadata m = ReadOk(fixtures::MakeImage(spec));
  EXPECT_EQ(m.caption, (media::LangText{{"x-default", "IIM caption"}}));
  EXPECT_EQ(m.creator, "A; B");
}

TEST(MetadataPrecedence, ExifCopyrightAndArtistAreLastResorts) {
  FixtureSpec spec;
  spec.exif_copyright = "EXIF copyright";
  spec.exif_artist = "EXIF artist";
  media::PhotoMetadata m = ReadOk(fixtures::MakeImage(spec));
  EXPECT_EQ(m.copyright, "EXIF copyright");
  EXPECT_EQ(m.creator, "EXIF artist");
  spec.copyright = "© IOM 2016";
  spec.creator = "Photographer";
  m = ReadOk(fixtures::MakeImage(spec));
  EXPECT_EQ(m.copyright, "© IOM 2016");
  EXPECT_EQ(m.creator, "Photographer");
}

TEST(MetadataPrecedence, ExifImageDescriptionIsNeverACaption) {
  FixtureSpec spec;
  spec.exif_description = "SAMSUNG";
  EXPECT_TRUE(ReadOk(fixtures::MakeImage(spec)).caption.empty());
}

TEST(MetadataPrecedence, CameraBoilerplateCaptionIsAbsent) {
  FixtureSpec spec;
  spec.caption = {{"x-default", "OLYMPUS DIGITAL CAMERA"}};
  EXPECT_TRUE(ReadOk(fixtures::MakeImage(spec)).caption.empty());
}

TEST(MetadataPrecedence, ATruncatedWinnerGivesWayToTheCompleteValue) {
  // XMP holds the complete caption, IIM a cut one: XMP (complete) stays.
  FixtureSpec both;
  both.caption = {{"x-default", "Line one\nLine two"}};
  both.iptc_caption_raw = "Line one";
  EXPECT_EQ(ReadOk(fixtures::MakeImage(both)).caption.at("x-default"), "Line one\nLine two");
  // XMP cut, IIM complete: IIM wins.
  FixtureSpec cut;
  cut.caption = {{"x-default", "Line one"}};
  cut.iptc_caption_raw = "Line one\rLine two";
  EXPECT_EQ(ReadOk(fixtures::MakeImage(cut)).caption.at("x-default"), "Line one\rLine two");
}

TEST(MetadataPrecedence, KeywordsFromOneSourceUniqueInOrder) {
  FixtureSpec spec;
  spec.keywords = {"b", "a", "b", "c"};
  EXPECT_EQ(ReadOk(fixtures::MakeImage(spec)).keywords, (std::vector<std::string>{"b", "a", "c"}));
}

}  // namespace
