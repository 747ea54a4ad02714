// Schema version 3: accounts with a lifecycle. A user can be disabled; a
// credential says whether it is an API token or a web session (a session
// belongs to the user it names), who made it, and when a token was last
// used. Credentials stored by version 2 that carry an expiry and name an
// existing user were made by logging in: they become sessions; every other
// one is a token.
#include "catalog_migrations_list.h"

namespace media::catalog {

const char* const kSchemaV3 = R"sql(
ALTER TABLE app_user ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));
ALTER TABLE app_user ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
ALTER TABLE credential ADD COLUMN kind TEXT NOT NULL DEFAULT 'token'
  CHECK (kind IN ('token', 'session'));
ALTER TABLE credential ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
ALTER TABLE credential ADD COLUMN last_used_at TEXT;
UPDATE credential SET kind = 'session'
  WHERE expires_at IS NOT NULL AND user_name IN (SELECT name FROM app_user);
CREATE INDEX credential_by_kind_user ON credential (kind, user_name);
)sql";

}  // namespace media::catalog
