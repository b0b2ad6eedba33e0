#include "cli/curve_chart.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "cli/i18n/localizer.h"
#include "cli/output.h"
#include "engine/money/country.h"
#include "engine/money/money.h"
#include "engine/money/percent.h"
#include "engine/protoconv/money_proto.h"

namespace remit::cli {
namespace {

// Lengths are in tenths of an SVG unit (a pixel on screen).
constexpr int64_t kWidth = 8000;
// The plot area. Above it, the title and the switch labels' rows.
constexpr int64_t kLeft = 800;
constexpr int64_t kRight = 7700;
constexpr int64_t kTop = 1300;
constexpr int64_t kBottom = 4300;
// The switch labels: rows of this height over the plot, and about this
// width per character (font size 11).
constexpr int64_t kLabelRow = 140;
constexpr int kLabelRows = 3;
constexpr int64_t kLabelChar = 62;
// The legend's rows and columns.
constexpr int64_t kLegendRow = 220;
constexpr int64_t kLegendColumn = 3600;
constexpr size_t kLongLabel = 44;

constexpr int64_t kPercentUnit = 1'000'000'000;  // 1 % in Percent's scale.

std::string Escape(const std::string& text) {
  return absl::StrReplaceAll(text, {{"&", "&amp;"},
                                    {"<", "&lt;"},
                                    {">", "&gt;"},
                                    {"\"", "&quot;"},
                                    {"'", "&apos;"}});
}

// A length in tenths as SVG writes it: 1234 -> "123.4", -5 -> "-0.5".
std::string T(int64_t tenths) {
  const bool negative = tenths < 0;
  const uint64_t magnitude =
      negative ? 0 - static_cast<uint64_t>(tenths) : tenths;
  return absl::StrCat(negative ? "-" : "", magnitude / 10, ".", magnitude % 10);
}

// n / d rounded to the nearest integer, halves up; d > 0.
int64_t RoundDivide(absl::int128 n, absl::int128 d) {
  absl::int128 twice = 2 * n + d;
  absl::int128 q = twice / (2 * d);
  if (twice % (2 * d) != 0 && twice < 0) q -= 1;  // Floor, not truncation.
  return static_cast<int64_t>(q);
}

std::optional<int64_t> PercentScaled(const std::string& text) {
  if (text.empty()) return std::nullopt;
  absl::StatusOr<Percent> p = Percent::FromString(text);
  if (!p.ok()) return std::nullopt;
  return p->scaled();
}

std::optional<int64_t> Minor(const v1::Money& money) {
  absl::StatusOr<Money> m = MoneyFromProto(money);
  if (!m.ok()) return std::nullopt;
  return m->minor_units();
}

// "United Kingdom (GBP)"; the code when it names no country.
std::string Side(const std::string& country, const std::string& currency) {
  absl::StatusOr<CountryCode> code = CountryCode::FromString(country);
  std::string text = code.ok() ? std::string(code->name()) : country;
  if (!currency.empty()) absl::StrAppend(&text, " (", currency, ")");
  return text;
}

// How an offer's line looks: colour, dash pattern and marker, so that it
// is told apart in black and white too.
enum class Marker { kCircle, kSquare, kTriangle, kDiamond, kCross };
struct Style {
  const char* colour;
  const char* dasharray;  // "" for solid.
  Marker marker;
  bool filled;
};

constexpr const char* kColours[] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7",
                                    "#000000", "#e69f00", "#56b4e9"};
constexpr const char* kDashes[] = {"",         "9 4", "2 3",
                                   "12 3 2 3", "5 5", "14 3 3 3 3 3"};
constexpr Marker kMarkers[] = {Marker::kCircle, Marker::kSquare,
                               Marker::kTriangle, Marker::kDiamond,
                               Marker::kCross};

Style StyleFor(size_t i) {
  constexpr size_t kColourCount = sizeof(kColours) / sizeof(kColours[0]);
  constexpr size_t kDashCount = sizeof(kDashes) / sizeof(kDashes[0]);
  constexpr size_t kMarkerCount = sizeof(kMarkers) / sizeof(kMarkers[0]);
  // Filled and open markers alternate once every shape has been used.
  return {kColours[i % kColourCount], kDashes[i % kDashCount],
          kMarkers[i % kMarkerCount], (i / kMarkerCount) % 2 == 0};
}

std::string MarkerSvg(const Style& style, int64_t x, int64_t y,
                      const std::string& tooltip) {
  const std::string paint =
      absl::StrCat("fill=\"", style.filled ? style.colour : "#fff",
                   "\" stroke=\"", style.colour, "\" stroke-width=\"1.5\"");
  std::string shape;
  const char* tag = "";
  switch (style.marker) {
    case Marker::kCircle:
      tag = "circle";
      shape = absl::StrCat("<circle cx=\"", T(x), "\" cy=\"", T(y),
                           "\" r=\"3.5\" ", paint);
      break;
    case Marker::kSquare:
      tag = "rect";
      shape = absl::StrCat("<rect x=\"", T(x - 35), "\" y=\"", T(y - 35),
                           "\" width=\"7\" height=\"7\" ", paint);
      break;
    case Marker::kTriangle:
      tag = "polygon";
      shape = absl::StrCat("<polygon points=\"", T(x), ",", T(y - 45), " ",
                           T(x + 45), ",", T(y + 35), " ", T(x - 45), ",",
                           T(y + 35), "\" ", paint);
      break;
    case Marker::kDiamond:
      tag = "polygon";
      shape = absl::StrCat("<polygon points=\"", T(x), ",", T(y - 45), " ",
                           T(x + 45), ",", T(y), " ", T(x), ",", T(y + 45), " ",
                           T(x - 45), ",", T(y), "\" ", paint);
      break;
    case Marker::kCross:
      tag = "path";
      shape = absl::StrCat("<path d=\"M", T(x - 40), " ", T(y - 40), " L",
                           T(x + 40), " ", T(y + 40), " M", T(x - 40), " ",
                           T(y + 40), " L", T(x + 40), " ", T(y - 40),
                           "\" fill=\"none\" stroke=\"", style.colour,
                           "\" stroke-width=\"2\"");
      break;
  }
  if (tooltip.empty()) return shape + "/>";
  return absl::StrCat(shape, "><title>", Escape(tooltip), "</title></", tag,
                      ">");
}

std::string LineAttributes(const Style& style) {
  std::string attributes =
      absl::StrCat("fill=\"none\" stroke=\"", style.colour,
                   "\" stroke-width=\"1.8\" stroke-linejoin=\"round\"");
  if (*style.dasharray != '\0') {
    absl::StrAppend(&attributes, " stroke-dasharray=\"", style.dasharray, "\"");
  }
  return attributes;
}

// The envelope's band and the switch points' look, shared with the legend.
constexpr char kEnvelopeAttributes[] =
    "fill=\"none\" stroke=\"#c8c8c8\" stroke-width=\"10\" "
    "stroke-linejoin=\"round\" stroke-linecap=\"round\"";
std::string SwitchMarker(int64_t x, int64_t y, const std::string& tooltip) {
  std::string out = absl::StrCat(
      "<polygon class=\"switch-marker\" points=\"", T(x), ",", T(y - 60), " ",
      T(x + 60), ",", T(y), " ", T(x), ",", T(y + 60), " ", T(x - 60), ",",
      T(y), "\" fill=\"#000\" stroke=\"#fff\" stroke-width=\"1\"");
  if (tooltip.empty()) return out + "/>";
  return absl::StrCat(out, "><title>", Escape(tooltip), "</title></polygon>");
}

// A "nice" step (1, 2, 2.5 or 5 times a power of ten, at least `least`)
// that cuts `span` into at most `parts` parts.
int64_t NiceStep(absl::int128 span, int64_t least, int parts) {
  for (int64_t power = least;; power *= 10) {
    for (int64_t factor2 : {2, 4, 5, 10}) {  // Twice 1, 2, 2.5, 5.
      const int64_t step = power * factor2 / 2;
      if (step > 0 && span <= absl::int128(step) * parts) return step;
    }
    if (power > INT64_MAX / 100) return power * 10;
  }
}

int64_t FloorTo(int64_t v, int64_t step) {
  int64_t q = v / step;
  if (v % step != 0 && v < 0) --q;
  return q * step;
}

int64_t CeilTo(int64_t v, int64_t step) {
  int64_t q = v / step;
  if (v % step != 0 && v > 0) ++q;
  return q * step;
}

// An amount as the axis and the labels write it: grouped ("1,000.50"),
// whole amounts without decimals when `whole` ("1,000").
std::string AmountLabel(int64_t minor, CurrencyCode currency, bool whole) {
  std::string digits = Money::FromMinorUnits(minor, currency).AmountString();
  if (whole) digits = digits.substr(0, digits.find('.'));
  return EnglishLocalizer().Number(digits);
}

// The chart's scales: amounts (minor units) and total % (billionths of a
// point) to tenths of a unit.
class Scales {
 public:
  Scales(int64_t min_amount, int64_t max_amount, int64_t low, int64_t high)
      : min_(min_amount), max_(max_amount), low_(low), high_(high) {}

  int64_t X(int64_t amount) const {
    if (max_ == min_) return (kLeft + kRight) / 2;
    return kLeft + RoundDivide(absl::int128(amount - min_) * (kRight - kLeft),
                               absl::int128(max_) - min_);
  }
  int64_t Y(int64_t percent) const {
    return kBottom -
           RoundDivide((absl::int128(percent) - low_) * (kBottom - kTop),
                       absl::int128(high_) - low_);
  }

 private:
  int64_t min_, max_, low_, high_;
};

// One offer of the curve, as drawn.
struct Line {
  const v1::OfferCurve* offer = nullptr;
  std::string label;
  Style style;
  // One per sample amount; unset where it is not offered.
  std::vector<std::optional<int64_t>> percents;
};

// A polyline through (amount, percent) points, broken at unset values.
std::string PathData(const Scales& scales, const std::vector<int64_t>& amounts,
                     const std::vector<std::optional<int64_t>>& percents) {
  std::string d;
  bool drawing = false;
  for (size_t i = 0; i < amounts.size() && i < percents.size(); ++i) {
    if (!percents[i].has_value()) {
      drawing = false;
      continue;
    }
    absl::StrAppend(&d, d.empty() ? "" : " ", drawing ? "L" : "M",
                    T(scales.X(amounts[i])), " ", T(scales.Y(*percents[i])));
    drawing = true;
  }
  return d;
}

std::string PercentLabel(int64_t scaled, int digits) {
  return EnglishLocalizer().Percent(
      Percent::FromScaled(scaled).ToString(digits));
}

// The lines under the legend: font size 11, wrapped to this many
// characters (at about 6 units a character), each this high; a wrapped
// paragraph's later lines are indented by two characters of this width.
constexpr int kFooterChars = kCurveChartFooterChars;
constexpr int64_t kFooterRow = 160;
constexpr int64_t kFooterChar = 60;

// The most intervals the list under the legend names: the first ones, and
// the last after how many are left out.
constexpr size_t kListedIntervals = 12;

// The subtitle (font size 12, centred) wraps to this many characters.
constexpr int kSubtitleChars = 110;

struct FooterLine {
  std::string kind;  // Its class.
  std::string text;
  bool indented = false;
};

// Paragraphs wrapped to kFooterChars (a kind, and its lines as
// WrapParagraph gives them: the later lines of each indented by two
// spaces), as lines in order.
std::vector<FooterLine> FooterLines(
    const std::vector<std::pair<std::string, std::string>>& paragraphs) {
  std::vector<FooterLine> lines;
  for (const auto& [kind, text] : paragraphs) {
    for (absl::string_view line :
         absl::StrSplit(text, '\n', absl::SkipEmpty())) {
      const bool indented = absl::ConsumePrefix(&line, "  ");
      lines.push_back({kind, std::string(line), indented});
    }
  }
  return lines;
}

}  // namespace

std::string CurveSvg(const v1::GetCostCurveResponse& curve,
                     const std::string& data_lines) {
  const v1::Corridor& c = curve.corridor();
  // The range and its currency: the samples span it exactly; without
  // them, the intervals do.
  std::vector<int64_t> amounts;
  for (const v1::Money& m : curve.sample_amounts()) {
    amounts.push_back(Minor(m).value_or(0));
  }
  std::string currency_text = c.send_currency();
  if (curve.sample_amounts_size() > 0) {
    currency_text = curve.sample_amounts(0).currency_code();
  } else if (curve.intervals_size() > 0) {
    currency_text = curve.intervals(0).from_amount().currency_code();
  }
  const CurrencyCode currency =
      CurrencyCode::FromString(currency_text)
          .value_or(CurrencyCode::FromString("USD").value());
  int64_t min_amount = 0;
  int64_t max_amount = 0;
  if (!amounts.empty()) {
    min_amount = amounts.front();
    max_amount = amounts.back();
  } else if (curve.intervals_size() > 0) {
    min_amount = Minor(curve.intervals(0).from_amount()).value_or(0);
    max_amount = Minor(curve.intervals(curve.intervals_size() - 1).to_amount())
                     .value_or(0);
  }

  // The offers' lines; a provider with several offers has each labelled
  // with its quote id.
  std::map<std::string, int> names;
  for (const v1::OfferCurve& o : curve.offers()) ++names[o.provider_name()];
  std::vector<Line> lines;
  std::map<std::string, size_t> line_of_quote;
  for (const v1::OfferCurve& o : curve.offers()) {
    Line line;
    line.offer = &o;
    line.label = names[o.provider_name()] > 1
                     ? absl::StrCat(o.provider_name(), " (", o.quote_id(), ")")
                     : o.provider_name();
    line.style = StyleFor(lines.size());
    for (const v1::CurveSample& s : o.samples()) {
      line.percents.push_back(
          s.offered() ? PercentScaled(s.total_cost_percent()) : std::nullopt);
    }
    line.percents.resize(amounts.size());
    line_of_quote[o.quote_id()] = lines.size();
    lines.push_back(std::move(line));
  }

  // The envelope: each interval's cheapest from its first amount, through
  // the samples inside it; joined to the next interval where it starts
  // right after, broken where no offer sends the amounts between.
  struct Point {
    int64_t amount;
    int64_t percent;
    bool starts_path;
  };
  std::vector<Point> envelope;
  struct Switch {
    int64_t amount;
    int64_t percent;
    std::string label;
    std::string tooltip;
  };
  std::vector<Switch> switches;
  // Each interval's cheapest from its first amount, "from <amount>:
  // <provider>, <total %>", and whether any is marked: at most
  // kListedIntervals, the first ones and the last.
  std::vector<std::string> cheapest_texts;
  bool any_promotional = false;
  bool any_estimated = false;
  int unlisted = 0;  // Intervals left out of the list (before the last).
  // Runs of amounts no offer sends: [from, to].
  std::vector<std::pair<int64_t, int64_t>> gaps;
  int64_t previous_to = min_amount - 1;
  for (int k = 0; k < curve.intervals_size(); ++k) {
    const v1::CurveInterval& interval = curve.intervals(k);
    const std::optional<int64_t> from = Minor(interval.from_amount());
    const std::optional<int64_t> to = Minor(interval.to_amount());
    const std::optional<int64_t> at_from =
        PercentScaled(interval.cheapest().total_cost_percent());
    if (!from.has_value() || !to.has_value() || !at_from.has_value()) continue;
    const bool joined = k > 0 && *from == previous_to + 1;
    if (*from > previous_to + 1) gaps.push_back({previous_to + 1, *from - 1});
    const std::string amount_text =
        absl::StrCat(AmountLabel(*from, currency, false), " ", currency_text);
    // "500.01 USD: Northwind Remit, ~0.99%*": marked as the table marks
    // it.
    const std::string cheapest_text =
        absl::StrCat(amount_text, ": ", interval.cheapest().provider_name(),
                     ", ", MarkedTotalPercentText(interval.cheapest()));
    if (cheapest_texts.size() + 1 < kListedIntervals ||
        k + 1 == curve.intervals_size()) {
      cheapest_texts.push_back(absl::StrCat("from ", cheapest_text));
      any_promotional |= interval.cheapest().promotional();
      any_estimated |= interval.cheapest().estimated();
    } else {
      ++unlisted;
    }
    if (joined) {
      switches.push_back(
          {*from, *at_from, amount_text, absl::StrCat("From ", cheapest_text)});
    }
    envelope.push_back({*from, *at_from, !joined});
    auto it = line_of_quote.find(interval.cheapest().quote_id());
    if (it != line_of_quote.end()) {
      const Line& line = lines[it->second];
      for (size_t i = 0; i < amounts.size(); ++i) {
        if (amounts[i] > *from && amounts[i] <= *to &&
            line.percents[i].has_value()) {
          envelope.push_back({amounts[i], *line.percents[i], false});
        }
      }
    }
    previous_to = *to;
  }
  if (curve.intervals_size() == 0 && max_amount >= min_amount &&
      !amounts.empty()) {
    gaps.push_back({min_amount, max_amount});
  } else if (previous_to < max_amount) {
    gaps.push_back({previous_to + 1, max_amount});
  }

  // The percentage axis: from 0 (or the lowest value) to the highest,
  // but cut where small amounts' fixed fees would flatten everything
  // else: at four times the median of all values, or the envelope's
  // highest over the range's upper nine tenths, whichever is higher.
  std::vector<int64_t> values;
  for (const Line& line : lines) {
    for (const std::optional<int64_t>& p : line.percents) {
      if (p.has_value()) values.push_back(*p);
    }
  }
  int64_t envelope_right = 0;
  for (const Point& p : envelope) {
    values.push_back(p.percent);
    if ((absl::int128(p.amount) - min_amount) * 10 >=
        absl::int128(max_amount) - min_amount) {
      envelope_right = std::max(envelope_right, p.percent);
    }
  }
  int64_t lowest = 0;
  int64_t highest = kPercentUnit;
  int64_t cap = kPercentUnit;
  if (!values.empty()) {
    lowest =
        std::min<int64_t>(0, *std::min_element(values.begin(), values.end()));
    highest = *std::max_element(values.begin(), values.end());
    std::vector<int64_t> sorted = values;
    std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2,
                     sorted.end());
    const int64_t median = sorted[sorted.size() / 2];
    cap = std::max({median > INT64_MAX / 4 ? median : 4 * median,
                    envelope_right, kPercentUnit});
  }
  const bool cut = highest > cap;
  int64_t top = std::min(highest, cap);
  if (top <= lowest) top = lowest + kPercentUnit;
  top += (top - lowest) / 20;  // Room over the highest point.
  const int64_t y_step =
      NiceStep(absl::int128(top) - lowest, kPercentUnit / 100, 8);
  const int64_t low = FloorTo(lowest, y_step);
  const int64_t high = CeilTo(top, y_step);
  const int y_digits = y_step % kPercentUnit == 0          ? 0
                       : y_step % (kPercentUnit / 10) == 0 ? 1
                                                           : 2;
  const Scales scales(min_amount, max_amount, low, high);

  // The title, the legend's size and the page's height.
  const char* kind = curve.receive_amounts() ? "received" : "sent";
  const std::string title =
      absl::StrCat("Cheapest offer by amount ", kind, ", from ",
                   Side(c.send_country(), c.send_currency()), " to ",
                   Side(c.receive_country(), c.receive_currency()));
  std::string subtitle = absl::StrCat(
      "Total cost in % of the amount sent, for amounts ", kind, " of ",
      AmountLabel(min_amount, currency, false), " to ",
      AmountLabel(max_amount, currency, false), " ", currency_text);
  if (!curve.period().empty()) {
    absl::StrAppend(&subtitle, ", survey period ", curve.period());
  }
  if (cut) {
    absl::StrAppend(&subtitle, "; lines above ", PercentLabel(high, y_digits),
                    " are cut off");
  }
  std::vector<std::string> legend_labels;
  for (const Line& line : lines) legend_labels.push_back(line.label);
  const std::string envelope_label = "Cheapest at each amount";
  const std::string switch_label = "Cheapest changes (amount above)";
  const std::string gap_label = "No offer sends these amounts";
  bool one_column = false;
  for (const std::string& label : legend_labels) {
    one_column |= label.size() > kLongLabel;
  }
  const size_t legend_items = lines.size() + 2 + (gaps.empty() ? 0 : 1);
  const int64_t columns = one_column ? 1 : 2;
  const int64_t legend_rows =
      static_cast<int64_t>((legend_items + columns - 1) / columns);
  const int64_t legend_y = kBottom + 700;
  // Under the legend, wrapped to the chart's width: who is cheapest from
  // which amount (every switch, as labels over the plot give way where
  // switches crowd), what the marks mean, how current the prices are and
  // the data.
  const std::vector<FooterLine> footer = FooterLines({
      {"cheapest-list",
       cheapest_texts.empty()
           ? ""
           : WrapParagraph(
                 absl::StrCat(
                     "Cheapest ",
                     absl::StrJoin(cheapest_texts.begin(),
                                   cheapest_texts.end() - 1, "; "),
                     cheapest_texts.size() > 1 ? "; " : "",
                     unlisted == 0
                         ? ""
                         : absl::StrCat("... (", unlisted,
                                        unlisted == 1 ? " change" : " changes",
                                        " more: --format=csv lists them); "),
                     cheapest_texts.back(), "."),
                 kFooterChars)},
      {"marks", MarkLegend(any_promotional, any_estimated, kFooterChars)},
      {"prices", PricesLines(curve.freshness(), kFooterChars)},
      {"data", data_lines},
  });
  const int64_t footer_y = legend_y + legend_rows * kLegendRow + 80;
  const int64_t height =
      footer_y + static_cast<int64_t>(footer.size()) * kFooterRow + 60;

  std::string out = absl::StrCat(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"",
      kWidth / 10, "\" height=\"", T(height), "\" viewBox=\"0 0 ", kWidth / 10,
      " ", T(height),
      "\" role=\"img\" aria-labelledby=\"chart-title\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n"
      "  <title id=\"chart-title\">",
      Escape(title), "</title>\n  <desc>", Escape(subtitle),
      ". The grey band follows the cheapest offer; diamonds mark the amounts "
      "where it changes.</desc>\n"
      "  <defs><clipPath id=\"plot-area\"><rect x=\"",
      T(kLeft), "\" y=\"", T(kTop - 50), "\" width=\"", T(kRight - kLeft),
      "\" height=\"", T(kBottom - kTop + 100),
      "\"/></clipPath></defs>\n"
      "  <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
      "  <text class=\"title\" x=\"",
      T(kWidth / 2),
      "\" y=\"28\" text-anchor=\"middle\" font-size=\"16\" "
      "font-weight=\"bold\">",
      Escape(title), "</text>\n");
  // The subtitle in lines that fit the width (above the switch labels'
  // rows).
  int64_t subtitle_y = 480;
  for (const FooterLine& line :
       FooterLines({{"subtitle", WrapParagraph(subtitle, kSubtitleChars)}})) {
    absl::StrAppend(&out, "  <text class=\"subtitle\" x=\"", T(kWidth / 2),
                    "\" y=\"", T(subtitle_y),
                    "\" text-anchor=\"middle\" font-size=\"12\">",
                    Escape(line.text), "</text>\n");
    subtitle_y += kFooterRow;
  }

  // Amounts no offer sends: shaded bands.
  for (const auto& [from, to] : gaps) {
    const int64_t x1 = scales.X(from);
    const int64_t x2 = std::max(scales.X(to), x1 + 10);
    absl::StrAppend(&out, "  <g class=\"gap\"><rect x=\"", T(x1), "\" y=\"",
                    T(kTop), "\" width=\"", T(x2 - x1), "\" height=\"",
                    T(kBottom - kTop),
                    "\" fill=\"#ececec\"><title>No offer sends ",
                    Escape(AmountLabel(from, currency, false)), " to ",
                    Escape(AmountLabel(to, currency, false)), " ",
                    Escape(currency_text), "</title></rect></g>\n");
  }

  // The percentage axis: gridlines and labels.
  absl::StrAppend(&out, "  <g class=\"y-axis\">\n");
  for (int64_t v = low; v <= high; v += y_step) {
    const int64_t y = scales.Y(v);
    absl::StrAppend(&out, "    <line x1=\"", T(kLeft), "\" x2=\"", T(kRight),
                    "\" y1=\"", T(y), "\" y2=\"", T(y), "\" stroke=\"",
                    v == 0 ? "#000" : "#bbb", "\" stroke-width=\"",
                    v == 0 ? "1" : "0.5", "\"/><text x=\"", T(kLeft - 80),
                    "\" y=\"", T(y + 40), "\" text-anchor=\"end\">",
                    Escape(PercentLabel(v, y_digits)), "</text>\n");
  }
  const int64_t middle_y = (kTop + kBottom) / 2;
  absl::StrAppend(&out, "    <text x=\"18\" y=\"", T(middle_y),
                  "\" text-anchor=\"middle\" transform=\"rotate(-90 18 ",
                  T(middle_y),
                  ")\">total cost, % of the amount sent</text>\n  </g>\n");

  // The amount axis: ticks at round amounts.
  const int64_t x_step =
      max_amount > min_amount
          ? NiceStep(absl::int128(max_amount) - min_amount, 1, 7)
          : 1;
  int64_t unit = 1;
  for (int i = 0; i < currency.exponent(); ++i) unit *= 10;
  const bool whole = x_step % unit == 0;
  absl::StrAppend(&out, "  <g class=\"x-axis\">\n    <line x1=\"", T(kLeft),
                  "\" x2=\"", T(kRight), "\" y1=\"", T(kBottom), "\" y2=\"",
                  T(kBottom), "\" stroke=\"#000\"/>\n");
  for (int64_t a = CeilTo(min_amount, x_step); a <= max_amount; a += x_step) {
    const int64_t x = scales.X(a);
    absl::StrAppend(&out, "    <line x1=\"", T(x), "\" x2=\"", T(x), "\" y1=\"",
                    T(kBottom), "\" y2=\"", T(kBottom + 50),
                    "\" stroke=\"#000\"/><text x=\"", T(x), "\" y=\"",
                    T(kBottom + 190), "\" text-anchor=\"middle\">",
                    Escape(AmountLabel(a, currency, whole)), "</text>\n");
    if (a > INT64_MAX - x_step) break;
  }
  absl::StrAppend(&out, "    <text x=\"", T((kLeft + kRight) / 2), "\" y=\"",
                  T(kBottom + 420), "\" text-anchor=\"middle\">amount ", kind,
                  " (", Escape(currency_text), ")</text>\n  </g>\n");

  // The envelope, under the offers' lines.
  std::string envelope_d;
  for (const Point& p : envelope) {
    absl::StrAppend(&envelope_d, envelope_d.empty() ? "" : " ",
                    p.starts_path ? "M" : "L", T(scales.X(p.amount)), " ",
                    T(scales.Y(p.percent)));
  }
  absl::StrAppend(&out,
                  "  <g class=\"envelope\" clip-path=\"url(#plot-area)\">");
  if (!envelope_d.empty()) {
    absl::StrAppend(&out, "<path d=\"", envelope_d, "\" ", kEnvelopeAttributes,
                    "/>");
  }
  absl::StrAppend(&out, "</g>\n");

  // One line per offer, with markers at a few samples (staggered from line
  // to line so that they do not sit on each other).
  const size_t every = std::max<size_t>(1, amounts.size() / 9);
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    absl::StrAppend(&out, "  <g class=\"offer\" data-quote=\"",
                    Escape(line.offer->quote_id()),
                    "\" clip-path=\"url(#plot-area)\">\n    <title>",
                    Escape(line.label), "</title>\n");
    const std::string d = PathData(scales, amounts, line.percents);
    if (!d.empty()) {
      absl::StrAppend(&out, "    <path class=\"line\" d=\"", d, "\" ",
                      LineAttributes(line.style), "/>\n");
    }
    const size_t offset = every * i / std::max<size_t>(1, lines.size());
    for (size_t j = offset; j < amounts.size(); j += every) {
      if (!line.percents[j].has_value()) continue;
      absl::StrAppend(
          &out, "    ",
          MarkerSvg(line.style, scales.X(amounts[j]),
                    scales.Y(*line.percents[j]),
                    absl::StrCat(line.label, " at ",
                                 AmountLabel(amounts[j], currency, false), " ",
                                 currency_text, ": ",
                                 PercentLabel(*line.percents[j], 2))),
          "\n");
    }
    absl::StrAppend(&out, "  </g>\n");
  }

  // The switch points: a dotted vertical from the label down, a diamond on
  // the envelope. Labels take the first of a few rows over the plot where
  // they do not overlap the previous one.
  std::vector<int64_t> row_end(kLabelRows, INT64_MIN);
  absl::StrAppend(&out, "  <g class=\"switches\">\n");
  for (const Switch& s : switches) {
    const int64_t x = scales.X(s.amount);
    const int64_t half = static_cast<int64_t>(s.label.size()) * kLabelChar / 2;
    const int64_t centre = std::clamp(x, half + 20, kWidth - half - 20);
    // The first row with room; none: no label over the plot (the line
    // under the legend lists every switch).
    int row = -1;
    for (int r = 0; r < kLabelRows && row < 0; ++r) {
      if (row_end[r] + 60 <= centre - half) row = r;
    }
    if (row >= 0) row_end[row] = centre + half;
    const int64_t label_y = kTop - 80 - std::max(row, 0) * kLabelRow;
    absl::StrAppend(
        &out, "    <g class=\"switch\" data-amount=\"",
        Escape(Money::FromMinorUnits(s.amount, currency).AmountString()),
        "\"><line x1=\"", T(x), "\" x2=\"", T(x), "\" y1=\"", T(label_y + 30),
        "\" y2=\"", T(kBottom),
        "\" stroke=\"#000\" stroke-width=\"1\" stroke-dasharray=\"2 3\"/>",
        SwitchMarker(x, std::clamp(scales.Y(s.percent), kTop, kBottom),
                     s.tooltip),
        row < 0 ? ""
                : absl::StrCat("<text x=\"", T(centre), "\" y=\"", T(label_y),
                               "\" text-anchor=\"middle\" font-size=\"11\" "
                               "stroke=\"#fff\" stroke-width=\"3\" "
                               "paint-order=\"stroke\">",
                               Escape(s.label), "</text>"),
        "</g>\n");
  }
  absl::StrAppend(&out, "  </g>\n");

  // The legend: the offers, then the envelope, the switches and the gaps.
  absl::StrAppend(&out, "  <g class=\"legend\">\n");
  size_t item = 0;
  auto place = [&](int64_t* x, int64_t* y) {
    *x = kLeft + static_cast<int64_t>(item % columns) * kLegendColumn;
    *y = legend_y + static_cast<int64_t>(item / columns) * kLegendRow;
    ++item;
  };
  for (const Line& line : lines) {
    int64_t x, y;
    place(&x, &y);
    absl::StrAppend(
        &out, "    <g class=\"legend-item offer\"><path d=\"M", T(x), " ", T(y),
        " L", T(x + 400), " ", T(y), "\" ", LineAttributes(line.style), "/>",
        MarkerSvg(line.style, x + 200, y, ""), "<text x=\"", T(x + 480),
        "\" y=\"", T(y + 40), "\">", Escape(line.label), "</text></g>\n");
  }
  {
    int64_t x, y;
    place(&x, &y);
    absl::StrAppend(&out, "    <g class=\"legend-item envelope\"><path d=\"M",
                    T(x + 50), " ", T(y), " L", T(x + 350), " ", T(y), "\" ",
                    kEnvelopeAttributes, "/><text x=\"", T(x + 480), "\" y=\"",
                    T(y + 40), "\">", Escape(envelope_label), "</text></g>\n");
    place(&x, &y);
    absl::StrAppend(
        &out, "    <g class=\"legend-item switch\"><line x1=\"", T(x + 200),
        "\" x2=\"", T(x + 200), "\" y1=\"", T(y - 90), "\" y2=\"", T(y + 90),
        "\" stroke=\"#000\" stroke-dasharray=\"2 3\"/>",
        SwitchMarker(x + 200, y, ""), "<text x=\"", T(x + 480), "\" y=\"",
        T(y + 40), "\">", Escape(switch_label), "</text></g>\n");
    if (!gaps.empty()) {
      place(&x, &y);
      absl::StrAppend(&out, "    <g class=\"legend-item gap\"><rect x=\"", T(x),
                      "\" y=\"", T(y - 70),
                      "\" width=\"40\" height=\"14\" fill=\"#ececec\" "
                      "stroke=\"#999\" stroke-width=\"0.5\"/><text x=\"",
                      T(x + 480), "\" y=\"", T(y + 40), "\">",
                      Escape(gap_label), "</text></g>\n");
    }
  }
  absl::StrAppend(&out, "  </g>\n");
  for (size_t i = 0; i < footer.size(); ++i) {
    const FooterLine& line = footer[i];
    absl::StrAppend(&out, "  <text class=\"", line.kind, "\" x=\"",
                    T(kLeft + (line.indented ? 2 * kFooterChar : 0)), "\" y=\"",
                    T(footer_y + static_cast<int64_t>(i) * kFooterRow),
                    "\" font-size=\"11\">", Escape(line.text), "</text>\n");
  }
  absl::StrAppend(&out, "</svg>\n");
  return out;
}

}  // namespace remit::cli
