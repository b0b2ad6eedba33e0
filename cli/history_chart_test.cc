// The history chart parsed as XML (expat), as a browser or a printer
// would read it.
#include "cli/history_chart.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "cli/svg_testing.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace remit::cli {
namespace {

v1::CorridorHistory History() {
  v1::CorridorHistory history;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(
        corridor {
          send_country: "GBR"
          send_currency: "GBP"
          receive_country: "NGA"
          receive_currency: "NGN"
        }
        amount_level: AMOUNT_LEVEL_CC1
        points {
          period: "2023_3Q"
          transparent_service_count: 5
          average_total_cost_percent: "7.125"
          smart_percent: "3.9"
          smart_qualifying_count: 4
        }
        points { period: "2023_4Q" gap: true }
        points {
          period: "2024_1Q"
          transparent_service_count: 2
          average_total_cost_percent: "8.5"
          smart_qualifying_count: 2
        }
        points {
          period: "2024_2Q"
          transparent_service_count: 4
          average_total_cost_percent: "5.25"
          smart_percent: "2.95"
          smart_qualifying_count: 3
        }
      )pb",
      &history));
  return history;
}

constexpr char kDataLine[] = "Data: RPW <test> & \"checks\"; version 58b8ab.";

double Number(const std::string& text) {
  double value = 0;
  EXPECT_TRUE(absl::SimpleAtod(text, &value)) << text;
  return value;
}

TEST(HistorySvgTest, IsWellFormedAndSelfContained) {
  const std::string svg = HistorySvg(History(), kDataLine);
  ExpectSelfContained(svg);
}

TEST(HistorySvgTest, LinesBreakAtGapsAndNeverBridgeThem) {
  const Document doc = ParseXml(HistorySvg(History(), kDataLine));
  // Average: 2023_3Q alone, then (the gap) 2024_1Q to 2024_2Q.
  const std::vector<const Element*> average = doc.In("series average", "path");
  ASSERT_EQ(average.size(), 1u);
  const std::string d = average[0]->Attribute("d");
  EXPECT_EQ(Count(d, 'M'), 2) << d;
  EXPECT_EQ(Count(d, 'L'), 1) << d;
  EXPECT_EQ(doc.In("series average", "circle").size(), 3u);
  // SmaRT: 2023_3Q and 2024_2Q, with the gap and a quarter without SmaRT
  // between them: two separate points, no line between.
  const std::vector<const Element*> smart = doc.In("series smart", "path");
  ASSERT_EQ(smart.size(), 1u);
  EXPECT_EQ(Count(smart[0]->Attribute("d"), 'M'), 2)
      << smart[0]->Attribute("d");
  EXPECT_EQ(Count(smart[0]->Attribute("d"), 'L'), 0)
      << smart[0]->Attribute("d");
  EXPECT_EQ(doc.In("series smart", "rect").size(), 2u);
  // The gap is marked where it is.
  const std::vector<const Element*> gaps = doc.In("gap", "rect");
  ASSERT_EQ(gaps.size(), 1u);
  const std::vector<const Element*> gap_text = doc.In("gap", "text");
  ASSERT_EQ(gap_text.size(), 1u);
  EXPECT_EQ(gap_text[0]->text, "no survey");
}

TEST(HistorySvgTest, SdgTargetLineSitsAtThreePercent) {
  const Document doc = ParseXml(HistorySvg(History(), kDataLine));
  // The y of each labelled gridline.
  std::map<std::string, double> grid;
  const std::vector<const Element*> lines = doc.In("y-axis", "line");
  const std::vector<const Element*> labels = doc.In("y-axis", "text");
  ASSERT_GE(labels.size(), lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    grid[labels[i]->text] = Number(lines[i]->Attribute("y1"));
  }
  ASSERT_TRUE(grid.count("0%") && grid.count("2%")) << labels[0]->text;
  const std::vector<const Element*> target = doc.In("sdg-target", "line");
  ASSERT_EQ(target.size(), 1u);
  const double y = Number(target[0]->Attribute("y1"));
  EXPECT_EQ(target[0]->Attribute("y2"), target[0]->Attribute("y1"));
  EXPECT_NEAR(y, grid["0%"] + 1.5 * (grid["2%"] - grid["0%"]), 0.2);
  EXPECT_FALSE(target[0]->Attribute("stroke-dasharray").empty());
  const std::vector<const Element*> label = doc.In("sdg-target", "text");
  ASSERT_EQ(label.size(), 1u);
  EXPECT_EQ(label[0]->text, "SDG target 3%");
}

TEST(HistorySvgTest, TitleAxesAndEscapedText) {
  v1::CorridorHistory history = History();
  history.set_amount_level(v1::AMOUNT_LEVEL_CC2);
  const std::string svg = HistorySvg(history, kDataLine);
  const Document doc = ParseXml(svg);
  std::set<std::string> texts;
  for (const Element* t : doc.Named("text")) texts.insert(t->text);
  EXPECT_TRUE(
      texts.count("Cost of sending money from United Kingdom (GBP) "
                  "to Nigeria (NGN)"));
  bool subtitle = false;
  for (const std::string& t : texts) {
    subtitle |= absl::StrContains(t, "cc2, the USD 500 equivalent") &&
                absl::StrContains(t, "2023_3Q to 2024_2Q");
  }
  EXPECT_TRUE(subtitle);
  for (const char* period : {"2023_3Q", "2023_4Q", "2024_1Q", "2024_2Q"}) {
    EXPECT_TRUE(texts.count(period)) << period;
  }
  EXPECT_TRUE(texts.count("4%"));
  // The data line, escaped in the file and intact once parsed.
  EXPECT_TRUE(texts.count(kDataLine));
  EXPECT_TRUE(absl::StrContains(
      svg, "RPW &lt;test&gt; &amp; &quot;checks&quot;; version"));
}

TEST(HistorySvgTest, SeriesDifferByLineStyleAndMarkerNotColour) {
  v1::CorridorHistory history = History();
  history.set_provider_id("p<1>");
  history.mutable_points(0)->set_provider_average_total_cost_percent("8");
  history.mutable_points(3)->set_provider_average_total_cost_percent("6");
  const std::string svg = HistorySvg(history, kDataLine);
  const Document doc = ParseXml(svg);
  // Only black, white and greys: nothing is told apart by colour.
  const std::set<std::string> greys = {"#000", "#fff",    "#333",
                                       "#bbb", "#e4e4e4", "none"};
  for (const Element& e : doc.elements) {
    for (const char* key : {"stroke", "fill", "color"}) {
      const std::string value = e.Attribute(key);
      if (!value.empty()) {
        EXPECT_TRUE(greys.count(value)) << e.name << " " << key << "=" << value;
      }
    }
  }
  // Each series has its own dash pattern and its own marker shape.
  std::set<std::string> dashes;
  for (const char* series :
       {"series average", "series smart", "series provider"}) {
    const std::vector<const Element*> path = doc.In(series, "path");
    ASSERT_EQ(path.size(), 1u) << series;
    dashes.insert(path[0]->Attribute("stroke-dasharray"));
  }
  EXPECT_EQ(dashes.size(), 3u);
  EXPECT_EQ(doc.In("series average", "circle").size(), 3u);
  EXPECT_EQ(doc.In("series smart", "rect").size(), 2u);
  EXPECT_EQ(doc.In("series provider", "polygon").size(), 2u);
  EXPECT_TRUE(doc.In("series average", "rect").empty());
  EXPECT_TRUE(doc.In("series smart", "circle").empty());
  // The legend shows each series with its line and marker, the target and
  // the gap.
  for (const char* item :
       {"legend-item average", "legend-item smart", "legend-item provider",
        "legend-item sdg-target", "legend-item gap"}) {
    EXPECT_EQ(doc.In(item, "text").size(), 1u) << item;
  }
  EXPECT_EQ(doc.In("legend-item average", "circle").size(), 1u);
  EXPECT_EQ(doc.In("legend-item smart", "rect").size(), 1u);
  EXPECT_EQ(doc.In("legend-item provider", "polygon").size(), 1u);
  EXPECT_EQ(doc.In("legend-item provider", "text")[0]->text,
            "Provider p<1>: its average");
}

TEST(HistorySvgTest, EmptyAndSinglePointHistoriesStillDraw) {
  v1::CorridorHistory history = History();
  history.clear_points();
  ParseXml(HistorySvg(history, kDataLine));
  *history.add_points() = History().points(0);
  const Document doc = ParseXml(HistorySvg(history, kDataLine));
  EXPECT_EQ(doc.In("series average", "circle").size(), 1u);
}

}  // namespace
}  // namespace remit::cli
