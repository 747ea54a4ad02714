#include "catalog_cursor.h"

#include <vector>

#include "catalog_validate.h"

namespace media::catalog {
namespace {

constexpr char kSep = '\x1f';

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> parts(1);
  for (char c : s) {
    if (c == kSep) parts.emplace_back(); else parts.back() += c;
  }
  return parts;
}

bool ParseId(const std::string& s, std::int64_t* out) {
  if (s.empty() || s.size() > 18) return false;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::string EncodeCursor(const PageKey& key) {
  const std::string sep(1, kSep);
  std::string raw;
  switch (key.kind) {
    case PageKey::kAlbumOrder:
      raw = "a" + sep + std::to_string(key.album_id) + sep + std::to_string(key.position) + sep +
            std::to_string(key.photo_id);
      break;
    case PageKey::kTaken:
      raw = "t" + sep + key.taken_sort + sep + std::to_string(key.photo_id);
      break;
    case PageKey::kAlbums:
      raw = "l" + sep + std::to_string(key.album_id);
      break;
  }
  return HexEncode(raw);
}

Result<PageKey> DecodeCursor(const std::string& cursor) {
  Status bad = Status::InvalidArgument("cursor: not a cursor of this listing");
  std::string raw;
  if (cursor.size() > 400 || !HexDecode(cursor, &raw)) return bad;
  std::vector<std::string> parts = Split(raw);
  PageKey key;
  if (parts.size() == 4 && parts[0] == "a") {
    key.kind = PageKey::kAlbumOrder;
    if (!ParseId(parts[1], &key.album_id) || !ParseId(parts[2], &key.position) ||
        !ParseId(parts[3], &key.photo_id)) {
      return bad;
    }
    return key;
  }
  if (parts.size() == 3 && parts[0] == "t" &&
      (parts[1] == "~" || TakenSortKey(parts[1]) == parts[1]) && ParseId(parts[2], &key.photo_id)) {
    key.taken_sort = parts[1];
    return key;
  }
  if (parts.size() == 2 && parts[0] == "l" && ParseId(parts[1], &key.album_id)) {
    key.kind = PageKey::kAlbums;
    return key;
  }
  return bad;
}

}  // namespace media::catalog
