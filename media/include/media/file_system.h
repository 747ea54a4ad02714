// The archive's door to the file system: the base layer's FileSystem (see
// base/file_system.h) under media's names. It lives below media/ so that the
// rendition cache (thumbnails/, which never depends on media/) writes through
// the same interface, and fault injection sees its writes too.
#pragma once

#include "base/file_system.h"
#include "media/status.h"

namespace media {

using WritableFile = base::WritableFile;
using FileSystem = base::FileSystem;
using base::DefaultFileSystem;

}  // namespace media
