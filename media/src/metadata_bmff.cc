// A small, bounded ISO-BMFF (HEIF/AVIF) box reader: just enough to find the
// primary item's `ispe` (pixel size) and `irot` (rotation) properties, and
// where the XMP and EXIF items lie.
#include <algorithm>
#include <cstring>
#include <map>

#include "metadata_internal.h"

namespace media::metadata_internal {
namespace {

struct Box {
  std::string type;
  const std::uint8_t* body = nullptr;  // after the header
  std::size_t body_size = 0;
};

std::uint32_t Be32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}
std::uint16_t Be16(const std::uint8_t* p) { return static_cast<std::uint16_t>((p[0] << 8) | p[1]); }

// The boxes laid end to end in [data, data+size); stops at the first box whose
// declared size does not fit. At most 256 boxes per level.
std::vector<Box> Children(const std::uint8_t* data, std::size_t size) {
  std::vector<Box> boxes;
  std::size_t at = 0;
  while (at + 8 <= size && boxes.size() < 256) {
    std::uint64_t box_size = Be32(data + at);
    std::size_t header = 8;
    if (box_size == 1) {
      if (at + 16 > size) break;
      box_size = (std::uint64_t{Be32(data + at + 8)} << 32) | Be32(data + at + 12);
      header = 16;
    } else if (box_size == 0) {
      box_size = size - at;
    }
    if (box_size < header || box_size > size - at) break;
    Box box;
    box.type.assign(reinterpret_cast<const char*>(data + at + 4), 4);
    box.body = data + at + header;
    box.body_size = static_cast<std::size_t>(box_size) - header;
    boxes.push_back(box);
    at += static_cast<std::size_t>(box_size);
  }
  return boxes;
}

const Box* Find(const std::vector<Box>& boxes, const char* type) {
  for (const Box& b : boxes) {
    if (b.type == type) return &b;
  }
  return nullptr;
}

std::optional<std::uint32_t> PrimaryItem(const Box* pitm) {
  if (!pitm || pitm->body_size < 6) return std::nullopt;
  if (pitm->body[0] == 0) return Be16(pitm->body + 4);
  if (pitm->body_size < 8) return std::nullopt;
  return Be32(pitm->body + 4);
}

// Property indexes (1-based, into ipco) associated with `item` by ipma.
std::vector<int> Associations(const Box* ipma, std::uint32_t item) {
  std::vector<int> found;
  if (!ipma || ipma->body_size < 8) return found;
  const std::uint8_t* p = ipma->body;
  const std::uint8_t* end = p + ipma->body_size;
  int version = p[0];
  bool wide = (p[3] & 1) != 0;
  std::uint32_t entries = Be32(p + 4);
  p += 8;
  for (std::uint32_t e = 0; e < entries; ++e) {
    std::size_t id_len = version < 1 ? 2 : 4;
    if (static_cast<std::size_t>(end - p) < id_len + 1) break;
    std::uint32_t id = version < 1 ? Be16(p) : Be32(p);
    p += id_len;
    int count = *p++;
    std::size_t each = wide ? 2 : 1;
    if (static_cast<std::size_t>(end - p) < each * count) break;
    for (int i = 0; i < count; ++i, p += each) {
      int index = wide ? (Be16(p) & 0x7FFF) : (*p & 0x7F);
      if (id == item) found.push_back(index);
    }
  }
  return found;
}

std::optional<PixelSize> Ispe(const Box& box) {
  if (box.type != "ispe" || box.body_size < 12) return std::nullopt;
  std::uint32_t w = Be32(box.body + 4), h = Be32(box.body + 8);
  if (w == 0 || h == 0 || w > 0x7FFFFFFF || h > 0x7FFFFFFF) return std::nullopt;
  return PixelSize{static_cast<int>(w), static_cast<int>(h)};
}

// An unsigned big-endian field of `n` bytes (0, 4 or 8) at `*p`, advancing
// it; false when it does not fit before `end`.
bool ReadField(const std::uint8_t** p, const std::uint8_t* end, unsigned n, std::uint64_t* out) {
  if (static_cast<std::size_t>(end - *p) < n) return false;
  *out = 0;
  for (unsigned i = 0; i < n; ++i) *out = (*out << 8) | (*p)[i];
  *p += n;
  return true;
}

// The item ids `iinf` declares as XMP (`mime` items of type
// application/rdf+xml) and as EXIF (`Exif` items).
struct MetadataItemIds {
  std::vector<std::uint32_t> xmp, exif;
};
MetadataItemIds MetadataItems(const Box* iinf) {
  MetadataItemIds items;
  if (!iinf || iinf->body_size < 6) return items;
  const std::size_t skip = iinf->body[0] == 0 ? 6 : 8;  // version, flags, entry count
  if (iinf->body_size < skip) return items;
  for (const Box& infe : Children(iinf->body + skip, iinf->body_size - skip)) {
    if (infe.type != "infe" || infe.body_size < 12 || infe.body[0] < 2) continue;
    const bool wide = infe.body[0] >= 3;
    const std::size_t type_at = wide ? 10 : 8;
    if (infe.body_size < type_at + 4) continue;
    const std::uint32_t id = wide ? Be32(infe.body + 4) : Be16(infe.body + 4);
    const std::string type(reinterpret_cast<const char*>(infe.body + type_at), 4);
    if (type == "Exif") items.exif.push_back(id);
    // item_name, then for a `mime` item its content_type: NUL-terminated strings.
    const char* name = reinterpret_cast<const char*>(infe.body + type_at + 4);
    const std::size_t room = infe.body_size - type_at - 4;
    const std::size_t name_size = strnlen(name, room);
    if (type != "mime" || name_size >= room) continue;
    const char* content = name + name_size + 1;
    if (std::string(content, strnlen(content, room - name_size - 1)) == "application/rdf+xml") {
      items.xmp.push_back(id);
    }
  }
  return items;
}

// The extents `iloc` places for `items`, in order: file offsets (base offset
// added) and declared lengths (0: to the end of the file), unchecked against
// the file. `*located` turns false when an extent of those items is not
// given by file offset (construction method 1 or 2) or iloc ends early.
std::vector<BmffExtent> ItemExtents(const Box* iloc, const std::vector<std::uint32_t>& items,
                                    bool* located) {
  std::vector<BmffExtent> found;
  if (items.empty()) return found;
  if (!iloc || iloc->body_size < 8) {
    *located = false;
    return found;
  }
  const std::uint8_t* p = iloc->body;
  const std::uint8_t* end = p + iloc->body_size;
  const int version = p[0];
  const unsigned offset_size = p[4] >> 4, length_size = p[4] & 15, base_size = p[5] >> 4;
  const unsigned index_size = version >= 1 ? (p[5] & 15) : 0;
  p += 6;
  std::uint64_t count = 0, id = 0, method = 0, skip = 0, base = 0, extents = 0, offset = 0, length = 0;
  if (!ReadField(&p, end, version < 2 ? 2 : 4, &count)) {
    *located = false;
    return found;
  }
  for (std::uint64_t i = 0; i < count; ++i) {
    method = 0;
    if (!ReadField(&p, end, version < 2 ? 2 : 4, &id) ||
        (version >= 1 && !ReadField(&p, end, 2, &method)) || !ReadField(&p, end, 2, &skip) ||
        !ReadField(&p, end, base_size, &base) || !ReadField(&p, end, 2, &extents)) {
      *located = false;
      return found;
    }
    const bool wanted = std::find(items.begin(), items.end(), id) != items.end();
    if (wanted && (method & 15) != 0) *located = false;
    for (std::uint64_t e = 0; e < extents; ++e) {
      if (!ReadField(&p, end, index_size, &skip) || !ReadField(&p, end, offset_size, &offset) ||
          !ReadField(&p, end, length_size, &length)) {
        *located = false;
        return found;
      }
      if (wanted) found.push_back(BmffExtent{base + offset, length});
    }
  }
  return found;
}

}  // namespace

BmffMetadataExtents FindBmffMetadataExtents(const std::uint8_t* data, std::size_t size) {
  BmffMetadataExtents out;
  std::vector<Box> top = Children(data, size);
  const Box* meta = Find(top, "meta");
  if (!meta || meta->body_size < 4) return out;
  std::vector<Box> in_meta = Children(meta->body + 4, meta->body_size - 4);  // full box
  const MetadataItemIds ids = MetadataItems(Find(in_meta, "iinf"));
  const Box* iloc = Find(in_meta, "iloc");
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
  const Box* meta = nullptr;
  std::vector<Box> top = Children(data, size);
  meta = Find(top, "meta");
  if (!meta || meta->body_size < 4) return std::nullopt;
  std::vector<Box> in_meta = Children(meta->body + 4, meta->body_size - 4);  // full box
  const Box* iprp = Find(in_meta, "iprp");
  if (!iprp) return std::nullopt;
  std::vector<Box> in_iprp = Children(iprp->body, iprp->body_size);
  const Box* ipco = Find(in_iprp, "ipco");
  if (!ipco) return std::nullopt;
  std::vector<Box> props = Children(ipco->body, ipco->body_size);

  std::optional<PixelSize> size_found;
  int rotation = 0;
  if (std::optional<std::uint32_t> primary = PrimaryItem(Find(in_meta, "pitm"))) {
    for (int index : Associations(Find(in_iprp, "ipma"), *primary)) {
      if (index < 1 || static_cast<std::size_t>(index) > props.size()) continue;
      const Box& prop = props[index - 1];
      if (auto s = Ispe(prop)) size_found = s;
      if (prop.type == "irot" && prop.body_size >= 1) rotation = prop.body[0] & 3;
    }
  }
  if (!size_found) {  // no usable association: the largest declared size
    for (const Box& prop : props) {
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
