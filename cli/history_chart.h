// A corridor's history as a self-contained SVG line chart, for
// `remitrank history --format=svg`: the corridor's average total cost and
// its SmaRT per survey period, the 3 % SDG 10.c target, the quarters
// without a survey as breaks in the lines (never interpolated) on a shaded
// band, axes labelled with periods and percentages, a title naming the
// corridor and the amount level, and a legend.
//
// Made to be printed in black and white: the series differ by line style
// and marker (average: solid, filled circles; SmaRT: dashed, open squares;
// a provider's own average: dash-dot, triangles; the target: dotted), never
// by colour alone. No script, no external resource (fonts, images, styles);
// every text from the data is XML-escaped.
//
// Thread-safety: pure functions.
//
// Example:
//   std::ofstream("history.svg") << HistorySvg(history, "Data: ...");
#ifndef REMIT_CLI_HISTORY_CHART_H_
#define REMIT_CLI_HISTORY_CHART_H_

#include <string>

#include "proto/remit/v1/remit_service.pb.h"

namespace remit::cli {

// The most characters a line under the chart holds.
inline constexpr int kHistoryChartFooterChars = 140;

// The chart as an SVG document. `data_lines` are printed under it ("Data:
// ...; version ...", the attribution), one per '\n'-separated line, each
// of at most kHistoryChartFooterChars characters.
std::string HistorySvg(const v1::CorridorHistory& history,
                       const std::string& data_lines);

}  // namespace remit::cli

#endif  // REMIT_CLI_HISTORY_CHART_H_
