// Schema version 4: location privacy. A meeting or an album may show where
// its photos were taken (GPS) to everyone who sees them; by default only
// editors and admins see locations.
#include "catalog_migrations_list.h"

namespace media::catalog {

const char* const kSchemaV4 = R"sql(
ALTER TABLE meeting ADD COLUMN show_location INTEGER NOT NULL DEFAULT 0 CHECK (show_location IN (0, 1));
ALTER TABLE album ADD COLUMN show_location INTEGER NOT NULL DEFAULT 0 CHECK (show_location IN (0, 1));
)sql";

}  // namespace media::catalog
