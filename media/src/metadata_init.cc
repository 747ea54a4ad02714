// One-time set-up of the metadata library: BMFF support, a thread-safe XMP
// parser, and its log routed to CollectMetadataLog.
#include <mutex>

#include "metadata_internal.h"

namespace media {
namespace {

std::recursive_mutex g_xmp_mutex;

void XmpLock(void* /*data*/, bool lock) {
  if (lock) g_xmp_mutex.lock();
  else g_xmp_mutex.unlock();
}

}  // namespace

void InitMetadataLibrary() {
  static std::once_flag once;
  std::call_once(once, [] {
    Exiv2::LogMsg::setLevel(Exiv2::LogMsg::warn);
    Exiv2::LogMsg::setHandler(&metadata_internal::CollectMetadataLog);
    Exiv2::enableBMFF(true);
    Exiv2::XmpParser::initialize(&XmpLock, nullptr);
  });
}

}  // namespace media
