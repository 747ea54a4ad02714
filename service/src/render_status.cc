#include "service/render_status.h"

namespace gallery {

media::Status FromRenderError(const thumbnails::Error& e) {
  using K = thumbnails::Error::Kind;
  switch (e.kind) {
    case K::kUnsupported: return media::Status::Unsupported(e.message);
    case K::kCorrupt: return media::Status::Corrupt(e.message);
    case K::kTooLarge: return media::Status::TooLarge(e.message);
    case K::kNoSpace: return media::Status::NoSpace(e.message);
    case K::kNotFound: return media::Status::NotFound(e.message);
    case K::kInvalidArgument: return media::Status::InvalidArgument(e.message);
    case K::kIOError:
    case K::kInternal: return media::Status::IOError(e.message);
  }
  return media::Status::IOError(e.message);
}

}  // namespace gallery
