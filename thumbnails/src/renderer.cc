#include "thumbnails/renderer.h"

#include <algorithm>

#include "decode.h"
#include "encode.h"
#include "geometry.h"
#include "resample.h"
#include "vips_support.h"

namespace thumbnails {

namespace {

ImagePtr Ref(VipsImage* image) {
  g_object_ref(image);
  return ImagePtr(image);
}

Result<Rendition> EncodeRendition(VipsImage* image, const RenditionSpec& spec, Format format) {
  auto bytes = Encode(image, format, spec);
  if (!bytes.ok()) return bytes.error();
  return Rendition{spec.name, format, image->Xsize, image->Ysize, std::move(bytes.value())};
}

// True when `image` holds enough pixels to make `size` for `spec` without
// enlarging.
bool Covers(VipsImage* image, const RenditionSpec& spec, PixelSize size) {
  if (spec.fit == Fit::kInside) return image->Xsize >= size.width && image->Ysize >= size.height;
  return std::min(image->Xsize, image->Ysize) >= size.width;
}

// The rendition `spec`, in memory, made from the smallest of `made` (upright
// sRGB images, each already in memory) that covers it, or from a decode of its
// own when none does (a square cut from a very long panorama).
Result<ImagePtr> DeriveFrom(const std::vector<ImagePtr>& made, std::string_view bytes,
                            const ProbeInfo& source, const RenditionSpec& spec) {
  PixelSize size = RenditionSize(spec, source.width, source.height);
  VipsImage* from = nullptr;
  for (const auto& image : made)
    if (Covers(image.get(), spec, size) &&
        (!from || int64_t(image->Xsize) * image->Ysize < int64_t(from->Xsize) * from->Ysize))
      from = image.get();
  if (!from) return DecodeToSize(bytes, source, size, /*square_crop=*/true);
  auto image = spec.fit == Fit::kInside ? ResizeTo(from, size) : SquareFrom(from, size.width);
  if (!image.ok()) return image.error();
  if (image.value().get() == from) return Ref(from);
  VipsImage* memory = vips_image_copy_memory(image.value().get());
  if (!memory) return VipsFailure(Error::kInternal, "resize " + spec.name);
  return ImagePtr(memory);
}

// The specs made at ingest, largest first (so each smaller one is cut from
// the one before it), ties in table order.
std::vector<const RenditionSpec*> IngestSpecsLargestFirst() {
  std::vector<const RenditionSpec*> specs;
  for (const auto& spec : RenditionTable())
    if (spec.made_at_ingest) specs.push_back(&spec);
  std::stable_sort(specs.begin(), specs.end(),
                   [](const RenditionSpec* a, const RenditionSpec* b) { return a->size > b->size; });
  return specs;
}

}  // namespace

Result<Rendition> RenderOne(std::string_view bytes, const RenditionSpec& spec, Format format) {
  auto source_format = SniffSourceFormat(bytes);
  if (!source_format.ok()) return source_format.error();
  return RenderOne(source_format.value(), bytes, spec, format);
}

Result<Rendition> RenderOne(SourceFormat source_format, std::string_view bytes,
                            const RenditionSpec& spec, Format format) {
  auto source = Probe(source_format, bytes);
  if (!source.ok()) return source.error();
  PixelSize size = RenditionSize(spec, source.value().width, source.value().height);
  auto image = DecodeToSize(bytes, source.value(), size, spec.fit == Fit::kSquareCrop);
  if (!image.ok()) return image.error();
  return EncodeRendition(image.value().get(), spec, format);
}

Result<IngestSet> RenderIngestSet(std::string_view bytes, const std::vector<Format>& formats) {
  if (formats.empty())
    return Error{Error::kInvalidArgument, "RenderIngestSet: no output format requested"};
  auto source_format = SniffSourceFormat(bytes);
  if (!source_format.ok()) return source_format.error();
  return RenderIngestSet(source_format.value(), bytes, formats);
}

Result<IngestSet> RenderIngestSet(SourceFormat source_format, std::string_view bytes,
                                  const std::vector<Format>& formats) {
  if (formats.empty())
    return Error{Error::kInvalidArgument, "RenderIngestSet: no output format requested"};
  StageTimes times;
  StageClock clock(&times);
  auto source = Probe(source_format, bytes);
  if (!source.ok()) return source.error();
  const ProbeInfo& info = source.value();
  clock.Stop("probe header");
  const std::vector<const RenditionSpec*> specs = IngestSpecsLargestFirst();
  if (specs.empty()) return IngestSet{info, {}, std::move(times)};
  auto base = DecodeToSize(bytes, info, FitInside(info.width, info.height, specs.front()->size), false);
  if (!base.ok()) return base.error();
  clock.Stop("decode at shrink-on-load, resize to " + specs.front()->name);
  std::vector<ImagePtr> made;
  made.push_back(std::move(base.value()));
  std::vector<std::vector<Rendition>> by_spec(specs.size());
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const RenditionSpec& spec = *specs[i];
    auto image = DeriveFrom(made, bytes, info, spec);
    if (!image.ok()) return image.error();
    clock.Stop("resize " + spec.name);
    for (Format format : formats) {
      auto rendition = EncodeRendition(image.value().get(), spec, format);
      if (!rendition.ok()) return rendition.error();
      clock.Stop("encode " + spec.name + " " + FormatExtension(format));
      by_spec[i].push_back(std::move(rendition.value()));
    }
    made.push_back(std::move(image.value()));
  }
  IngestSet set{info, {}, std::move(times)};
  for (const auto& spec : RenditionTable())
    for (std::size_t i = 0; i < specs.size(); ++i)
      if (specs[i] == &spec)
        for (auto& r : by_spec[i]) set.renditions.push_back(std::move(r));
  return set;
}

}  // namespace thumbnails
