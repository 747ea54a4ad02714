// Schema version 6: a meeting's time zone ("Africa/Casablanca"), empty when
// unknown. The pages group a meeting's photos by their day there.
#include "catalog_migrations_list.h"

namespace media::catalog {

const char* const kSchemaV6 = R"sql(
ALTER TABLE meeting ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
)sql";

}  // namespace media::catalog
