#include "engine/workbook/internal/sheet_text.h"

#include <optional>
#include <string>

#include "gtest/gtest.h"

namespace remit::workbook_internal {
namespace {

TEST(ParseCellReferenceTest, PlacesOnTheGrid) {
  static const struct {
    const char* reference;
    int column;
    int row;
  } kCases[] = {
      {"A1", 0, 1},       {"Z9", 25, 9},
      {"AA10", 26, 10},   {"AB12", 27, 12},
      {"AZ1", 51, 1},     {"BA1", 52, 1},
      {"ZZ1", 701, 1},    {"AAA1", 702, 1},
      {"XFD1", 16383, 1}, {"A1048576", 0, 1048576},
  };
  for (const auto& c : kCases) {
    const std::optional<CellPlace> place = ParseCellReference(c.reference);
    ASSERT_TRUE(place.has_value()) << c.reference;
    EXPECT_EQ(place->column, c.column) << c.reference;
    EXPECT_EQ(place->row, c.row) << c.reference;
  }
}

TEST(ParseCellReferenceTest, RefusesWhatIsNotAPlace) {
  for (const char* reference :
       {"", "A", "1", "A0", "A01", "a1", "$A$1", "A1048577", "XFE1", "AAAA1",
        "A1B", "A-1", "A 1", "A99999999999"}) {
    EXPECT_FALSE(ParseCellReference(reference).has_value()) << reference;
  }
}

TEST(ParseRowNumberTest, OneToTheLastRow) {
  EXPECT_EQ(ParseRowNumber("1"), 1);
  EXPECT_EQ(ParseRowNumber("1048576"), 1048576);
  for (const char* text : {"", "0", "01", "-1", "+1", "1048577", "1e3", " 1"}) {
    EXPECT_FALSE(ParseRowNumber(text).has_value()) << text;
  }
}

TEST(ParseIndexTest, NonNegativeInts) {
  EXPECT_EQ(ParseIndex("0"), 0);
  EXPECT_EQ(ParseIndex("017"), 17);
  EXPECT_EQ(ParseIndex("2147483647"), 2147483647);
  for (const char* text : {"", "-1", "2147483648", "99999999999", "1.0", "x"}) {
    EXPECT_FALSE(ParseIndex(text).has_value()) << text;
  }
}

TEST(ColumnLettersTest, BijectiveBase26) {
  EXPECT_EQ(ColumnLetters(0), "A");
  EXPECT_EQ(ColumnLetters(25), "Z");
  EXPECT_EQ(ColumnLetters(26), "AA");
  EXPECT_EQ(ColumnLetters(27), "AB");
  EXPECT_EQ(ColumnLetters(701), "ZZ");
  EXPECT_EQ(ColumnLetters(702), "AAA");
  EXPECT_EQ(ColumnLetters(16383), "XFD");
  EXPECT_EQ(ColumnLetters(-1), "");
  for (int column = 0; column <= kMaxColumn; ++column) {
    const std::optional<CellPlace> place =
        ParseCellReference(ColumnLetters(column) + "1");
    ASSERT_TRUE(place.has_value()) << column;
    ASSERT_EQ(place->column, column);
  }
}

TEST(DecodeEscapesTest, Cases) {
  static const struct {
    const char* in;
    const char* out;
  } kCases[] = {
      {"plain", "plain"},
      {"a_x000D_b", "a\rb"},
      {"_x0009_", "\t"},
      {"_x005F_x0041_", "_x0041_"},
      {"_x00e9_", "\xC3\xA9"},                 // é, lower-case hex.
      {"_x20AC_", "\xE2\x82\xAC"},             // €
      {"_xD83D__xDE00_", "\xF0\x9F\x98\x80"},  // A surrogate pair.
      {"_xD83D_", "_xD83D_"},                  // A lone surrogate.
      {"_xDE00__x0041_", "_xDE00_A"},
      {"_x00G1_", "_x00G1_"},  // Not hex.
      {"_x0041", "_x0041"},    // Unclosed.
      {"__x0041__", "_A_"},
      {"_x", "_x"},
  };
  for (const auto& c : kCases) {
    std::string text = c.in;
    DecodeEscapes(&text);
    EXPECT_EQ(text, c.out) << c.in;
  }
}

}  // namespace
}  // namespace remit::workbook_internal
