// Fuzzes media::ReadMetadata on arbitrary bytes. Whatever the input, it
// returns (no crash, no sanitizer report), an error is Unsupported or Corrupt,
// and a success describes a positive size and an orientation in 1..8.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "media/metadata.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  media::InitMetadataLibrary();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  media::Result<media::PhotoMetadata> meta = media::ReadMetadata(data, size);
  if (!meta.ok()) {
    media::Status::Code code = meta.status().code();
    if (code != media::Status::Code::kUnsupported && code != media::Status::Code::kCorrupt) {
      std::fprintf(stderr, "ReadMetadata: unexpected error %s\n", meta.status().ToString().c_str());
      std::abort();
    }
    return 0;
  }
  if (meta->width <= 0 || meta->height <= 0 || meta->orientation < 1 || meta->orientation > 8) {
    std::fprintf(stderr, "ReadMetadata: %dx%d orientation %d\n", meta->width, meta->height,
                 meta->orientation);
    std::abort();
  }
  return 0;
}
