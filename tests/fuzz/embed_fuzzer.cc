// Fuzzes media::EmbedDescription on arbitrary image bytes with a fixed
// description, with and without stripping private metadata. Whatever the
// input, it returns (no crash, no sanitizer report); an error is Unsupported
// or Corrupt; and a copy that the reader can read back carries the credit and
// caption that were written.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "media/metadata.h"

namespace {

const media::PhotoMetadata& Description() {
  static const media::PhotoMetadata text = [] {
    media::PhotoMetadata t;
    t.caption = {{"x-default", "Opening session"}, {"fr", "Séance d'ouverture « plénière »"}};
    t.headline = {{"x-default", "Technical meeting, Casablanca"}};
    t.credit = "© IOM 2016";
    t.creator = "Communications team";
    t.copyright = "© IOM 2016";
    t.keywords = {"plenary", "Casablanca", "données"};
    t.alt_text = {{"x-default", "Delegates seated at a long table"}};
    t.event = "Technical meeting 2016";
    t.usage_terms = "Editorial use only";
    return t;
  }();
  return text;
}

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "EmbedDescription: %s\n", what.c_str());
  std::abort();
}

void EmbedOnce(const std::string& bytes, bool strip_private) {
  media::Result<std::string> out = media::EmbedDescription(bytes, Description(), strip_private);
  if (!out.ok()) {
    media::Status::Code code = out.status().code();
    if (code != media::Status::Code::kUnsupported && code != media::Status::Code::kCorrupt)
      Fail("unexpected error " + out.status().ToString());
    return;
  }
  auto back = media::ReadMetadata(reinterpret_cast<const std::uint8_t*>(out->data()), out->size());
  if (!back.ok()) return;  // e.g. a header without a size: written, but not a photo we list
  if (back->credit != Description().credit) Fail("credit read back as \"" + back->credit + "\"");
  auto caption = back->caption.find("x-default");
  if (caption == back->caption.end() || caption->second != Description().caption.at("x-default"))
    Fail("caption not read back");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  media::InitMetadataLibrary();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  EmbedOnce(bytes, false);
  EmbedOnce(bytes, true);
  return 0;
}
