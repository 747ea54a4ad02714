#include "base/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace base {
namespace {

using namespace std::string_literals;

TEST(Utf8, DecodesEachLength) {
  char32_t cp = 0;
  EXPECT_EQ(DecodeUtf8("A", 0, &cp), 1u);
  EXPECT_EQ(cp, U'A');
  EXPECT_EQ(DecodeUtf8("\xC3\xA9", 0, &cp), 2u);
  EXPECT_EQ(cp, U'\u00E9');
  EXPECT_EQ(DecodeUtf8("\xE2\x82\xAC", 0, &cp), 3u);
  EXPECT_EQ(cp, U'\u20AC');
  EXPECT_EQ(DecodeUtf8("\xF0\x9F\x93\xB7", 0, &cp), 4u);
  EXPECT_EQ(cp, U'\U0001F4F7');
  EXPECT_EQ(DecodeUtf8("\xF4\x8F\xBF\xBF", 0, &cp), 4u);  // U+10FFFF, the last one
  EXPECT_EQ(cp, U'\U0010FFFF');
  EXPECT_EQ(DecodeUtf8("a\xC3\xA9", 1, &cp), 2u);
  EXPECT_EQ(DecodeUtf8("\0"s, 0, &cp), 1u);
  EXPECT_EQ(cp, U'\0');
}

TEST(Utf8, RefusesWhatRfc3629Forbids) {
  for (const std::string& bad : {"\x80"s, "\xBF"s,               // lone continuation bytes
                                 "\xC0\x80"s, "\xC1\xBF"s,       // overlong 2-byte forms
                                 "\xE0\x80\x80"s, "\xE0\x9F\xBF"s,  // overlong 3-byte forms
                                 "\xF0\x80\x80\x80"s, "\xF0\x8F\xBF\xBF"s,  // overlong 4-byte forms
                                 "\xED\xA0\x80"s, "\xED\xBF\xBF"s,  // surrogates
                                 "\xF4\x90\x80\x80"s, "\xF5\x80\x80\x80"s, "\xFF"s,  // over U+10FFFF
                                 "\xC3"s, "\xE2\x82"s, "\xF0\x9F\x93"s,  // cut short
                                 "\xC3\x41"s, "\xE2\x28\xA1"s}) {         // not a continuation
    EXPECT_EQ(DecodeUtf8(bad, 0), 0u) << testing::PrintToString(bad);
    EXPECT_FALSE(IsValidUtf8(bad)) << testing::PrintToString(bad);
  }
  EXPECT_EQ(DecodeUtf8("abc", 3), 0u) << "past the end";
  EXPECT_EQ(DecodeUtf8("", 0), 0u);
}

TEST(Utf8, ValidatesWholeStrings) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("\xC2\xA9 IOM \xE2\x80\x94 \xF0\x9F\x93\xB7"));
  EXPECT_FALSE(IsValidUtf8("ok then \xE9"));  // Latin-1
}

TEST(Utf8, AppendEncodesEachLengthAndRoundTrips) {
  for (char32_t cp : {U'\u0000', U'\u007F', U'\u0080', U'\u07FF', U'\u0800', U'\uFFFD', U'\U00010000',
                      U'\U0010FFFF'}) {
    std::string out;
    AppendUtf8(cp, &out);
    char32_t back = 0xFFFFFFFF;
    EXPECT_EQ(DecodeUtf8(out, 0, &back), out.size());
    EXPECT_EQ(back, cp);
  }
}

TEST(Utf8, TruncateNeverSplitsACharacter) {
  const std::string text = "a\xC3\xA9\xE2\x82\xAC";  // a, é (2 bytes), € (3 bytes)
  EXPECT_EQ(TruncateUtf8(text, 10), text);
  EXPECT_EQ(TruncateUtf8(text, 6), text);
  EXPECT_EQ(TruncateUtf8(text, 5), "a\xC3\xA9");
  EXPECT_EQ(TruncateUtf8(text, 4), "a\xC3\xA9");
  EXPECT_EQ(TruncateUtf8(text, 2), "a");
  EXPECT_EQ(TruncateUtf8(text, 1), "a");
  EXPECT_EQ(TruncateUtf8(text, 0), "");
}

}  // namespace
}  // namespace base
