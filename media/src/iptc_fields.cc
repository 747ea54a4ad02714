// The descriptive IPTC IIM datasets the archive writes (UTF-8, IIM lengths).
#include "metadata_internal.h"

namespace media::metadata_internal {
namespace {

void Erase(Exiv2::IptcData* iptc, const char* key) {
  Exiv2::IptcKey k(key);
  for (auto it = iptc->findKey(k); it != iptc->end(); it = iptc->findKey(k)) iptc->erase(it);
}

void Add(Exiv2::IptcData* iptc, const char* key, const std::string& text, std::size_t max_bytes) {
  std::string value = TruncateUtf8(Trim(text), max_bytes);
  if (value.empty()) return;
  Exiv2::StringValue v(value);
  iptc->add(Exiv2::IptcKey(key), &v);
}

}  // namespace

void SetDescriptionIptc(const PhotoMetadata& text, Exiv2::IptcData* iptc) {
  // Maximum lengths from the IIM specification (record 2).
  const struct { const char* key; std::size_t max; } kFields[] = {
      {"Iptc.Application2.Caption", 2000}, {"Iptc.Application2.Headline", 256},
      {"Iptc.Application2.Credit", 32},    {"Iptc.Application2.Byline", 32},
      {"Iptc.Application2.Copyright", 128}, {"Iptc.Application2.Keywords", 64},
  };
  for (const auto& f : kFields) Erase(iptc, f.key);
  Erase(iptc, "Iptc.Envelope.CharacterSet");
  Exiv2::StringValue utf8("\x1b%G");
  iptc->add(Exiv2::IptcKey("Iptc.Envelope.CharacterSet"), &utf8);
  Add(iptc, "Iptc.Application2.Caption", FirstText(text.caption), 2000);
  Add(iptc, "Iptc.Application2.Headline", FirstText(text.headline), 256);
  Add(iptc, "Iptc.Application2.Credit", text.credit, 32);
  for (const std::string& creator : CreatorList(text.creator)) Add(iptc, "Iptc.Application2.Byline", creator, 32);
  Add(iptc, "Iptc.Application2.Copyright", text.copyright, 128);
  for (const std::string& keyword : text.keywords) Add(iptc, "Iptc.Application2.Keywords", keyword, 64);
}

}  // namespace media::metadata_internal
