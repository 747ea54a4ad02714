// Schema version 1: meetings, albums, photos with per-language texts and
// keywords, edit history, users, credentials, share links, full-text search.
//
// Column names follow IPTC Photo Metadata where it has one (description,
// headline, credit_line, creator, copyright_notice, keywords, event,
// usage_terms). photo_text.field uses the IPTC names: 'description' is the
// caption the API calls "caption".
#include "catalog_migrations_list.h"

namespace media::catalog {

const char* const kSchemaV1 = R"sql(
CREATE TABLE meeting (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  slug            TEXT NOT NULL UNIQUE,
  place           TEXT NOT NULL DEFAULT '',
  start_date      TEXT,            -- YYYY-MM-DD
  end_date        TEXT,            -- YYYY-MM-DD
  default_credit  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE meeting_text (
  meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  field       TEXT NOT NULL CHECK (field IN ('title', 'description')),
  lang        TEXT NOT NULL,
  value       TEXT NOT NULL,
  PRIMARY KEY (meeting_id, field, lang)
) WITHOUT ROWID;

-- AUTOINCREMENT: ids of deleted photos and albums are never reused, so kept
-- history rows and rendition URLs never point at a newcomer.
CREATE TABLE photo (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  sha256             TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  original_filename  TEXT NOT NULL,
  format             TEXT NOT NULL,
  width              INTEGER NOT NULL,
  height             INTEGER NOT NULL,
  orientation        INTEGER NOT NULL DEFAULT 1,
  file_size          INTEGER NOT NULL,
  taken_at           TEXT,           -- ISO 8601 as read, offset when known
  -- taken_at's local date-time 'YYYY-MM-DDTHH:MM:SS', or '~' when unknown
  -- ('~' sorts after every digit: photos without a date come last).
  taken_sort         TEXT NOT NULL DEFAULT '~',
  make               TEXT NOT NULL DEFAULT '',
  model              TEXT NOT NULL DEFAULT '',
  lens               TEXT NOT NULL DEFAULT '',
  exposure_time      REAL,
  f_number           REAL,
  iso                INTEGER,
  focal_length       REAL,
  gps_latitude       REAL,
  gps_longitude      REAL,
  gps_altitude       REAL,
  credit_line        TEXT NOT NULL DEFAULT '',
  creator            TEXT NOT NULL DEFAULT '',
  copyright_notice   TEXT NOT NULL DEFAULT '',
  event              TEXT NOT NULL DEFAULT '',
  usage_terms        TEXT NOT NULL DEFAULT '',
  embargo_until      TEXT,           -- 'YYYY-MM-DDTHH:MM:SSZ'
  meeting_id         INTEGER REFERENCES meeting(id) ON DELETE SET NULL,
  uploaded_at        TEXT NOT NULL,  -- 'YYYY-MM-DDTHH:MM:SSZ'
  uploaded_by        TEXT NOT NULL DEFAULT '',
  version            INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX photo_by_taken ON photo (taken_sort, id);
CREATE INDEX photo_by_meeting ON photo (meeting_id, taken_sort, id);
CREATE INDEX photo_by_credit ON photo (credit_line, taken_sort, id);

CREATE TABLE photo_text (
  photo_id  INTEGER NOT NULL REFERENCES photo(id) ON DELETE CASCADE,
  field     TEXT NOT NULL CHECK (field IN ('description', 'headline', 'alt_text')),
  lang      TEXT NOT NULL,
  value     TEXT NOT NULL,
  PRIMARY KEY (photo_id, field, lang)
) WITHOUT ROWID;

CREATE TABLE photo_keyword (
  photo_id  INTEGER NOT NULL REFERENCES photo(id) ON DELETE CASCADE,
  keyword   TEXT NOT NULL,
  position  INTEGER NOT NULL,
  PRIMARY KEY (photo_id, keyword)
) WITHOUT ROWID;
CREATE INDEX photo_keyword_by_keyword ON photo_keyword (keyword, photo_id);

CREATE TABLE album (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  slug            TEXT NOT NULL UNIQUE,
  meeting_id      INTEGER REFERENCES meeting(id) ON DELETE SET NULL,
  visibility      TEXT NOT NULL DEFAULT 'public'
                  CHECK (visibility IN ('public', 'unlisted', 'private')),
  default_credit  TEXT NOT NULL DEFAULT '',
  cover_photo_id  INTEGER REFERENCES photo(id) ON DELETE SET NULL
);
CREATE INDEX album_by_meeting ON album (meeting_id);
CREATE INDEX album_by_cover ON album (cover_photo_id);

CREATE TABLE album_text (
  album_id  INTEGER NOT NULL REFERENCES album(id) ON DELETE CASCADE,
  field     TEXT NOT NULL CHECK (field IN ('title', 'description')),
  lang      TEXT NOT NULL,
  value     TEXT NOT NULL,
  PRIMARY KEY (album_id, field, lang)
) WITHOUT ROWID;

CREATE TABLE album_photo (
  album_id  INTEGER NOT NULL REFERENCES album(id) ON DELETE CASCADE,
  photo_id  INTEGER NOT NULL REFERENCES photo(id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  PRIMARY KEY (album_id, photo_id)
) WITHOUT ROWID;
CREATE INDEX album_photo_by_position ON album_photo (album_id, position, photo_id);
CREATE INDEX album_photo_by_photo ON album_photo (photo_id);

-- Edit history outlives what it describes: no foreign keys, so deleting a
-- photo, album or meeting keeps its record of changes.
CREATE TABLE edit_history (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  photo_id    INTEGER,
  album_id    INTEGER,
  meeting_id  INTEGER,
  field       TEXT NOT NULL,
  old_value   TEXT NOT NULL,
  new_value   TEXT NOT NULL,
  who         TEXT NOT NULL,
  at          TEXT NOT NULL,
  CHECK ((photo_id IS NOT NULL) + (album_id IS NOT NULL) + (meeting_id IS NOT NULL) = 1)
);
CREATE INDEX edit_history_by_photo ON edit_history (photo_id, id) WHERE photo_id IS NOT NULL;
CREATE INDEX edit_history_by_album ON edit_history (album_id, id) WHERE album_id IS NOT NULL;
CREATE INDEX edit_history_by_meeting ON edit_history (meeting_id, id) WHERE meeting_id IS NOT NULL;

CREATE TABLE app_user (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  name           TEXT NOT NULL UNIQUE,
  password_hash  TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin'))
);

-- API tokens and web sessions: only the SHA-256 of the secret is stored.
CREATE TABLE credential (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  secret_sha256  TEXT NOT NULL UNIQUE CHECK (length(secret_sha256) = 64),
  role           TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
  user_name      TEXT NOT NULL,
  expires_at     TEXT,
  created_at     TEXT NOT NULL
);

CREATE TABLE share_link (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  album_id       INTEGER NOT NULL REFERENCES album(id) ON DELETE CASCADE,
  secret_sha256  TEXT NOT NULL UNIQUE CHECK (length(secret_sha256) = 64),
  expires_at     TEXT,
  created_by     TEXT NOT NULL,
  created_at     TEXT NOT NULL
);
CREATE INDEX share_link_by_album ON share_link (album_id);

-- Search: one row per photo (rowid = photo.id), kept in sync by the catalog
-- on insert, edit and delete. Texts in every language are joined per column.
CREATE VIRTUAL TABLE photo_fts USING fts5 (
  description, headline, alt_text, keywords, credit_line, original_filename,
  tokenize = 'unicode61 remove_diacritics 2'
);
)sql";

}  // namespace media::catalog
