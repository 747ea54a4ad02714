#include "catalog_search.h"

#include <cctype>
#include <vector>

namespace media::catalog {

std::string FtsQuery(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    // Bytes >= 0x80 belong to non-ASCII letters: the tokenizer splits those.
    if (u >= 0x80 || std::isalnum(u)) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  std::string query;
  for (std::size_t i = 0; i < words.size(); ++i) {
    query += (i ? " \"" : "\"") + words[i] + "\"";
  }
  if (!query.empty()) query += "*";
  return query;
}

}  // namespace media::catalog
