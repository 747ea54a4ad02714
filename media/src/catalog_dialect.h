// The few places where the catalog's SQL differs between SQLite and
// PostgreSQL, each chosen by the connection's engine. Everything else is
// written once, in SQL both accept; the functions both lack are defined by
// each engine (utc_now(), and group_concat(text, text) in PostgreSQL).
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "sql_db.h"

namespace media::catalog {

// A FROM item over the JSON array bound to one `?`: columns `value` (the
// element as text) and `key` (its position, in order).
std::string JsonEach(const sql::Db& db);
// "(SELECT … )": the ids of the JSON array of integers bound to one `?`, for
// `id IN …`.
std::string IdsIn(const sql::Db& db);

// The condition "photo p matches the search text" and the one value to bind
// to its `?`; nothing when the text has no word to look for. Words are
// matched case- and accent-insensitively, all of them, the last as a prefix.
std::optional<std::pair<std::string, std::string>> SearchCondition(sql::Engine engine,
                                                                   const std::string& text);
// Rewrites the search row of photo `?` from its texts (the row must be gone).
const char* InsertSearchRowSql(sql::Engine engine);

// One column `name`, the columns of the table bound to `?` in their order.
const char* TableColumnsSql(sql::Engine engine);

}  // namespace media::catalog
