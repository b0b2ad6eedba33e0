#include "engine/importers/rpw/internal/csv.h"

#include "gtest/gtest.h"

namespace remit::engine_internal {
namespace {

using Fields = std::vector<std::string>;

TEST(CsvTest, PlainQuotedAndEscaped) {
  auto rows = ReadCsv("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ((*rows)[1].fields, (Fields{"1", "x, y", "say \"hi\""}));
  EXPECT_EQ((*rows)[1].line, 2);
}

TEST(CsvTest, BomCrlfEmptyFieldsAndBlankLines) {
  auto rows = ReadCsv("\xEF\xBB\xBFh1,h2\r\n\r\n,x\r\nlast,\r\n");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].fields, (Fields{"h1", "h2"}));
  EXPECT_EQ((*rows)[1].fields, (Fields{"", "x"}));
  EXPECT_EQ((*rows)[1].line, 3);
  EXPECT_EQ((*rows)[2].fields, (Fields{"last", ""}));
}

TEST(CsvTest, LineBreakInsideQuotesKeepsLineNumbers) {
  auto rows = ReadCsv("a,\"two\nlines\"\nnext,row");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].fields[1], "two\nlines");
  EXPECT_EQ((*rows)[1].line, 3);
  EXPECT_EQ((*rows)[1].fields, (Fields{"next", "row"}));
}

TEST(CsvTest, Errors) {
  EXPECT_EQ(ReadCsv("a\n\"open,b\nc").status().message(),
            "line 2: a quoted field is never closed");
  EXPECT_EQ(ReadCsv("a\"b\"").status().message(),
            "line 1: a quote inside an unquoted field");
  EXPECT_EQ(ReadCsv("\"a\"b").status().message(),
            "line 1: text after the closing quote of a field");
}

}  // namespace
}  // namespace remit::engine_internal
