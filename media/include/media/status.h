// Errors as values for the archive (media/): the base layer's Status and
// Result<T> under media's names. No exception crosses the media library's
// boundary: every fallible public function returns a Status or a Result<T>.
// service/ maps Status codes to HTTP statuses in one place.
#pragma once

#include "base/status.h"

namespace media {

using Status = base::Status;
template <typename T>
using Result = base::Result<T>;

}  // namespace media
