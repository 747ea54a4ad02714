#include "thumbnails/init.h"

#include <atomic>
#include <mutex>

#include "vips_support.h"

namespace thumbnails {

namespace {

std::atomic<bool> g_initialized{false};
std::atomic<int> g_threads_per_job{Settings().threads_per_job};
std::atomic<int64_t> g_max_pixels{Settings().max_pixels};
std::mutex g_init_mutex;

// Only the buffer loaders of the accepted formats stay callable.
void RestrictLoaders() {
  vips_block_untrusted_set(TRUE);
  vips_operation_block_set("VipsForeignLoad", TRUE);
  for (const char* loader : {"VipsForeignLoadJpegBuffer", "VipsForeignLoadPngBuffer",
                             "VipsForeignLoadTiffBuffer", "VipsForeignLoadWebpBuffer",
                             "VipsForeignLoadHeifBuffer"})
    vips_operation_block_set(loader, FALSE);
}

// The image library's own warnings (a damaged tile, a bad profile) would go
// to stderr; the error that matters reaches the caller as an Error, so they
// are dropped here.
void DropLibraryWarnings(const gchar*, GLogLevelFlags, const gchar*, gpointer) {}

}  // namespace

Result<void> Init(const Settings& settings) {
  if (settings.threads_per_job < 1 || settings.threads_per_job > 64)
    return Error{Error::kInvalidArgument, "Init: threads_per_job must be 1..64, got " +
                                              std::to_string(settings.threads_per_job)};
  if (settings.max_pixels < 1)
    return Error{Error::kInvalidArgument, "Init: max_pixels must be positive, got " +
                                              std::to_string(settings.max_pixels)};
  std::lock_guard<std::mutex> lock(g_init_mutex);
  if (!g_initialized.load()) {
    if (VIPS_INIT("gallery") != 0) return VipsFailure(Error::kInternal, "vips_init");
    // Before any pipeline runs: see vips_threadset_guard.cc.
    KeepIdleLibraryThreadsIfRacy();
    vips_cache_set_max(0);
    RestrictLoaders();
    g_log_set_handler("VIPS", static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE |
                                                          G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG),
                      DropLibraryWarnings, nullptr);
  }
  vips_concurrency_set(settings.threads_per_job);
  g_threads_per_job = settings.threads_per_job;
  g_max_pixels = settings.max_pixels;
  g_initialized = true;
  return {};
}

Settings CurrentSettings() {
  Settings s;
  s.threads_per_job = g_threads_per_job.load();
  s.max_pixels = g_max_pixels.load();
  return s;
}

bool IsInitialized() { return g_initialized.load(); }
int64_t MaxPixels() { return g_max_pixels.load(); }

}  // namespace thumbnails
