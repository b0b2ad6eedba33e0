// A cost curve as a self-contained SVG chart, for `remitrank curve
// --format=svg`: every offer's total cost in % of the amount sent, one line
// per offer drawn through the curve's sample amounts, the lower envelope
// (the cheapest offer at each amount) as a wide grey band under the lines,
// each switch point (where another offer becomes the cheapest) marked on
// the envelope and labelled with its exact amount, amounts no offer sends
// shaded, axes with money and percentages formatted as English writes them
// (ICU, cli/i18n/localizer.h), a title naming the corridor, and a legend.
//
// Made to be printed in black and white: each offer's line has its own
// dash pattern and marker shape besides its colour, the envelope is a grey
// band and the switch points black diamonds on dotted verticals. Lines
// that rise above the top of the plot (small amounts with a fixed fee) are
// cut there, and the subtitle says so. No script, no external resource
// (fonts, images, styles); every text from the data is XML-escaped.
//
// Coordinates are computed from the exact amounts (minor units) and
// percentages (billionths of a point) with integer arithmetic, in tenths
// of an SVG unit.
//
// Thread-safety: pure functions.
//
// Example:
//   std::ofstream("curve.svg") << CurveSvg(curve, "Data: ...");
#ifndef REMIT_CLI_CURVE_CHART_H_
#define REMIT_CLI_CURVE_CHART_H_

#include <string>

#include "proto/remit/v1/remit_service.pb.h"

namespace remit::cli {

// The fewest samples a chart is drawn with (a line needs two points).
inline constexpr int kMinChartSamples = 2;
// The samples the curve command asks for when drawing and --samples is
// not given: about one per 3 units of the plot's width.
inline constexpr int kDefaultChartSamples = 241;
// The most characters a line under the chart holds (the chart's width less
// its left margin).
inline constexpr int kCurveChartFooterChars = 115;

// The chart as an SVG document. `curve` should carry samples (at least
// kMinChartSamples): without them, only the envelope's switch points are
// drawn. `data_lines` are printed under the chart ("Data: ...; version
// ...", the attribution), one per '\n'-separated line, each of at most
// kCurveChartFooterChars characters (SourceParagraphs wraps them so).
std::string CurveSvg(const v1::GetCostCurveResponse& curve,
                     const std::string& data_lines);

}  // namespace remit::cli

#endif  // REMIT_CLI_CURVE_CHART_H_
