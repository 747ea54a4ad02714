// `gallery render FILE|PHOTO_ID --rendition NAME [--format webp|jpg] -o OUT`
// and `gallery thumbnails rebuild --data DIR`: renditions from the command
// line, for checking a file and for remaking the cache when the table changes.
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "media/metadata.h"
#include "service/render_status.h"
#include "service/worker_pool.h"
#include "thumbnails/renderer.h"

namespace gallery::cli {
namespace {

struct RenderArgs {
  std::string data, source, rendition = "medium", format = "webp", output;
};

struct RebuildArgs {
  std::string data;
  int jobs = 0;
  bool all = false;
};

// The bytes and the text to write in: from a file as it is, or from a
// catalogued photo (its original, and the catalog's current text).
void LoadSource(const RenderArgs& a, std::string* bytes, media::PhotoMetadata* text) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(a.source, ec)) {
    auto read = media::DefaultFileSystem()->ReadFile(a.source);
    if (!read.ok()) Fail(a.source, read.status());
    *bytes = std::move(read.value());
    auto meta = media::ReadMetadata(reinterpret_cast<const std::uint8_t*>(bytes->data()), bytes->size());
    if (!meta.ok()) Fail(a.source, meta.status(), kExitSomeFailed);
    *text = std::move(meta.value());
    return;
  }
  char* end = nullptr;
  long long id = std::strtoll(a.source.c_str(), &end, 10);
  if (a.source.empty() || *end != '\0' || id <= 0)
    Fail(a.source, media::Status::NotFound("neither a file nor a photo id"));
  auto archive = OpenArchiveOrExit(a.data);
  auto photo = archive->catalog().GetPhoto(id);
  if (!photo.ok()) Fail("photo " + a.source, photo.status());
  auto read = archive->originals().Read(photo->sha256);
  if (!read.ok()) Fail("photo " + a.source, read.status(), kExitSomeFailed);
  *bytes = std::move(read.value());
  *text = photo->meta;
}

void RunRender(const RenderArgs& a) {
  const thumbnails::RenditionSpec* spec = thumbnails::FindRendition(a.rendition);
  if (!spec) Fail("--rendition", media::Status::InvalidArgument("no rendition named " + a.rendition));
  thumbnails::Format format;
  if (a.format == "webp") format = thumbnails::Format::kWebp;
  else if (a.format == "jpg" || a.format == "jpeg") format = thumbnails::Format::kJpeg;
  else Fail("--format", media::Status::InvalidArgument("format must be webp or jpg, not " + a.format));
  std::string bytes;
  media::PhotoMetadata text;
  LoadSource(a, &bytes, &text);
  auto rendition = thumbnails::RenderOne(bytes, *spec, format);
  if (!rendition.ok()) Fail(a.source, FromRenderError(rendition.error()), kExitSomeFailed);
  auto with_text = media::EmbedDescription(rendition.value().bytes, text, /*strip_private=*/true);
  if (!with_text.ok()) Fail(a.source, with_text.status(), kExitSomeFailed);
  auto file = media::DefaultFileSystem()->NewWritableFile(a.output);
  if (!file.ok()) Fail(a.output, file.status());
  media::Status s = (*file)->Append(with_text->data(), with_text->size());
  if (s.ok()) s = (*file)->Close();
  if (!s.ok()) Fail(a.output, s);
  std::printf("%s %dx%d %s\n", a.output.c_str(), rendition.value().width, rendition.value().height,
              thumbnails::FormatMimeType(format));
}

// Every catalogued photo's id, page by page.
std::vector<std::int64_t> AllPhotoIds(media::Catalog& catalog) {
  std::vector<std::int64_t> ids;
  media::PhotoFilter f;
  f.limit = 500;
  for (;;) {
    auto page = catalog.ListPhotos(f);
    if (!page.ok()) Fail("cannot list photos", page.status());
    for (const auto& p : page->photos) ids.push_back(p.id);
    if (page->next_cursor.empty()) return ids;
    f.cursor = page->next_cursor;
  }
}

void RunRebuild(const RebuildArgs& a) {
  auto archive = OpenArchiveOrExit(a.data);
  std::vector<std::int64_t> ids = AllPhotoIds(archive->catalog());
  const int jobs = a.jobs > 0 ? a.jobs : std::max(1u, std::thread::hardware_concurrency());
  std::atomic<std::size_t> done{0}, failed{0};
  std::mutex out;
  {
    WorkerPool pool(jobs, static_cast<std::size_t>(jobs) * 2);
    for (std::int64_t id : ids) {
      pool.Submit([&, id] {
        media::Status s = archive->RenderRenditions(id, a.all);
        std::lock_guard<std::mutex> l(out);
        std::size_t n = ++done;
        if (!s.ok()) {
          ++failed;
          std::printf("failed: photo %lld: %s\n", static_cast<long long>(id), s.message().c_str());
        } else {
          std::printf("[%zu/%zu] photo %lld\n", n, ids.size(), static_cast<long long>(id));
        }
        std::fflush(stdout);
      });
    }
    pool.Wait();
  }
  std::printf("rebuilt %zu, failed %zu\n", ids.size() - failed.load(), failed.load());
  if (failed.load()) throw CLI::RuntimeError(kExitSomeFailed);
}

}  // namespace

void AddRenderCommand(CLI::App& app) {
  auto args = std::make_shared<RenderArgs>();
  auto* cmd = AddDataCommand(&app, "render", "Render one rendition of a file or a catalogued photo", args, RunRender);
  cmd->add_option("source", args->source, "An image file, or a photo id in --data")->required();
  cmd->add_option("--rendition", args->rendition, "tile, small, medium or large")->capture_default_str();
  cmd->add_option("--format", args->format, "webp or jpg")->capture_default_str();
  cmd->add_option("-o,--output", args->output, "The file to write")->required();
}

void AddThumbnailsCommand(CLI::App& app) {
  auto args = std::make_shared<RebuildArgs>();
  auto* rebuild = AddDataCommand(AddCommandGroup(app, "thumbnails", "Manage the rendition cache"), "rebuild",
                                 "Render every photo's renditions again", args, RunRebuild);
  rebuild->add_option("--jobs", args->jobs, "Parallel workers (default: one per core)");
  rebuild->add_flag("--all", args->all, "Also the sizes otherwise made on first request (large)");
}

}  // namespace gallery::cli
