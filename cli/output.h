// How the remitrank tool prints answers: a table for people, CSV for
// spreadsheets, JSON (the API's protobuf JSON mapping) for scripts.
//
// Thread-safety: pure functions.
#ifndef REMIT_CLI_OUTPUT_H_
#define REMIT_CLI_OUTPUT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "proto/remit/v1/remit_service.pb.h"

namespace remit::cli {

// kSvg: a chart; only the commands that draw one accept it.
enum class Format { kTable, kCsv, kJson, kSvg };

// The formats every data command writes, the first the default.
inline constexpr Format kTextFormats[] = {Format::kTable, Format::kCsv,
                                          Format::kJson};

// "table", "csv", "json", "svg".
std::string FormatName(Format format);
// "table (default), csv or json": the --format help for `accepted`.
std::string FormatsHelp(absl::Span<const Format> accepted);
// One of `accepted` by name; INVALID_ARGUMENT naming the value and the
// accepted names otherwise.
absl::StatusOr<Format> ParseFormat(
    const std::string& text, absl::Span<const Format> accepted = kTextFormats);

// "1.99 USD" from a remit.v1.Money; "" when unset. Plain digits, for
// machines (csv).
std::string MoneyText(const v1::Money& money, bool present);
// "18,019,999,999,981.98 MXN": MoneyText with the digits grouped as
// English writes them (through ICU, from the exact decimal text), for
// tables people read.
std::string GroupedMoneyText(const v1::Money& money, bool present);
// "2.72%" from an exact percentage string (two decimals); "" when empty.
std::string PercentText(const std::string& percent);
// An offer's total % as people read it: "4.97%", a negative one as
// "0.27% gain", with "~" before an estimated price and "*" after a
// promotional one.
std::string MarkedTotalPercentText(const v1::Offer& offer);
// The lines that explain the "*" (promotional) and "~" (estimated) marks,
// those asked for, wrapped to `width`.
std::string MarkLegend(bool promotional, bool estimated, int width);
// "Prices: " and FreshnessText (cli/freshness.h) wrapped to `width`; ""
// when the answer has no freshness.
std::string PricesLines(const v1::Freshness& freshness, int width);
// StaleText's paragraphs wrapped to `width`: what a table shows instead of
// offers when every price is stale.
std::string StaleLines(const v1::Freshness& freshness, int width);
// `text` wrapped to `width` columns, the lines after the first indented by
// two spaces, as the lines under a table are.
std::string WrapParagraph(const std::string& text, int width);
// SourceLines (cli/freshness.h) for the end of a table: each line wrapped
// by WrapParagraph, without the last newline.
std::string SourceParagraphs(
    const google::protobuf::RepeatedPtrField<v1::DatasetMetadata>& sources,
    const std::string& version, int width);

// The width a table fits in when the terminal's is unknown.
inline constexpr int kDefaultWidth = 80;

// How a ranking is shown, besides its data.
//
// The table fits `width` columns. When it is wider, it gives way in this
// order until it fits: (1) how (means of payment -> of receipt) and speed
// move to a line under each offer; (2) the FX margin % is left out; (3)
// provider names wrap (to no less than 10 columns); (4) the breakdown
// (fee, surcharge, payout fee, FX cost) is left out, the total cost stays,
// and a line says so (csv and json always have everything); (5) the total
// cost % is left out; (6) in receive mode, "You send" is left out. Numbers
// are never cut: a table that still does not fit is wider than `width`.
// The surcharge and payout fee columns appear only when an offer has one.
struct RankView {
  // The amount was what the recipient gets: "You send" and "You pay"
  // columns.
  bool receive_mode = false;
  // The request gave the sender's access: the personal SmaRT is printed.
  bool personal = false;
  int width = kDefaultWidth;
};

// `data_line`: the lines under the table that say where the data comes
// from (SourceParagraphs, wrapped to view.width). In the table and csv, an
// offer's fee, funding surcharge, payout fee (the recipient-side fee in the
// send currency) and FX cost add up to its total cost. Marks in the table,
// explained under it: "*" promotional, "~" estimated, a negative total cost as
// a gain in words.
std::string RankOutput(const v1::RankOffersResponse& response, Format format,
                       const std::string& data_line, const RankView& view = {});
// `summaries[i]` is corridor i at its USD 200 equivalent (offer count and
// average), or an empty message when that amount is unknown.
std::string CorridorsOutput(const v1::ListCorridorsResponse& response,
                            const std::vector<v1::CorridorSummary>& summaries,
                            Format format);
// The summary as "field  value" lines, values wrapped within `width`
// columns, then `data_line` (SourceParagraphs); CSV (field,value) or JSON.
std::string SummaryOutput(const v1::CorridorSummary& summary, Format format,
                          const std::string& data_line,
                          int width = kDefaultWidth);

// A corridor's history: a table of the figures per period with a text
// chart of the average under it (at most 80 columns wide), CSV (one line
// per point, empty cells in gaps) or JSON. Gaps are shown as gaps, never
// as numbers. Not for Format::kSvg (see cli/history_chart.h).
std::string HistoryOutput(const v1::CorridorHistory& history, Format format,
                          const std::string& data_line);

// The breakdowns of RPW's indicators a table or CSV shows (--by).
enum class IndicatorBreakdown {
  kFirmType,
  kSendingCountry,
  kReceivingCountry,
  kReceivingRegion,
  kG8G20,
  kCorridor,
};
// Every breakdown, in the order the table shows them.
inline constexpr IndicatorBreakdown kAllIndicatorBreakdowns[] = {
    IndicatorBreakdown::kFirmType,
    IndicatorBreakdown::kSendingCountry,
    IndicatorBreakdown::kReceivingCountry,
    IndicatorBreakdown::kReceivingRegion,
    IndicatorBreakdown::kG8G20,
    IndicatorBreakdown::kCorridor};
// "firm_type", "sending_country", ... as --by and the CSV's kind name them.
std::string BreakdownName(IndicatorBreakdown breakdown);

// RPW's indicators for a period: the global figures, then each breakdown
// of `breakdowns`, then the rules applied (table); one line per group row
// with its kind (CSV); the whole API message (JSON, whatever the
// breakdowns).
std::string IndicatorsOutput(const v1::Indicators& indicators, Format format,
                             absl::Span<const IndicatorBreakdown> breakdowns,
                             const std::string& data_line);

// One CSV field: quoted (RFC 4180) when it holds a comma, a quote or a
// line break.
std::string Csv(const std::string& field);

// A JSON rendering of any API message: protobuf's JSON mapping with every
// field that has no presence printed, zero values and empty lists
// included, as the HTTP API answers; indented for reading.
std::string Json(const google::protobuf::Message& message);

}  // namespace remit::cli

#endif  // REMIT_CLI_OUTPUT_H_
