// Where things live inside a data folder (`--data DIR`). One place, so the
// command line, the server and the tests agree.
#pragma once

#include <string>

namespace gallery {

struct DataDir {
  explicit DataDir(std::string root, std::string store = "", std::string catalog = "");
  std::string root;
  // Where the originals live: "" for DIR/originals, or an object store URL
  // (s3://BUCKET?endpoint=...&region=..., see media/s3_blob_store.h).
  std::string store;
  // Where the catalog lives: "" for DIR/catalog.db (SQLite), or a PostgreSQL
  // URL (postgresql://USER@HOST:PORT/DATABASE).
  std::string catalog;
  std::string catalog_path() const;     // `catalog`, else DIR/catalog.db
  std::string originals_dir() const;    // DIR/originals
  std::string renditions_dir() const;   // DIR/renditions
  std::string iiif_cache_dir() const;   // DIR/renditions/iiif: the image service's regions
  std::string pyramids_dir() const;     // DIR/renditions/pyramids: the image service's tiled pyramids
  std::string users_lock_path() const;  // DIR/users.lock
  std::string cursor_key_path() const;  // DIR/cursor.key: seals page cursors
  std::string uploads_dir() const;      // DIR/uploads: resumable uploads not yet whole
};

}  // namespace gallery
