// Private helpers around the image library: ownership of images and capture of
// its error messages.
#pragma once

#include <vips/vips.h>

#include <memory>
#include <string>

#include "thumbnails/error.h"

namespace thumbnails {

struct GObjectUnref {
  void operator()(VipsImage* image) const {
    if (image) g_object_unref(image);
  }
};
// Owns one reference to an image.
using ImagePtr = std::unique_ptr<VipsImage, GObjectUnref>;

// An Error of `kind` whose message is "<what>: <the library's reasons>", taking
// (and clearing) the library's pending error text. The library keeps one
// error buffer for the whole process: when two threads fail at the same
// moment, a message may carry the other's reason too.
Error VipsFailure(Error::Kind kind, const std::string& what);

// True once Init has succeeded. Thread-safe.
bool IsInitialized();
// The pixel limit in force. Thread-safe.
int64_t MaxPixels();
// The error every entry point returns before Init.
Error NotInitialized();

// True for the library versions whose thread set frees an idle thread while
// a task can still be handed to it (vips_threadset_guard.cc).
bool LibraryThreadsetHasExitRace();
// Called by Init before any pipeline runs: from then on, on those versions,
// the library's idle threads wait without a deadline and are never freed.
void KeepIdleLibraryThreadsIfRacy();

}  // namespace thumbnails
