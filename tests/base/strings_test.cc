#include "base/strings.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace base {
namespace {

TEST(Strings, AsciiLowerFoldsOnlyAsciiLetters) {
  EXPECT_EQ(AsciiLower("Content-TYPE: X-Default 09"), "content-type: x-default 09");
  EXPECT_EQ(AsciiLower("\xC3\x89t\xC3\xA9"), "\xC3\x89t\xC3\xA9");  // UTF-8 bytes untouched
  EXPECT_EQ(AsciiLower(""), "");
  EXPECT_EQ(AsciiLower(std::string("A\0B", 3)), std::string("a\0b", 3));
}

TEST(Strings, TrimTakesTheGivenCharactersFromBothEnds) {
  EXPECT_EQ(Trim("  \t text here \r\n"), "text here");
  EXPECT_EQ(Trim(" \t "), "");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim("..name. .", ". "), "name");
  EXPECT_EQ(Trim(" a b ", " \t"), "a b");
  EXPECT_EQ(Trim(std::string_view("\0 x\0", 4), std::string_view(" \0", 2)), "x");
  EXPECT_EQ(TrimLeft("  x  "), "x  ");
  EXPECT_EQ(TrimRight("  x \r", " \r"), "  x");
  EXPECT_EQ(TrimRight("\r\r", "\r"), "");
}

TEST(Strings, TrimViewsItsArgument) {
  const std::string text = "  kept  ";
  std::string_view trimmed = Trim(text);
  EXPECT_EQ(trimmed.data(), text.data() + 2);
  EXPECT_EQ(trimmed.size(), 4u);
}

TEST(Strings, StartsWith) {
  EXPECT_TRUE(StartsWith("RIFF....WEBP", "RIFF"));
  EXPECT_TRUE(StartsWith("x", ""));
  EXPECT_FALSE(StartsWith("RIF", "RIFF"));
  EXPECT_FALSE(StartsWith("", "R"));
}

TEST(Strings, SplitKeepsEveryPieceEmptyOnesIncluded) {
  using V = std::vector<std::string_view>;
  EXPECT_EQ(Split("A; B;;C", ';'), (V{"A", " B", "", "C"}));
  EXPECT_EQ(Split(";", ';'), (V{"", ""}));
  EXPECT_EQ(Split("", ';'), (V{""}));
  EXPECT_EQ(Split("no separator", ';'), (V{"no separator"}));
}

}  // namespace
}  // namespace base
