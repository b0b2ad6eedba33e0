#include "cli/history_chart.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "engine/money/country.h"
#include "engine/money/percent.h"

namespace remit::cli {
namespace {

// The page, in SVG user units (pixels on screen).
constexpr double kWidth = 800;
// The plot area.
constexpr double kLeft = 70;
constexpr double kRight = 780;
constexpr double kTop = 80;
constexpr double kBottom = 360;
// RPW's SDG 10.c target, in percent.
constexpr double kTarget = 3;

std::string Escape(const std::string& text) {
  return absl::StrReplaceAll(text, {{"&", "&amp;"},
                                    {"<", "&lt;"},
                                    {">", "&gt;"},
                                    {"\"", "&quot;"},
                                    {"'", "&apos;"}});
}

// A coordinate, to a tenth of a unit.
std::string N(double value) { return absl::StrFormat("%.1f", value); }

std::optional<double> Value(const std::string& percent) {
  if (percent.empty()) return std::nullopt;
  absl::StatusOr<Percent> p = Percent::FromString(percent);
  if (!p.ok()) return std::nullopt;
  return static_cast<double>(p->scaled()) / 1e9;
}

// "United Kingdom (GBP)"; the code when it names no country.
std::string Side(const std::string& country, const std::string& currency) {
  absl::StatusOr<CountryCode> code = CountryCode::FromString(country);
  std::string text = code.ok() ? std::string(code->name()) : country;
  if (!currency.empty()) absl::StrAppend(&text, " (", currency, ")");
  return text;
}

// How a series looks: all black, told apart by dashes and markers.
enum class Marker { kCircle, kSquare, kTriangle };
struct Style {
  const char* css_class;  // "average"
  const char* dasharray;  // "" for solid.
  Marker marker;
};

constexpr Style kAverageStyle = {"average", "", Marker::kCircle};
constexpr Style kSmartStyle = {"smart", "9 5", Marker::kSquare};
constexpr Style kProviderStyle = {"provider", "12 4 2 4", Marker::kTriangle};

std::string MarkerSvg(Marker marker, double x, double y,
                      const std::string& tooltip) {
  std::string shape;
  switch (marker) {
    case Marker::kCircle:
      shape = absl::StrCat("<circle cx=\"", N(x), "\" cy=\"", N(y),
                           "\" r=\"4\" fill=\"#000\" stroke=\"#000\"");
      break;
    case Marker::kSquare:
      shape = absl::StrCat("<rect x=\"", N(x - 4), "\" y=\"", N(y - 4),
                           "\" width=\"8\" height=\"8\" fill=\"#fff\" "
                           "stroke=\"#000\" stroke-width=\"1.5\"");
      break;
    case Marker::kTriangle:
      shape =
          absl::StrCat("<polygon points=\"", N(x), ",", N(y - 5), " ", N(x + 5),
                       ",", N(y + 4), " ", N(x - 5), ",", N(y + 4),
                       "\" fill=\"#fff\" stroke=\"#000\" "
                       "stroke-width=\"1.5\"");
      break;
  }
  if (tooltip.empty()) return shape + "/>";
  return absl::StrCat(shape, "><title>", Escape(tooltip), "</title>",
                      marker == Marker::kCircle   ? "</circle>"
                      : marker == Marker::kSquare ? "</rect>"
                                                  : "</polygon>");
}

std::string LineAttributes(const Style& style) {
  std::string attributes =
      "fill=\"none\" stroke=\"#000\" stroke-width=\"2\" "
      "stroke-linejoin=\"round\"";
  if (*style.dasharray != '\0') {
    absl::StrAppend(&attributes, " stroke-dasharray=\"", style.dasharray, "\"");
  }
  return attributes;
}

class Chart {
 public:
  Chart(int points, double low, double high)
      : step_((kRight - kLeft) / std::max(points, 1)), low_(low), high_(high) {}

  double X(int i) const { return kLeft + step_ * (i + 0.5); }
  double Y(double percent) const {
    return kBottom - (percent - low_) / (high_ - low_) * (kBottom - kTop);
  }
  double step() const { return step_; }

  // The series' line, broken wherever a value is missing, and a marker at
  // every value (so a lone point between gaps shows too).
  std::string Series(const std::vector<std::optional<double>>& values,
                     const std::vector<std::string>& periods,
                     const Style& style, const std::string& name) const {
    std::string d;
    std::string markers;
    bool drawing = false;
    for (size_t i = 0; i < values.size(); ++i) {
      if (!values[i].has_value()) {
        drawing = false;
        continue;
      }
      const double x = X(static_cast<int>(i));
      const double y = Y(*values[i]);
      absl::StrAppend(&d, d.empty() ? "" : " ", drawing ? "L" : "M", N(x), " ",
                      N(y));
      drawing = true;
      absl::StrAppend(&markers, "    ",
                      MarkerSvg(style.marker, x, y,
                                absl::StrFormat("%s %s: %.2f%%", name,
                                                periods[i], *values[i])),
                      "\n");
    }
    std::string out =
        absl::StrCat("  <g class=\"series ", style.css_class, "\">\n");
    if (!d.empty()) {
      absl::StrAppend(&out, "    <path class=\"line\" d=\"", d, "\" ",
                      LineAttributes(style), "/>\n");
    }
    absl::StrAppend(&out, markers, "  </g>\n");
    return out;
  }

 private:
  double step_;
  double low_;
  double high_;
};

// A step for the percentage axis that gives at most 8 gridlines.
double AxisStep(double span) {
  for (double s : {0.5, 1.0, 2.0, 2.5, 5.0, 10.0, 20.0, 25.0, 50.0}) {
    if (span / s <= 8) return s;
  }
  return 100;
}

std::string LegendItem(double x, double y, const Style* style,
                       const std::string& label, const std::string& kind) {
  std::string out = absl::StrCat("    <g class=\"legend-item ", kind, "\">");
  if (style != nullptr) {
    absl::StrAppend(&out, "<path d=\"M", N(x), " ", N(y), " L", N(x + 36), " ",
                    N(y), "\" ", LineAttributes(*style), "/>",
                    MarkerSvg(style->marker, x + 18, y, ""));
  } else if (kind == "sdg-target") {
    absl::StrAppend(&out, "<path d=\"M", N(x), " ", N(y), " L", N(x + 36), " ",
                    N(y),
                    "\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.5\" "
                    "stroke-dasharray=\"2 4\"/>");
  } else {
    absl::StrAppend(&out, "<rect x=\"", N(x), "\" y=\"", N(y - 7),
                    "\" width=\"36\" height=\"14\" fill=\"#e4e4e4\"/>");
  }
  absl::StrAppend(&out, "<text x=\"", N(x + 44), "\" y=\"", N(y + 4), "\">",
                  Escape(label), "</text></g>\n");
  return out;
}

}  // namespace

std::string HistorySvg(const v1::CorridorHistory& history,
                       const std::string& data_lines) {
  const int n = history.points_size();
  std::vector<std::string> periods;
  std::vector<std::optional<double>> average, smart, provider;
  const bool with_provider = !history.provider_id().empty();
  double low = 0;
  double high = kTarget;
  for (const v1::HistoryPoint& p : history.points()) {
    periods.push_back(p.period());
    if (p.gap()) {
      average.push_back(std::nullopt);
      smart.push_back(std::nullopt);
      provider.push_back(std::nullopt);
      continue;
    }
    average.push_back(Value(p.average_total_cost_percent()));
    smart.push_back(p.has_smart_percent() ? Value(p.smart_percent())
                                          : std::nullopt);
    provider.push_back(p.has_provider_average_total_cost_percent()
                           ? Value(p.provider_average_total_cost_percent())
                           : std::nullopt);
  }
  for (const auto* series : {&average, &smart, &provider}) {
    for (const std::optional<double>& v : *series) {
      if (!v.has_value()) continue;
      low = std::min(low, *v);
      high = std::max(high, *v);
    }
  }
  const double axis_step = AxisStep(high - low);
  low = std::floor(low / axis_step) * axis_step;
  high = std::ceil(high * 1.05 / axis_step) * axis_step;
  const Chart chart(n, low, high);
  // The legend's rows under the axis labels (lower when they slant), then
  // the data line.
  const bool slanted = n > 12;
  const double legend_y = kBottom + (slanted ? 80 : 50);
  const double data_y = legend_y + 24 * (with_provider ? 3 : 2) + 6;
  const std::vector<std::string> footer = absl::StrSplit(data_lines, '\n');
  constexpr double kFooterRow = 13;
  const double height = data_y + kFooterRow * (footer.size() - 1) + 12;

  const v1::Corridor& c = history.corridor();
  const std::string corridor =
      absl::StrCat(Side(c.send_country(), c.send_currency()), " to ",
                   Side(c.receive_country(), c.receive_currency()));
  const std::string level = history.amount_level() == v1::AMOUNT_LEVEL_CC2
                                ? "cc2, the USD 500 equivalent"
                                : "cc1, the USD 200 equivalent";
  const std::string title =
      absl::StrCat("Cost of sending money from ", corridor);
  std::string subtitle =
      absl::StrCat("Total cost in % of the amount sent (", level, ")");
  if (n > 0) {
    absl::StrAppend(&subtitle, ", ", periods.front(), " to ", periods.back());
  }

  std::string out = absl::StrCat(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"",
      kWidth, "\" height=\"", height, "\" viewBox=\"0 0 ", kWidth, " ", height,
      "\" role=\"img\" aria-labelledby=\"chart-title\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n"
      "  <title id=\"chart-title\">",
      Escape(title), "</title>\n  <desc>", Escape(subtitle),
      ". Quarters without a survey are gaps in the lines.</desc>\n"
      "  <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
      "  <text class=\"title\" x=\"",
      N(kWidth / 2),
      "\" y=\"30\" text-anchor=\"middle\" font-size=\"18\" "
      "font-weight=\"bold\">",
      Escape(title),
      "</text>\n"
      "  <text class=\"subtitle\" x=\"",
      N(kWidth / 2), "\" y=\"52\" text-anchor=\"middle\" font-size=\"13\">",
      Escape(subtitle), "</text>\n");

  // Gaps: a shaded band, its label written along it when there is room.
  for (int i = 0; i < n; ++i) {
    if (!history.points(i).gap()) continue;
    absl::StrAppend(&out, "  <g class=\"gap\"><rect x=\"",
                    N(chart.X(i) - chart.step() / 2), "\" y=\"", N(kTop),
                    "\" width=\"", N(chart.step()), "\" height=\"",
                    N(kBottom - kTop), "\" fill=\"#e4e4e4\"/>");
    if (chart.step() >= 14) {
      const double x = chart.X(i) + 4;
      const double y = kTop + 8;
      absl::StrAppend(
          &out, "<text x=\"", N(x), "\" y=\"", N(y),
          "\" font-size=\"11\" fill=\"#333\" transform=\"rotate(90 ", N(x), " ",
          N(y), ")\">no survey</text>");
    }
    absl::StrAppend(&out, "</g>\n");
  }

  // The percentage axis: gridlines and labels.
  absl::StrAppend(&out, "  <g class=\"y-axis\">\n");
  for (double v = low; v <= high + axis_step / 1000; v += axis_step) {
    const double y = chart.Y(v);
    absl::StrAppend(&out, "    <line x1=\"", N(kLeft), "\" x2=\"", N(kRight),
                    "\" y1=\"", N(y), "\" y2=\"", N(y), "\" stroke=\"#bbb\" ",
                    "stroke-width=\"0.5\"/><text x=\"", N(kLeft - 8), "\" y=\"",
                    N(y + 4), "\" text-anchor=\"end\">",
                    absl::StrFormat("%g%%", v), "</text>\n");
  }
  absl::StrAppend(&out, "    <text x=\"18\" y=\"", N((kTop + kBottom) / 2),
                  "\" text-anchor=\"middle\" transform=\"rotate(-90 18 ",
                  N((kTop + kBottom) / 2),
                  ")\">total cost, % of the amount sent</text>\n", "  </g>\n");

  // The period axis: a tick per period, a label on as many as fit.
  const int every = std::max(1, (n + 29) / 30);
  absl::StrAppend(&out, "  <g class=\"x-axis\">\n    <line x1=\"", N(kLeft),
                  "\" x2=\"", N(kRight), "\" y1=\"", N(kBottom), "\" y2=\"",
                  N(kBottom), "\" stroke=\"#000\"/>\n");
  for (int i = 0; i < n; ++i) {
    const double x = chart.X(i);
    absl::StrAppend(&out, "    <line x1=\"", N(x), "\" x2=\"", N(x), "\" y1=\"",
                    N(kBottom), "\" y2=\"", N(kBottom + 5),
                    "\" stroke=\"#000\"/>");
    if (i % every == 0 || i == n - 1) {
      const double y = kBottom + 18;
      if (slanted) {
        absl::StrAppend(&out, "<text x=\"", N(x), "\" y=\"", N(y),
                        "\" text-anchor=\"end\" font-size=\"11\" "
                        "transform=\"rotate(-45 ",
                        N(x), " ", N(y), ")\">", Escape(periods[i]), "</text>");
      } else {
        absl::StrAppend(&out, "<text x=\"", N(x), "\" y=\"", N(y),
                        "\" text-anchor=\"middle\">", Escape(periods[i]),
                        "</text>");
      }
    }
    absl::StrAppend(&out, "\n");
  }
  absl::StrAppend(&out, "  </g>\n");

  // The SDG target, dotted, under the series.
  const double target_y = chart.Y(kTarget);
  absl::StrAppend(&out, "  <g class=\"sdg-target\"><line x1=\"", N(kLeft),
                  "\" x2=\"", N(kRight), "\" y1=\"", N(target_y), "\" y2=\"",
                  N(target_y),
                  "\" stroke=\"#000\" stroke-width=\"1.5\" "
                  "stroke-dasharray=\"2 4\"/></g>\n");

  absl::StrAppend(&out,
                  chart.Series(average, periods, kAverageStyle, "Average"),
                  chart.Series(smart, periods, kSmartStyle, "SmaRT"));
  const std::string provider_label =
      absl::StrCat("Provider ", history.provider_id(), ": its average");
  if (with_provider) {
    absl::StrAppend(
        &out, chart.Series(provider, periods, kProviderStyle, provider_label));
  }

  // The target's label at its right end, over the series, on a white halo.
  absl::StrAppend(&out, "  <g class=\"sdg-target\"><text x=\"", N(kRight - 4),
                  "\" y=\"", N(target_y - 6),
                  "\" text-anchor=\"end\" font-size=\"11\" stroke=\"#fff\" "
                  "stroke-width=\"4\" paint-order=\"stroke\">SDG target "
                  "3%</text></g>\n");

  // The legend.
  absl::StrAppend(
      &out, "  <g class=\"legend\">\n",
      LegendItem(kLeft, legend_y, &kAverageStyle,
                 "Corridor average (all transparent services)", "average"),
      LegendItem(kLeft + 360, legend_y, &kSmartStyle,
                 "SmaRT (3 cheapest within 5 days)", "smart"),
      LegendItem(kLeft, legend_y + 24, nullptr, "SDG 10.c target: 3%",
                 "sdg-target"),
      LegendItem(kLeft + 360, legend_y + 24, nullptr,
                 "No survey that quarter (gap)", "gap"));
  if (with_provider) {
    absl::StrAppend(&out, LegendItem(kLeft, legend_y + 48, &kProviderStyle,
                                     provider_label, "provider"));
  }
  absl::StrAppend(&out, "  </g>\n");
  for (size_t i = 0; i < footer.size(); ++i) {
    absl::StrAppend(&out, "  <text class=\"data\" x=\"", N(kLeft), "\" y=\"",
                    N(data_y + kFooterRow * i), "\" font-size=\"10\">",
                    Escape(footer[i]), "</text>\n");
  }
  absl::StrAppend(&out, "</svg>\n");
  return out;
}

}  // namespace remit::cli
