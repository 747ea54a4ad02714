// The descriptive XMP properties the archive writes, and the private XMP it
// strips.
#include "base/strings.h"
#include "metadata_internal.h"

namespace media::metadata_internal {
namespace {

void Erase(Exiv2::XmpData* xmp, const char* key) {
  Exiv2::XmpKey k(key);
  for (auto it = xmp->findKey(k); it != xmp->end(); it = xmp->findKey(k)) xmp->erase(it);
}

// Lang Alt with an x-default entry first: readers that know no languages read it.
void SetLangAlt(Exiv2::XmpData* xmp, const char* key, const LangText& text) {
  Erase(xmp, key);
  LangText entries;
  for (const auto& [lang, value] : text) {
    if (!Trim(value).empty()) entries[lang.empty() ? "x-default" : lang] = value;
  }
  if (entries.empty()) return;
  if (!entries.count("x-default")) {
    entries["x-default"] = entries.count("en") ? entries["en"] : entries.begin()->second;
  }
  Exiv2::LangAltValue value;
  for (const auto& [lang, v] : entries) value.value_[lang] = v;
  xmp->add(Exiv2::XmpKey(key), &value);
}

void SetText(Exiv2::XmpData* xmp, const char* key, const std::string& text) {
  Erase(xmp, key);
  if (Trim(text).empty()) return;
  Exiv2::XmpTextValue value(text);
  xmp->add(Exiv2::XmpKey(key), &value);
}

void SetArray(Exiv2::XmpData* xmp, const char* key, Exiv2::TypeId type,
              const std::vector<std::string>& items) {
  Erase(xmp, key);
  Exiv2::XmpArrayValue value(type);
  for (const std::string& item : items) {
    if (!Trim(item).empty()) value.read(item);
  }
  if (value.count() > 0) xmp->add(Exiv2::XmpKey(key), &value);
}

std::vector<std::string> SplitCreators(const std::string& joined) {
  std::vector<std::string> out;
  for (std::string_view piece : base::Split(joined, ';')) {
    std::string item = Trim(std::string(piece));
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

}  // namespace

std::string FirstText(const LangText& text) {
  auto def = text.find("x-default");
  if (def != text.end()) return def->second;
  auto en = text.find("en");
  if (en != text.end()) return en->second;
  return text.empty() ? std::string() : text.begin()->second;
}

std::vector<std::string> CreatorList(const std::string& creator) { return SplitCreators(creator); }

void SetDescriptionXmp(const PhotoMetadata& text, Exiv2::XmpData* xmp) {
  SetLangAlt(xmp, "Xmp.dc.description", text.caption);
  SetText(xmp, "Xmp.photoshop.Headline", FirstText(text.headline));
  SetText(xmp, "Xmp.photoshop.Credit", text.credit);
  SetArray(xmp, "Xmp.dc.creator", Exiv2::xmpSeq, SplitCreators(text.creator));
  SetLangAlt(xmp, "Xmp.dc.rights", text.copyright.empty() ? LangText{} : LangText{{"x-default", text.copyright}});
  SetArray(xmp, "Xmp.dc.subject", Exiv2::xmpBag, text.keywords);
  SetLangAlt(xmp, "Xmp.iptc.AltTextAccessibility", text.alt_text);
  SetLangAlt(xmp, "Xmp.iptcExt.Event", text.event.empty() ? LangText{} : LangText{{"x-default", text.event}});
  SetLangAlt(xmp, "Xmp.xmpRights.UsageTerms",
             text.usage_terms.empty() ? LangText{} : LangText{{"x-default", text.usage_terms}});
}

bool DescriptionXmpReadsBack(const Exiv2::XmpData& written, const Exiv2::XmpData& read) {
  // The properties SetDescriptionXmp writes.
  static const char* const kKeys[] = {
      "Xmp.dc.description", "Xmp.photoshop.Headline", "Xmp.photoshop.Credit",
      "Xmp.dc.creator", "Xmp.dc.rights", "Xmp.dc.subject", "Xmp.iptc.AltTextAccessibility",
      "Xmp.iptcExt.Event", "Xmp.xmpRights.UsageTerms",
  };
  for (const char* key : kKeys) {
    Exiv2::XmpKey k(key);
    auto want = written.findKey(k);
    auto got = read.findKey(k);
    if ((want == written.end()) != (got == read.end())) return false;
    if (want != written.end() && want->toString() != got->toString()) return false;
  }
  return true;
}

void StripPrivateXmp(Exiv2::XmpData* xmp) {
  static const char* const kPrivatePrefixes[] = {
      "Xmp.exif.GPS", "Xmp.aux.SerialNumber", "Xmp.aux.LensSerialNumber", "Xmp.exifEX.BodySerialNumber",
      "Xmp.exifEX.LensSerialNumber", "Xmp.exifEX.CameraOwnerName", "Xmp.aux.OwnerName",
      "Xmp.xmpMM.", "Xmp.photoshop.History", "Xmp.crs.", "Xmp.iptc.CreatorContactInfo",
  };
  for (auto it = xmp->begin(); it != xmp->end();) {
    const std::string key = it->key();
    bool drop = false;
    for (const char* prefix : kPrivatePrefixes) drop = drop || key.rfind(prefix, 0) == 0;
    it = drop ? xmp->erase(it) : std::next(it);
  }
}

}  // namespace media::metadata_internal
