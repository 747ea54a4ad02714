// `gallery check --data DIR`: is the archive whole? Verifies the catalog's
// integrity, every original's hash, catalogued photos without an original,
// originals without a photo, renditions missing, and leftover temporary files
// (of the originals and of the rendition cache: problems, listed by path; this
// command only reads, so it reports them instead of removing them).
// Exit status 0 when nothing is wrong, 1 otherwise.
#include <algorithm>
#include <cstdio>
#include <set>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "service/data_dir.h"
#include "service/render_status.h"
#include "service/users_lock.h"

namespace gallery::cli {
namespace {

struct CheckArgs {
  std::string data;
  bool quick = false;
};

void RunCheck(const CheckArgs& a) {
  // Open without Archive::Open: that would tidy up the very leftovers
  // (temporary files) this command is asked to report.
  DataDir dir = DataDirOf(a.data);
  auto catalog = media::Catalog::Open(dir.catalog_path());
  if (!catalog.ok()) Fail("cannot open catalog in " + a.data, catalog.status());
  auto opened = Archive::OpenOriginals(dir);
  if (!opened.ok()) Fail("cannot open the originals", opened.status());
  media::OriginalStore& originals = **opened;
  thumbnails::RenditionCache renditions(dir.renditions_dir());
  int problems = 0;
  auto problem = [&](const std::string& what) {
    ++problems;
    std::printf("problem: %s\n", what.c_str());
  };

  media::Status integrity = (*catalog)->CheckIntegrity();
  if (!integrity.ok()) problem("catalog: " + integrity.message());

  auto stored = originals.List();
  if (!stored.ok()) Fail("cannot list originals", stored.status());
  auto catalogued = (*catalog)->AllSha256();
  if (!catalogued.ok()) Fail("cannot list photos", catalogued.status());
  std::set<std::string> on_disk(stored->begin(), stored->end());
  std::set<std::string> in_catalog(catalogued->begin(), catalogued->end());

  std::size_t verified = 0, missing_renditions = 0;
  for (const auto& sha : in_catalog) {
    if (!on_disk.count(sha)) {
      problem("photo " + sha + " has no original file");
      continue;
    }
    if (!a.quick) {
      media::Status s = originals.Verify(sha);
      if (!s.ok()) problem("original " + sha + ": " + s.message());
      else ++verified;
    }
    for (const auto& spec : thumbnails::RenditionTable())
      for (auto format : Archive::IngestFormats())
        if (spec.made_at_ingest && !renditions.Has(sha, spec.name, format)) ++missing_renditions;
  }
  auto trash = (*catalog)->ListDeletedPhotos();
  if (!trash.ok()) Fail("cannot read the trash", trash.status());
  auto orphans = (*catalog)->UnreferencedSha256(*stored);
  if (!orphans.ok()) Fail("cannot list originals without a photo", orphans.status());
  const std::size_t unreferenced = orphans->size();
  // Temporaries are problems when nobody else has the folder open: a lone
  // start removes them, so one found then outlived its writer. While another
  // process has the folder open they may be its writes in progress.
  auto users = UsersLock::Take(DataDir(a.data).users_lock_path());
  if (!users.ok()) Fail("cannot tell whether another process uses the archive", users.status());
  std::size_t in_use = 0;
  // An object store's unfinished uploads may be another machine's writes.
  const bool shared = originals.blobs().SharedAcrossMachines();
  auto temporary = [&](const std::string& what) {
    if (users->alone() && !shared) problem(what);
    else ++in_use;
  };
  auto temps = originals.ListTemporaries();
  if (!temps.ok()) Fail("cannot list the originals' temporary files", temps.status());
  for (const auto& path : *temps) {
    temporary((shared ? "unfinished upload: " : "temporary file left by an interrupted write: ") + path);
  }
  auto rendition_temps = renditions.ListTemporaries();
  if (!rendition_temps.ok()) Fail("cannot list the renditions' temporary files", FromRenderError(rendition_temps.error()));
  for (const auto& path : rendition_temps.value())
    temporary("temporary file left by an interrupted rendition write: " + path);

  std::printf("photos %zu, originals %zu, hashes verified %zu\n", in_catalog.size(), on_disk.size(),
              verified);
  // Not problems: a deleted photo keeps its original until it is collected; an
  // interrupted import may leave an original whose row was never committed,
  // or renditions to make again.
  if (!trash->empty())
    std::printf("note: %zu deleted photos in the trash (restorable until 'gallery gc')\n", trash->size());
  if (unreferenced)
    std::printf("note: %zu originals belong to no photo (interrupted imports; 'gallery gc' removes them)\n",
                unreferenced);
  if (in_use)
    std::printf(shared ? "note: %zu unfinished uploads in the object store (writes in progress, or leftovers "
                         "'gallery gc' aborts)\n"
                       : "note: %zu temporary files while another process has the archive open (writes in "
                         "progress, or leftovers the next lone start removes)\n",
                in_use);
  if (missing_renditions)
    std::printf("note: %zu grid renditions missing (made on demand, or by 'gallery thumbnails rebuild')\n",
                missing_renditions);
  std::printf("%s\n", problems ? "check FAILED" : "check ok");
  if (problems) throw CLI::RuntimeError(kExitSomeFailed);
}

}  // namespace

void AddCheckCommand(CLI::App& app) {
  auto args = std::make_shared<CheckArgs>();
  auto* cmd = AddDataCommand(&app, "check",
                             "Verify the archive: catalog integrity, every original's hash, no temporary file left",
                             args, RunCheck);
  cmd->footer(R"(Only reads: temporary files an interrupted write left (originals' and renditions') are
reported as problems with their paths, not removed; the other commands that open the
archive ('serve', 'import', ...) remove them when no other process has it open. While
another process has it open (a running server), temporary files may be its writes in
progress: they are counted in a note, not as problems.
Exit status 0 when the archive is whole, 1 when a problem was found.)");
  cmd->add_flag("--quick", args->quick, "Skip re-hashing the originals");
}

}  // namespace gallery::cli
