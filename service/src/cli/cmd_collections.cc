// `gallery meeting add` and `gallery album add`: create the collections that
// photos are imported into. Full editing comes through the HTTP API.
#include <cstdio>

#include "cli/cli_util.h"
#include "cli/commands.h"

namespace gallery::cli {
namespace {

struct MeetingArgs {
  std::string data, slug, title_en, title_fr, place, start, end, credit;
  bool show_location = false;
};
struct AlbumArgs {
  std::string data, slug, title_en, title_fr, meeting, visibility = "public", credit;
  bool show_location = false;
};

media::LangText Titles(const std::string& en, const std::string& fr) {
  media::LangText t;
  if (!en.empty()) t["en"] = en;
  if (!fr.empty()) t["fr"] = fr;
  return t;
}

void RunMeetingAdd(const MeetingArgs& a) {
  auto archive = OpenArchiveOrExit(a.data);
  media::Meeting m;
  m.slug = a.slug;
  m.title = Titles(a.title_en, a.title_fr);
  m.place = a.place;
  m.start_date = a.start;
  m.end_date = a.end;
  m.default_credit = a.credit;
  m.show_location = a.show_location;
  media::Status s = archive->catalog().CreateMeeting(m);
  if (!s.ok()) Fail("meeting " + a.slug, s);
  std::printf("meeting %s created\n", a.slug.c_str());
}

void RunAlbumAdd(const AlbumArgs& a) {
  auto archive = OpenArchiveOrExit(a.data);
  media::Album album;
  album.slug = a.slug;
  album.title = Titles(a.title_en, a.title_fr);
  album.meeting_slug = a.meeting;
  auto visibility = media::ParseVisibility(a.visibility);
  if (!visibility)
    Fail("album " + a.slug, media::Status::InvalidArgument(
                                "visibility must be public, unlisted or private, not " + a.visibility));
  album.visibility = *visibility;
  album.default_credit = a.credit;
  album.show_location = a.show_location;
  media::Status s = archive->catalog().CreateAlbum(album);
  if (!s.ok()) Fail("album " + a.slug, s);
  std::printf("album %s created\n", a.slug.c_str());
}

}  // namespace

void AddMeetingCommand(CLI::App& app) {
  auto* meeting = app.add_subcommand("meeting", "Manage meetings (events)");
  meeting->require_subcommand(1);
  auto* add = meeting->add_subcommand("add", "Create a meeting");
  auto args = std::make_shared<MeetingArgs>();
  AddDataOption(add, &args->data);
  add->add_option("slug", args->slug, "Short name used in addresses, e.g. casablanca-2016")->required();
  add->add_option("--title-en", args->title_en, "Title in English");
  add->add_option("--title-fr", args->title_fr, "Title in French");
  add->add_option("--place", args->place, "Where it took place");
  add->add_option("--start", args->start, "First day, YYYY-MM-DD");
  add->add_option("--end", args->end, "Last day, YYYY-MM-DD");
  add->add_option("--credit", args->credit, "Default credit line for its photos, e.g. \"© IOM 2016\"");
  add->add_flag("--show-location", args->show_location,
                "Show where its photos were taken (GPS) to everyone who sees them");
  add->callback([args] { RunMeetingAdd(*args); });
}

void AddAlbumCommand(CLI::App& app) {
  auto* album = app.add_subcommand("album", "Manage albums");
  album->require_subcommand(1);
  auto* add = album->add_subcommand("add", "Create an album");
  auto args = std::make_shared<AlbumArgs>();
  AddDataOption(add, &args->data);
  add->add_option("slug", args->slug, "Short name used in addresses, e.g. opening-session")->required();
  add->add_option("--title-en", args->title_en, "Title in English");
  add->add_option("--title-fr", args->title_fr, "Title in French");
  add->add_option("--meeting", args->meeting, "The meeting it belongs to (slug)");
  add->add_option("--visibility", args->visibility, "public, unlisted or private")->capture_default_str();
  add->add_option("--credit", args->credit, "Default credit line for its photos");
  add->add_flag("--show-location", args->show_location,
                "Show where its photos were taken (GPS) to everyone who may open the album");
  add->callback([args] { RunAlbumAdd(*args); });
}

}  // namespace gallery::cli
