// `gallery meeting add` and `gallery album add`: create the collections that
// photos are imported into. Full editing comes through the HTTP API.
#include <cstdio>

#include "cli/cli_util.h"
#include "cli/commands.h"

namespace gallery::cli {
namespace {

// What both collections take on the command line.
struct CollectionArgs {
  std::string data, slug, title_en, title_fr, credit;
  bool show_location = false;
};
struct MeetingArgs : CollectionArgs {
  std::string place, start, end, time_zone;
};
struct AlbumArgs : CollectionArgs {
  std::string meeting, visibility = "public";
};

// Fills the fields both collections have from `a`.
template <typename Collection>
Collection Common(const CollectionArgs& a) {
  Collection c;
  c.slug = a.slug;
  if (!a.title_en.empty()) c.title["en"] = a.title_en;
  if (!a.title_fr.empty()) c.title["fr"] = a.title_fr;
  c.default_credit = a.credit;
  c.show_location = a.show_location;
  return c;
}

// Prints "<kind> <slug> created", or fails naming the collection.
void Report(const char* kind, const std::string& slug, const media::Status& s) {
  if (!s.ok()) Fail(std::string(kind) + " " + slug, s);
  std::printf("%s %s created\n", kind, slug.c_str());
}

void RunMeetingAdd(const MeetingArgs& a) {
  auto archive = OpenArchiveOrExit(a.data);
  auto m = Common<media::Meeting>(a);
  m.place = a.place;
  m.start_date = a.start;
  m.end_date = a.end;
  m.time_zone = a.time_zone;
  Report("meeting", a.slug, archive->catalog().CreateMeeting(m));
}

void RunAlbumAdd(const AlbumArgs& a) {
  auto archive = OpenArchiveOrExit(a.data);
  auto album = Common<media::Album>(a);
  album.meeting_slug = a.meeting;
  auto visibility = media::ParseVisibility(a.visibility);
  if (!visibility)
    Fail("album " + a.slug, media::Status::InvalidArgument(
                                "visibility must be public, unlisted or private, not " + a.visibility));
  album.visibility = *visibility;
  Report("album", a.slug, archive->catalog().CreateAlbum(album));
}

// The `add` subcommand of the group `kind`, with the options both
// collections take; `slug_example`, `credit_help` and `shown_to` complete
// their help.
template <typename Args>
CLI::App* AddCollectionCommand(CLI::App& app, const char* kind, const char* group_help, const char* add_help,
                               const std::shared_ptr<Args>& args, void (*run)(const Args&),
                               const std::string& slug_example, const std::string& credit_help,
                               const std::string& shown_to) {
  auto* add = AddDataCommand(AddCommandGroup(app, kind, group_help), "add", add_help, args, run);
  add->add_option("slug", args->slug, "Short name used in addresses, e.g. " + slug_example)->required();
  add->add_option("--title-en", args->title_en, "Title in English");
  add->add_option("--title-fr", args->title_fr, "Title in French");
  add->add_option("--credit", args->credit, credit_help);
  add->add_flag("--show-location", args->show_location, "Show where its photos were taken (GPS) to " + shown_to);
  return add;
}

}  // namespace

void AddMeetingCommand(CLI::App& app) {
  auto args = std::make_shared<MeetingArgs>();
  auto* add = AddCollectionCommand(app, "meeting", "Manage meetings (events)", "Create a meeting", args,
                                   RunMeetingAdd, "casablanca-2016",
                                   "Default credit line for its photos, e.g. \"© IOM 2016\"",
                                   "everyone who sees them");
  add->add_option("--place", args->place, "Where it took place");
  add->add_option("--start", args->start, "First day, YYYY-MM-DD");
  add->add_option("--end", args->end, "Last day, YYYY-MM-DD");
  add->add_option("--time-zone", args->time_zone,
                  "Its time zone, e.g. Africa/Casablanca: photos are grouped by their day there");
}

void AddAlbumCommand(CLI::App& app) {
  auto args = std::make_shared<AlbumArgs>();
  auto* add = AddCollectionCommand(app, "album", "Manage albums", "Create an album", args, RunAlbumAdd,
                                   "opening-session", "Default credit line for its photos",
                                   "everyone who may open the album");
  add->add_option("--meeting", args->meeting, "The meeting it belongs to (slug)");
  add->add_option("--visibility", args->visibility, "public, unlisted or private")->capture_default_str();
}

}  // namespace gallery::cli
