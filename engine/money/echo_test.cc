#include "engine/money/echo.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace remit {
namespace {

TEST(EchoTest, ShortValuesWhole) {
  EXPECT_EQ(Echo("USD"), "'USD'");
  EXPECT_EQ(Echo(""), "''");
  EXPECT_EQ(EchoText("total_cost"), "total_cost");
  const std::string limit(kEchoPrefixBytes, 'a');
  EXPECT_EQ(Echo(limit), "'" + limit + "'");
}

TEST(EchoTest, EscapesWhatIsNotPrintable) {
  EXPECT_EQ(Echo(std::string("a\nb\0'", 5)), "'a\\nb\\x00\\''");
  EXPECT_EQ(EchoText("\xff"), "\\xff");
}

TEST(EchoTest, ShowsCharactersOtherThanAsciiAsThemselves) {
  EXPECT_EQ(Echo("\xc2\xa3"
                 "120"),
            "'\xc2\xa3"
            "120'");  // £120
  EXPECT_EQ(Echo("Soci\xc3\xa9t\xc3\xa9"),
            "'Soci\xc3\xa9t\xc3\xa9'");                    // Société
  EXPECT_EQ(Echo("\xe2\x82\xac\n"), "'\xe2\x82\xac\\n'");  // €, newline
  // Not well-formed (a lone lead byte, an overlong '/', a surrogate): the
  // bytes, escaped.
  EXPECT_EQ(EchoText("\xc3"
                     "1"),
            "\\xc3\\x31");
  EXPECT_EQ(EchoText("\xe0\x80\xaf"), "\\xe0\\x80\\xaf");
  EXPECT_EQ(EchoText("\xed\xa0\x80"), "\\xed\\xa0\\x80");
  // Controls and marks that would hide or reorder text: escaped (NEL
  // U+0085, right-to-left override U+202E, zero-width space U+200B).
  EXPECT_EQ(EchoText("\xc2\x85"), "\\xc2\\x85");
  // (A hex digit after a \x escape is escaped too, as C reads it.)
  EXPECT_EQ(EchoText("a\xe2\x80\xae"
                     "b"),
            "a\\xe2\\x80\\xae\\x62");
  EXPECT_EQ(EchoText("\xe2\x80\x8b"), "\\xe2\\x80\\x8b");
}

TEST(EchoTest, LongValuesAreCutBetweenCharacters) {
  // 'é' is two bytes: 63 x's and then 'é' would be cut in half at 64.
  std::string value(kEchoPrefixBytes - 1, 'x');
  for (int i = 0; i < 10; ++i) value += "\xc3\xa9";
  EXPECT_EQ(Echo(value),
            absl::StrCat("'", std::string(kEchoPrefixBytes - 1, 'x'), "...' (",
                         value.size(), " bytes)"));
}

TEST(EchoTest, LongValuesShowAPrefixAndTheirLength) {
  const std::string value = std::string(kEchoPrefixBytes, 'p') +
                            std::string(40 * 1024 - kEchoPrefixBytes, 'x');
  EXPECT_EQ(Echo(value), absl::StrCat("'", std::string(kEchoPrefixBytes, 'p'),
                                      "...' (40960 bytes)"));
  EXPECT_EQ(EchoText(value), absl::StrCat(std::string(kEchoPrefixBytes, 'p'),
                                          "... (40960 bytes)"));
  // Escaping is bounded too: at most 4 characters per byte shown.
  const std::string binary(1 << 20, '\x01');
  EXPECT_LE(Echo(binary).size(), 4 * kEchoPrefixBytes + 32);
}

TEST(ShortenMessageTest, KeepsBothEndsOfALongMessage) {
  EXPECT_EQ(ShortenMessage("short: as it is"), "short: as it is");
  const std::string message = "(filter.receive_methods[0]): invalid value \"" +
                              std::string(40000, 'Q') + "\" for type TYPE_ENUM";
  const std::string shortened = ShortenMessage(message);
  EXPECT_EQ(shortened,
            absl::StrCat(message.substr(0, kEchoPrefixBytes), " ... (",
                         message.size(), " bytes) ... ",
                         message.substr(message.size() - kEchoPrefixBytes)));
  EXPECT_TRUE(absl::EndsWith(shortened, "\" for type TYPE_ENUM"));
  EXPECT_LE(shortened.size(), 3 * kEchoPrefixBytes);
}

TEST(ShortenMessageTest, CutsBetweenUtf8Characters) {
  // 'é' is two bytes: an odd offset would cut one in half.
  std::string message = "x";
  for (int i = 0; i < 200; ++i) message += "\xc3\xa9";
  const std::string shortened = ShortenMessage(message);
  const size_t cut = shortened.find(" ... (");
  ASSERT_NE(cut, std::string::npos);
  EXPECT_EQ(shortened.substr(cut - 2, 2), "\xc3\xa9");
  EXPECT_EQ(shortened.substr(shortened.size() - 2), "\xc3\xa9");
  EXPECT_EQ(shortened[shortened.find(" bytes) ... ") + 12], '\xc3');
}

}  // namespace
}  // namespace remit
