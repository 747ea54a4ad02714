// The archive opened from a data folder: catalog, original store and
// rendition cache together, and the ingest path that fills them. Shared by
// the command line and the HTTP server.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "media/catalog.h"
#include "media/original_store.h"
#include "media/status.h"
#include "service/data_dir.h"
#include "service/users_lock.h"
#include "thumbnails/rendition_cache.h"
#include "thumbnails/stage_time.h"

namespace gallery {

struct IngestOptions {
  std::string filename;        // the user's name for the file: text, never a path
  std::string meeting_slug;    // optional
  std::string album_slug;      // optional
  std::string credit;          // optional: fills a missing credit
  std::string uploaded_by;
  // Optional: a file holding exactly the bytes, already durable and never
  // written again (a finished resumable upload), which the original store
  // may take as the original instead of writing the bytes a second time.
  std::string durable_source;
};

struct IngestOutcome {
  std::int64_t photo_id = 0;
  std::string sha256;
  bool duplicate = false;      // the same bytes were already catalogued
  thumbnails::StageTimes times;  // wall time of each step taken, in order
};

class Archive {
 public:
  // Opens (creating when needed) the archive in `dir` and holds its users
  // lock until destroyed. When no other process has `dir` open, removes the
  // temporary files an interrupted run left behind, in the original store and
  // in the rendition cache (only files named as those stores name their
  // temporaries); otherwise leaves them, since the other process may be
  // writing them. Fails (IOError) when the lock cannot be taken or a leftover
  // cannot be listed or removed.
  static media::Result<std::unique_ptr<Archive>> Open(const DataDir& dir);

  // The original store `dir` names: the folder DIR/originals, or the object
  // store of `dir.store` (InvalidArgument for a bad URL or missing
  // credentials, Busy when it cannot be reached).
  static media::Result<std::unique_ptr<media::OriginalStore>> OpenOriginals(const DataDir& dir);

  // Ingests one photo, on the calling thread (call it from a worker, never
  // from an HTTP thread: it decodes). In order: hash; if the bytes are
  // already catalogued, the existing photo (duplicate=true); read metadata;
  // make the grid renditions from one decode (this refuses broken images);
  // store the original durably; commit the catalog row. On OK the photo is
  // durable. On error nothing new is visible in the catalog, and the status
  // names the reason (Unsupported, Corrupt, TooLarge, NotFound for an
  // unknown album or meeting, IOError, NoSpace). Thread-safe.
  media::Result<IngestOutcome> Ingest(const std::string& bytes, const IngestOptions& options);

  // Writes the grid renditions (and `large` when `all` is set) of a catalogued
  // photo into the cache, replacing what was there, with the catalog's
  // current text written in. Decodes: call from a worker. Thread-safe.
  media::Status RenderRenditions(std::int64_t photo_id, bool all);

  // The path of a cached rendition of `photo`, rendering it first when it is
  // missing (the `large` size, a JPEG variant, or one lost from the cache).
  // May decode: call from a worker. NotFound for an unknown rendition name.
  media::Result<std::string> EnsureRendition(const media::Photo& photo, const std::string& name,
                                             thumbnails::Format format);

  // Rewrites the text (caption, credit, ...) embedded in the photo's cached
  // renditions after an edit, without decoding pixels. Thread-safe.
  media::Status RefreshEmbeddedText(std::int64_t photo_id);

  // The formats made at ingest for the grid sizes; others are made on demand.
  static const std::vector<thumbnails::Format>& IngestFormats();

  media::Catalog& catalog() { return *catalog_; }
  media::OriginalStore& originals() { return *originals_; }
  thumbnails::RenditionCache& renditions() { return *renditions_; }
  const DataDir& dir() const { return dir_; }

 private:
  Archive(DataDir dir, std::unique_ptr<media::Catalog> catalog,
          std::unique_ptr<media::OriginalStore> originals,
          std::unique_ptr<thumbnails::RenditionCache> renditions, UsersLock users);
  DataDir dir_;
  std::unique_ptr<media::Catalog> catalog_;
  std::unique_ptr<media::OriginalStore> originals_;
  std::unique_ptr<thumbnails::RenditionCache> renditions_;
  UsersLock users_;  // held for the archive's life
};

}  // namespace gallery
