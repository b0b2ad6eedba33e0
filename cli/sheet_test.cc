#include "cli/sheet.h"

#include "gtest/gtest.h"

namespace remit::cli {
namespace {

TEST(LocalNumberTest, PerLanguage) {
  const Messages* en = FindMessages("en");
  const Messages* fr = FindMessages("fr");
  const Messages* es = FindMessages("es");
  ASSERT_NE(en, nullptr);
  ASSERT_NE(fr, nullptr);
  ASSERT_NE(es, nullptr);
  EXPECT_EQ(LocalNumber("241900.00", *en), "241,900.00");
  EXPECT_EQ(LocalNumber("241900.00", *fr), "241\u202f900,00");
  EXPECT_EQ(LocalNumber("241900.00", *es), "241.900,00");
  EXPECT_EQ(LocalNumber("-0.55", *fr), "-0,55");
  EXPECT_EQ(LocalNumber("1000000", *en), "1,000,000");
  EXPECT_EQ(LocalNumber("999", *es), "999");
  EXPECT_EQ(LocalNumber("2020", *en), "2,020");
}

TEST(MessagesTest, EveryCatalogIsComplete) {
  for (const std::string& code : LanguageCodes()) {
    const Messages* m = FindMessages(code);
    ASSERT_NE(m, nullptr) << code;
    EXPECT_EQ(m->questions.size(), 6u) << code;
    EXPECT_EQ(m->payment_instruments.size(), 6u) << code;
    EXPECT_EQ(m->receive_methods.size(), 5u) << code;
    EXPECT_EQ(m->speeds.size(), 6u) << code;
    for (const char* text : {m->title, m->example, m->corridor_line}) {
      EXPECT_NE(std::string(text).find('{'), std::string::npos) << code;
    }
  }
  EXPECT_EQ(FindMessages("de"), nullptr);
}

}  // namespace
}  // namespace remit::cli
