// `gallery inspect` on fixture images: one JSON line per file, the API's
// field names, sha256 and size, error objects and the exit status.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "fixtures/image_fixtures.h"
#include "fixtures/test_util.h"

namespace {

using nlohmann::json;

std::vector<json> Lines(const std::string& out) {
  std::vector<json> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
  return lines;
}

TEST(InspectOutput, OneLinePerFileWithEveryField) {
  testing_util::TempDir dir;
  fixtures::FixtureSpec spec;
  spec.orientation = 6;
  spec.caption = {{"x-default", "Plenary"}, {"fr", "Plénière"}};
  spec.credit = "© IOM 2016";
  spec.keywords = {"Casablanca"};
  spec.gps = fixtures::FixtureGps{33.5731, -7.5898, -3.0};
  spec.date_time_original = "2016:07:12 09:30:00";
  spec.offset_time_original = "+01:00";
  fixtures::WriteImage(dir / "a.jpg", spec);
  fixtures::FixtureSpec plain;
  plain.format = "png";
  fixtures::WriteImage(dir / "b.png", plain);

  auto run = testing_util::RunGallery({"inspect", dir / "a.jpg", dir / "b.png"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::vector<json> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 2u);
  const json& a = lines[0];
  EXPECT_EQ(a["file"], dir / "a.jpg");
  EXPECT_EQ(a["file_size"], testing_util::ReadFileOrDie(dir / "a.jpg").size());
  EXPECT_EQ(a["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(a["format"], "jpeg");
  EXPECT_EQ(a["width"], 48);
  EXPECT_EQ(a["height"], 64);
  EXPECT_EQ(a["orientation"], 6);
  EXPECT_EQ(a["taken_at"], "2016-07-12T09:30:00+01:00");
  EXPECT_EQ(a["caption"], (json{{"x-default", "Plenary"}, {"fr", "Plénière"}}));
  EXPECT_EQ(a["credit"], "© IOM 2016");
  EXPECT_EQ(a["keywords"], json::array({"Casablanca"}));
  EXPECT_NEAR(a["gps"]["alt"].get<double>(), -3.0, 1e-9);
  const json& b = lines[1];
  for (const char* key : {"taken_at", "make", "model", "lens", "exposure_time", "f_number", "iso",
                          "focal_length", "gps", "credit", "creator", "copyright", "event", "usage_terms"}) {
    EXPECT_TRUE(b.contains(key) && b[key].is_null()) << key;
  }
  for (const char* key : {"caption", "headline", "alt_text"}) EXPECT_EQ(b[key], json::object()) << key;
  EXPECT_EQ(b["keywords"], json::array());
  EXPECT_EQ(b["format"], "png");
}

TEST(InspectOutput, FailuresAreErrorObjectsAndExitOne) {
  testing_util::TempDir dir;
  testing_util::WriteFileOrDie(dir / "page.jpg", fixtures::HtmlPage());
  fixtures::WriteImage(dir / "ok.webp", [] {
    fixtures::FixtureSpec s;
    s.format = "webp";
    return s;
  }());
  auto run = testing_util::RunGallery({"inspect", dir / "page.jpg", dir / "missing.jpg", dir / "ok.webp"});
  EXPECT_EQ(run.exit_code, 1);
  std::vector<json> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["file"], dir / "page.jpg");
  EXPECT_EQ(lines[0]["error"]["code"], "unsupported");
  EXPECT_NE(lines[0]["error"]["message"].get<std::string>().find("HTML"), std::string::npos);
  EXPECT_EQ(lines[1]["error"]["code"], "not_found");
  EXPECT_EQ(lines[2]["format"], "webp");
  EXPECT_FALSE(lines[2].contains("error"));
}

}  // namespace
