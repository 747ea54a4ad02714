// The HEIF/AVIF pixel size comes from the primary item's `ispe` property,
// turned by its `irot`: checked on hand-built containers.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "fixtures/read_metadata.h"
#include "media/metadata.h"

namespace {

std::string Be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}
std::string Be16(std::uint16_t v) { return {static_cast<char>(v >> 8), static_cast<char>(v)}; }
std::string Box(const std::string& type, const std::string& body) { return Be32(8 + body.size()) + type + body; }
std::string FullBox(const std::string& type, int version, int flags, const std::string& body) {
  return Box(type, std::string(1, static_cast<char>(version)) + Be16(0) + std::string(1, static_cast<char>(flags)) + body);
}

// A HEIC whose primary item 1 has ispe (w x h) and, when rotation >= 0, an irot.
// A decoy ispe (9999 x 9999) belongs to item 2.
std::string Heic(std::uint32_t w, std::uint32_t h, int rotation) {
  std::string ipco = FullBox("ispe", 0, 0, Be32(9999) + Be32(9999)) + FullBox("ispe", 0, 0, Be32(w) + Be32(h));
  // ipma entries: item id, association count, then 0x80|index (essential).
  std::string item1 = Be16(1) + std::string(1, static_cast<char>(rotation >= 0 ? 2 : 1)) + std::string(1, '\x82');
  if (rotation >= 0) {
    ipco += Box("irot", std::string(1, static_cast<char>(rotation)));
    item1 += std::string(1, '\x83');
  }
  std::string item2 = Be16(2) + std::string(1, '\x01') + std::string(1, '\x81');
  std::string ipma = FullBox("ipma", 0, 0, Be32(2) + item1 + item2);
  std::string iprp = Box("iprp", Box("ipco", ipco) + ipma);
  std::string hdlr = FullBox("hdlr", 0, 0, Be32(0) + "pict" + std::string(12, '\0') + std::string(1, '\0'));
  std::string pitm = FullBox("pitm", 0, 0, Be16(1));
  std::string meta = FullBox("meta", 0, 0, hdlr + pitm + iprp);
  std::string ftyp = Box("ftyp", std::string("heic") + Be32(0) + "mif1" + "heic");
  return ftyp + meta;
}

constexpr auto& Read = fixtures::ReadMetadataOf;

TEST(MetadataBmff, PrimaryItemSizeWithAndWithoutRotation) {
  struct Case {
    int rotation, width, height;
  } cases[] = {{-1, 300, 200}, {0, 300, 200}, {1, 200, 300}, {2, 300, 200}, {3, 200, 300}};
  for (const Case& c : cases) {
    auto r = Read(Heic(300, 200, c.rotation));
    ASSERT_TRUE(r.ok()) << c.rotation << ": " << r.status().ToString();
    EXPECT_EQ(r->format, "heic");
    EXPECT_EQ(r->width, c.width) << c.rotation;
    EXPECT_EQ(r->height, c.height) << c.rotation;
    EXPECT_EQ(r->orientation, 1);
  }
}

TEST(MetadataBmff, BrokenBoxesAreCorruptNeverACrash) {
  std::string good = Heic(300, 200, 1);
  for (std::size_t keep = 8; keep < good.size(); keep += 3) {
    auto r = Read(good.substr(0, keep));
    if (!r.ok()) {
      EXPECT_TRUE(r.status().code() == media::Status::Code::kCorrupt ||
                  r.status().code() == media::Status::Code::kUnsupported)
          << r.status().ToString();
    }
  }
  std::string huge = good;
  huge.replace(good.find("meta") - 4, 4, Be32(0xFFFFFFF0u));  // meta box larger than the file
  auto r = Read(huge);
  EXPECT_FALSE(r.ok());
}

}  // namespace
