// The pre-departure briefing sheet: one self-contained HTML page for a
// corridor, to print on one or two A4 pages (print CSS, no external
// resources), in the language of a message catalog (cli/i18n).
//
// It shows the cheapest offers at each amount, who is cheapest for each
// amount of a range (from the cost curve), the corridor's average and
// what the three cheapest easy offers cost (RPW's SmaRT, in plain words),
// what the hidden exchange-rate cost is with a worked example from the
// data, the questions to ask at the counter, and where the data comes
// from. Every word comes from the catalog; country names, amounts,
// percentages and plural forms are the language's own, through ICU
// (cli/i18n/localizer.h). It says how old the prices are, with a warning
// when they are out of date (stale prices asked for, or prices older than
// the age limit on the day the sheet is handed out: OutOfDateOn) and a
// note when the data is illustrative, both on every printed page, and
// prints the data's attribution.
//
// For print, the page is made of sections (one per amount, the hidden
// cost, the questions and sources), none split across pages, each
// starting with those notes; the offers' table fits the A4 page's width,
// its figures kept whole (never split across lines or cut).
//
// Thread-safety: pure function.
#ifndef REMIT_CLI_SHEET_H_
#define REMIT_CLI_SHEET_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "cli/i18n/messages.h"
#include "engine/money/money.h"
#include "proto/remit/v1/remit_service.pb.h"

namespace remit::cli {

// The corridor's figures said under a table of offers.
struct CorridorFigures {
  v1::CorridorSummary summary;
  // 200 or 500 when summary.amount() is RPW's USD 200 or USD 500
  // equivalent (the usual amount for comparing prices), which the sheet
  // then says; 0 for an amount the user chose.
  int usd_equivalent = 0;
};

// Who is cheapest for each amount sent from `min` to `max`: the cost
// curve over that range (GetCostCurve).
struct CheapestByAmount {
  v1::Money min;
  v1::Money max;
  v1::GetCostCurveResponse curve;
};

// At most this many of a curve's intervals are named on the sheet; the
// line says how many more there are.
inline constexpr int kSheetCurveParts = 4;

struct SheetInput {
  // The countries' ISO 3166-1 codes ("GB" or "GBR"); the sheet names them
  // in its language.
  std::string from_country;
  std::string to_country;
  // One ranking per amount (its summary is the corridor at that amount).
  std::vector<v1::RankOffersResponse> rankings;
  // The figures under each ranking's table, by index. Where there is none
  // (the vector is shorter), the ranking's own summary, at the amount of
  // the table.
  std::vector<CorridorFigures> figures;
  std::string data_name;  // Dataset name, or "" when unknown.
  std::string data_date;  // As-of date, or "".
  // Where the worked example comes from when no offer shown in `rankings`
  // can be one (WorkedExampleOffer): a ranking at an amount the survey
  // measured; may be empty.
  v1::RankOffersResponse example_ranking;
  // The credit lines the data's licences ask for (DatasetMetadata's
  // attribution), printed under the source line.
  std::vector<std::string> attributions;
  // Set when the prices are shown although stale: the freshness that found
  // them stale (newest price date, age limit, date judged at), for the
  // warning at the top of the sheet and the short one that starts every
  // other section (so every printed page has it). Either the ranking's,
  // when stale prices were asked for, or OutOfDateOn()'s.
  std::optional<v1::Freshness> stale;
  // Set: one line under the offers names the cheapest offer for each
  // amount of the range ("A up to 500 USD; B from 500.01 USD"); nothing
  // when its curve has no interval.
  std::optional<CheapestByAmount> cheapest_by_amount;
};

// The age limit, in days, a sheet holds its prices to unless a shorter one
// is asked for: the ranking's default (kDefaultMaxQuoteAge).
inline constexpr int64_t kSheetMaxPriceAgeDays = 183;

// Whether the prices of `rankings` are out of date on `sheet_date`, the
// day the sheet is handed out: their newest price date (the newest of the
// rankings' freshness) more than `max_age_days` days before it, whatever
// let them in (a named period, which the ranking never finds stale, a
// longer age limit, another date to judge them at). Illustrative data is
// judged at its own as-of date instead (its prices are made up, never out
// of date on their own day). The freshness for the sheet's warning
// (SheetInput::stale): that newest price date, the limit and the date
// counted from; nothing when the prices are recent enough or undated.
//
// Example: newest 2024-05-30, limit 183, sheet date 2026-12-03: a warning
// ("...from May 30, 2024, more than 183 days before December 3, 2026").
std::optional<v1::Freshness> OutOfDateOn(
    const std::vector<v1::RankOffersResponse>& rankings,
    absl::CivilDay sheet_date, int64_t max_age_days);

// Offers shown per amount.
inline constexpr int kSheetOffersPerAmount = 5;

// Under each table the sheet says how the total is made (fee, other
// charges when an offer has some, the cost hidden in the rate) and explains
// its marks: "*" promotional, "~" estimated, "!" unusual published
// figures. A negative total cost is said in words. The worked example is
// the cheapest regular offer: never promotional, estimated, unusual or
// with a negative total; without one the sheet says why there is none.
std::string RenderSheet(const SheetInput& input, const Messages& messages);

// The round amount a sheet offers near an exact one (RPW's USD 200 and
// USD 500 equivalents, e.g. 151.60 GBP -> 150 GBP, 379.00 GBP -> 400 GBP).
// An amount already round (whole units, at most two significant digits:
// 120 GBP, 18,000 KES) is kept. Otherwise it is the nearest multiple of a
// step, halves rounded up, the step being the largest of 1, 2 and 5
// units, then 10, 25, 50, 100, 250, 500, ... units (1, 2.5 and 5 times a
// power of ten) that is at most a fifth of the amount: the round amount is
// within 10 % of the exact one. Under 5 units the step is 1 unit, and an
// amount that would round to nothing is kept. Exact integer arithmetic on
// minor units; an amount of zero or less is returned as it is.
Money RoundSheetAmount(const Money& exact);

// The offer of `ranking` the worked example may use: the first (cheapest)
// transparent one with an amount received, no data note, not promotional,
// not estimated and with a total cost of zero or more; among its first
// `limit` offers (0: all). Null when there is none.
const v1::Offer* WorkedExampleOffer(const v1::RankOffersResponse& ranking,
                                    int limit);

}  // namespace remit::cli

#endif  // REMIT_CLI_SHEET_H_
