#include "engine/money/echo.h"

#include <string>

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

}  // namespace
}  // namespace remit
