// The cost curve chart parsed as XML, as a browser or a printer would read
// it: its structure, one line per offer, the switch points where the
// amounts put them, and the data's text escaped.
#include "cli/curve_chart.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/output.h"
#include "cli/svg_testing.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace remit::cli {
namespace {

// Three offers from 100.00 to 1,000.00 USD, sampled at 100, 325, 550,
// 775 and 1,000: "Cash & Carry" is cheapest up to 500.00, Northwind from
// 500.01 to 900.00, and no offer sends more than 900.00.
v1::GetCostCurveResponse Curve() {
  v1::GetCostCurveResponse curve;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(
        corridor {
          send_country: "USA"
          send_currency: "USD"
          receive_country: "MEX"
          receive_currency: "MXN"
        }
        intervals {
          from_amount { currency_code: "USD" units: 100 }
          to_amount { currency_code: "USD" units: 500 }
          cheapest {
            quote_id: "cash-carry-1"
            provider_name: "Cash & \"Carry\" <Ltd>"
            total_cost_percent: "2.5"
          }
        }
        intervals {
          from_amount { currency_code: "USD" units: 500 nanos: 10000000 }
          to_amount { currency_code: "USD" units: 900 }
          cheapest {
            quote_id: "northwind-app"
            provider_name: "Northwind Remit"
            total_cost_percent: "1.9"
          }
        }
        sample_amounts { currency_code: "USD" units: 100 }
        sample_amounts { currency_code: "USD" units: 325 }
        sample_amounts { currency_code: "USD" units: 550 }
        sample_amounts { currency_code: "USD" units: 775 }
        sample_amounts { currency_code: "USD" units: 1000 }
        offers {
          quote_id: "cash-carry-1"
          provider_name: "Cash & \"Carry\" <Ltd>"
          samples { offered: true total_cost_percent: "2.5" }
          samples { offered: true total_cost_percent: "2.2" }
          samples { offered: true total_cost_percent: "2.1" }
          samples { offered: true total_cost_percent: "2.05" }
          samples { offered: false }
        }
        offers {
          quote_id: "northwind-app"
          provider_name: "Northwind Remit"
          samples { offered: true total_cost_percent: "6" }
          samples { offered: true total_cost_percent: "3" }
          samples { offered: true total_cost_percent: "1.9" }
          samples { offered: true total_cost_percent: "1.8" }
          samples { offered: false }
        }
        offers {
          quote_id: "first-harbor"
          provider_name: "First Harbor Bank"
          samples { offered: true total_cost_percent: "8" }
          samples { offered: true total_cost_percent: "7" }
          samples { offered: true total_cost_percent: "6" }
          samples { offered: true total_cost_percent: "5.5" }
          samples { offered: false }
        }
        dataset_version: "58b8ab0982a9"
      )pb",
      &curve));
  return curve;
}

constexpr char kDataLine[] = "Data: sample <test> & more; version 58b8ab.";

// The texts of class `kind`, in order, joined by spaces (a paragraph
// wrapped over several lines).
std::string Joined(const Document& doc, const std::string& kind) {
  std::string joined;
  for (const Element* t : doc.Named("text")) {
    if (t->Attribute("class") != kind) continue;
    absl::StrAppend(&joined, joined.empty() ? "" : " ", t->text);
  }
  return joined;
}

// The lines under the legend start below its last row and do not overlap
// one another (font size 11, lines 16 apart).
void ExpectFooterClearOfTheLegend(const Document& doc) {
  double legend_bottom = 0;
  for (const Element* t : doc.In("legend-item offer", "text")) {
    legend_bottom = std::max(legend_bottom, std::stod(t->Attribute("y")));
  }
  for (const Element* t : doc.In("legend-item switch", "text")) {
    legend_bottom = std::max(legend_bottom, std::stod(t->Attribute("y")));
  }
  double previous = legend_bottom;
  for (const Element* t : doc.Named("text")) {
    const std::string kind = t->Attribute("class");
    if (kind != "cheapest-list" && kind != "marks" && kind != "prices" &&
        kind != "data") {
      continue;
    }
    const double y = std::stod(t->Attribute("y"));
    EXPECT_GE(y - previous, 14) << t->text;
    previous = y;
  }
  EXPECT_LE(previous,
            std::stod(doc.Named("svg").front()->Attribute("height")) - 4);
}

TEST(CurveSvgTest, IsWellFormedAndSelfContained) {
  const std::string svg = CurveSvg(Curve(), kDataLine);
  // The only reference is to the chart's own clip path.
  ExpectSelfContained(svg, "url(#plot-area)");
  // Coordinates are written from integers in tenths: one decimal, never
  // an exponent.
  EXPECT_FALSE(absl::StrContains(svg, "e+"));
}

TEST(CurveSvgTest, EveryOfferHasALineAndALegendEntry) {
  const Document doc = ParseXml(CurveSvg(Curve(), kDataLine));
  std::set<std::string> quotes;
  std::set<std::string> dashes;
  for (const Element* g : doc.Named("g")) {
    if (g->Attribute("class") != "offer") continue;
    quotes.insert(g->Attribute("data-quote"));
  }
  EXPECT_EQ(quotes, (std::set<std::string>{"cash-carry-1", "northwind-app",
                                           "first-harbor"}));
  const std::vector<const Element*> lines = doc.In("offer", "path");
  ASSERT_EQ(lines.size(), 3u);
  for (const Element* line : lines) {
    // Four samples offered, the fifth not: one run of four points.
    const std::string d = line->Attribute("d");
    EXPECT_EQ(Count(d, 'M'), 1) << d;
    EXPECT_EQ(Count(d, 'L'), 3) << d;
    dashes.insert(line->Attribute("stroke-dasharray"));
  }
  // Told apart without colour: each line its own dash pattern.
  EXPECT_EQ(dashes.size(), 3u);
  const std::vector<const Element*> legend =
      doc.In("legend-item offer", "text");
  ASSERT_EQ(legend.size(), 3u);
  EXPECT_EQ(legend[0]->text, "Cash & \"Carry\" <Ltd>");
  EXPECT_EQ(legend[1]->text, "Northwind Remit");
  EXPECT_EQ(legend[2]->text, "First Harbor Bank");
}

TEST(CurveSvgTest, SwitchPointsSitAtTheirAmounts) {
  const Document doc = ParseXml(CurveSvg(Curve(), kDataLine));
  std::vector<const Element*> switches;
  for (const Element* g : doc.Named("g")) {
    if (g->Attribute("class") == "switch") switches.push_back(g);
  }
  ASSERT_EQ(switches.size(), 1u);
  EXPECT_EQ(switches[0]->Attribute("data-amount"), "500.01");
  // The plot runs from x = 80 (100.00 USD) to 770 (1,000.00 USD): 500.01
  // is at 80 + 690 x 40,001 / 90,000 = 386.674..., written 386.7.
  const std::vector<const Element*> verticals = doc.In("switch", "line");
  ASSERT_EQ(verticals.size(), 1u);
  EXPECT_EQ(verticals[0]->Attribute("x1"), "386.7");
  EXPECT_EQ(verticals[0]->Attribute("x2"), "386.7");
  const std::vector<const Element*> labels = doc.In("switch", "text");
  ASSERT_EQ(labels.size(), 1u);
  EXPECT_EQ(labels[0]->text, "500.01 USD");
  const std::vector<const Element*> markers = doc.In("switch", "polygon");
  ASSERT_EQ(markers.size(), 1u);
  EXPECT_TRUE(absl::StartsWith(markers[0]->Attribute("points"), "386.7,"))
      << markers[0]->Attribute("points");
  // The amount axis: 100 to 1,000 in steps of 200, from 200.
  std::vector<std::string> ticks;
  for (const Element* t : doc.In("x-axis", "text")) ticks.push_back(t->text);
  EXPECT_EQ(ticks, (std::vector<std::string>{"200", "400", "600", "800",
                                             "1,000", "amount sent (USD)"}));
}

TEST(CurveSvgTest, EnvelopeFollowsTheCheapestAndBreaksWhereNoneSends) {
  const Document doc = ParseXml(CurveSvg(Curve(), kDataLine));
  const std::vector<const Element*> envelope = doc.In("envelope", "path");
  ASSERT_EQ(envelope.size(), 1u);
  // 100.00 and 325 (Cash & Carry), then 500.01, 550 and 775 (Northwind):
  // one run, joined at the switch.
  const std::string d = envelope[0]->Attribute("d");
  EXPECT_EQ(Count(d, 'M'), 1) << d;
  EXPECT_EQ(Count(d, 'L'), 4) << d;
  EXPECT_TRUE(absl::StartsWith(d, "M80.0 ")) << d;
  // 900.01 to 1,000.00: no offer, shaded from x = 80 + 690 x 80,001 /
  // 90,000 = 693.3.
  const std::vector<const Element*> gaps = doc.In("gap", "rect");
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0]->Attribute("x"), "693.3");
  ASSERT_EQ(doc.In("legend-item gap", "text").size(), 1u);
}

TEST(CurveSvgTest, EscapesTheDataAndPrintsTheDataLine) {
  const std::string svg = CurveSvg(Curve(), kDataLine);
  EXPECT_TRUE(
      absl::StrContains(svg, "Cash &amp; &quot;Carry&quot; &lt;Ltd&gt;"));
  EXPECT_FALSE(absl::StrContains(svg, "<Ltd>"));
  const Document doc = ParseXml(svg);
  std::vector<std::string> data;
  for (const Element* t : doc.Named("text")) {
    if (t->Attribute("class") == "data") data.push_back(t->text);
  }
  EXPECT_EQ(data, (std::vector<std::string>{kDataLine}));
}

TEST(CurveSvgTest, TheSameProviderTwiceIsToldApartByQuote) {
  v1::GetCostCurveResponse curve = Curve();
  curve.mutable_offers(2)->set_provider_name("Northwind Remit");
  const Document doc = ParseXml(CurveSvg(curve, ""));
  const std::vector<const Element*> legend =
      doc.In("legend-item offer", "text");
  ASSERT_EQ(legend.size(), 3u);
  EXPECT_EQ(legend[1]->text, "Northwind Remit (northwind-app)");
  EXPECT_EQ(legend[2]->text, "Northwind Remit (first-harbor)");
}

TEST(CurveSvgTest, AmountsReceivedAreSaidSo) {
  v1::GetCostCurveResponse curve = Curve();
  curve.set_receive_amounts(true);
  const Document doc = ParseXml(CurveSvg(curve, ""));
  std::vector<std::string> texts;
  for (const Element* t : doc.Named("text")) texts.push_back(t->text);
  EXPECT_NE(std::find(texts.begin(), texts.end(), "amount received (USD)"),
            texts.end());
  EXPECT_TRUE(absl::StartsWith(texts[0], "Cheapest offer by amount received"))
      << texts[0];
}

TEST(CurveSvgTest, CrowdedSwitchesAreAllMarkedAndListed) {
  v1::GetCostCurveResponse curve = Curve();
  // Switches at 500.01, 501, 502, 503 and 504 USD: a few pixels apart.
  const v1::CurveInterval last = curve.intervals(1);
  curve.mutable_intervals(1)->mutable_to_amount()->set_units(500);
  curve.mutable_intervals(1)->mutable_to_amount()->set_nanos(990000000);
  for (int k = 1; k <= 4; ++k) {
    v1::CurveInterval* next = curve.add_intervals();
    *next = last;
    next->mutable_cheapest()->set_quote_id(k % 2 ? "cash-carry-1"
                                                 : "northwind-app");
    next->mutable_from_amount()->set_units(500 + k);
    next->mutable_from_amount()->set_nanos(0);
    next->mutable_to_amount()->set_units(k == 4 ? 900 : 500 + k);
    next->mutable_to_amount()->set_nanos(k == 4 ? 0 : 990000000);
  }
  const Document doc = ParseXml(CurveSvg(curve, ""));
  EXPECT_EQ(doc.In("switch", "polygon").size(), 5u);
  // Labels over the plot only where they fit: no two in a row overlap.
  const std::vector<const Element*> labels = doc.In("switch", "text");
  EXPECT_GE(labels.size(), 1u);
  EXPECT_LT(labels.size(), 5u);
  std::set<std::string> rows;
  for (const Element* label : labels) {
    EXPECT_TRUE(rows.insert(label->Attribute("y")).second)
        << label->Attribute("y");
  }
  EXPECT_EQ(Joined(doc, "cheapest-list"),
            "Cheapest from 100.00 USD: Cash & \"Carry\" <Ltd>, 2.50%; from "
            "500.01 USD: Northwind Remit, 1.90%; from 501.00 USD: Northwind "
            "Remit, 1.90%; from 502.00 USD: Northwind Remit, 1.90%; from "
            "503.00 USD: Northwind Remit, 1.90%; from 504.00 USD: Northwind "
            "Remit, 1.90%.");
}

TEST(CurveSvgTest, ManySwitchesAreListedInPart) {
  v1::GetCostCurveResponse curve = Curve();
  // 20 intervals: 100.00 to 118.99 USD, a dollar each, then 119 to 900.
  const v1::CurveInterval first = curve.intervals(0);
  curve.clear_intervals();
  for (int k = 0; k < 20; ++k) {
    v1::CurveInterval* next = curve.add_intervals();
    *next = first;
    next->mutable_cheapest()->set_provider_name(absl::StrCat("P", k));
    next->mutable_from_amount()->set_units(100 + k);
    next->mutable_to_amount()->set_units(k == 19 ? 900 : 100 + k);
    next->mutable_to_amount()->set_nanos(k == 19 ? 0 : 990000000);
  }
  const std::string list =
      Joined(ParseXml(CurveSvg(curve, kDataLine)), "cheapest-list");
  EXPECT_TRUE(absl::StartsWith(list, "Cheapest from 100.00 USD: P0, 2.50%; "))
      << list;
  EXPECT_TRUE(absl::EndsWith(
      list,
      "from 110.00 USD: P10, 2.50%; ... (8 changes more: --format=csv lists "
      "them); from 119.00 USD: P19, 2.50%."))
      << list;
}

TEST(CurveSvgTest, SaysHowCurrentItsPricesAreAsTheTableDoes) {
  v1::GetCostCurveResponse curve = Curve();
  v1::Freshness* freshness = curve.mutable_freshness();
  freshness->set_as_of_date("2026-12-02");
  freshness->set_newest_price_date("2026-11-02");
  freshness->set_oldest_price_date("2026-05-12");
  freshness->mutable_max_quote_age()->set_seconds(183 * 86400);
  freshness->set_quote_count(6);
  freshness->set_stale_quote_count(1);
  const Document doc = ParseXml(CurveSvg(curve, kDataLine));
  // The table's words (cli/output.h), wrapped to the chart's width.
  std::string table = PricesLines(*freshness, 1000);
  table.pop_back();  // Its newline.
  EXPECT_TRUE(absl::StartsWith(table, "Prices: dated 2026-05-12 to ")) << table;
  EXPECT_EQ(Joined(doc, "prices"), table);
  ExpectFooterClearOfTheLegend(doc);
  // Without freshness (an older server), no Prices line.
  EXPECT_EQ(Joined(ParseXml(CurveSvg(Curve(), kDataLine)), "prices"), "");
}

TEST(CurveSvgTest, MarksAPromotionalOrEstimatedCheapestAsTheTableDoes) {
  v1::GetCostCurveResponse curve = Curve();
  curve.mutable_intervals(0)->mutable_cheapest()->set_promotional(true);
  curve.mutable_intervals(1)->mutable_cheapest()->set_estimated(true);
  const Document doc = ParseXml(CurveSvg(curve, kDataLine));
  EXPECT_EQ(Joined(doc, "cheapest-list"),
            "Cheapest from 100.00 USD: Cash & \"Carry\" <Ltd>, 2.50%*; from "
            "500.01 USD: Northwind Remit, ~1.90%.");
  // The table's legend for the marks, word for word.
  std::string legend;
  for (absl::string_view line :
       absl::StrSplit(MarkLegend(true, true, 1000), '\n', absl::SkipEmpty())) {
    absl::StrAppend(&legend, legend.empty() ? "" : " ", line);
  }
  EXPECT_EQ(Joined(doc, "marks"), legend);
  // The switch point's tooltip carries the mark too.
  const std::vector<const Element*> tips = doc.In("switch", "title");
  ASSERT_EQ(tips.size(), 1u);
  EXPECT_EQ(tips[0]->text, "From 500.01 USD: Northwind Remit, ~1.90%");
  ExpectFooterClearOfTheLegend(doc);
  // Unmarked prices: no legend for marks.
  EXPECT_EQ(Joined(ParseXml(CurveSvg(Curve(), kDataLine)), "marks"), "");
}

TEST(CurveSvgTest, ALongSubtitleWrapsWithinTheWidth) {
  v1::GetCostCurveResponse curve = Curve();
  curve.set_receive_amounts(true);
  curve.set_period("2026_3Q");
  curve.mutable_offers(2)->mutable_samples(0)->set_total_cost_percent("499");
  const Document doc = ParseXml(CurveSvg(curve, ""));
  std::vector<const Element*> lines;
  for (const Element* t : doc.Named("text")) {
    if (t->Attribute("class") == "subtitle") lines.push_back(t);
  }
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[0]->Attribute("y"), lines[1]->Attribute("y"));
  for (const Element* line : lines) {
    EXPECT_LE(line->text.size(), 110u) << line->text;
  }
  EXPECT_TRUE(absl::StrContains(lines[1]->text, "cut off")) << lines[1]->text;
}

TEST(CurveSvgTest, ASmallAmountsSpikeIsCutAndSaidSo) {
  v1::GetCostCurveResponse curve = Curve();
  // 499 % at the first sample: the axis stays near the other values.
  curve.mutable_offers(2)->mutable_samples(0)->set_total_cost_percent("499");
  const Document doc = ParseXml(CurveSvg(curve, ""));
  std::string subtitle;
  for (const Element* t : doc.Named("text")) {
    if (t->Attribute("class") == "subtitle") subtitle = t->text;
  }
  EXPECT_TRUE(absl::StrContains(subtitle, "are cut off")) << subtitle;
  std::vector<std::string> ticks;
  for (const Element* t : doc.In("y-axis", "text")) ticks.push_back(t->text);
  ASSERT_GE(ticks.size(), 3u);
  EXPECT_EQ(ticks.front(), "0%");
  EXPECT_LT(ticks.size(), 10u);
  for (const std::string& tick : ticks) {
    EXPECT_FALSE(absl::StrContains(tick, "499")) << tick;
  }
  // Without the spike, nothing is cut.
  const Document plain = ParseXml(CurveSvg(Curve(), ""));
  for (const Element* t : plain.Named("text")) {
    if (t->Attribute("class") == "subtitle") {
      EXPECT_FALSE(absl::StrContains(t->text, "cut off")) << t->text;
    }
  }
}

}  // namespace
}  // namespace remit::cli
