// A small, bounded ISO-BMFF (HEIF/AVIF) box reader: just enough to find the
// primary item's `ispe` (pixel size) and `irot` (rotation) properties, and
// where the XMP and EXIF items lie. Boxes and integers come from the base layer's walker
// and byte reader, which never read past the buffer.
#include <algorithm>
#include <cstring>

#include "base/byte_reader.h"
#include "base/containers.h"
#include "metadata_internal.h"

namespace media::metadata_internal {
namespace {

using base::BmffBox;
using base::BmffChildren;
using base::ByteReader;
using base::FindBox;

std::optional<std::uint32_t> PrimaryItem(const BmffBox* pitm) {
  if (!pitm) return std::nullopt;
  ByteReader r(pitm->body);
  const auto version = r.U8();
  if (!version || !r.Skip(3)) return std::nullopt;
  if (*version == 0) {
    auto id = r.Be16();
    return id ? std::optional<std::uint32_t>(*id) : std::nullopt;
  }
  return r.Be32();
}

// Property indexes (1-based, into ipco) associated with `item` by ipma.
std::vector<int> Associations(const BmffBox* ipma, std::uint32_t item) {
  std::vector<int> found;
  if (!ipma || ipma->body.size() < 8) return found;
  ByteReader r(ipma->body);
  const int version = *r.U8();
  r.Skip(2);
  const bool wide = (*r.U8() & 1) != 0;
  const std::uint32_t entries = *r.Be32();
  for (std::uint32_t e = 0; e < entries; ++e) {
    const auto id = r.BeN(version < 1 ? 2 : 4);
    const auto count = r.U8();
    const unsigned each = wide ? 2 : 1;
    if (!id || !count || r.remaining() < std::size_t{each} * *count) break;
    for (int i = 0; i < *count; ++i) {
      const std::uint64_t index = *r.BeN(each);
      if (*id == item) found.push_back(static_cast<int>(index & (wide ? 0x7FFF : 0x7F)));
    }
  }
  return found;
}

std::optional<PixelSize> Ispe(const BmffBox& box) {
  if (box.type != "ispe") return std::nullopt;
  const ByteReader r(box.body);
  const auto w = r.Be32At(4), h = r.Be32At(8);
  if (!w || !h || *w == 0 || *h == 0 || *w > 0x7FFFFFFF || *h > 0x7FFFFFFF) return std::nullopt;
  return PixelSize{static_cast<int>(*w), static_cast<int>(*h)};
}

// The item ids `iinf` declares as XMP (`mime` items of type
// application/rdf+xml) and as EXIF (`Exif` items).
struct MetadataItemIds {
  std::vector<std::uint32_t> xmp, exif;
};
MetadataItemIds MetadataItems(const BmffBox* iinf) {
  MetadataItemIds items;
  if (!iinf || iinf->body.size() < 6) return items;
  const std::size_t skip = iinf->body[0] == 0 ? 6 : 8;  // version, flags, entry count
  if (iinf->body.size() < skip) return items;
  for (const BmffBox& infe : BmffChildren(iinf->body.substr(skip))) {
    if (infe.type != "infe" || infe.body.size() < 12 || static_cast<std::uint8_t>(infe.body[0]) < 2) continue;
    const bool wide = static_cast<std::uint8_t>(infe.body[0]) >= 3;
    const std::size_t type_at = wide ? 10 : 8;
    ByteReader r(infe.body);
    r.Skip(4);
    const auto id = r.BeN(wide ? 4 : 2);  // after version and flags
    const auto type = r.BytesAt(type_at, 4);
    if (!id || !type) continue;
    if (*type == "Exif") items.exif.push_back(static_cast<std::uint32_t>(*id));
    if (*type != "mime") continue;
    // item_name, then for a `mime` item its content_type: NUL-terminated strings.
    const std::string_view rest = infe.body.substr(type_at + 4);
    const std::size_t name_end = rest.find('\0');
    if (name_end == std::string_view::npos) continue;
    const std::string_view content = rest.substr(name_end + 1);
    if (content.substr(0, content.find('\0')) == "application/rdf+xml") {
      items.xmp.push_back(static_cast<std::uint32_t>(*id));
    }
  }
  return items;
}

// The extents `iloc` places for `items`, in order: file offsets (base offset
// added) and declared lengths (0: to the end of the file), unchecked against
// the file. `*located` turns false when an extent of those items is not
// given by file offset (construction method 1 or 2) or iloc ends early.
std::vector<BmffExtent> ItemExtents(const BmffBox* iloc, const std::vector<std::uint32_t>& items,
                                    bool* located) {
  std::vector<BmffExtent> found;
  if (items.empty()) return found;
  if (!iloc || iloc->body.size() < 8) {
    *located = false;
    return found;
  }
  ByteReader r(iloc->body);
  const int version = *r.U8();
  r.Skip(3);
  const std::uint8_t sizes = *r.U8(), more = *r.U8();
  const unsigned offset_size = sizes >> 4, length_size = sizes & 15, base_size = more >> 4;
  const unsigned index_size = version >= 1 ? (more & 15) : 0;
  const unsigned id_size = version < 2 ? 2 : 4;
  const auto count = r.BeN(id_size);
  if (!count) {
    *located = false;
    return found;
  }
  for (std::uint64_t i = 0; i < *count; ++i) {
    const auto id = r.BeN(id_size);
    const auto method = version >= 1 ? r.Be16() : std::optional<std::uint16_t>(0);
    const bool data_ref = r.Skip(2);
    const auto base_offset = r.BeN(base_size);
    const auto extents = r.Be16();
    if (!id || !method || !data_ref || !base_offset || !extents) {
      *located = false;
      return found;
    }
    const bool wanted = std::find(items.begin(), items.end(), *id) != items.end();
    if (wanted && (*method & 15) != 0) *located = false;
    for (std::uint64_t e = 0; e < *extents; ++e) {
      const bool index = r.Skip(index_size);
      const auto offset = r.BeN(offset_size);
      const auto length = r.BeN(length_size);
      if (!index || !offset || !length) {
        *located = false;
        return found;
      }
      if (wanted) found.push_back(BmffExtent{*base_offset + *offset, *length});
    }
  }
  return found;
}

// The boxes inside the top-level `meta` box (a full box: version and flags
// first); empty when there is none.
std::vector<BmffBox> MetaChildren(const std::uint8_t* data, std::size_t size) {
  const std::vector<BmffBox> top = BmffChildren({reinterpret_cast<const char*>(data), size});
  const BmffBox* meta = FindBox(top, "meta");
  if (!meta || meta->body.size() < 4) return {};
  return BmffChildren(meta->body.substr(4));
}

}  // namespace

BmffMetadataExtents FindBmffMetadataExtents(const std::uint8_t* data, std::size_t size) {
  BmffMetadataExtents out;
  const std::vector<BmffBox> in_meta = MetaChildren(data, size);
  const MetadataItemIds ids = MetadataItems(FindBox(in_meta, "iinf"));
  const BmffBox* iloc = FindBox(in_meta, "iloc");
  out.xmp = ItemExtents(iloc, ids.xmp, &out.located);
  out.exif = ItemExtents(iloc, ids.exif, &out.located);
  return out;
}

std::uint64_t BmffXmpBytes(const std::uint8_t* data, std::size_t size) {
  std::uint64_t total = 0;
  for (const BmffExtent& e : FindBmffMetadataExtents(data, size).xmp) {
    total += std::min<std::uint64_t>(e.length == 0 ? size : e.length, size);
  }
  return total;
}

std::optional<PixelSize> ReadBmffPrimarySize(const std::uint8_t* data, std::size_t size) {
  const std::vector<BmffBox> in_meta = MetaChildren(data, size);
  const BmffBox* iprp = FindBox(in_meta, "iprp");
  if (!iprp) return std::nullopt;
  std::vector<BmffBox> in_iprp = BmffChildren(iprp->body);
  const BmffBox* ipco = FindBox(in_iprp, "ipco");
  if (!ipco) return std::nullopt;
  std::vector<BmffBox> props = BmffChildren(ipco->body);

  std::optional<PixelSize> size_found;
  int rotation = 0;
  if (std::optional<std::uint32_t> primary = PrimaryItem(FindBox(in_meta, "pitm"))) {
    for (int index : Associations(FindBox(in_iprp, "ipma"), *primary)) {
      if (index < 1 || static_cast<std::size_t>(index) > props.size()) continue;
      const BmffBox& prop = props[index - 1];
      if (auto s = Ispe(prop)) size_found = s;
      if (prop.type == "irot" && !prop.body.empty()) rotation = prop.body[0] & 3;
    }
  }
  if (!size_found) {  // no usable association: the largest declared size
    for (const BmffBox& prop : props) {
      auto s = Ispe(prop);
      if (s && (!size_found || std::int64_t{s->width} * s->height >
                                   std::int64_t{size_found->width} * size_found->height)) {
        size_found = s;
      }
    }
  }
  if (size_found && (rotation == 1 || rotation == 3)) std::swap(size_found->width, size_found->height);
  return size_found;
}

}  // namespace media::metadata_internal
