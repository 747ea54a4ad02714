// Which source wins for each descriptive field: the one precedence table.
//
//   field        1st (wins)                          2nd                     3rd
//   caption      XMP dc:description (every language) IPTC Caption-Abstract
//   headline     XMP photoshop:Headline              IPTC Headline
//   credit       XMP photoshop:Credit                IPTC Credit
//   creator      XMP dc:creator (seq, "; ")          IPTC By-line (all)      EXIF Artist
//   copyright    XMP dc:rights                       IPTC CopyrightNotice    EXIF Copyright
//   keywords     XMP dc:subject                      IPTC Keywords (all)
//   alt_text     XMP Iptc4xmpCore:AltTextAccessibility
//   event        XMP Iptc4xmpExt:Event
//   usage_terms  XMP xmpRights:UsageTerms
//
// EXIF ImageDescription is not a caption source: in the real-photo corpus every
// value found only there was written by the camera or its software ("SAMSUNG",
// "Classic View", "735 nm", the model name), never by a person. EXIF Artist and
// Copyright are kept as last resorts: cameras write them from the owner's
// settings.
//
// Rules applied to the table, in order:
// 1. Values are trimmed; empty values are absent. A caption that is camera
//    boilerplate ("OLYMPUS DIGITAL CAMERA", "SONY DSC", ...) is absent, from any
//    source: it describes the camera, not the photo.
// 2. The first source holding a value wins the whole field.
// 3. Truncation: when a later source's value (x-default) starts with the
//    winner's and is longer, the winner was cut by a length limit (IIM's 32-byte
//    Credit and By-line, a caption cut at its first line break): the longer,
//    complete value is kept instead.
// IIM text is decoded by its CodedCharacterSet (ESC % G = UTF-8), else as UTF-8
// when valid, else as Windows-1252; EXIF text the same way without the flag.
#include <algorithm>
#include <cctype>

#include "base/strings.h"
#include "metadata_internal.h"

namespace media::metadata_internal {
namespace {

enum class Kind { kNone, kXmp, kIptc, kExif };
struct Source {
  Kind kind = Kind::kNone;
  const char* key = nullptr;
};
struct Rule {
  LangText PhotoMetadata::*lang_field;  // one of these two is set
  std::string PhotoMetadata::*text_field;
  bool keywords;
  Source sources[3];
};

const Rule kRules[] = {
    {&PhotoMetadata::caption, nullptr, false,
     {{Kind::kXmp, "Xmp.dc.description"}, {Kind::kIptc, "Iptc.Application2.Caption"}, {}}},
    {&PhotoMetadata::headline, nullptr, false,
     {{Kind::kXmp, "Xmp.photoshop.Headline"}, {Kind::kIptc, "Iptc.Application2.Headline"}, {}}},
    {nullptr, &PhotoMetadata::credit, false,
     {{Kind::kXmp, "Xmp.photoshop.Credit"}, {Kind::kIptc, "Iptc.Application2.Credit"}, {}}},
    {nullptr, &PhotoMetadata::creator, false,
     {{Kind::kXmp, "Xmp.dc.creator"}, {Kind::kIptc, "Iptc.Application2.Byline"},
      {Kind::kExif, "Exif.Image.Artist"}}},
    {nullptr, &PhotoMetadata::copyright, false,
     {{Kind::kXmp, "Xmp.dc.rights"}, {Kind::kIptc, "Iptc.Application2.Copyright"},
      {Kind::kExif, "Exif.Image.Copyright"}}},
    {nullptr, nullptr, true,
     {{Kind::kXmp, "Xmp.dc.subject"}, {Kind::kIptc, "Iptc.Application2.Keywords"}, {}}},
    {&PhotoMetadata::alt_text, nullptr, false, {{Kind::kXmp, "Xmp.iptc.AltTextAccessibility"}, {}, {}}},
    {nullptr, &PhotoMetadata::event, false, {{Kind::kXmp, "Xmp.iptcExt.Event"}, {}, {}}},
    {nullptr, &PhotoMetadata::usage_terms, false, {{Kind::kXmp, "Xmp.xmpRights.UsageTerms"}, {}, {}}},
};

const char* const kCameraBoilerplate[] = {
    "olympus digital camera", "sony dsc", "digital camera", "kodak digital still camera",
    "minolta dsc", "samsung camera pictures", "default", "exif_jpeg_picture", "dcf 1.0",
    "camera", "image", "picture", "<none>", "ricoh", "konica minolta digital camera",
};

bool IsBoilerplate(const std::string& s) {
  const std::string lower = base::AsciiLower(s);
  return std::find(std::begin(kCameraBoilerplate), std::end(kCameraBoilerplate), lower) !=
         std::end(kCameraBoilerplate);
}

// What one source says for a field: text by language, and the items of a list
// (dc:subject, repeated IIM datasets); text["x-default"] joins the items.
struct Candidate {
  LangText text;
  std::vector<std::string> items;
  bool empty() const { return text.empty() && items.empty(); }
};

void AddItem(std::string value, Candidate* c) {
  value = Trim(value);
  if (!value.empty()) c->items.push_back(std::move(value));
}

void JoinItems(Candidate* c) {
  std::string joined;
  for (const std::string& item : c->items) joined += (joined.empty() ? "" : "; ") + item;
  if (!joined.empty()) c->text["x-default"] = joined;
}

Candidate FromXmp(const Exiv2::XmpData& xmp, const char* key) {
  Candidate c;
  auto it = xmp.findKey(Exiv2::XmpKey(key));
  if (it == xmp.end()) return c;
  const Exiv2::Value& value = it->value();
  if (value.typeId() == Exiv2::langAlt) {
    for (const auto& [lang, text] : static_cast<const Exiv2::LangAltValue&>(value).value_) {
      std::string t = Trim(ToUtf8(text));
      if (!t.empty()) c.text[lang] = t;
    }
  } else if (value.typeId() == Exiv2::xmpSeq || value.typeId() == Exiv2::xmpBag ||
             value.typeId() == Exiv2::xmpAlt) {
    for (long i = 0; i < value.count(); ++i) AddItem(ToUtf8(value.toString(i)), &c);
    JoinItems(&c);
  } else {
    AddItem(ToUtf8(value.toString()), &c);
    JoinItems(&c);
  }
  return c;
}

Candidate FromIptc(const Exiv2::IptcData& iptc, const char* key, bool utf8, bool repeatable) {
  Candidate c;
  Exiv2::IptcKey wanted(key);
  for (const Exiv2::Iptcdatum& d : iptc) {
    if (d.tag() != wanted.tag() || d.record() != wanted.record()) continue;
    AddItem(IptcTextToUtf8(d.toString(), utf8), &c);
    if (!repeatable && !c.items.empty()) break;
  }
  JoinItems(&c);
  return c;
}

Candidate FromExif(const Exiv2::ExifData& exif, const char* key) {
  Candidate c;
  auto it = exif.findKey(Exiv2::ExifKey(key));
  if (it != exif.end() && it->count() > 0) AddItem(ToUtf8(it->toString()), &c);
  JoinItems(&c);
  return c;
}

bool IptcDeclaresUtf8(const Exiv2::IptcData& iptc) {
  auto it = iptc.findKey(Exiv2::IptcKey("Iptc.Envelope.CharacterSet"));
  return it != iptc.end() && it->toString().find("\x1b%G") != std::string::npos;
}

void DropBoilerplate(Candidate* c) {
  for (auto it = c->text.begin(); it != c->text.end();) {
    it = IsBoilerplate(it->second) ? c->text.erase(it) : std::next(it);
  }
  if (c->text.empty()) c->items.clear();
}

void Apply(const Rule& rule, Candidate chosen, PhotoMetadata* out) {
  if (rule.keywords) {
    for (const std::string& k : chosen.items) {
      if (std::find(out->keywords.begin(), out->keywords.end(), k) == out->keywords.end()) {
        out->keywords.push_back(k);
      }
    }
  } else if (rule.lang_field) {
    out->*rule.lang_field = std::move(chosen.text);
  } else if (!chosen.text.empty()) {
    auto def = chosen.text.find("x-default");
    out->*rule.text_field = def != chosen.text.end() ? def->second : chosen.text.begin()->second;
  }
}

}  // namespace

void ReadDescriptionFields(const Exiv2::ExifData& exif, const Exiv2::IptcData& iptc,
                           const Exiv2::XmpData& xmp, PhotoMetadata* out) {
  const bool iptc_utf8 = IptcDeclaresUtf8(iptc);
  for (const Rule& rule : kRules) {
    std::vector<Candidate> found;
    for (const Source& s : rule.sources) {
      Candidate c;
      if (s.kind == Kind::kXmp) c = FromXmp(xmp, s.key);
      if (s.kind == Kind::kIptc) c = FromIptc(iptc, s.key, iptc_utf8, rule.keywords || rule.text_field == &PhotoMetadata::creator);
      if (s.kind == Kind::kExif) c = FromExif(exif, s.key);
      if (rule.lang_field == &PhotoMetadata::caption) DropBoilerplate(&c);
      if (!c.empty()) found.push_back(std::move(c));
    }
    if (found.empty()) continue;
    Candidate chosen = found.front();
    const std::string& head = chosen.text["x-default"];
    for (std::size_t i = 1; i < found.size() && !rule.keywords && !head.empty(); ++i) {
      const std::string& later = found[i].text["x-default"];
      if (later.size() > head.size() && later.compare(0, head.size(), head) == 0) {
        chosen.text["x-default"] = later;
        break;
      }
    }
    if (chosen.text["x-default"].empty()) chosen.text.erase("x-default");
    Apply(rule, std::move(chosen), out);
  }
}

}  // namespace media::metadata_internal
