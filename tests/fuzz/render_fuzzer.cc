// Fuzzes thumbnails::Probe and thumbnails::RenderIngestSet on arbitrary bytes,
// with a small pixel limit so that every input stays fast. Whatever the input,
// both return (no crash, no sanitizer report, no hang); what Probe refuses is
// refused by the renderer too; a rendered set describes the probed source and
// holds non-empty renditions no larger than their spec or the source.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "thumbnails/init.h"
#include "thumbnails/probe.h"
#include "thumbnails/renderer.h"
#include "thumbnails/rendition_spec.h"

namespace {

constexpr std::int64_t kMaxPixels = 1'000'000;

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "render fuzzer: %s\n", what.c_str());
  std::abort();
}

void CheckSet(const thumbnails::ProbeInfo& probe, const thumbnails::IngestSet& set) {
  if (set.source.width != probe.width || set.source.height != probe.height ||
      set.source.orientation != probe.orientation)
    Fail("the rendered set's source differs from Probe's");
  if (set.renditions.empty()) Fail("an empty rendered set");
  for (const thumbnails::Rendition& r : set.renditions) {
    const thumbnails::RenditionSpec* spec = thumbnails::FindRendition(r.name);
    if (spec == nullptr) Fail("unknown rendition " + r.name);
    if (r.bytes.empty() || r.width < 1 || r.height < 1 || r.width > spec->size ||
        r.height > spec->size || r.width > probe.width || r.height > probe.height)
      Fail("rendition " + r.name + " is " + std::to_string(r.width) + "x" +
           std::to_string(r.height) + " for a " + std::to_string(probe.width) + "x" +
           std::to_string(probe.height) + " source");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  thumbnails::Settings settings;
  settings.threads_per_job = 1;
  settings.max_pixels = kMaxPixels;
  auto init = thumbnails::Init(settings);
  if (!init.ok()) Fail("Init: " + init.error().message);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto probe = thumbnails::Probe(bytes);
  if (probe.ok() && (probe.value().width < 1 || probe.value().height < 1 ||
                     std::int64_t{probe.value().width} * probe.value().height > kMaxPixels))
    Fail("Probe accepted a " + std::to_string(probe.value().width) + "x" +
         std::to_string(probe.value().height) + " image");
  if (!probe.ok() && probe.error().kind == thumbnails::Error::kInternal)
    Fail("Probe: internal error: " + probe.error().message);
  auto set = thumbnails::RenderIngestSet(bytes);
  if (!probe.ok()) {
    if (set.ok()) Fail("rendered what Probe refused: " + probe.error().message);
    return 0;
  }
  if (set.ok()) CheckSet(probe.value(), set.value());
  return 0;
}
