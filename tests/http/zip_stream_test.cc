// The streamed ZIP writer: archives read back by parsing their central
// directory and by the system's unzip (when installed), safe and unique
// entry names, CRC-32, bytes delivered as entries are added.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "fixtures/test_util.h"
#include "http/zip_stream.h"

namespace {

using gallery::http::Crc32;
using gallery::http::SafeEntryName;
using gallery::http::ZipStreamWriter;

struct Entry {
  std::string name;
  std::uint32_t crc = 0, size = 0, offset = 0;
};

std::uint32_t U16(const std::string& s, std::size_t at) {
  return static_cast<unsigned char>(s[at]) | static_cast<unsigned char>(s[at + 1]) << 8;
}
std::uint32_t U32(const std::string& s, std::size_t at) { return U16(s, at) | U16(s, at + 2) << 16; }

// The entries of `zip` from its end record and central directory.
std::vector<Entry> CentralDirectory(const std::string& zip) {
  std::vector<Entry> out;
  EXPECT_GE(zip.size(), 22u);
  std::size_t end = zip.size() - 22;
  EXPECT_EQ(U32(zip, end), 0x06054b50u);
  std::uint32_t count = U16(zip, end + 10), at = U32(zip, end + 16);
  EXPECT_EQ(at + U32(zip, end + 12), end);
  for (std::uint32_t i = 0; i < count; ++i) {
    EXPECT_EQ(U32(zip, at), 0x02014b50u);
    Entry e;
    e.crc = U32(zip, at + 16);
    e.size = U32(zip, at + 24);
    std::uint32_t name_len = U16(zip, at + 28), skip = U16(zip, at + 30) + U16(zip, at + 32);
    e.offset = U32(zip, at + 42);
    e.name = zip.substr(at + 46, name_len);
    out.push_back(e);
    at += 46 + name_len + skip;
  }
  return out;
}

// The stored bytes of `e`, read through its local header.
std::string EntryData(const std::string& zip, const Entry& e) {
  EXPECT_EQ(U32(zip, e.offset), 0x04034b50u);
  EXPECT_EQ(U16(zip, e.offset + 8), 0u);  // stored
  std::size_t data = e.offset + 30 + U16(zip, e.offset + 26) + U16(zip, e.offset + 28);
  return zip.substr(data, e.size);
}

TEST(ZipStreamTest, Crc32OfTheCheckString) {
  EXPECT_EQ(Crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(Crc32(""), 0u);
  EXPECT_EQ(Crc32("6789", Crc32("12345")), 0xCBF43926u);
}

TEST(ZipStreamTest, NamesAreMadeSafe) {
  EXPECT_EQ(SafeEntryName("Réunion 2016.jpg"), "Réunion 2016.jpg");
  EXPECT_EQ(SafeEntryName("a/b\\c.jpg"), "a_b_c.jpg");
  EXPECT_EQ(SafeEntryName(".."), "photo");
  EXPECT_EQ(SafeEntryName(""), "photo");
  EXPECT_EQ(SafeEntryName("../../etc/passwd"), "_.._etc_passwd");
  EXPECT_EQ(SafeEntryName(std::string("a\x01\nb\0c.jpg", 10)), "abc.jpg");
  EXPECT_EQ(SafeEntryName("\xE2\x80\xAEgpj.exe"), "gpj.exe");         // right-to-left override
  EXPECT_EQ(SafeEntryName("x\xE2\x80\x8F\xE2\x81\xA7y.jpg"), "xy.jpg");  // RLM, RLI
  EXPECT_EQ(SafeEntryName("\xFF\xC3.jpg"), "__.jpg");                  // not UTF-8
  std::string long_name(300, 'a');
  std::string cut = SafeEntryName(long_name + ".jpg");
  EXPECT_LE(cut.size(), 200u);
  EXPECT_EQ(cut.substr(cut.size() - 4), ".jpg");
  std::string accents;
  for (int i = 0; i < 150; ++i) accents += "\xC3\xA9";  // é × 150 = 300 bytes
  std::string cut_accents = SafeEntryName(accents);
  EXPECT_LE(cut_accents.size(), 200u);
  EXPECT_EQ(cut_accents.size() % 2, 0u);  // never half a character
}

TEST(ZipStreamTest, ArchiveReadsBackWithUniqueNamesAndCrcs) {
  std::string zip;
  std::vector<std::size_t> sizes_seen;
  ZipStreamWriter writer([&](std::string_view bytes) {
    zip.append(bytes.data(), bytes.size());
    return true;
  });
  std::string binary;
  for (int i = 0; i < 100000; ++i) binary += static_cast<char>((i * 7919) & 0xFF);
  ASSERT_TRUE(writer.Add("photo.jpg", "first", 1468000000));
  EXPECT_EQ(zip.compare(0, 4, "PK\x03\x04"), 0);  // delivered before the archive is finished
  sizes_seen.push_back(zip.size());
  ASSERT_TRUE(writer.Add("photo.jpg", binary, 1468000000));
  EXPECT_EQ(writer.last_name(), "photo (2).jpg");
  ASSERT_TRUE(writer.Add("PHOTO.jpg", "", 1468000000));
  EXPECT_EQ(writer.last_name(), "PHOTO (3).jpg");
  ASSERT_TRUE(writer.Add("../evil/..", "x", 0));
  ASSERT_TRUE(writer.Finish());
  EXPECT_GT(zip.size(), sizes_seen[0]);

  auto entries = CentralDirectory(zip);
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].name, "photo.jpg");
  EXPECT_EQ(entries[1].name, "photo (2).jpg");
  EXPECT_EQ(entries[2].name, "PHOTO (3).jpg");
  EXPECT_EQ(entries[3].name, "_evil_");
  EXPECT_EQ(EntryData(zip, entries[0]), "first");
  EXPECT_EQ(EntryData(zip, entries[1]), binary);
  EXPECT_EQ(entries[1].crc, Crc32(binary));
  EXPECT_EQ(entries[2].size, 0u);

  if (std::system("command -v unzip >/dev/null 2>&1") != 0) GTEST_SKIP() << "unzip not installed";
  testing_util::TempDir dir;
  testing_util::WriteFileOrDie(dir / "a.zip", zip);
  EXPECT_EQ(std::system(("unzip -tq '" + (dir / "a.zip") + "' >/dev/null").c_str()), 0);
  ASSERT_EQ(std::system(("cd '" + dir.path() + "' && unzip -q a.zip -d out").c_str()), 0);
  EXPECT_EQ(testing_util::ReadFileOrDie(dir / "out/photo (2).jpg"), binary);
  EXPECT_EQ(testing_util::ReadFileOrDie(dir / "out/_evil_"), "x");
}

TEST(ZipStreamTest, StopsWhenTheReaderIsGone) {
  int calls = 0;
  ZipStreamWriter writer([&](std::string_view) { return ++calls < 2; });
  EXPECT_FALSE(writer.Add("a.jpg", "data", 0));
  EXPECT_FALSE(writer.error().empty());
  EXPECT_FALSE(writer.Add("b.jpg", "data", 0));
  EXPECT_FALSE(writer.Finish());
  EXPECT_EQ(calls, 2);
}

TEST(ZipStreamTest, EmptyArchiveIsValid) {
  std::string zip;
  ZipStreamWriter writer([&](std::string_view b) {
    zip.append(b.data(), b.size());
    return true;
  });
  ASSERT_TRUE(writer.Finish());
  EXPECT_EQ(zip.size(), 22u);
  EXPECT_TRUE(CentralDirectory(zip).empty());
  EXPECT_FALSE(writer.Add("late.jpg", "x", 0));
}

}  // namespace
