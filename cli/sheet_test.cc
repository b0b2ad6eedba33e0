#include "cli/sheet.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli/i18n/localizer.h"
#include "engine/money/money.h"
#include "gtest/gtest.h"

namespace remit::cli {
namespace {

struct RoundCase {
  const char* exact;
  const char* round;
};

TEST(RoundSheetAmountTest, RoundAmountsWithinATenth) {
  const RoundCase cases[] = {
      {"151.60 GBP", "150.00 GBP"},  // Step 25.
      {"379.00 GBP", "400.00 GBP"},  // Step 50.
      {"200.00 USD", "200.00 USD"},  // Already round.
      {"500.00 USD", "500.00 USD"},
      {"185.00 EUR", "175.00 EUR"},  // 185 / 25 = 7.4.
      {"187.50 EUR", "200.00 EUR"},  // A half goes up.
      {"462.00 EUR", "450.00 EUR"},
      {"3725.00 ZAR", "3500.00 ZAR"},    // Step 500.
      {"18000.00 KES", "18000.00 KES"},  // Already round: kept.
      {"18100.00 KES", "17500.00 KES"},
      {"120.00 GBP", "120.00 GBP"},
      {"300.00 GBP", "300.00 GBP"},
      {"125.00 EUR", "125.00 EUR"},  // Three digits: 125 / 25 = 5.
      {"123.00 EUR", "120.00 EUR"},  // Step 10.
      {"45000.00 KES", "45000.00 KES"},
      {"30500 JPY", "30000 JPY"},  // No minor unit; step 5000.
      {"12.34 USD", "12.00 USD"},  // Step 2.
      {"3.40 USD", "3.00 USD"},    // Under 5 units: step 1.
      {"0.40 USD", "0.40 USD"},    // Never nothing.
      {"0.00 USD", "0.00 USD"},
      // The largest amount there is: no overflow.
      {"92233720368547758.07 USD", "90000000000000000.00 USD"},
  };
  for (const RoundCase& c : cases) {
    absl::StatusOr<Money> exact = Money::Parse(c.exact);
    ASSERT_TRUE(exact.ok()) << exact.status();
    EXPECT_EQ(RoundSheetAmount(*exact).ToString(), c.round) << c.exact;
  }
}

TEST(RoundSheetAmountTest, NeverMoreThanATenthAway) {
  for (int64_t minor = 500; minor < 2000000; minor = minor * 7 / 6 + 13) {
    const Money exact =
        Money::FromMinorUnits(minor, Money::Parse("1 USD")->currency());
    const int64_t round = RoundSheetAmount(exact).minor_units();
    EXPECT_LE(std::abs(round - minor) * 10, minor) << exact;
    EXPECT_EQ(round % 100, 0) << exact;  // Whole units.
  }
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
  input.from_country = "US";
  input.to_country = "MX";
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

v1::RankOffersResponse OneOffer(const std::string& percent, int offer_count,
                                bool smart) {
  v1::RankOffersResponse ranking;
  v1::Offer* offer = ranking.add_offers();
  offer->set_rank(1);
  offer->set_provider_name("Plain Remit");
  offer->set_transparent(true);
  offer->set_total_cost_percent(percent);
  offer->mutable_send_amount()->set_currency_code("GBP");
  offer->mutable_send_amount()->set_units(150);
  offer->mutable_receive_amount()->set_currency_code("NGN");
  offer->mutable_receive_amount()->set_units(302500);
  v1::CorridorSummary* s = ranking.mutable_summary();
  s->mutable_amount()->set_currency_code("GBP");
  s->mutable_amount()->set_units(150);
  s->set_offer_count(offer_count);
  s->set_average_total_cost_percent(percent);
  if (smart) s->set_smart_percent("3.16");
  return ranking;
}

struct LanguageCase {
  const char* code;
  std::vector<std::string> expected;
};

// Country names, amounts, percentages and plural forms are the language's.
TEST(RenderSheetTest, EverythingInTheSheetsLanguage) {
  SheetInput input;
  input.from_country = "GBR";
  input.to_country = "NG";
  input.rankings = {OneOffer("1.63", 1, false), OneOffer("5.64", 4, true)};
  input.data_name = "sample";
  input.data_date = "2026-11-02";
  // The figures under the second table are at RPW's exact amount.
  CorridorFigures usd200;
  usd200.usd_equivalent = 0;
  usd200.summary = input.rankings[0].summary();
  CorridorFigures exact;
  exact.usd_equivalent = 200;
  exact.summary = input.rankings[1].summary();
  exact.summary.mutable_amount()->set_units(151);
  exact.summary.mutable_amount()->set_nanos(600000000);
  input.figures = {usd200, exact};
  const LanguageCase cases[] = {
      {"en",
       {"Sending money: United Kingdom \u2192 Nigeria",
        "Cheapest offers for sending \u00a3150",
        "For \u00a3150, the only offer in our data costs 1.63%.",
        "For \u00a3151.60, the usual amount for comparing prices (about 200 "
        "US dollars), the 4 offers in our data cost 5.64% on average.",
        "cost 3.16% on average.", "Fewer than three offers",
        "NGN\u00a0302,500.00", "prices as of November 2, 2026"}},
      {"fr",
       {"Envoyer de l\u2019argent\u00a0: Royaume-Uni \u2192 Nigeria",
        "Pour 150\u00a0\u00a3GB, la seule offre de nos donn\u00e9es "
        "co\u00fbte 1,63\u00a0%.",
        "Pour 151,60\u00a0\u00a3GB, le montant habituel pour comparer les "
        "prix (environ 200 dollars am\u00e9ricains), les 4 offres de nos "
        "donn\u00e9es co\u00fbtent 5,64\u00a0% en moyenne.",
        "302\u202f500,00\u00a0NGN", "prix au 2 novembre 2026"}},
      {"es",
       {"Enviar dinero: Reino Unido \u2192 Nigeria",
        "Para 150\u00a0GBP, la \u00fanica oferta de nuestros datos "
        "cuesta 1,63\u00a0%.",
        "las 4 ofertas de nuestros datos cuestan 5,64\u00a0% en promedio.",
        "302.500,00\u00a0NGN", "precios al 2 de noviembre de 2026"}},
  };
  const std::string english = RenderSheet(input, *FindMessages("en"));
  for (const LanguageCase& c : cases) {
    const std::string html = RenderSheet(input, *FindMessages(c.code));
    for (const std::string& text : c.expected) {
      EXPECT_NE(html.find(text), std::string::npos)
          << c.code << ": " << text << "\n"
          << html;
    }
    // No placeholder left unfilled, no ICU pattern left unread.
    const size_t body = html.find("<body>");
    EXPECT_EQ(html.find('{', body), std::string::npos) << c.code;
    if (std::string(c.code) == "en") continue;
    // No English sentence of the sheet is left in another language.
    for (const char* text :
         {"United Kingdom", "Sending", "offers", "Provider", "Fee", "Speed",
          "average", "prices", "Example", "not stated"}) {
      EXPECT_EQ(html.find(text), std::string::npos) << c.code << ": " << text;
    }
  }
}

TEST(MessagesTest, EveryPatternReadsInItsLanguage) {
  for (const std::string& code : LanguageCodes()) {
    const Messages& m = *FindMessages(code);
    const Localizer& l = LocalizerFor(m);
    EXPECT_EQ(l.language(), code);
    const std::vector<MessageArg> args = {
        {"from", "A"},     {"to", "B"},       {"amount", "C"},
        {"count", 2},      {"average", "D"},  {"reference", "usd500"},
        {"smart", "E"},    {"provider", "F"}, {"fee", "G"},
        {"rate", "H"},     {"mid", "I"},      {"margin_cost", "J"},
        {"receives", "K"}, {"total", "L"},    {"percent", "M"},
        {"name", "N"},     {"date", "O"},     {"version", "P"}};
    for (const char* pattern : {m.title, m.offers_heading, m.corridor_line,
                                m.smart_line, m.example, m.source_line}) {
      const std::string text = l.Format(pattern, args);
      EXPECT_EQ(text.find_first_of("{}"), std::string::npos)
          << code << ": " << pattern << " -> " << text;
    }
    for (const char* reference : {"usd200", "usd500", "typed"}) {
      for (int count : {1, 2, 1000}) {
        const std::string line =
            l.Format(m.corridor_line, {{"reference", reference},
                                       {"amount", "C"},
                                       {"count", count},
                                       {"average", "D"}});
        EXPECT_EQ(line.find_first_of("{}#"), std::string::npos)
            << code << " " << reference << " " << count << ": " << line;
      }
    }
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
    for (const char* text : {m->title, m->example, m->corridor_line,
                             m->smart_line, m->source_line}) {
      EXPECT_NE(std::string(text).find('{'), std::string::npos) << code;
    }
  }
  EXPECT_EQ(FindMessages("de"), nullptr);
}

}  // namespace
}  // namespace remit::cli
