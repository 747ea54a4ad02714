// Private: what the on-disk caches (renditions, IIIF regions, pyramids)
// share about their folders.
#pragma once

#include <string>
#include <vector>

#include "thumbnails/error.h"

namespace thumbnails {

// The names in folder `path` ("." and ".." left out); none when it cannot
// be read, with the reason's errno in `*err` when given (0 when it could).
std::vector<std::string> ListDir(const std::string& path, int* err = nullptr);

// A failed file operation: kNoSpace when the disk or quota is full, else
// kIOError; the message is "WHAT PATH: reason".
Error FileError(const std::string& what, const std::string& path, int err);

}  // namespace thumbnails
