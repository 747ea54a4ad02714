#include "catalog_fuzz_fixture.h"

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "media/sha256.h"

namespace fuzz {
namespace {

constexpr std::uint8_t kSeparator = 0xFF;

[[noreturn]] void Die(const std::string& what, const media::Status& s) {
  std::fprintf(stderr, "query catalog fixture: %s: %s\n", what.c_str(), s.ToString().c_str());
  std::abort();
}

media::NewPhoto PhotoNumber(int n) {
  static const std::vector<media::LangText> kCaptions = {
      {{"x-default", "Opening session"}, {"fr", "Séance d'ouverture"}},
      {{"x-default", "Réunion technique, Casablanca"}, {"en", "Technical meeting"}},
      {{"x-default", "Panel on migration data"}, {"fr", "Table ronde « données »"}},
      {{"x-default", "Group photo — day 2"}},
      {},
  };
  media::NewPhoto p;
  std::string seed = "query-photo-" + std::to_string(n);
  p.sha256 = media::Sha256Hex(seed.data(), seed.size());
  p.original_filename = "IMG_" + std::to_string(2000 + n) + (n % 3 ? ".jpg" : " (copie).JPG");
  p.file_size = 1000 + n;
  p.meta.format = "jpeg";
  p.meta.width = 4032;
  p.meta.height = 3024;
  if (n % 4 != 3) p.meta.taken_at = "2016-07-1" + std::to_string(1 + n % 3) + "T0" +
                                    std::to_string(n % 10) + ":30:00+01:00";
  p.meta.caption = kCaptions[n % kCaptions.size()];
  p.meta.keywords = n % 2 ? std::vector<std::string>{"plenary", "Casablanca"}
                          : std::vector<std::string>{"panel", "données", "c++ \"quoted\""};
  p.meta.credit = n % 3 ? "© IOM 2016" : "";
  p.meeting_slug = "casablanca-2016";
  p.album_slug = n % 2 ? "day-one" : "";
  p.fallback_credit = "Photo: Communications";
  p.uploaded_by = "fuzz";
  return p;
}

}  // namespace

std::unique_ptr<media::Catalog> MakeQueryCatalog(const std::string& path) {
  auto opened = media::Catalog::Open(path);
  if (!opened.ok()) Die("open " + path, opened.status());
  std::unique_ptr<media::Catalog> catalog = std::move(opened).value();
  media::Meeting m;
  m.slug = "casablanca-2016";
  m.title = {{"en", "Technical meeting"}, {"fr", "Réunion technique"}};
  m.start_date = "2016-07-11";
  if (media::Status s = catalog->CreateMeeting(m); !s.ok()) Die("meeting", s);
  media::Album a;
  a.slug = "day-one";
  a.meeting_slug = m.slug;
  if (media::Status s = catalog->CreateAlbum(a); !s.ok()) Die("album", s);
  for (int n = 0; n < 12; ++n) {
    auto id = catalog->AddPhoto(PhotoNumber(n));
    if (!id.ok()) Die("photo " + std::to_string(n), id.status());
  }
  media::PhotoEdit under_embargo;
  under_embargo.embargo_until = "2999-01-01T00:00:00Z";
  media::Status embargo = catalog->EditPhoto(1, under_embargo, "fuzz");
  if (!embargo.ok()) Die("embargo", embargo);
  return catalog;
}

QueryInput DecodeQueryInput(const std::uint8_t* data, std::size_t size) {
  QueryInput in;
  if (size == 0) return in;
  in.in_album = data[0] & 1;
  in.include_embargoed = !(data[0] & 2);
  in.limit = 1 + ((data[0] >> 2) & 7);
  const char* rest = reinterpret_cast<const char*>(data + 1);
  std::string body(rest, size - 1);
  std::size_t sep = body.find(static_cast<char>(kSeparator));
  in.text = body.substr(0, sep);
  if (sep != std::string::npos) in.cursor = body.substr(sep + 1);
  return in;
}

std::string EncodeQueryInput(const QueryInput& in) {
  std::uint8_t flags = (in.in_album ? 1 : 0) | (in.include_embargoed ? 0 : 2) |
                       static_cast<std::uint8_t>(((in.limit - 1) & 7) << 2);
  std::string out(1, static_cast<char>(flags));
  out += in.text;
  if (!in.cursor.empty()) out += static_cast<char>(kSeparator) + in.cursor;
  return out;
}

media::PhotoFilter QueryFilter(const QueryInput& in) {
  media::PhotoFilter f;
  f.album_slug = in.in_album ? "day-one" : "";
  f.text = in.text;
  f.cursor = in.cursor;
  if (!in.include_embargoed) f.audience = media::Audience::Public();
  f.limit = in.limit;
  return f;
}

}  // namespace fuzz
