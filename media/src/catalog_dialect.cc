#include "catalog_dialect.h"

#include <cctype>
#include <vector>

namespace media::catalog {
namespace {

// The words of a search: runs of ASCII letters and digits and of any
// non-ASCII bytes (the engines' tokenizers split those further).
std::vector<std::string> SearchWords(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u)) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

}  // namespace

std::string JsonEach(const sql::Db& db) {
  return db.engine() == sql::Engine::kSqlite
             ? "json_each(?)"
             : "json_array_elements_text(CAST(? AS json)) WITH ORDINALITY AS json_each(value, key)";
}

std::string IdsIn(const sql::Db& db) { return "(SELECT CAST(value AS BIGINT) FROM " + JsonEach(db) + ")"; }

std::optional<std::pair<std::string, std::string>> SearchCondition(sql::Engine engine,
                                                                   const std::string& text) {
  std::vector<std::string> words = SearchWords(text);
  if (words.empty()) return std::nullopt;
  std::string query;
  if (engine == sql::Engine::kSqlite) {
    // FTS5: each word a quoted string (no operator inside), the last a prefix.
    for (std::size_t i = 0; i < words.size(); ++i) query += (i ? " \"" : "\"") + words[i] + "\"";
    return std::make_pair(std::string("p.id IN (SELECT rowid FROM photo_fts WHERE photo_fts MATCH ?)"),
                          query + "*");
  }
  // tsquery: each word quoted (quotes and backslashes doubled), all required,
  // the last a prefix; accents go as in the index.
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string quoted = "'";
    for (char c : words[i]) {
      if (c == '\'' || c == '\\') quoted += c;
      quoted += c;
    }
    query += (i ? " & " : "") + quoted + "'";
  }
  return std::make_pair(
      std::string("p.id IN (SELECT rowid FROM photo_fts WHERE document @@ "
                  "to_tsquery('simple', unaccent(?)))"),
      query + ":*");
}

const char* InsertSearchRowSql(sql::Engine engine) {
  if (engine == sql::Engine::kSqlite) {
    return R"sql(
INSERT INTO photo_fts (rowid, description, headline, alt_text, keywords, credit_line,
                       original_filename)
SELECT p.id,
  (SELECT group_concat(value, ' ') FROM photo_text WHERE photo_id = p.id AND field = 'description'),
  (SELECT group_concat(value, ' ') FROM photo_text WHERE photo_id = p.id AND field = 'headline'),
  (SELECT group_concat(value, ' ') FROM photo_text WHERE photo_id = p.id AND field = 'alt_text'),
  (SELECT group_concat(keyword, ' ') FROM photo_keyword WHERE photo_id = p.id),
  p.credit_line, p.original_filename
FROM photo p WHERE p.id = ?)sql";
  }
  return R"sql(
INSERT INTO photo_fts (rowid, document)
SELECT p.id, to_tsvector('simple', search_text(concat_ws(' ',
  (SELECT group_concat(value, ' ') FROM photo_text WHERE photo_id = p.id),
  (SELECT group_concat(keyword, ' ') FROM photo_keyword WHERE photo_id = p.id),
  p.credit_line, p.original_filename)))
FROM photo p WHERE p.id = ?)sql";
}

const char* TableColumnsSql(sql::Engine engine) {
  return engine == sql::Engine::kSqlite
             ? "SELECT name FROM pragma_table_info(?)"
             : "SELECT CAST(column_name AS TEXT) FROM information_schema.columns "
               "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position";
}

}  // namespace media::catalog
