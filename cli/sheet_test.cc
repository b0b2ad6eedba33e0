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

// An offer whose published figures are unusual is marked, the mark is
// explained under its table in the sheet's language, and the worked example
// is an ordinary offer.
TEST(RenderSheetTest, MarksUnusualPublishedFigures) {
  v1::RankOffersResponse ranking;
  v1::Offer* promo = ranking.add_offers();
  promo->set_rank(1);
  promo->set_provider_name("Promo Remit");
  promo->set_transparent(true);
  promo->set_total_cost_percent("-0.99");
  promo->mutable_receive_amount()->set_currency_code("MXN");
  promo->mutable_receive_amount()->set_units(4100);
  promo->add_data_notes(v1::DATA_NOTE_NEGATIVE_TOTAL);
  v1::Offer* plain = ranking.add_offers();
  plain->set_rank(2);
  plain->set_provider_name("Plain Remit");
  plain->set_transparent(true);
  plain->set_total_cost_percent("2.5");
  plain->mutable_receive_amount()->set_currency_code("MXN");
  plain->mutable_receive_amount()->set_units(3900);
  SheetInput input;
  input.from_name = "United States";
  input.to_name = "Mexico";
  input.rankings = {ranking};
  for (const std::string& code : LanguageCodes()) {
    const Messages& m = *FindMessages(code);
    const std::string html = RenderSheet(input, m);
    EXPECT_NE(html.find("%) !</td>"), std::string::npos) << code;
    EXPECT_EQ(html.find("%) !</td>"), html.rfind("%) !</td>")) << code;
    EXPECT_NE(html.find("<p class=\"note\">! "), std::string::npos) << code;
    // The example names the plain offer, not the promotion.
    const size_t example = html.find("<p class=\"example\">");
    ASSERT_NE(example, std::string::npos) << code;
    EXPECT_NE(html.find("Plain Remit", example), std::string::npos) << code;
    EXPECT_EQ(html.find("Promo Remit", example), std::string::npos) << code;
  }
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
