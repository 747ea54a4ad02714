// Writes the seed corpora of the fuzz targets:
//
//   make_seeds OUT_DIR [CORPUS_DIR]
//
// OUT_DIR/<target>/ gets one file per seed: fixture images of every accepted
// format with rich metadata (and some broken or foreign files), and for the
// query fuzzer queries with cursors its own catalog made. When CORPUS_DIR
// (the shared real-world photo set) is given and present, its photos/ and
// bad/ files are added, cut to the target's input size limit. Exits 0 on
// success, 1 with a message on failure. Never writes outside OUT_DIR.
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <utility>
#include <string>
#include <vector>

#include "catalog_fuzz_fixture.h"
#include "fixtures/image_fixtures.h"

namespace fs = std::filesystem;

namespace {

// Each target's input size limit; run.sh passes the same values as -max_len.
const std::map<std::string, std::size_t> kMaxLen = {
    {"metadata", 65536}, {"embed", 65536}, {"render", 32768}, {"catalog_query", 512},
    {"multipart", 4096}, {"json_body", 4096}};

void WriteSeed(const fs::path& dir, const std::string& name, const std::string& bytes) {
  std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + (dir / name).string());
}

fixtures::FixtureSpec RichSpec(const std::string& format, int orientation) {
  fixtures::FixtureSpec s;
  s.format = format;
  s.width = 40;
  s.height = 24;
  s.orientation = orientation;
  s.make = "Canon";
  s.model = "EOS 5D Mark IV";
  s.lens = "EF24-70mm f/2.8L II USM";
  s.date_time_original = "2016:07:12 09:30:00";
  s.offset_time_original = "+01:00";
  s.gps = fixtures::FixtureGps{33.5731, -7.5898, 56.0};
  s.caption = {{"x-default", "Opening session"}, {"fr", "Séance d'ouverture"}};
  s.headline = "Technical meeting";
  s.credit = "© IOM 2016";
  s.creator = "A. Photographer; B. Photographer";
  s.copyright = "© IOM 2016";
  s.keywords = {"plenary", "Casablanca"};
  s.alt_text = {{"x-default", "Delegates at a table"}};
  s.event = "Technical meeting 2016";
  s.usage_terms = "Editorial use only";
  s.exif_description = "EXIF description";
  return s;
}

// Fixture images: every format, plain and rich, a few orientations, IPTC only,
// a Latin-1 IIM caption, and broken or foreign files.
std::vector<std::pair<std::string, std::string>> FixtureImages(bool writable_only) {
  std::vector<std::pair<std::string, std::string>> out;
  const std::vector<std::string> formats =
      writable_only ? std::vector<std::string>{"jpeg", "png", "tiff", "webp"}
                    : std::vector<std::string>{"jpeg", "png", "tiff", "webp", "heic", "avif"};
  for (const std::string& f : formats) {
    fixtures::FixtureSpec plain;
    plain.format = f;
    plain.width = 16;
    plain.height = 12;
    out.emplace_back("plain." + f, fixtures::MakeImage(plain));
    out.emplace_back("rich." + f, fixtures::MakeImage(RichSpec(f, 1)));
    out.emplace_back("turned6." + f, fixtures::MakeImage(RichSpec(f, 6)));
    fixtures::FixtureSpec iptc = RichSpec(f, 0);
    iptc.write_xmp = false;
    out.emplace_back("iptc-only." + f, fixtures::MakeImage(iptc));
  }
  fixtures::FixtureSpec latin1 = RichSpec("jpeg", 0);
  latin1.iptc_caption_raw = std::string("caf\xE9");
  out.emplace_back("latin1-caption.jpeg", fixtures::MakeImage(latin1));
  out.emplace_back("truncated.jpeg", fixtures::TruncatedJpeg(600));
  if (!writable_only) {
    out.emplace_back("garbage.bin", fixtures::GarbageBytes(256));
    out.emplace_back("page.html", fixtures::HtmlPage());
    out.emplace_back("drawing.svg", fixtures::SvgText());
    out.emplace_back("doc.pdf", fixtures::PdfHeader());
    out.emplace_back("pixel.gif", fixtures::GifImage());
  }
  return out;
}

// The files of CORPUS_DIR/photos and CORPUS_DIR/bad, each cut to `max_len`,
// or when `whole_only` just those that fit in it.
std::size_t CopyCorpus(const fs::path& corpus, const fs::path& dir, std::size_t max_len,
                       bool whole_only) {
  std::size_t n = 0;
  for (const char* sub : {"photos", "bad"}) {
    if (!fs::is_directory(corpus / sub)) continue;
    for (const fs::directory_entry& e : fs::directory_iterator(corpus / sub)) {
      if (!e.is_regular_file() || (whole_only && e.file_size() > max_len)) continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::string bytes(max_len, '\0');
      in.read(bytes.data(), static_cast<std::streamsize>(max_len));
      bytes.resize(static_cast<std::size_t>(in.gcount()));
      WriteSeed(dir, std::string(sub) + "-" + e.path().filename().string(), bytes);
      ++n;
    }
  }
  return n;
}

// Queries over the fuzzer's own catalog, with the cursors its pages return.
std::size_t QuerySeeds(const fs::path& dir, const fs::path& scratch) {
  fs::create_directories(scratch);
  std::unique_ptr<media::Catalog> catalog = fuzz::MakeQueryCatalog((scratch / "catalog.db").string());
  std::size_t n = 0;
  for (const std::string text : {"", "reunion", "Séance", "IOM 2016", "casa", "\"données\" OR *",
                                 "panel -plenary", "IMG_20", "c++ NEAR(a b)", "\xC3"}) {
    for (bool in_album : {false, true}) {
      fuzz::QueryInput in;
      in.text = text;
      in.in_album = in_album;
      in.limit = 2;
      WriteSeed(dir, "query-" + std::to_string(n++), fuzz::EncodeQueryInput(in));
      auto page = catalog->ListPhotos(fuzz::QueryFilter(in));
      if (page.ok() && !page->next_cursor.empty()) {
        in.cursor = page->next_cursor;
        WriteSeed(dir, "query-" + std::to_string(n++), fuzz::EncodeQueryInput(in));
      }
    }
  }
  catalog.reset();
  fs::remove_all(scratch);
  return n;
}

// Upload bodies: the Content-Type value, '\n', then the body (see
// multipart_fuzzer.cc), well-formed and broken.
std::size_t MultipartSeeds(const fs::path& dir) {
  fixtures::FixtureSpec tiny;
  tiny.width = 8;
  tiny.height = 8;
  const std::string jpeg = fixtures::MakeImage(tiny);
  const std::string b = "----gallery7MA4YWxk";
  const std::string file_part = "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; " +
                                "filename=\"IMG_0001.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n" + jpeg;
  const std::string text_part = "\r\n--" + b + "\r\ncontent-disposition: form-data; name=album" +
                                "\r\n\r\nday-one";
  const std::string head = "multipart/form-data; boundary=" + b + "\n";
  const std::vector<std::string> seeds = {
      head + file_part + "\r\n--" + b + "--\r\n",
      head + "preamble\r\n" + file_part + text_part + "\r\n--" + b + "--",
      "Multipart/Form-Data; charset=utf-8; boundary=\"" + b + "\"\n" + file_part + "\r\n--" + b + "--",
      head + "--" + b + "\r\nContent-Disposition: form-data; name=\"a\\\"b\"; filename=\"x;y.jpg\"" +
          "\r\n\r\n\r\n--" + b + "--",
      head + file_part,
      head + "--" + b + "\r\nContent-Type: text/plain\r\n\r\nno disposition\r\n--" + b + "--",
      head + "--" + b + "\r\n\r\nempty headers\r\n--" + b + "--",
      std::string("text/plain\n--gallery-fuzz-boundary\r\nContent-Disposition: form-data; ") +
          "name=x\r\n\r\n1\r\n--gallery-fuzz-boundary--",
  };
  for (std::size_t i = 0; i < seeds.size(); ++i) WriteSeed(dir, "upload-" + std::to_string(i), seeds[i]);
  return seeds.size();
}

// Request bodies of the write routes: a kind byte (json_body_fuzzer.cc),
// then the JSON text, as the web pages and the API documentation send them,
// plus refusals of every sort.
std::size_t JsonBodySeeds(const fs::path& dir) {
  enum : char { kPhotoEdit, kBulkEdit, kAlbumCreate, kAlbumUpdate, kMeetingCreate, kMeetingUpdate, kIds };
  const std::vector<std::pair<char, std::string>> seeds = {
      {kPhotoEdit, R"({"caption": {"en": "Opening session", "fr": "Séance d'ouverture"}})"},
      {kPhotoEdit, R"({"credit": "© IOM 2016", "creator": null, "keywords": ["migration", "Casablanca"]})"},
      {kPhotoEdit, R"({"headline": {"en": null}, "alt_text": {"fr": ""}, "embargo_until": "2016-07-15T00:00:00Z"})"},
      {kPhotoEdit, R"({"event": "Technical meeting", "usage_terms": "Editorial use", "meeting": "casablanca-2016"})"},
      {kPhotoEdit, R"({"caption": "not an object", "keywords": [1, 2]})"},
      {kPhotoEdit, R"({"unknown": true})"},
      {kPhotoEdit, "{}"},
      {kBulkEdit, R"({"ids": [1, 2, 3], "set": {"credit": "© IOM 2016"}})"},
      {kBulkEdit, R"({"ids": [1, 1], "set": {"credit": "x"}})"},
      {kBulkEdit, R"({"ids": [-1, 0, 1.5, 9223372036854775807, 18446744073709551615], "set": {}})"},
      {kBulkEdit, R"({"ids": [], "set": {"keywords": []}, "extra": null})"},
      {kAlbumCreate, R"({"slug": "opening-session", "title": {"en": "Opening", "fr": "Ouverture"},
                        "meeting": "casablanca-2016", "visibility": "private", "default_credit": "© IOM 2016"})"},
      {kAlbumCreate, R"({"title": {"en": "No slug"}})"},
      {kAlbumCreate, R"({"slug": 12, "visibility": "secret", "cover_photo_id": 1})"},
      {kAlbumUpdate, R"({"cover_photo_id": 4, "description": {"en": "Day one", "fr": null}})"},
      {kAlbumUpdate, R"({"cover_photo_id": null, "visibility": "unlisted", "meeting": null})"},
      {kAlbumUpdate, R"({"cover_photo_id": -3, "title": {"en": 5}})"},
      {kMeetingCreate, R"({"slug": "casablanca-2016", "title": {"en": "Technical meeting"}, "place": "Casablanca",
                          "start_date": "2016-07-12", "end_date": "2016-07-14", "default_credit": "© IOM 2016"})"},
      {kMeetingCreate, R"({"place": ["not", "text"]})"},
      {kMeetingUpdate, R"({"slug": "casablanca-2016-b", "end_date": null})"},
      {kIds, R"({"ids": [3, 1, 2]})"},
      {kIds, R"({"ids": "1,2"})"},
      {kIds, R"({"ids": [[1]], "more": 1})"},
      {kIds, R"([1, 2, 3])"},
      {kIds, R"({"ids": [1e3, 2]})"},
      {kPhotoEdit, R"({"caption": {"en": "\ud800"}})"},
      {kPhotoEdit, "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"},
      {kPhotoEdit, R"({"caption": {"en": "cut)"},
      // The bounds: 32 and 33 levels, brackets inside strings, bytes that are not UTF-8, and
      // (kind 0xFF) a text repeated past 1 MiB.
      {kPhotoEdit, R"({"caption": {"en": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}})"},
      {kPhotoEdit, R"({"caption": {"en": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}})"},
      {kPhotoEdit, R"({"caption": {"en": "\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{{{{"}})"},
      {kPhotoEdit, "{\"caption\": {\"en\": \"caf\xE9 \xC0\xAF \xED\xA0\x80 \xF4\x90\x80\x80\"}}"},
      {kPhotoEdit, "{\"caption\": {\"fr\": \"\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80 \xE6\xBC\xA2\"}}"},
      {static_cast<char>(0xFF), R"({"keywords": ["k", "k", "k"]})"},
  };
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    WriteSeed(dir, "body-" + std::to_string(i), std::string(1, seeds[i].first) + seeds[i].second);
  }
  return seeds.size();
}

void MakeSeeds(const fs::path& out, const fs::path& corpus) {
  for (const auto& [target, max_len] : kMaxLen) {
    fs::path dir = out / target;
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::size_t n = 0;
    if (target == "catalog_query") {
      n = QuerySeeds(dir, out / "query-scratch");
    } else if (target == "multipart") {
      n = MultipartSeeds(dir);
    } else if (target == "json_body") {
      n = JsonBodySeeds(dir);
    } else {
      for (const auto& [name, bytes] : FixtureImages(target == "embed")) {
        WriteSeed(dir, name, bytes.substr(0, max_len));
        ++n;
      }
      if (!corpus.empty()) n += CopyCorpus(corpus, dir, max_len, target == "render");
    }
    std::printf("%-14s %zu seeds in %s\n", target.c_str(), n, dir.c_str());
  }
}

}  // namespace

// The HEIF encoder behind the fixtures keeps allocations it never frees; the
// seed writer is set-up, not a target, so its leaks are not reported.
extern "C" const char* __asan_default_options() { return "detect_leaks=0"; }

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: make_seeds OUT_DIR [CORPUS_DIR]\n");
    return 1;
  }
  try {
    MakeSeeds(argv[1], argc == 3 && fs::is_directory(argv[2]) ? fs::path(argv[2]) : fs::path());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "make_seeds: %s\n", e.what());
    return 1;
  }
  return 0;
}
