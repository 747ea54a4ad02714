// Schema version 2: a deleted photo waits in the trash until `gallery gc`,
// so a deletion can be undone. deleted_photo holds one row per photo in the
// trash; each trash_* table has the columns of the live table it takes rows
// from (catalog_trash.cc copies them by name, and a test checks that the
// column lists match, so a migration that adds a column to one adds it to
// the other).
#include "catalog_migrations_list.h"

namespace media::catalog {

const char* const kSchemaV2 = R"sql(
CREATE TABLE deleted_photo (
  photo_id    INTEGER PRIMARY KEY,
  sha256      TEXT NOT NULL,
  deleted_at  TEXT NOT NULL,           -- 'YYYY-MM-DDTHH:MM:SSZ'
  deleted_by  TEXT NOT NULL DEFAULT '',
  covers      TEXT NOT NULL DEFAULT '[]'  -- JSON: ids of the albums it was the cover of
);
CREATE TABLE trash_photo AS SELECT * FROM photo WHERE 0;
CREATE TABLE trash_photo_text AS SELECT * FROM photo_text WHERE 0;
CREATE TABLE trash_photo_keyword AS SELECT * FROM photo_keyword WHERE 0;
CREATE TABLE trash_album_photo AS SELECT * FROM album_photo WHERE 0;
CREATE INDEX trash_photo_by_id ON trash_photo (id);
CREATE INDEX trash_photo_text_by_photo ON trash_photo_text (photo_id);
CREATE INDEX trash_photo_keyword_by_photo ON trash_photo_keyword (photo_id);
CREATE INDEX trash_album_photo_by_photo ON trash_album_photo (photo_id);
)sql";

}  // namespace media::catalog
