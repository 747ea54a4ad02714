// Schema version 5: a meeting's cover. An editor may choose one of the
// meeting's photos as its cover, as for albums; deleting that photo clears
// the choice.
#include "catalog_migrations_list.h"

namespace media::catalog {

const char* const kSchemaV5 = R"sql(
ALTER TABLE meeting ADD COLUMN cover_photo_id INTEGER REFERENCES photo(id) ON DELETE SET NULL;
CREATE INDEX meeting_by_cover ON meeting (cover_photo_id);
)sql";

}  // namespace media::catalog
