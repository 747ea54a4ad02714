// `gallery import PATH...`: files and folders (recursively) into the archive,
// on a pool of workers, with a progress bar on a terminal and one plain line
// per file otherwise, then a summary. A line saying a file was imported is
// printed only once the photo is durable, so Ctrl-C or a crash loses nothing
// that was reported imported.
#include <malloc.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "cli/file_walk.h"
#include "service/refusal.h"
#include "cli/stage_report.h"
#include "service/worker_pool.h"

namespace gallery::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxFileBytes = 1ull << 30;  // 1 GiB: larger is not a photo

struct ImportArgs {
  std::string data, meeting, album, credit, user;
  std::vector<std::string> paths;
  int jobs = 0;
  bool timings = false;
};

std::string ReadReason(const std::string& path, std::string* bytes) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) return "cannot read: " + ec.message();
  if (size > kMaxFileBytes) return "too large to be a photo (" + std::to_string(size) + " bytes)";
  auto read = media::DefaultFileSystem()->ReadFile(path);
  if (!read.ok()) return read.status().message();
  *bytes = std::move(read.value());
  return "";
}

void RunImport(const ImportArgs& a) {
  // Two malloc arenas instead of one per thread: the image library's threads
  // otherwise each keep freed buffers, which raises the peak RSS.
  mallopt(M_ARENA_MAX, 2);
  // Decoded photos (9 MB for 12 MP at half scale) are allocated and freed once
  // per photo: kept in the heap rather than mapped afresh each time, they
  // cost no page faults (about a tenth of the import's CPU time, measured).
  // Larger blocks (a progressive JPEG's coefficients) are still mapped, so
  // the heap does not keep them after the photo (a higher threshold raised
  // the peak RSS of progressive files by a third).
  mallopt(M_MMAP_THRESHOLD, 16 << 20);
  mallopt(M_TRIM_THRESHOLD, 32 << 20);
  auto archive = OpenArchiveOrExit(a.data);
  // Unknown collections are a setup error, found before any file is read.
  if (!a.meeting.empty()) {
    auto m = archive->catalog().GetMeeting(a.meeting);
    if (!m.ok()) Fail("meeting " + a.meeting, m.status());
  }
  if (!a.album.empty()) {
    auto al = archive->catalog().GetAlbum(a.album);
    if (!al.ok()) Fail("album " + a.album, al.status());
  }
  std::vector<Failure> setup_failures;
  std::vector<std::string> files = CollectFiles(a.paths, &setup_failures);

  CatchInterrupts();

  const int jobs = a.jobs > 0 ? a.jobs : std::max(1u, std::thread::hardware_concurrency());
  Progress progress(files.size(), isatty(STDOUT_FILENO));
  std::atomic<std::size_t> not_attempted{0};
  StageReport stages;
  IngestOptions base;
  base.meeting_slug = a.meeting;
  base.album_slug = a.album;
  base.credit = a.credit;
  base.uploaded_by = a.user;
  {
    WorkerPool pool(jobs, static_cast<std::size_t>(jobs) * 2);
    for (const auto& path : files) {
      pool.Submit([&, path] {
        if (Interrupted()) {
          not_attempted++;
          return;
        }
        thumbnails::StageTimes read_time;
        thumbnails::StageClock clock(&read_time);
        std::string bytes;
        std::string reason = ReadReason(path, &bytes);
        if (!reason.empty()) return progress.Failed(path, reason);
        clock.Stop("read file");
        IngestOptions options = base;
        options.filename = fs::path(path).filename().string();
        auto outcome = archive->Ingest(bytes, options);
        if (!outcome.ok()) {
          // The libraries' own words go to standard error as the detail; the
          // report and its summary give the plain reason.
          std::optional<Refusal> refusal = RefusalOf(outcome.status(), bytes);
          if (!refusal) return progress.Failed(path, outcome.status().message());
          std::fprintf(stderr, "detail: %s: %s\n", path.c_str(), outcome.status().message().c_str());
          return progress.Failed(path, refusal->message);
        }
        if (a.timings) {
          stages.Add(read_time);
          stages.Add(outcome->times);
        }
        progress.Imported(path, outcome->photo_id, outcome->duplicate);
      });
    }
    pool.Wait();
  }
  std::size_t failed = progress.Summary(setup_failures, not_attempted.load());
  if (a.timings) stages.Print(stdout);
  if (Interrupted()) throw CLI::RuntimeError(130);
  if (failed > 0) throw CLI::RuntimeError(kExitSomeFailed);
}

}  // namespace

void AddImportCommand(CLI::App& app) {
  auto args = std::make_shared<ImportArgs>();
  auto* cmd = AddDataCommand(&app, "import", "Import photos from files and folders (recursively)", args, RunImport);
  cmd->add_option("paths", args->paths, "Files and folders to import")->required();
  cmd->add_option("--meeting", args->meeting, "Meeting the photos belong to (slug)");
  cmd->add_option("--album", args->album, "Album to add the photos to (slug)");
  cmd->add_option("--credit", args->credit, "Credit line for photos that carry none");
  cmd->add_option("--jobs", args->jobs, "Parallel workers (default: one per core)");
  cmd->add_option("--user", args->user, "Recorded as the uploader");
  cmd->add_flag("--timings", args->timings, "After the summary, print the time spent in each stage");
}

}  // namespace gallery::cli
