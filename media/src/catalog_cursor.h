// The opaque page cursor of ListPhotos: the sort key of the last photo of a
// page, hex-encoded. Keyset, not an offset: stable when photos are added.
#pragma once

#include <cstdint>
#include <string>

#include "media/status.h"

namespace media::catalog {

struct PageKey {
  bool album_order = false;
  std::int64_t album_id = 0;   // album order: the album
  std::int64_t position = 0;   // album order: the position in it
  std::string taken_sort;      // default order: photo.taken_sort
  std::int64_t photo_id = 0;   // both orders: the tie-breaker
};

std::string EncodeCursor(const PageKey& key);
// InvalidArgument ("cursor: ...") for anything EncodeCursor did not make.
Result<PageKey> DecodeCursor(const std::string& cursor);

}  // namespace media::catalog
