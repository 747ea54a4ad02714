// The page cursor of ListPhotos and ListAlbumPage: the sort key of the last
// row of a page, hex-encoded. Keyset, not an offset: stable when rows are
// added. Not secret: whoever hands cursors to others seals them first.
#pragma once

#include <cstdint>
#include <string>

#include "media/status.h"

namespace media::catalog {

struct PageKey {
  enum Kind { kTaken, kAlbumOrder, kAlbums };
  Kind kind = kTaken;          // photos by date, photos in album order, albums
  std::int64_t album_id = 0;   // album order: the album; albums: the last album
  std::int64_t position = 0;   // album order: the position in it
  std::string taken_sort;      // default order: photo.taken_sort
  std::int64_t photo_id = 0;   // photo orders: the tie-breaker
};

std::string EncodeCursor(const PageKey& key);
// InvalidArgument ("cursor: ...") for anything EncodeCursor did not make.
Result<PageKey> DecodeCursor(const std::string& cursor);

}  // namespace media::catalog
