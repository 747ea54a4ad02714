// Turns the renditions library's errors into the archive's Status, so every
// error reaching the command line or HTTP speaks one vocabulary.
#pragma once

#include "media/status.h"
#include "thumbnails/error.h"

namespace gallery {

media::Status FromRenderError(const thumbnails::Error& error);

template <typename T>
media::Status FromRenderResult(const thumbnails::Result<T>& r) {
  return r.ok() ? media::Status::OK() : FromRenderError(r.error());
}

}  // namespace gallery
