// growth_fill DATA_DIR COUNT: makes an archive's catalog of COUNT photos
// (no pixels) through the catalog's own write path, for bench/growth.sh.
// 20 meetings of 10 albums each (one album in ten private, one unlisted),
// 20 credits, 500 keywords (a few common, most rare), captions in English
// and French from a fixed vocabulary, one photo in ten under embargo.
// Deterministic: the same COUNT gives the same catalog. Prints progress and
// the rate on stderr. Fills DATA_DIR/catalog.db, which must not exist.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "media/catalog.h"
#include "media/sha256.h"

namespace {

constexpr int kMeetings = 20;
constexpr int kAlbumsPerMeeting = 10;
constexpr int kCredits = 20;
constexpr int kKeywords = 500;

// A small deterministic generator (xorshift64*).
struct Random {
  std::uint64_t state;
  explicit Random(std::uint64_t seed) : state(seed * 2685821657736338717ULL + 1) {}
  std::uint64_t Next() {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 2685821657736338717ULL;
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<std::uint64_t>(n)); }
};

const char* const kEnglish[] = {
    "delegates", "arrive", "at", "the", "opening", "session", "of", "technical", "meeting", "on",
    "migration", "health", "border", "management", "speakers", "panel", "discussion", "during", "second",
    "day", "workshop", "participants", "group", "photo", "in", "front", "conference", "centre", "minister",
    "addresses", "plenary", "hall", "interpreters", "booth", "coffee", "break", "signing", "agreement",
    "press", "briefing", "director", "general", "regional", "office", "youth", "forum", "field", "visit",
    "community", "leaders", "training", "data", "labour", "mobility", "climate", "displacement", "return",
    "reintegration", "partners", "closing", "ceremony", "awards", "volunteers", "registration", "desk"};
const char* const kFrench[] = {
    "délégués", "arrivent", "à", "la", "séance", "d'ouverture", "de", "réunion", "technique", "sur",
    "migration", "santé", "gestion", "des", "frontières", "intervenants", "table", "ronde", "pendant",
    "deuxième", "journée", "atelier", "participants", "photo", "de", "groupe", "devant", "centre",
    "conférences", "ministre", "s'adresse", "plénière", "salle", "interprètes", "cabine", "pause", "café",
    "signature", "accord", "point", "presse", "directeur", "général", "bureau", "régional", "jeunesse",
    "forum", "visite", "terrain", "responsables", "communautaires", "formation", "données", "mobilité",
    "climat", "déplacement", "retour", "réintégration", "partenaires", "clôture", "cérémonie", "prix",
    "bénévoles", "accueil"};

template <std::size_t N>
std::string Sentence(Random& r, const char* const (&words)[N], int length) {
  std::string out;
  for (int i = 0; i < length; ++i) {
    if (i) out += ' ';
    out += words[r.Below(static_cast<int>(N))];
  }
  return out;
}

void Check(const media::Status& s, const std::string& what) {
  if (s.ok()) return;
  std::fprintf(stderr, "growth_fill: %s: %s\n", what.c_str(), s.ToString().c_str());
  std::exit(1);
}

std::string Two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: growth_fill DATA_DIR COUNT\n");
    return 2;
  }
  const std::string dir = argv[1];
  const long count = std::strtol(argv[2], nullptr, 10);
  if (count <= 0 || count > 10'000'000) {
    std::fprintf(stderr, "growth_fill: COUNT must be 1..10000000, not %s\n", argv[2]);
    return 2;
  }
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/catalog.db";
  if (std::filesystem::exists(path)) {
    std::fprintf(stderr, "growth_fill: %s exists already\n", path.c_str());
    return 2;
  }
  auto opened = media::Catalog::Open(path);
  if (!opened.ok()) {
    std::fprintf(stderr, "growth_fill: %s: %s\n", path.c_str(), opened.status().ToString().c_str());
    return 1;
  }
  std::unique_ptr<media::Catalog> catalog = std::move(*opened);

  std::vector<std::string> albums;
  for (int m = 0; m < kMeetings; ++m) {
    media::Meeting meeting;
    meeting.slug = "meeting-" + Two(m);
    meeting.title["en"] = "Technical meeting " + std::to_string(m + 1);
    meeting.title["fr"] = "Réunion technique " + std::to_string(m + 1);
    meeting.place = "Casablanca, Morocco";
    meeting.start_date = std::to_string(2005 + m / 2) + "-07-" + Two(4 + (m % 2) * 10);
    Check(catalog->CreateMeeting(meeting), "meeting " + meeting.slug);
    for (int a = 0; a < kAlbumsPerMeeting; ++a) {
      media::Album album;
      album.slug = meeting.slug + "-album-" + Two(a);
      album.title["en"] = "Day " + std::to_string(a + 1);
      album.title["fr"] = "Jour " + std::to_string(a + 1);
      album.meeting_slug = meeting.slug;
      album.visibility = a == 8 ? media::Visibility::kPrivate
                         : a == 9 ? media::Visibility::kUnlisted
                                  : media::Visibility::kPublic;
      Check(catalog->CreateAlbum(album), "album " + album.slug);
      albums.push_back(album.slug);
    }
  }

  Random r(static_cast<std::uint64_t>(count));
  const auto start = std::chrono::steady_clock::now();
  // Photos go in batches of kBatch (one transaction each); one in ten of
  // each batch is then put under embargo in one more.
  constexpr long kBatch = 2000;
  std::vector<media::NewPhoto> batch;
  long reported = 0;
  for (long i = 0; i < count; ++i) {
    batch.emplace_back();
    media::NewPhoto& p = batch.back();
    const std::string name = "photo-" + std::to_string(i);
    p.sha256 = media::Sha256Hex(name.data(), name.size());
    p.original_filename = "IMG_" + std::to_string(1000 + i % 9000) + ".jpg";
    p.file_size = 4'000'000 + r.Below(8'000'000);
    p.uploaded_by = "bench";
    const int album = static_cast<int>(i % static_cast<long>(albums.size()));
    p.album_slug = albums[album];
    p.meeting_slug = "meeting-" + Two(album / kAlbumsPerMeeting);
    media::PhotoMetadata& meta = p.meta;
    meta.format = "jpeg";
    const bool tall = r.Below(4) == 0;
    meta.width = tall ? 4000 : 6000;
    meta.height = tall ? 6000 : 4000;
    meta.make = "Canon";
    meta.model = "EOS 5D Mark IV";
    const int meeting_index = album / kAlbumsPerMeeting;
    const int day = 4 + (meeting_index % 2) * 10 + (album % kAlbumsPerMeeting) % 3;
    const int second = static_cast<int>(i / static_cast<long>(albums.size())) % 36000;
    char taken[40];
    std::snprintf(taken, sizeof taken, "%04d-07-%02dT%02d:%02d:%02d+01:00", 2005 + meeting_index / 2, day,
                  8 + second / 3600, (second / 60) % 60, second % 60);
    meta.taken_at = taken;
    // Every caption holds "meeting"; one in ten "delegates" first; one in
    // ten thousand the rare word "zeppelin".
    std::string en = Sentence(r, kEnglish, 6 + r.Below(10)) + " meeting";
    if (i % 10 == 0) en = "delegates " + en;
    if (i % 10000 == 7) en += " zeppelin";
    meta.caption["en"] = en;
    meta.caption["fr"] = Sentence(r, kFrench, 6 + r.Below(10)) + " réunion";
    meta.credit = "© Credit " + std::to_string(1 + (r.Below(kCredits) * r.Below(kCredits)) / kCredits);
    meta.creator = "Photographer " + std::to_string(1 + r.Below(40));
    meta.copyright = "© IOM " + std::to_string(2005 + meeting_index / 2);
    const int keywords = 2 + r.Below(5);
    for (int k = 0; k < keywords; ++k) {
      // Skewed: small numbers far more often than large ones.
      const int which = r.Below(1 + r.Below(kKeywords));
      meta.keywords.push_back("topic " + std::to_string(which));
    }
    if (static_cast<long>(batch.size()) < kBatch && i + 1 < count) continue;
    const long first = i + 1 - static_cast<long>(batch.size());
    auto added = catalog->AddPhotos(batch);
    Check(added.status(), "photos " + std::to_string(first) + "..." + std::to_string(i));
    std::vector<std::int64_t> embargoed;
    for (std::size_t k = 0; k < added->size(); ++k) {
      if ((first + static_cast<long>(k)) % 10 == 3) embargoed.push_back((*added)[k]);
    }
    if (!embargoed.empty()) {
      media::PhotoEdit embargo;
      embargo.embargo_until = "2099-01-01T00:00:00Z";
      Check(catalog->EditPhotos(embargoed, embargo, "bench"), "embargo of photos from " + std::to_string(first));
    }
    batch.clear();
    if (i + 1 - reported >= count / 10 || i + 1 == count) {
      reported = i + 1;
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::fprintf(stderr, "growth_fill: %ld of %ld photos, %.0f photos/s\n", i + 1, count,
                   static_cast<double>(i + 1) / seconds);
    }
  }
  return 0;
}
