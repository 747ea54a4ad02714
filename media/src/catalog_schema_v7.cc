// Schema version 7 (both engines): what every process serving the archive
// must share. Failed logins (media/login_attempts.h; a row lives until its
// window ends), and the server's keys by name (the key that seals page
// cursors: a cursor one process handed out opens on any other).
#include "catalog_migrations_list.h"

namespace media::catalog {

const char* const kSchemaV7 = R"sql(
CREATE TABLE login_attempt (
  attempt_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_end BIGINT NOT NULL
);
CREATE INDEX login_attempt_by_end ON login_attempt (window_end);
CREATE TABLE server_key (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql";

}  // namespace media::catalog
