#include "base/byte_reader.h"

#include <gtest/gtest.h>

#include <string>

namespace base {
namespace {

using namespace std::string_literals;

TEST(ByteReader, ReadsBothByteOrders) {
  const std::string bytes = "\x01\x02\x03\x04\x05\x06\x07\x08"s;
  ByteReader r(bytes);
  EXPECT_EQ(r.Be16(), 0x0102);
  EXPECT_EQ(r.Le16(), 0x0403);
  EXPECT_EQ(r.position(), 4u);
  EXPECT_EQ(r.Le32(), 0x08070605u);
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(ByteReader, EveryWidthAndOffset) {
  const std::string bytes = "\x12\x34\x56\x78\x9A\xBC\xDE\xF0"s;
  ByteReader r(bytes);
  EXPECT_EQ(r.Be32At(0), 0x12345678u);
  EXPECT_EQ(r.Le32At(0), 0x78563412u);
  EXPECT_EQ(r.Be32At(4), 0x9ABCDEF0u);
  EXPECT_EQ(r.U16At(6, Endian::kLittle), 0xF0DE);
  EXPECT_EQ(r.U64(Endian::kBig), 0x123456789ABCDEF0ull);
  ASSERT_TRUE(r.Seek(0));
  EXPECT_EQ(r.U64(Endian::kLittle), 0xF0DEBC9A78563412ull);
  ASSERT_TRUE(r.Seek(1));
  EXPECT_EQ(r.BeN(3), 0x345678u);
  EXPECT_EQ(r.BeN(0), 0u);
  EXPECT_EQ(r.position(), 4u);
  EXPECT_EQ(r.U8(), 0x9A);
  EXPECT_EQ(r.Bytes(3), "\xBC\xDE\xF0"s);
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(ByteReader, ReadsPastTheEndFailAndDoNotMove) {
  const std::string bytes = "\x01\x02\x03"s;
  ByteReader r(bytes);
  ASSERT_TRUE(r.Skip(1));
  EXPECT_EQ(r.Be32(), std::nullopt);
  EXPECT_EQ(r.Le32(), std::nullopt);
  EXPECT_EQ(r.U64(Endian::kBig), std::nullopt);
  EXPECT_EQ(r.BeN(3), std::nullopt);
  EXPECT_EQ(r.BeN(9), std::nullopt) << "wider than 64 bits";
  EXPECT_EQ(r.Bytes(3), std::nullopt);
  EXPECT_EQ(r.position(), 1u) << "a failed read leaves the position";
  EXPECT_EQ(r.Be16(), 0x0203);
  EXPECT_EQ(r.U8(), std::nullopt);
  EXPECT_FALSE(r.Skip(1));
  EXPECT_FALSE(r.Seek(4));
  EXPECT_TRUE(r.Seek(3));
  EXPECT_EQ(r.position(), 3u);
}

TEST(ByteReader, AbsoluteReadsAreBoundedWhateverTheOffset) {
  const std::string bytes = "\x01\x02\x03\x04"s;
  const ByteReader r(bytes);
  EXPECT_EQ(r.Be32At(1), std::nullopt);
  EXPECT_EQ(r.Be32At(4), std::nullopt);
  EXPECT_EQ(r.Be32At(~std::size_t{0}), std::nullopt) << "no overflow of offset + width";
  EXPECT_EQ(r.U16At(~std::size_t{0} - 1, Endian::kBig), std::nullopt);
  EXPECT_EQ(r.BytesAt(2, ~std::size_t{0}), std::nullopt);
  EXPECT_EQ(r.BytesAt(4, 0), ""s);
  const ByteReader empty(nullptr, 0);
  EXPECT_EQ(empty.Be32At(0), std::nullopt);
}

TEST(ByteReader, LittleEndianWriters) {
  std::string out;
  AppendLe16(&out, 0x0102);
  AppendLe32(&out, 0x03040506);
  EXPECT_EQ(out, "\x02\x01\x06\x05\x04\x03"s);
  EXPECT_TRUE(StoreLe32(&out, 2, 0xA0B0C0D0));
  EXPECT_EQ(out, "\x02\x01\xD0\xC0\xB0\xA0"s);
  EXPECT_FALSE(StoreLe32(&out, 3, 0));
  EXPECT_FALSE(StoreLe32(&out, 100, 0));
  EXPECT_EQ(out, "\x02\x01\xD0\xC0\xB0\xA0"s) << "a store that does not fit writes nothing";
}

}  // namespace
}  // namespace base
