// RPW's figures over survey periods: one corridor's history, and the
// indicators of one period (global average, averages by firm type, country,
// region and G8/G20, every corridor's average and SmaRT, the SDG 10.c
// counts).
//
// Both read the survey points of a QuoteBook's quotes: a service counts at
// an amount level (cc1, the USD 200 equivalent; cc2, the USD 500 one) when
// it was surveyed there. Its total cost % is, by default, the one the
// survey published (SurveyPoint::published_total), else the one pricing
// computes at the survey point (fee / amount x 100 + margin, exactly):
// RPW's own averages are of its published column, which in a few rows does
// not add up. IndicatorOptions makes that and every exclusion a stated
// rule; DescribeRules() words them for the answer.
//
// Every figure is a simple average (or median, or share) of the services'
// total cost % (each exact to 10^-9 points), rounded once, half-even.
//
// Thread-safety: pure functions over an immutable QuoteBook.
//
// Example:
//   absl::StatusOr<std::vector<HistoryPoint>> history = CorridorHistory(
//       book, corridor, AmountLevel::kCc1, /*provider_id=*/"", {});
//   for (const HistoryPoint& p : *history) {
//     if (p.gap) continue;  // Not surveyed that quarter.
//     p.average->ToString();  // "6.36"
//   }
//   absl::StatusOr<RpwIndicators> indicators =
//       Indicators(book, std::nullopt, snapshot.countries(), {});
//   indicators->global_average->ToString();
#ifndef REMIT_ENGINE_INDICATORS_INDICATORS_H_
#define REMIT_ENGINE_INDICATORS_INDICATORS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/book/quote_book.h"
#include "engine/model/model.h"
#include "engine/model/period.h"
#include "engine/money/country.h"
#include "engine/money/percent.h"

namespace remit {

// Which surveyed amount: a service's first survey point (cc1) or its
// second (cc2).
enum class AmountLevel {
  kCc1,  // The USD 200 equivalent.
  kCc2,  // The USD 500 equivalent.
};

// Which services count, and with which total. Histories apply the service
// rules (total, opaque, providers); indicators apply them all.
struct IndicatorOptions {
  enum class Total {
    // The survey's published total cost % when the point has one (RPW's
    // figures are averages of it), else the computed one.
    kPublishedWhereGiven,
    // Always fee / amount x 100 + margin, as pricing computes it.
    kComputed,
  };
  // Default: kPublishedWhereGiven.
  Total total = Total::kPublishedWhereGiven;
  // Leave out transparent services surveyed without a published total.
  // Default: false (they count with their computed total).
  bool require_published_total = false;
  // Count services whose provider does not disclose its rate, at their
  // fees alone. Default: false: their margin is unknown, never zero, so
  // they are left out (as RPW does). They never count for SmaRT.
  bool include_opaque = false;
  // Providers (ids) left out of every figure. Default: none.
  std::vector<std::string> excluded_provider_ids;
  // Indicators only: sending countries whose services are left out (RPW
  // leaves some out of recent global figures, e.g. Russia). Default: none.
  std::vector<CountryCode> excluded_sending_countries;
};

// The rules `options` applies, in words, one per rule, with how many
// services each left out when `left_out` gives the counts (in the order
// opaque, without a published total, providers, sending countries).
std::vector<std::string> DescribeRules(const IndicatorOptions& options,
                                       const std::vector<size_t>* left_out);

// One quarter of a corridor's history.
struct HistoryPoint {
  explicit HistoryPoint(Period period) : period(period) {}

  Period period;
  // No survey of the corridor in this quarter: every figure is empty.
  bool gap = true;
  // Services counted at the amount level (transparent ones, unless
  // include_opaque).
  size_t service_count = 0;
  std::optional<Percent> average;
  std::optional<Percent> median;
  // The average of the three cheapest transparent services that deliver
  // within 5 days; unset with fewer than three.
  std::optional<Percent> smart;
  size_t smart_qualifying = 0;
  // The cheapest service (ties: provider id, then quote id).
  const Provider* cheapest_provider = nullptr;
  std::optional<Percent> cheapest_total;
  // Of service_count, in percent; 0 without services.
  Percent share_at_or_below_3_percent;
  Percent share_at_or_below_5_percent;
  // With a provider id: that provider's average; unset when it has no
  // counted service in the quarter.
  std::optional<Percent> provider_average;
};

// Every calendar quarter from the corridor's first survey period to its
// last, in order; quarters without a survey are gaps (RPW surveyed
// 2011-2012 twice a year, so their 2Q and 4Q are gaps too). With a
// non-empty `provider_id`, each point also has that provider's average.
// NOT_FOUND when the corridor has no quotes, none with a period, or the
// provider has no quote in the corridor.
absl::StatusOr<std::vector<HistoryPoint>> CorridorHistory(
    const QuoteBook& book, const Corridor& corridor, AmountLevel level,
    absl::string_view provider_id, const IndicatorOptions& options);

// An average over a group of services.
struct GroupAverage {
  std::string key;  // "Bank", "GBR", "Sub-Saharan Africa", "G20".
  size_t service_count = 0;
  Percent average;
};

struct CorridorFigures {
  explicit CorridorFigures(Corridor corridor) : corridor(corridor) {}

  Corridor corridor;
  size_t service_count = 0;
  std::optional<Percent> average;  // Unset without services.
  std::optional<Percent> smart;    // Unset with fewer than three qualifying.
  size_t smart_qualifying = 0;
};

// RPW's indicators for one period, at cc1.
struct RpwIndicators {
  explicit RpwIndicators(Period period) : period(period) {}

  Period period;
  // Over every counted service of the period; unset without any.
  std::optional<Percent> global_average;
  size_t service_count = 0;
  // Largest group first (ties by key). Firm type: "Bank", "Money transfer
  // operator", "Mobile operator", "Post office", "Other". Countries:
  // alpha-3. Regions: the receiving country's, as the data words it. G8/G20:
  // "G8" and "G20", by the sending country's membership (a G8 country is in
  // both). The last two are empty when the data describes no country.
  std::vector<GroupAverage> by_firm_type;
  std::vector<GroupAverage> by_sending_country;
  std::vector<GroupAverage> by_receiving_country;
  std::vector<GroupAverage> by_receiving_region;
  std::vector<GroupAverage> by_g8_g20;
  // Every corridor with quotes in the period, in corridor order.
  std::vector<CorridorFigures> corridors;
  // Corridors with an average at or under 5 % and 3 %, and their shares
  // (in percent) of the corridors that have an average.
  size_t corridors_with_average = 0;
  size_t corridors_at_or_below_5_percent = 0;
  size_t corridors_at_or_below_3_percent = 0;
  Percent share_of_corridors_at_or_below_5_percent;
  Percent share_of_corridors_at_or_below_3_percent;
  // The average of the corridors' SmaRT values; unset when none has one.
  std::optional<Percent> global_smart_average;
  size_t corridors_with_smart = 0;
  // DescribeRules(options, counts of what each rule left out).
  std::vector<std::string> rules;
};

// The indicators of `period` (unset: the latest period in the book).
// `countries` gives regions and G8/G20 groups; it may be empty.
// FAILED_PRECONDITION when no quote has a period; NOT_FOUND when `period`
// is not one of the book's (the message lists them).
absl::StatusOr<RpwIndicators> Indicators(const QuoteBook& book,
                                         std::optional<Period> period,
                                         const CountryAttributes& countries,
                                         const IndicatorOptions& options);

}  // namespace remit

#endif  // REMIT_ENGINE_INDICATORS_INDICATORS_H_
