// The one workaround for a race in the image library's thread set, confined
// to this file (see README, "Library threads").
//
// libvips 8.14 runs every pipeline's workers on threads of one process-wide
// thread set. An idle thread waits for its next task with a 15 s deadline
// (vips_semaphore_down_timeout); when the deadline passes it takes itself
// off the free list and frees itself. Between the deadline and taking the
// set's lock, another thread starting a pipeline can still take it off the
// free list and hand it a task: the task is written into freed memory and the
// semaphore of a freed thread is raised. The pipeline then hangs, or the
// process dies with a segmentation fault when the memory was reused. Seen as
// `gallery import` ending with exit 139 once on a loaded machine, where a run
// lasts long enough for library threads to reach the deadline mid-run.
//
// The library calls vips_semaphore_down_timeout (a public function) through
// its symbol table, so the definition below, in our executable, is the one
// it calls. Once Init has found a library version with the racy thread set,
// an idle wait has no deadline: library threads are kept for the life of the
// process (as many as the most pipelines that ran at once, a few per worker)
// and a task is never handed to a thread that is leaving. Any other version
// gets the library's own function, deadline and all.
#include <dlfcn.h>

#include <atomic>

#include "thumbnails/init.h"
#include "vips_support.h"

namespace thumbnails {

namespace {

std::atomic<bool> g_keep_idle_threads{false};

using DownTimeout = int (*)(VipsSemaphore*, gint64);

// The library's own vips_semaphore_down_timeout, the next definition after
// ours; null if it cannot be found.
DownTimeout LibraryDownTimeout() {
  static const DownTimeout own =
      reinterpret_cast<DownTimeout>(dlsym(RTLD_NEXT, "vips_semaphore_down_timeout"));
  return own;
}

}  // namespace

bool LibraryThreadsetHasExitRace() {
  // 8.14 introduced the deadline; upstream rewrote the thread set on a GLib
  // queue during 8.15 and no longer calls vips_semaphore_down_timeout there.
  // The whole of 8.15 is treated as racy: keeping threads is harmless.
  return vips_version(0) == 8 && (vips_version(1) == 14 || vips_version(1) == 15);
}

void KeepIdleLibraryThreadsIfRacy() { g_keep_idle_threads = LibraryThreadsetHasExitRace(); }

bool IdleLibraryThreadsAreKept() { return g_keep_idle_threads.load(); }

}  // namespace thumbnails

// Replaces the library's function for the whole process (see the top of the
// file). Returns what the library's does: the semaphore's new value, or -1
// when `timeout` microseconds passed first (never while threads are kept).
extern "C" int vips_semaphore_down_timeout(VipsSemaphore* s, gint64 timeout) {
  if (!thumbnails::g_keep_idle_threads.load()) {
    if (thumbnails::DownTimeout own = thumbnails::LibraryDownTimeout()) return own(s, timeout);
  }
  return vips_semaphore_down(s);
}
