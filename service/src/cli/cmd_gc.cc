// `gallery gc --data DIR`: empties the trash for good and removes the files
// no photo needs any more: the originals and renditions of the photos that
// were in the trash, originals an interrupted import left without a photo,
// and the image service's cached regions and pyramids of every photo no
// longer catalogued (DIR/renditions/iiif, DIR/renditions/pyramids). Until then a deleted photo can be restored. Needs the archive to
// itself: while another process has it open (a running server, an import),
// it refuses and changes nothing.
#include <cstdio>
#include <limits>
#include <set>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "service/data_dir.h"
#include "service/render_status.h"
#include "service/users_lock.h"
#include "thumbnails/pyramid_store.h"
#include "thumbnails/region_cache.h"

namespace gallery::cli {
namespace {

struct GcArgs {
  std::string data;
  bool dry_run = false;
};

// The hashes among the stored originals and `also` that no photo, catalogued
// or in the trash, refers to.
std::vector<std::string> Unreferenced(media::Catalog& catalog, const media::OriginalStore& originals,
                                      const std::vector<std::string>& also = {}) {
  auto stored = originals.List();
  if (!stored.ok()) Fail("cannot list originals", stored.status());
  stored->insert(stored->end(), also.begin(), also.end());
  auto unreferenced = catalog.UnreferencedSha256(*stored);
  if (!unreferenced.ok()) Fail("cannot list originals without a photo", unreferenced.status());
  return *unreferenced;
}

// The keys of the image service's region cache that no photo, catalogued or
// in the trash, refers to (after a purge: no catalogued photo).
std::vector<std::string> OrphanRegions(media::Catalog& catalog, const thumbnails::RegionCache& regions) {
  auto orphans = catalog.UnreferencedSha256(regions.Keys());
  if (!orphans.ok()) Fail("cannot list the cached regions without a photo", orphans.status());
  return *orphans;
}

// The keys of the image service's pyramids that no photo refers to.
std::vector<std::string> OrphanPyramids(media::Catalog& catalog, const thumbnails::PyramidStore& pyramids) {
  auto orphans = catalog.UnreferencedSha256(pyramids.Keys());
  if (!orphans.ok()) Fail("cannot list the cached regions without a photo", orphans.status());
  return *orphans;
}

void RunGc(const GcArgs& a) {
  DataDir dir = DataDirOf(a.data);
  // Held to the end: a process that opens the archive meanwhile waits.
  auto users = UsersLock::Take(dir.users_lock_path());
  if (!users.ok()) Fail("cannot tell whether another process uses " + a.data, users.status());
  if (!users->alone()) {
    std::fprintf(stderr,
                 "gallery: %s is open in another process (a running server or an import); stop it "
                 "and run gc again. Nothing was removed.\n",
                 a.data.c_str());
    throw CLI::RuntimeError(kExitUsage);
  }
  auto catalog = media::Catalog::Open(dir.catalog_path());
  if (!catalog.ok()) Fail("cannot open catalog in " + a.data, catalog.status());
  auto opened = Archive::OpenOriginals(dir);
  if (!opened.ok()) Fail("cannot open the originals", opened.status());
  media::OriginalStore& originals = **opened;
  thumbnails::RenditionCache renditions(dir.renditions_dir());
  // No cap: gc removes what no photo needs, never what is merely old.
  thumbnails::RegionCache regions(dir.iiif_cache_dir(), std::numeric_limits<std::uint64_t>::max());
  thumbnails::PyramidStore pyramids(dir.pyramids_dir());

  auto trash = (*catalog)->ListDeletedPhotos();
  if (!trash.ok()) Fail("cannot read the trash", trash.status());
  if (a.dry_run) {
    std::vector<std::string> orphans = Unreferenced(**catalog, originals);
    for (const media::DeletedPhoto& d : *trash) {
      std::printf("would remove deleted photo %lld (%s, deleted %s)\n", static_cast<long long>(d.id),
                  d.original_filename.c_str(), d.deleted_at.c_str());
    }
    for (const std::string& sha : orphans) std::printf("would remove original %s (no photo)\n", sha.c_str());
    std::vector<std::string> stale = OrphanRegions(**catalog, regions);
    for (const std::string& sha : stale) std::printf("would remove cached regions of %s (no photo)\n", sha.c_str());
    for (const std::string& sha : OrphanPyramids(**catalog, pyramids))
      std::printf("would remove the pyramid of %s (no photo)\n", sha.c_str());
    std::printf("dry run: %zu deleted photos, %zu originals and %zu cached region sets without a photo; "
                "nothing removed\n",
                trash->size(), orphans.size(), stale.size());
    return;
  }

  auto purged = (*catalog)->PurgeDeletedPhotos();
  if (!purged.ok()) Fail("cannot empty the trash", purged.status());
  // Everything no photo refers to now: the purged photos' originals (unless
  // the same bytes were catalogued again) and any earlier orphan.
  std::vector<std::string> unreferenced = Unreferenced(**catalog, originals, *purged);
  std::set<std::string> doomed(unreferenced.begin(), unreferenced.end());
  std::size_t removed = 0, failed = 0;
  for (const std::string& sha : doomed) {
    // Renditions first: a rendition never outlives its original.
    auto cached = renditions.Remove(sha);
    media::Status s = cached.ok() ? originals.Remove(sha) : FromRenderError(cached.error());
    if (s.ok()) {
      ++removed;
    } else {
      ++failed;
      std::fprintf(stderr, "gallery: cannot remove %s: %s\n", sha.c_str(), s.message().c_str());
    }
  }
  // What interrupted writes left (an object store's unfinished uploads; a
  // folder's temporary files, which a lone start removes too).
  if (media::Status swept = originals.RemoveTemporaries(); !swept.ok()) {
    ++failed;
    std::fprintf(stderr, "gallery: cannot remove what interrupted writes left: %s\n", swept.message().c_str());
  }
  // The image service's regions of every photo no longer catalogued: the
  // purged ones', and any a server could not remove when a photo went.
  std::size_t regions_removed = 0;
  for (const std::string& sha : OrphanRegions(**catalog, regions)) {
    auto gone = regions.Remove(sha);
    if (gone.ok()) {
      ++regions_removed;
    } else {
      ++failed;
      std::fprintf(stderr, "gallery: cannot remove the cached regions of %s: %s\n", sha.c_str(),
                   FromRenderError(gone.error()).message().c_str());
    }
  }
  // Their pyramids likewise.
  std::size_t pyramids_removed = 0;
  for (const std::string& sha : OrphanPyramids(**catalog, pyramids)) {
    auto gone = pyramids.Remove(sha);
    if (gone.ok()) {
      ++pyramids_removed;
    } else {
      ++failed;
      std::fprintf(stderr, "gallery: cannot remove the pyramid of %s: %s\n", sha.c_str(),
                   FromRenderError(gone.error()).message().c_str());
    }
  }
  if (pyramids_removed) std::printf("gc: pyramids of %zu photos removed\n", pyramids_removed);
  std::printf("gc: %zu deleted photos removed for good, files of %zu photos removed, cached regions of %zu "
              "photos removed%s\n",
              purged->size(), removed, regions_removed, failed ? " (some failed; run gc again)" : "");
  if (failed) throw CLI::RuntimeError(kExitSomeFailed);
}

}  // namespace

void AddGcCommand(CLI::App& app) {
  auto args = std::make_shared<GcArgs>();
  auto* cmd = AddDataCommand(&app, "gc", "Empty the trash for good and remove the files no photo needs any more",
                             args, RunGc);
  cmd->footer(R"(A deleted photo waits in the trash, with its original and renditions, and can be
restored (POST /api/trash/ID/restore) until gc. gc removes the trash's photos for
good, their files, originals an interrupted import left without a photo, and the
image service's cached regions (DIR/renditions/iiif) and tiled pyramids
(DIR/renditions/pyramids) of photos no longer catalogued. It needs the archive to itself: while a server or an import has it open it refuses
and removes nothing. --dry-run lists what would go.
Exit status 0 when everything was removed, 1 when a file could not be, 2 when refused.)");
  cmd->add_flag("--dry-run", args->dry_run, "List what would be removed; remove nothing");
}

}  // namespace gallery::cli
