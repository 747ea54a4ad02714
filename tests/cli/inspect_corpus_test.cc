// `gallery inspect` on the shared real-photo corpus: every row of
// corpus/expected.tsv, column by column, and every hostile file in corpus/bad/.
//
// How our output maps to expected.tsv's columns:
// - width/height: expected.tsv gives the STORED size; inspect prints the
//   displayed size, so the test swaps them for orientations 5..8.
// - orientation: an empty or out-of-range (0) expected value prints as 1.
// - datetime_original: "YYYY:MM:DD HH:MM:SS" becomes taken_at
//   "YYYY-MM-DDTHH:MM:SS" (plus an offset when the file has one); a blank or
//   placeholder date gives taken_at null.
// - iptc_caption/credit/copyright/keywords: expected.tsv holds the IPTC IIM
//   values, while inspect prints the field chosen by the precedence table
//   (XMP over IPTC over EXIF, media/src/metadata_precedence.cc). Where the file's
//   other sources say something else, kKnownDifferences lists what we print
//   and why. Captions are compared with line breaks normalised (CR and CRLF to
//   LF): one file's IIM separates lines with CR where its XMP uses LF.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fixtures/test_util.h"

namespace {

using nlohmann::json;

struct KnownDifference {
  const char* file;
  const char* column;
  const char* we_print;  // compared exactly, or as a prefix when it ends in "..."
  const char* why;
};

const KnownDifference kKnownDifferences[] = {
    {"drewnoakes_Hubble_Jupiter_Issue_600_1.jpg", "iptc_credit",
     "NASA, ESA, Michael Wong (Space Telescope Science Institute, Baltimore, MD), H. B. Hammel (Space Science "
     "Institute, Boulder, CO) and the Jupiter Impact Team",
     "IIM Credit is cut at IIM's 32-byte limit; XMP photoshop:Credit holds the whole line and wins"},
    {"drewnoakes_Olympus_FE230_GPS_boilerplate_caption.jpg", "iptc_caption", "",
     "'OLYMPUS DIGITAL CAMERA' is camera boilerplate, not a caption"},
    {"exiv2_NikonD5300_AdobeRGB_bug1199.webp", "iptc_caption", "Classic View",
     "no IIM in the file; its XMP dc:description says 'Classic View'"},
    {"exiv2_Stonehenge.heic", "iptc_caption", "Classic View",
     "no IIM in the file; its XMP dc:description says 'Classic View'"},
    {"exiv2_ReaganSmallPng.png", "keywords",
     "ronald reagan, reagan, cvn 76, cvn-76, straights magellan, magellan, carrier, nimitz-class, ship, underway",
     "XMP dc:subject wins; it holds ONE item with all ten keywords comma-joined (IIM kept only the first)"},
    {"ianare_Pentax_K10D.jpg", "iptc_copyright", "Laitche (This file is in the public domain.)",
     "no IIM or XMP copyright; EXIF Copyright is the last resort"},
    {"ianare_Samsung_Digimax_i50_MP3.jpg", "iptc_copyright", "COPYRIGHT, 2005",
     "no IIM or XMP copyright; EXIF Copyright is the last resort"},
    {"leok7v_metadata_test_file_IIM_XMP_EXIF.jpg", "iptc_caption", "(This caption in XMP) This is a metadata test file...",
     "out-of-sync test file: IIM, XMP and EXIF disagree; XMP wins"},
    {"leok7v_metadata_test_file_IIM_XMP_EXIF.jpg", "iptc_copyright",
     "\xC2\xA9 Copyright 2017 Carl Seibert  metadatamatters.blog (XMP)",
     "out-of-sync test file: IIM, XMP and EXIF disagree; XMP wins"},
};

const KnownDifference* FindKnown(const std::string& file, const std::string& column) {
  for (const KnownDifference& k : kKnownDifferences) {
    if (file == k.file && column == k.column) return &k;
  }
  return nullptr;
}

std::string Unescape(const std::string& cell) {
  std::string out;
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (cell[i] == '\\' && i + 1 < cell.size()) {
      char c = cell[++i];
      out += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
    } else {
      out += cell[i];
    }
  }
  return out;
}

std::vector<std::map<std::string, std::string>> ReadExpected(const std::string& path) {
  std::istringstream in(testing_util::ReadFileOrDie(path));
  std::string line;
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) {
      cells.push_back(Unescape(line.substr(start, tab - start)));
    }
    cells.push_back(Unescape(line.substr(start)));
    if (header.empty()) {
      header = cells;
      continue;
    }
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size(); ++i) row[header[i]] = i < cells.size() ? cells[i] : "";
    rows.push_back(row);
  }
  return rows;
}

std::string Str(const json& v) { return v.is_string() ? v.get<std::string>() : ""; }

std::string NormaliseBreaks(std::string s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The text columns as inspect prints them, keyed like expected.tsv.
std::map<std::string, std::string> TextColumns(const json& j) {
  std::string keywords;
  for (const json& k : j["keywords"]) keywords += (keywords.empty() ? "" : ";") + k.get<std::string>();
  return {{"make", Str(j["make"])},
          {"model", Str(j["model"])},
          {"iptc_caption", NormaliseBreaks(Str(j["caption"].value("x-default", json())))},
          {"iptc_credit", Str(j["credit"])},
          {"iptc_copyright", Str(j["copyright"])},
          {"keywords", keywords}};
}

std::string ExpectedTakenAt(const std::string& raw) {
  std::string d = raw;
  if (d.size() < 19 || d[0] < '0' || d[0] > '9' || d.rfind("0000", 0) == 0) return "";
  return d.substr(0, 4) + "-" + d.substr(5, 2) + "-" + d.substr(8, 2) + "T" + d.substr(11, 8);
}

// Compares one row; returns the number of columns that matched only through
// kKnownDifferences (failures are reported through gtest).
int CheckRow(const std::map<std::string, std::string>& e, const json& j) {
  const std::string file = e.at("file");
  SCOPED_TRACE(file);
  EXPECT_FALSE(j.contains("error")) << j.dump();
  int orientation = e.at("orientation").empty() ? 1 : std::atoi(e.at("orientation").c_str());
  if (orientation < 1 || orientation > 8) orientation = 1;
  int w = std::atoi(e.at("width").c_str()), h = std::atoi(e.at("height").c_str());
  if (orientation >= 5) std::swap(w, h);
  EXPECT_EQ(j["width"], w);
  EXPECT_EQ(j["height"], h);
  EXPECT_EQ(j["orientation"], orientation);

  std::string want_taken = ExpectedTakenAt(e.at("datetime_original"));
  std::string taken = Str(j["taken_at"]);
  EXPECT_EQ(taken.substr(0, 19), want_taken);
  if (taken.size() > 19) {
    EXPECT_EQ(taken.size(), 25u) << taken;  // "+HH:MM"
  }

  if (e.at("gps_lat").empty()) {
    EXPECT_TRUE(j["gps"].is_null()) << j["gps"].dump();
  } else if (!j["gps"].is_object()) {
    ADD_FAILURE() << "no gps";
  } else {
    EXPECT_NEAR(j["gps"]["lat"].get<double>(), std::atof(e.at("gps_lat").c_str()), 1e-6);
    EXPECT_NEAR(j["gps"]["lon"].get<double>(), std::atof(e.at("gps_lon").c_str()), 1e-6);
  }

  int known = 0;
  for (const auto& [column, got] : TextColumns(j)) {
    std::string want = column == "iptc_caption" ? NormaliseBreaks(e.at(column)) : e.at(column);
    if (const KnownDifference* k = FindKnown(file, column)) {
      std::string printed = k->we_print;
      bool prefix = printed.size() > 3 && printed.compare(printed.size() - 3, 3, "...") == 0;
      if (prefix) {
        EXPECT_EQ(got.substr(0, printed.size() - 3), printed.substr(0, printed.size() - 3)) << column << ": " << k->why;
      } else {
        EXPECT_EQ(got, printed) << column << ": " << k->why;
      }
      EXPECT_NE(got, want) << column << " now matches expected.tsv: drop it from kKnownDifferences";
      ++known;
    } else {
      EXPECT_EQ(got, want) << column;
    }
  }
  return known;
}

TEST(InspectCorpus, EveryExpectedRowColumnByColumn) {
  const std::string corpus = testing_util::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "shared corpus not present";
  auto rows = ReadExpected(corpus + "/expected.tsv");
  ASSERT_GE(rows.size(), 50u);
  std::vector<std::string> args = {"inspect"};
  for (const auto& row : rows) args.push_back(corpus + "/photos/" + row.at("file"));
  testing_util::CommandResult run = testing_util::RunGallery(args, 120);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  // One photo's XMP is malformed: the library's complaint must not reach stderr.
  EXPECT_EQ(run.err, "");
  std::istringstream lines(run.out);
  std::string line;
  std::size_t index = 0, fully_equal = 0;
  int known_total = 0;
  while (std::getline(lines, line) && index < rows.size()) {
    json j = json::parse(line);
    ASSERT_EQ(Str(j["file"]), args[index + 1]);
    EXPECT_TRUE(j["sha256"].is_string() && j["sha256"].get<std::string>().size() == 64);
    int known = CheckRow(rows[index], j);
    known_total += known;
    if (known == 0 && !HasFailure()) ++fully_equal;
    ++index;
  }
  EXPECT_EQ(index, rows.size()) << "one JSON line per file";
  std::cout << "[ corpus  ] " << fully_equal << " of " << rows.size()
            << " rows equal expected.tsv on every column; " << known_total
            << " cells differ as listed in kKnownDifferences\n";
}

TEST(InspectCorpus, HostileFilesGiveACleanAnswerWithinTenSeconds) {
  const std::string corpus = testing_util::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "shared corpus not present";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus + "/bad")) {
    const std::string path = entry.path().string();
    SCOPED_TRACE(path);
    ++files;
    testing_util::CommandResult run = testing_util::RunGallery({"inspect", path}, 10);
    ASSERT_TRUE(run.exit_code == 0 || run.exit_code == 1) << "exit " << run.exit_code << "\n" << run.err;
    json j = json::parse(run.out);  // exactly one JSON document
    EXPECT_EQ(Str(j["file"]), path);
    if (run.exit_code == 1) {
      ASSERT_TRUE(j["error"].is_object()) << run.out;
      EXPECT_FALSE(Str(j["error"]["code"]).empty());
      EXPECT_FALSE(Str(j["error"]["message"]).empty());
    } else {
      EXPECT_GT(j["width"].get<int>(), 0);
      EXPECT_GT(j["height"].get<int>(), 0);
    }
  }
  EXPECT_GE(files, 20);
}

}  // namespace
