// Process-wide set-up of the image library. Call Init once at start-up, before
// any worker thread renders.
#pragma once

#include <cstdint>

#include "thumbnails/error.h"

namespace thumbnails {

struct Settings {
  // Image-library threads used by one render. One per worker, and as many
  // workers as cores, is the fastest arrangement measured on this machine kind.
  int threads_per_job = 1;
  // Images whose declared width × height exceeds this are refused (kTooLarge)
  // from their header, before any pixel is decoded.
  int64_t max_pixels = 100'000'000;
};

// Starts the image library and locks it down for untrusted input:
//  - untrusted loaders blocked, and every loader except the JPEG, PNG, TIFF,
//    WebP and HEIF/AVIF buffer loaders blocked (process-wide: nothing else in
//    the process can load other formats through the image library afterwards);
//  - the operation cache off;
//  - `threads_per_job` threads per pipeline; `max_pixels` as the pixel limit;
//  - on library versions with the thread-set race, idle library threads kept
//    (IdleLibraryThreadsAreKept).
// On failure (the library does not start, or a setting is out of range:
// threads_per_job outside 1..64, max_pixels < 1) returns an Error and the
// previous settings stay. May be called again to change the settings, but not
// while a render is running. Probe and the renderers return kInternal until
// Init has succeeded once.
Result<void> Init(const Settings& settings);

// The settings in force (the defaults before Init). Thread-safe.
Settings CurrentSettings();

// True once Init has found an image library whose thread set can hand a task
// to an idle thread that is freeing itself (libvips 8.14 and 8.15): its idle
// threads are then kept for the life of the process instead of leaving after
// 15 s. Thread-safe.
bool IdleLibraryThreadsAreKept();

}  // namespace thumbnails
