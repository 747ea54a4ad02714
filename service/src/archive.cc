#include "service/archive.h"

#include <cstdlib>

#include "media/file_system.h"
#include "media/s3_blob_store.h"
#include "media/metadata.h"
#include "media/sha256.h"
#include "service/render_status.h"
#include "thumbnails/renderer.h"

namespace gallery {

Archive::Archive(DataDir dir, std::unique_ptr<media::Catalog> catalog,
                 std::unique_ptr<media::OriginalStore> originals,
                 std::unique_ptr<thumbnails::RenditionCache> renditions, UsersLock users)
    : dir_(std::move(dir)),
      catalog_(std::move(catalog)),
      originals_(std::move(originals)),
      renditions_(std::move(renditions)),
      users_(std::move(users)) {}

media::Result<std::unique_ptr<Archive>> Archive::Open(const DataDir& dir) {
  media::FileSystem* fs = media::DefaultFileSystem();
  media::Status s = fs->CreateDirs(dir.root);
  if (!s.ok()) return s;
  auto users = UsersLock::Take(dir.users_lock_path());
  if (!users.ok()) return users.status();
  auto catalog = media::Catalog::Open(dir.catalog_path());
  if (!catalog.ok()) return catalog.status();
  auto opened = OpenOriginals(dir);
  if (!opened.ok()) return opened.status();
  std::unique_ptr<media::OriginalStore> originals = std::move(opened.value());
  auto renditions = std::make_unique<thumbnails::RenditionCache>(dir.renditions_dir());
  // Temporaries are left by a process that died while writing; one still
  // running may be writing them now, so only a lone user clears them (and
  // never those of an object store, which other machines may be writing).
  if (users->alone()) {
    s = originals->blobs().SharedAcrossMachines() ? media::Status::OK() : originals->RemoveTemporaries();
    if (!s.ok()) return s;
    auto swept = renditions->RemoveTemporaries();
    if (!swept.ok()) return FromRenderError(swept.error());
  }
  s = users->Share();
  if (!s.ok()) return s;
  return std::unique_ptr<Archive>(new Archive(dir, std::move(catalog.value()), std::move(originals),
                                              std::move(renditions), std::move(users.value())));
}

media::Result<std::unique_ptr<media::OriginalStore>> Archive::OpenOriginals(const DataDir& dir) {
  if (dir.store.empty()) {
    return std::make_unique<media::OriginalStore>(media::DefaultFileSystem(), dir.originals_dir());
  }
  auto location = media::ParseS3StoreUrl(dir.store, [](const char* name) { return std::getenv(name); });
  if (!location.ok()) return location.status();
  auto blobs = media::OpenS3BlobStore(std::move(location.value()), "originals/");
  if (!blobs.ok()) return blobs.status();
  return std::make_unique<media::OriginalStore>(std::move(blobs.value()));
}

const std::vector<thumbnails::Format>& Archive::IngestFormats() {
  // WebP is what the gallery shows; JPEG variants are made on first request.
  static const std::vector<thumbnails::Format> formats = {thumbnails::Format::kWebp};
  return formats;
}

namespace {

// Writes the photo's text into each rendition and stores it in the cache.
// Returns the first failure; the others are still attempted.
// Appends the time of each step to `times` when given.
media::Status CacheWithText(thumbnails::RenditionCache& cache, const media::Photo& photo,
                            const std::vector<thumbnails::Rendition>& renditions,
                            thumbnails::StageTimes* times = nullptr) {
  media::Status first;
  thumbnails::StageClock clock(times);
  for (const auto& r : renditions) {
    const std::string label = r.name + " " + thumbnails::FormatExtension(r.format);
    auto with_text = media::EmbedDescription(thumbnails::FormatImageFormat(r.format), r.bytes, photo.meta,
                                             /*strip_private=*/true);
    clock.Stop("embed text " + label);
    media::Status s = with_text.ok() ? FromRenderResult(cache.Put(photo.sha256, r.name, r.format, *with_text))
                                     : with_text.status();
    clock.Stop("cache write " + label);
    if (!s.ok() && first.ok()) first = s;
  }
  return first;
}

// The original's format as the ingest sniffed it and the catalog keeps it;
// sniffed again only for a row that names none.
base::ImageFormat OriginalFormat(const media::Photo& photo, const std::string& bytes) {
  const base::ImageFormat stored = base::ImageFormatFromName(photo.meta.format);
  return stored != base::ImageFormat::kUnknown ? stored : base::SniffFormat(bytes).format;
}

}  // namespace

media::Result<IngestOutcome> Archive::Ingest(const std::string& bytes, const IngestOptions& options) {
  IngestOutcome outcome;
  thumbnails::StageClock clock(&outcome.times);
  outcome.sha256 = media::Sha256Hex(bytes.data(), bytes.size());
  clock.Stop("hash");
  auto existing = catalog_->FindPhotoBySha256(outcome.sha256);
  if (!existing.ok()) return existing.status();
  clock.Stop("duplicate check");
  if (existing->has_value()) {
    outcome.photo_id = **existing;
    outcome.duplicate = true;
    if (!options.album_slug.empty()) {
      media::Status s = catalog_->AddToAlbum(options.album_slug, {outcome.photo_id}, options.uploaded_by);
      if (!s.ok()) return s;
    }
    return outcome;
  }
  // The one sniff of these bytes: the metadata reader, the renderer and the
  // catalog row take its answer.
  const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
  auto format = media::SniffImageFormat(data, bytes.size());
  if (!format.ok()) return format.status();
  auto meta = media::ReadMetadata(*format, data, bytes.size());
  if (!meta.ok()) return meta.status();
  clock.Stop("metadata read");
  // One decode makes the grid sizes, and refuses an image that does not decode.
  auto set = thumbnails::RenderIngestSet(*format, bytes, IngestFormats());
  if (!set.ok()) return FromRenderError(set.error());
  for (auto& t : set.value().times) outcome.times.push_back(std::move(t));
  clock.Restart();
  if (meta->width == 0 || meta->height == 0) {
    meta->width = set.value().source.width;
    meta->height = set.value().source.height;
  }
  const auto* stored = reinterpret_cast<const std::uint8_t*>(bytes.data());
  media::Status s = options.durable_source.empty()
                        ? originals_->Put(stored, bytes.size(), outcome.sha256)
                        : originals_->Adopt(options.durable_source, stored, bytes.size(), outcome.sha256);
  if (!s.ok()) return s;
  clock.Stop("store original (durable write, acknowledged)");
  media::NewPhoto row;
  row.sha256 = outcome.sha256;
  row.original_filename = options.filename;
  row.file_size = static_cast<std::int64_t>(bytes.size());
  row.meta = std::move(meta.value());
  row.meeting_slug = options.meeting_slug;
  row.album_slug = options.album_slug;
  row.fallback_credit = options.credit;
  row.uploaded_by = options.uploaded_by;
  std::int64_t existing_id = 0;
  auto id = catalog_->AddPhoto(row, &existing_id);
  if (!id.ok() && id.status().code() == media::Status::Code::kConflict && existing_id > 0) {
    outcome.photo_id = existing_id;  // the same bytes arrived at the same time
    outcome.duplicate = true;
    return outcome;
  }
  if (!id.ok()) return id.status();
  outcome.photo_id = *id;
  clock.Stop("catalog insert");
  // The photo is durable now; renditions are a cache and are made again on
  // demand when this step fails.
  auto photo = catalog_->GetPhoto(outcome.photo_id);
  clock.Stop("catalog read back");
  if (photo.ok()) CacheWithText(*renditions_, *photo, set.value().renditions, &outcome.times);
  return outcome;
}

media::Status Archive::RenderRenditions(std::int64_t photo_id, bool all) {
  auto photo = catalog_->GetPhoto(photo_id);
  if (!photo.ok()) return photo.status();
  auto bytes = originals_->Read(photo->sha256);
  if (!bytes.ok()) return bytes.status();
  auto set = thumbnails::RenderIngestSet(OriginalFormat(*photo, *bytes), *bytes, IngestFormats());
  if (!set.ok()) return FromRenderError(set.error());
  std::vector<thumbnails::Rendition> renditions = std::move(set.value().renditions);
  if (all) {
    for (const auto& spec : thumbnails::RenditionTable()) {
      if (spec.made_at_ingest) continue;
      for (auto format : IngestFormats()) {
        auto one = thumbnails::RenderOne(OriginalFormat(*photo, *bytes), *bytes, spec, format);
        if (!one.ok()) return FromRenderError(one.error());
        renditions.push_back(std::move(one.value()));
      }
    }
  }
  return CacheWithText(*renditions_, *photo, renditions);
}

media::Result<std::string> Archive::EnsureRendition(const media::Photo& photo, const std::string& name,
                                                    thumbnails::Format format) {
  const thumbnails::RenditionSpec* spec = thumbnails::FindRendition(name);
  if (!spec) return media::Status::NotFound("no rendition named " + name);
  auto path = renditions_->Path(photo.sha256, name, format);
  if (!path.ok()) return FromRenderError(path.error());
  if (renditions_->Has(photo.sha256, name, format)) return path.value();
  auto bytes = originals_->Read(photo.sha256);
  if (!bytes.ok()) return bytes.status();
  auto one = thumbnails::RenderOne(OriginalFormat(photo, *bytes), *bytes, *spec, format);
  if (!one.ok()) return FromRenderError(one.error());
  media::Status s = CacheWithText(*renditions_, photo, {one.value()});
  if (!s.ok()) return s;
  return path.value();
}

media::Status Archive::RefreshEmbeddedText(std::int64_t photo_id) {
  auto photo = catalog_->GetPhoto(photo_id);
  if (!photo.ok()) return photo.status();
  media::Status first;
  for (const auto& spec : thumbnails::RenditionTable()) {
    for (auto format : {thumbnails::Format::kWebp, thumbnails::Format::kJpeg}) {
      auto cached = renditions_->Get(photo->sha256, spec.name, format);
      if (!cached.ok()) continue;  // not cached: made with the new text on demand
      thumbnails::Rendition r;
      r.name = spec.name;
      r.format = format;
      r.bytes = std::move(cached.value());
      media::Status s = CacheWithText(*renditions_, *photo, {r});
      if (!s.ok() && first.ok()) first = s;
    }
  }
  return first;
}

}  // namespace gallery
