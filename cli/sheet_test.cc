#include "cli/sheet.h"

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
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
    // The mark sticks to the figure it is about.
    const std::string unusual = "%)\u00a0!</span></td>";
    EXPECT_NE(html.find(unusual), std::string::npos) << code;
    EXPECT_EQ(html.find(unusual), html.rfind(unusual)) << code;
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

// A catalog sentence as the HTML page holds it.
std::string Escaped(const char* text) {
  return absl::StrReplaceAll(text, {{"&", "&amp;"},
                                    {"<", "&lt;"},
                                    {">", "&gt;"},
                                    {"\"", "&quot;"},
                                    {"'", "&#39;"}});
}

v1::Money Usd(int64_t units, int32_t nanos) {
  v1::Money money;
  money.set_currency_code("USD");
  money.set_units(units);
  money.set_nanos(nanos);
  return money;
}

// An offer of `total` USD (cents) at 200 USD, its parts adding up.
v1::Offer SheetOffer(int rank, const std::string& name, int64_t fee_cents,
                     int64_t other_cents, int64_t fx_cents) {
  v1::Offer o;
  o.set_rank(rank);
  o.set_provider_name(name);
  o.set_transparent(true);
  *o.mutable_send_amount() = Usd(200, 0);
  auto cents = [](int64_t c) {
    return Usd(c / 100, static_cast<int32_t>(c % 100) * 10'000'000);
  };
  *o.mutable_fee() = cents(fee_cents);
  *o.mutable_funding_surcharge() = cents(other_cents);
  *o.mutable_recipient_fee_in_send_currency() = cents(0);
  *o.mutable_fx_margin_cost() = cents(fx_cents);
  *o.mutable_total_cost() = cents(fee_cents + other_cents + fx_cents);
  o.set_total_cost_percent("1.5");
  o.set_exchange_rate("18.1");
  o.set_mid_market_rate("18.2");
  o.mutable_receive_amount()->set_currency_code("MXN");
  o.mutable_receive_amount()->set_units(3600);
  return o;
}

SheetInput UsMx(std::vector<v1::Offer> offers) {
  v1::RankOffersResponse ranking;
  for (v1::Offer& o : offers) *ranking.add_offers() = std::move(o);
  ranking.mutable_summary()->mutable_amount()->CopyFrom(Usd(200, 0));
  SheetInput input;
  input.from_country = "US";
  input.to_country = "MX";
  input.rankings = {ranking};
  return input;
}

// Promotions and estimates are marked and explained in every language; a
// negative total is said in words; the worked example is the cheapest
// regular offer.
TEST(RenderSheetTest, MarksPromotionsAndEstimatesAndSaysANegativeTotal) {
  v1::Offer promo = SheetOffer(1, "Promo Remit", 0, 0, -55);
  promo.set_promotional(true);
  v1::Offer estimate = SheetOffer(2, "Guess Remit", 100, 0, 150);
  estimate.set_estimated(true);
  v1::Offer regular = SheetOffer(3, "Plain Remit", 199, 0, 198);
  const SheetInput input = UsMx({promo, estimate, regular});
  for (const std::string& code : LanguageCodes()) {
    const Messages& m = *FindMessages(code);
    const std::string html = RenderSheet(input, m);
    EXPECT_NE(html.find(Escaped(m.promotional_note)), std::string::npos)
        << code;
    EXPECT_NE(html.find(std::string("<p class=\"note\">~")), std::string::npos)
        << code;
    // The estimate is marked, whatever the language's way with money.
    const size_t guess = html.find("Guess Remit");
    ASSERT_NE(guess, std::string::npos) << code;
    EXPECT_NE(html.find("<td class=\"n\"><span class=\"num\">~", guess),
              std::string::npos)
        << code;
    // The promotion's total is in words, not "-0.55": only its FX cost
    // (a part) is negative.
    const size_t promo = html.find("Promo Remit");
    const size_t row_end = html.find("</tr>", promo);
    const size_t minus = html.find("-", promo);
    const size_t second_minus = html.find("-", minus + 1);
    EXPECT_TRUE(second_minus == std::string::npos || second_minus > row_end)
        << code << ": " << html.substr(promo, row_end - promo);
    const std::string words(m.better_than_market);
    EXPECT_NE(html.find(words.substr(0, words.find('{'))), std::string::npos)
        << code;
    EXPECT_NE(html.find("*</td>"), std::string::npos) << code;
    // The sentence wraps (a cell of its own kind), the amount in it does
    // not.
    EXPECT_NE(
        html.find("<td class=\"said\">" + words.substr(0, words.find('{')),
                  promo),
        std::string::npos)
        << code;
    const size_t example = html.find("<p class=\"example\">");
    ASSERT_NE(example, std::string::npos) << code;
    EXPECT_NE(html.find("Plain Remit", example), std::string::npos) << code;
    EXPECT_EQ(html.find("Promo Remit", example), std::string::npos) << code;
    EXPECT_EQ(html.find("Guess Remit", example), std::string::npos) << code;
  }
  const std::string en = RenderSheet(input, *FindMessages("en"));
  EXPECT_NE(en.find("promotional rate better than the market rate: <span "
                    "class=\"num\">$0.55</span> in your favour*"),
            std::string::npos)
      << en;
}

// Without a regular offer the sheet says why there is no example, unless
// the caller priced one at a surveyed amount.
TEST(RenderSheetTest, NoPromotionalOrEstimatedWorkedExample) {
  v1::Offer promo = SheetOffer(1, "Promo Remit", 0, 0, -55);
  promo.set_promotional(true);
  v1::Offer estimate = SheetOffer(2, "Guess Remit", 100, 0, 150);
  estimate.set_estimated(true);
  SheetInput input = UsMx({promo, estimate});
  for (const std::string& code : LanguageCodes()) {
    const Messages& m = *FindMessages(code);
    const std::string html = RenderSheet(input, m);
    EXPECT_NE(html.find(Escaped(m.no_example)), std::string::npos) << code;
    EXPECT_EQ(html.find("Promo Remit", html.find("<p class=\"example\">")),
              std::string::npos)
        << code;
  }
  EXPECT_EQ(WorkedExampleOffer(input.rankings[0], 5), nullptr);

  *input.example_ranking.add_offers() =
      SheetOffer(1, "Surveyed Remit", 199, 0, 198);
  const std::string html = RenderSheet(input, *FindMessages("en"));
  EXPECT_EQ(html.find(FindMessages("en")->no_example), std::string::npos);
  EXPECT_NE(html.find("Example: with Surveyed Remit,"), std::string::npos)
      << html;
}

// A surcharge (or a fee at payout) gets a column of its own so that the
// columns add up, named under the table; the worked example mentions it.
TEST(RenderSheetTest, OtherChargesAddUp) {
  const SheetInput plain = UsMx({SheetOffer(1, "Plain Remit", 199, 0, 198)});
  std::string html = RenderSheet(plain, *FindMessages("en"));
  EXPECT_EQ(html.find("<th>Other charges</th>"), std::string::npos);
  EXPECT_NE(html.find("Total cost = fee + hidden in the rate."),
            std::string::npos);

  const SheetInput card = UsMx({SheetOffer(1, "Card Remit", 299, 600, 154)});
  html = RenderSheet(card, *FindMessages("en"));
  EXPECT_NE(html.find("<th>Other charges</th>"), std::string::npos);
  // 2.99 + 6.00 + 1.54 = 10.53.
  EXPECT_NE(html.find("<td class=\"n\"><span class=\"num\">$2.99</span></td>"
                      "<td class=\"n\"><span class=\"num\">$6.00</span></td>"
                      "<td class=\"n\"><span class=\"num\">$1.54</span></td>"
                      "<td class=\"n\"><span class=\"num\">$10.53</span> "),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("Total cost = fee + other charges + hidden in the rate."),
            std::string::npos);
  EXPECT_NE(html.find("All told, the transfer costs you $10.53, that is"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("That cost includes $6.00 of other charges."),
            std::string::npos)
      << html;
}

// For print on A4 the table shrinks to the page: nothing in it is kept on
// one line but its figures, each kept whole (a figure is never split or
// cut), and a long note in a cell (a negative total said in words) wraps.
TEST(RenderSheetTest, TheTableFitsThePageWithEveryFigureWhole) {
  v1::Offer promo = SheetOffer(1, "Promo Remit", 0, 0, -55);
  promo.set_promotional(true);
  v1::Offer estimate = SheetOffer(2, "Guess Remit", 100, 0, 150);
  estimate.set_estimated(true);
  v1::Offer card = SheetOffer(3, "Card Remit", 299, 600, 154);
  v1::Offer odd = SheetOffer(4, "Odd Remit", 199, 0, 198);
  odd.add_data_notes(v1::DATA_NOTE_TOTAL_DIFFERS_FROM_PARTS);
  const SheetInput input = UsMx({promo, estimate, card, odd});
  const std::string whole = "<span class=\"num\">";
  for (const std::string& code : LanguageCodes()) {
    const Messages& m = *FindMessages(code);
    const std::string html = RenderSheet(input, m);
    const size_t style_end = html.find("</style>");
    ASSERT_NE(style_end, std::string::npos) << code;
    const std::string style = html.substr(0, style_end);
    // Only a figure is kept on one line; no inline style says otherwise.
    EXPECT_NE(style.find(".num { white-space: nowrap; }"), std::string::npos)
        << style;
    EXPECT_EQ(style.find("nowrap"), style.rfind("nowrap")) << style;
    EXPECT_EQ(html.find("style=", style_end), std::string::npos) << code;
    EXPECT_NE(style.find("max-width: 180mm"), std::string::npos);
    EXPECT_NE(style.find("table { border-collapse: collapse; width: 100%;"),
              std::string::npos);
    // Every digit in the table's cells is in a figure kept whole, which
    // holds text only.
    const size_t body = html.find("<tbody>");
    const size_t body_end = html.find("</tbody>");
    ASSERT_LT(body, body_end) << code;
    std::string cells = html.substr(body, body_end - body);
    int figures = 0;
    for (size_t at = cells.find(whole); at != std::string::npos;
         at = cells.find(whole)) {
      const size_t end = cells.find("</span>", at);
      ASSERT_NE(end, std::string::npos) << code;
      const std::string figure =
          cells.substr(at + whole.size(), end - at - whole.size());
      EXPECT_EQ(figure.find('<'), std::string::npos) << code << ": " << figure;
      cells.erase(at, end + 7 - at);
      ++figures;
    }
    // Rank, fee, other charges, hidden, total (amount and percentage, or
    // the amount in words) and amount received of each offer.
    EXPECT_EQ(figures, 4 * 7 - 1) << code;
    std::string text;
    bool in_tag = false;
    for (char c : cells) {
      if (c == '<') in_tag = true;
      if (!in_tag) text.push_back(c);
      if (c == '>') in_tag = false;
    }
    EXPECT_EQ(text.find_first_of("0123456789"), std::string::npos)
        << code << ": " << text;
    // The negative total in words, in a cell that wraps, around its amount.
    const std::string words(m.better_than_market);
    const size_t said =
        html.find("<td class=\"said\">" + words.substr(0, words.find('{')));
    ASSERT_NE(said, std::string::npos) << code;
    EXPECT_EQ(html.find("<td class=\"said\">", said + 1), std::string::npos)
        << code;
    EXPECT_NE(html.find(whole, said), std::string::npos) << code;
  }
}

// Stale prices shown at the user's request carry a warning at the top, in
// the sheet's language; illustrative data says so; the price dates are
// said; the data's credit lines are printed under the source.
TEST(RenderSheetTest, SaysHowOldThePricesAreAndWhereTheyComeFrom) {
  v1::RankOffersResponse ranking;
  v1::Offer* offer = ranking.add_offers();
  offer->set_rank(1);
  offer->set_provider_name("Plain Remit");
  offer->set_transparent(true);
  offer->set_total_cost_percent("2.5");
  v1::Freshness* f = ranking.mutable_freshness();
  f->set_as_of_date("2026-11-02");
  f->set_newest_price_date("2026-11-02");
  f->set_oldest_price_date("2026-10-01");
  SheetInput input;
  input.from_country = "US";
  input.to_country = "MX";
  input.rankings = {ranking};
  input.attributions = {"Source: Someone, CC BY 4.0."};
  v1::Freshness stale;
  stale.set_as_of_date("2030-01-01");
  stale.set_newest_price_date("2026-11-02");
  stale.mutable_max_quote_age()->set_seconds(183 * 86400);
  stale.set_all_stale(true);

  std::string html = RenderSheet(input, *FindMessages("en"));
  EXPECT_EQ(html.find("class=\"warning\""), std::string::npos);
  EXPECT_EQ(html.find("class=\"illustrative\""), std::string::npos);
  EXPECT_NE(html.find("<p>Prices in this sheet are dated October 1, 2026 to "
                      "November 2, 2026.</p>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<p class=\"source\">Source: Someone, CC BY 4.0.</p>"),
            std::string::npos);

  input.stale = stale;
  input.rankings[0].mutable_freshness()->set_illustrative(true);
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"en",
       {"<p class=\"warning\">Warning: these prices are out of date. The "
        "newest is from November 2, 2026, more than 183 days before "
        "January 1, 2030.",
        "<p class=\"illustrative\">Illustrative data as of November 2, "
        "2026:"}},
      {"fr",
       {"<p class=\"warning\">Attention\u00a0: ces prix ne sont plus \u00e0 "
        "jour. Le plus r\u00e9cent date du 2 novembre 2026, plus de 183 "
        "jours avant le 1 janvier 2030.",
        "<p class=\"illustrative\">Donn\u00e9es d\u2019illustration au 2 "
        "novembre 2026"}},
      {"es",
       {"<p class=\"warning\">Atenci\u00f3n: estos precios no est\u00e1n "
        "actualizados. El m\u00e1s reciente es del 2 de noviembre de 2026, "
        "m\u00e1s de 183 d\u00edas antes del 1 de enero de 2030.",
        "<p class=\"illustrative\">Datos ilustrativos al 2 de noviembre de "
        "2026"}}};
  for (const auto& [code, expected] : cases) {
    html = RenderSheet(input, *FindMessages(code));
    for (const std::string& text : expected) {
      EXPECT_NE(html.find(text), std::string::npos)
          << code << ": " << text << "\n"
          << html;
    }
    // The warning comes before any offer.
    EXPECT_LT(html.find("class=\"warning\""), html.find("<h2>")) << code;
    EXPECT_EQ(html.find('{', html.find("<body>")), std::string::npos) << code;
  }
}

TEST(MessagesTest, FreshnessPatternsReadInEveryLanguage) {
  for (const std::string& code : LanguageCodes()) {
    const Messages& m = *FindMessages(code);
    const Localizer& l = LocalizerFor(m);
    for (int days : {1, 183}) {
      const std::vector<MessageArg> args = {{"oldest", "A"},
                                            {"newest", "B"},
                                            {"date", "C"},
                                            {"days", days},
                                            {"as_of", "D"}};
      for (const char* pattern :
           {m.prices_dated, m.prices_dated_on, m.illustrative_note,
            m.stale_warning, m.stale_page_note, m.illustrative_page_note}) {
        ASSERT_NE(pattern, nullptr) << code;
        const std::string text = l.Format(pattern, args);
        EXPECT_EQ(text.find_first_of("{}#"), std::string::npos)
            << code << ": " << pattern << " -> " << text;
      }
    }
  }
}

// A curve interval for the sheet: `provider` cheapest from `from` to `to`
// (USD cents).
v1::CurveInterval Interval(const std::string& provider, int64_t from,
                           int64_t to) {
  auto cents = [](int64_t c) {
    return Usd(c / 100, static_cast<int32_t>(c % 100) * 10'000'000);
  };
  v1::CurveInterval interval;
  *interval.mutable_from_amount() = cents(from);
  *interval.mutable_to_amount() = cents(to);
  interval.mutable_cheapest()->set_provider_name(provider);
  return interval;
}

// Who is cheapest for each amount: one short line, in every language.
TEST(RenderSheetTest, SaysWhoIsCheapestForEachAmount) {
  SheetInput input = UsMx({SheetOffer(1, "Northwind Remit", 199, 0, 198)});
  CheapestByAmount cheapest;
  cheapest.min = Usd(100, 0);
  cheapest.max = Usd(1000, 0);
  *cheapest.curve.add_intervals() = Interval("Swift<Send>", 10000, 50000);
  *cheapest.curve.add_intervals() = Interval("Northwind Remit", 50001, 100000);
  input.cheapest_by_amount = cheapest;
  const std::pair<const char*, const char*> cases[] = {
      {"en",
       "<p class=\"cheapest-by-amount\">Cheapest for the amount you send, "
       "from $100 to $1,000: Swift&lt;Send&gt; up to $500; Northwind Remit "
       "from $500.01.</p>"},
      {"fr",
       "<p class=\"cheapest-by-amount\">Le moins cher selon le montant "
       "envoy\u00e9, de 100\u00a0$US \u00e0 1\u202f000\u00a0$US\u00a0: "
       "Swift&lt;Send&gt; jusqu\u2019\u00e0 500\u00a0$US\u00a0; Northwind "
       "Remit \u00e0 partir de 500,01\u00a0$US.</p>"},
      {"es",
       "<p class=\"cheapest-by-amount\">Lo m\u00e1s barato seg\u00fan el "
       "monto que env\u00eda, de 100\u00a0US$ a 1000\u00a0US$: "
       "Swift&lt;Send&gt; hasta 500\u00a0US$; Northwind Remit desde "
       "500,01\u00a0US$.</p>"},
  };
  for (const auto& [code, expected] : cases) {
    const std::string html = RenderSheet(input, *FindMessages(code));
    EXPECT_NE(html.find(expected), std::string::npos) << code << "\n" << html;
    // Under the offers, before how old the prices are.
    EXPECT_GT(html.find("cheapest-by-amount"), html.find("</table>")) << code;
  }

  // A promotional or estimated cheapest is marked as its price would be,
  // and the marks explained under the line, in every language.
  CheapestByAmount marked = cheapest;
  marked.curve.mutable_intervals(0)->mutable_cheapest()->set_promotional(true);
  marked.curve.mutable_intervals(1)->mutable_cheapest()->set_estimated(true);
  input.cheapest_by_amount = marked;
  const std::pair<const char*, const char*> marked_cases[] = {
      {"en",
       ": Swift&lt;Send&gt;* up to $500; ~Northwind Remit from "
       "$500.01.</p>\n<p class=\"note\">* "},
      {"fr",
       "\u00a0: Swift&lt;Send&gt;* jusqu\u2019\u00e0 500\u00a0$US\u00a0; "
       "~Northwind Remit \u00e0 partir de 500,01\u00a0$US.</p>\n<p "
       "class=\"note\">* "},
      {"es",
       ": Swift&lt;Send&gt;* hasta 500\u00a0US$; ~Northwind Remit desde "
       "500,01\u00a0US$.</p>\n<p class=\"note\">* "},
  };
  for (const auto& [code, expected] : marked_cases) {
    const std::string html = RenderSheet(input, *FindMessages(code));
    const size_t line = html.find(expected);
    ASSERT_NE(line, std::string::npos) << code << "\n" << html;
    // Both notes follow the line; the offers' table has no mark of its
    // own, so they appear only there.
    const size_t promotional = html.find("<p class=\"note\">* ");
    const size_t estimated = html.find("<p class=\"note\">~ ");
    EXPECT_GT(promotional, line) << code;
    EXPECT_NE(estimated, std::string::npos) << code;
    EXPECT_GT(estimated, promotional) << code;
  }
  input.cheapest_by_amount = cheapest;
  EXPECT_EQ(
      RenderSheet(input, *FindMessages("en")).find("<p class=\"note\">* "),
      std::string::npos);

  // One offer cheapest throughout; a gap makes a part "from ... to ...".
  cheapest.curve.clear_intervals();
  *cheapest.curve.add_intervals() = Interval("Northwind Remit", 10000, 100000);
  input.cheapest_by_amount = cheapest;
  EXPECT_NE(RenderSheet(input, *FindMessages("en"))
                .find("from $100 to $1,000: Northwind Remit for every "
                      "amount.</p>"),
            std::string::npos);
  cheapest.curve.clear_intervals();
  *cheapest.curve.add_intervals() = Interval("A", 10000, 20000);
  *cheapest.curve.add_intervals() = Interval("B", 30000, 40000);
  input.cheapest_by_amount = cheapest;
  EXPECT_NE(RenderSheet(input, *FindMessages("en"))
                .find(": A up to $200; B from $300 to $400.</p>"),
            std::string::npos);

  // More intervals than fit: the first ones, then how many more.
  cheapest.curve.clear_intervals();
  for (int k = 0; k < 6; ++k) {
    *cheapest.curve.add_intervals() =
        Interval(std::string(1, static_cast<char>('A' + k)), 10000 + 15000 * k,
                 10000 + 15000 * (k + 1) - 1);
  }
  cheapest.curve.mutable_intervals(5)->mutable_to_amount()->set_units(1000);
  input.cheapest_by_amount = cheapest;
  for (const auto& [code, expected] :
       {std::pair<const char*, const char*>{
            "en",
            ": A up to $249.99; B from $250 to $399.99; C from $400 to "
            "$549.99; and 3 more changes.</p>"},
        {"es", "; y 3 cambios m\u00e1s.</p>"},
        {"fr", "\u00a0; et 3 autres changements.</p>"}}) {
    const std::string html = RenderSheet(input, *FindMessages(code));
    EXPECT_NE(html.find(expected), std::string::npos) << code << "\n" << html;
  }

  // No interval (no offer sends any amount of the range): no line.
  cheapest.curve.clear_intervals();
  input.cheapest_by_amount = cheapest;
  EXPECT_EQ(RenderSheet(input, *FindMessages("en")).find("cheapest-by-amount"),
            std::string::npos);
}

TEST(MessagesTest, CheapestByAmountPatternsReadInEveryLanguage) {
  for (const std::string& code : LanguageCodes()) {
    const Messages& m = *FindMessages(code);
    const Localizer& l = LocalizerFor(m);
    for (const char* pattern :
         {m.cheapest_by_amount, m.cheapest_throughout, m.cheapest_up_to,
          m.cheapest_between, m.cheapest_from, m.cheapest_more}) {
      ASSERT_NE(pattern, nullptr) << code;
      for (int count : {1, 2}) {
        const std::string text = l.Format(pattern, {{"min", "A"},
                                                    {"max", "B"},
                                                    {"parts", "C"},
                                                    {"provider", "D"},
                                                    {"from", "E"},
                                                    {"to", "F"},
                                                    {"count", count}});
        EXPECT_EQ(text.find_first_of("{}#"), std::string::npos)
            << code << ": " << pattern << " -> " << text;
      }
    }
    ASSERT_NE(m.cheapest_separator, nullptr) << code;
  }
}

// The warning and the illustrative note start every section, the first
// in full and the others in short; a section is never split across
// printed pages, so each page starts with them.
TEST(RenderSheetTest, EverySectionSaysThePricesAreOldAndMadeUp) {
  SheetInput input = UsMx({SheetOffer(1, "Plain Remit", 199, 0, 198)});
  input.rankings.push_back(input.rankings.front());
  for (v1::RankOffersResponse& ranking : input.rankings) {
    v1::Freshness* f = ranking.mutable_freshness();
    f->set_illustrative(true);
    f->set_as_of_date("2024-06-30");
    f->set_newest_price_date("2024-05-30");
  }
  CheapestByAmount cheapest;
  cheapest.min = Usd(100, 0);
  cheapest.max = Usd(1000, 0);
  *cheapest.curve.add_intervals() = Interval("Plain Remit", 10000, 100000);
  input.cheapest_by_amount = cheapest;
  const std::string plain = RenderSheet(input, *FindMessages("en"));
  EXPECT_EQ(plain.find("page-warning\">"), std::string::npos);
  v1::Freshness stale;
  stale.set_newest_price_date("2024-05-30");
  stale.set_as_of_date("2026-12-03");
  stale.mutable_max_quote_age()->set_seconds(183 * 86400);
  input.stale = stale;
  const std::pair<const char*, std::vector<std::string>> cases[] = {
      {"en",
       {"<p class=\"page-warning\">Out-of-date prices: the newest is from "
        "May 30, 2024. Check every figure with the provider.</p>\n"
        "<p class=\"page-illustrative\">Illustrative data as of June 30, "
        "2024: made-up prices, not real offers.</p>\n<h2>"}},
      {"fr",
       {"<p class=\"page-warning\">Prix p\u00e9rim\u00e9s\u00a0: le plus "
        "r\u00e9cent date du 30 mai 2024. ",
        "<p class=\"page-illustrative\">Donn\u00e9es d\u2019illustration "
        "au 30 juin 2024\u00a0: "}},
      {"es",
       {"<p class=\"page-warning\">Precios desactualizados: el m\u00e1s "
        "reciente es del 30 de mayo de 2024. ",
        "<p class=\"page-illustrative\">Datos ilustrativos al 30 de junio "
        "de 2024: "}},
  };
  for (const auto& [code, notes] : cases) {
    const std::string html = RenderSheet(input, *FindMessages(code));
    EXPECT_NE(html.find("@media print { section { break-inside: avoid;"),
              std::string::npos)
        << code;
    std::vector<std::string> sections;
    for (size_t at = html.find("<section>"); at != std::string::npos;
         at = html.find("<section>", at + 1)) {
      const size_t end = html.find("</section>", at);
      ASSERT_NE(end, std::string::npos) << code;
      sections.push_back(html.substr(at, end - at));
    }
    // Two amounts, the hidden cost, the questions.
    ASSERT_EQ(sections.size(), 4u) << code << "\n" << html;
    size_t inside = 0;
    for (size_t i = 0; i < sections.size(); ++i) {
      const std::string& section = sections[i];
      const size_t heading = section.find("<h2>");
      ASSERT_NE(heading, std::string::npos) << code << " " << i;
      inside += section.size();
      if (i == 0) {
        EXPECT_LT(section.find("<p class=\"warning\">"), heading) << code;
        EXPECT_LT(section.find("<p class=\"illustrative\">"), heading) << code;
        continue;
      }
      for (const std::string& note : notes) {
        EXPECT_LT(section.find(note), heading)
            << code << " section " << i << ": " << note << "\n"
            << section;
      }
    }
    // Everything but the title is in a section: the tables, the line on
    // who is cheapest by amount, the example, the sources.
    EXPECT_EQ(html.find("<h2>", html.rfind("</section>")), std::string::npos);
    EXPECT_LT(html.find("cheapest-by-amount"), html.rfind("</section>"));
    EXPECT_LT(html.find("<section>"), html.find("<table>")) << code;
    EXPECT_LT(html.find("<section>"), html.find("<p class=\"warning\">"));
    EXPECT_LT(html.rfind("<p class=\"source\">"), html.rfind("</section>"));
  }
}

// The sheet's own judgement of its prices: the newest more than the limit
// before the day it is handed out, whatever let the prices in.
TEST(OutOfDateOnTest, CountsBackFromTheDayTheSheetIsFor) {
  std::vector<v1::RankOffersResponse> rankings(2);
  // As a named period's ranking answers: no age limit, nothing stale.
  rankings[0].mutable_freshness()->set_newest_price_date("2024-04-01");
  rankings[0].mutable_freshness()->set_as_of_date("2024-06-15");
  rankings[1].mutable_freshness()->set_newest_price_date("2024-05-30");
  rankings[1].mutable_freshness()->set_as_of_date("2024-06-15");
  std::optional<v1::Freshness> f =
      OutOfDateOn(rankings, absl::CivilDay(2026, 12, 3), 183);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->newest_price_date(), "2024-05-30");
  EXPECT_EQ(f->as_of_date(), "2026-12-03");
  EXPECT_EQ(f->max_quote_age().seconds(), 183 * 86400);
  // 183 days after the newest price, not yet; the day after, out of date.
  const absl::CivilDay newest(2024, 5, 30);
  EXPECT_FALSE(OutOfDateOn(rankings, newest + 183, 183).has_value());
  f = OutOfDateOn(rankings, newest + 184, 183);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->as_of_date(), "2024-11-30");
  EXPECT_FALSE(OutOfDateOn(rankings, newest, 183).has_value());
  EXPECT_FALSE(OutOfDateOn(rankings, newest - 10, 183).has_value());
  // A shorter limit.
  EXPECT_TRUE(OutOfDateOn(rankings, newest + 31, 30).has_value());
  // Illustrative data: judged at its own date, whatever the sheet's.
  rankings[0].mutable_freshness()->set_illustrative(true);
  EXPECT_FALSE(OutOfDateOn(rankings, absl::CivilDay(2030, 1, 1), 183));
  rankings[0].mutable_freshness()->set_as_of_date("2025-06-30");
  f = OutOfDateOn(rankings, absl::CivilDay(2024, 6, 1), 183);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->as_of_date(), "2025-06-30");
  // Undated: nothing to say.
  EXPECT_FALSE(OutOfDateOn(std::vector<v1::RankOffersResponse>(1),
                           absl::CivilDay(2030, 1, 1), 183));
  EXPECT_FALSE(OutOfDateOn({}, absl::CivilDay(2030, 1, 1), 183));
}

}  // namespace
}  // namespace remit::cli
