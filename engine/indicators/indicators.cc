#include "engine/indicators/indicators.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/container/btree_set.h"
#include "absl/container/flat_hash_set.h"
#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/pricing/pricing.h"
#include "engine/stats/cost_stats.h"

namespace remit {
namespace {

// Why a service does not count; the rules' order in DescribeRules.
enum Rule : size_t {
  kOpaqueRule = 0,
  kPublishedTotalRule = 1,
  kProviderRule = 2,
  kSendingCountryRule = 3,
  kRuleCount = 4,
};

// The service rules of `options`, ready to apply to many quotes.
class ServiceRules {
 public:
  ServiceRules(const IndicatorOptions& options, AmountLevel level)
      : options_(options),
        point_(level == AmountLevel::kCc1 ? 0 : 1),
        providers_(options.excluded_provider_ids.begin(),
                   options.excluded_provider_ids.end()),
        countries_(options.excluded_sending_countries.begin(),
                   options.excluded_sending_countries.end()) {}

  // The service's total cost % at the level, or unset when it does not
  // count; what left it out is tallied in `left_out` (when not null).
  std::optional<Percent> Total(const PreparedQuote& prepared,
                               bool apply_country_rule,
                               std::vector<size_t>* left_out) const {
    const Quote& quote = *prepared.quote;
    // Not surveyed at this amount (or not a survey at all): not a service
    // of this level, and no rule's doing.
    if (quote.survey_points.size() <= point_) return std::nullopt;
    auto leave_out = [&](Rule rule) -> std::optional<Percent> {
      if (left_out != nullptr) ++(*left_out)[rule];
      return std::nullopt;
    };
    if (!quote.transparent && !options_.include_opaque) {
      return leave_out(kOpaqueRule);
    }
    if (providers_.contains(prepared.provider->id)) {
      return leave_out(kProviderRule);
    }
    if (apply_country_rule &&
        countries_.contains(quote.corridor.send_country())) {
      return leave_out(kSendingCountryRule);
    }
    const SurveyPoint& point = quote.survey_points[point_];
    if (quote.transparent && options_.require_published_total &&
        !point.published_total.has_value()) {
      return leave_out(kPublishedTotalRule);
    }
    if (quote.transparent && point.published_total.has_value() &&
        options_.total == IndicatorOptions::Total::kPublishedWhereGiven) {
      return *point.published_total;
    }
    // Exact at the survey point: fee / amount x 100 + margin.
    absl::StatusOr<CostBreakdown> cost = PriceSend(prepared, point.send_minor);
    if (!cost.ok()) return std::nullopt;  // Not priceable: no total.
    return cost->total_cost_percent;
  }

 private:
  const IndicatorOptions& options_;
  size_t point_;
  absl::flat_hash_set<std::string> providers_;
  absl::flat_hash_set<CountryCode> countries_;
};

// SmaRT's services: transparent, delivered within five days.
bool QualifiesForSmart(const Quote& quote) {
  return quote.transparent && quote.speed <= Speed::kThreeToFiveDays;
}

// The quarter after `period`.
Period Next(Period period) {
  const int quarter = period.quarter() % 4 + 1;
  const int year = period.year() + (quarter == 1 ? 1 : 0);
  // Cannot fail within years 1000 to 9998; a history never reaches 9999_4Q
  // (its last period is a real one, and iteration stops there).
  return *Period::Create(year, quarter);
}

// A sum of totals and their count, for a group average.
struct Sum {
  absl::int128 sum = 0;
  size_t count = 0;
  void Add(Percent total) {
    sum += total.scaled();
    ++count;
  }
};

std::vector<GroupAverage> Groups(const std::map<std::string, Sum>& sums) {
  std::vector<GroupAverage> groups;
  groups.reserve(sums.size());
  for (const auto& [key, sum] : sums) {
    groups.push_back({key, sum.count, PercentOfKey(sum.sum, sum.count)});
  }
  // Largest first; the map gave key order, which stable_sort keeps for
  // ties.
  std::stable_sort(groups.begin(), groups.end(),
                   [](const GroupAverage& a, const GroupAverage& b) {
                     return a.service_count > b.service_count;
                   });
  return groups;
}

absl::string_view FirmTypeName(ProviderType type) {
  switch (type) {
    case ProviderType::kBank:
      return "Bank";
    case ProviderType::kMoneyTransferOperator:
      return "Money transfer operator";
    case ProviderType::kMobileOperator:
      return "Mobile operator";
    case ProviderType::kPostOffice:
      return "Post office";
    case ProviderType::kOther:
      break;
  }
  return "Other";
}

std::string Counted(const std::vector<size_t>* left_out, Rule rule) {
  if (left_out == nullptr) return "";
  const size_t n = (*left_out)[rule];
  return absl::StrCat(" (", n, n == 1 ? " service" : " services", " left out)");
}

}  // namespace

std::vector<std::string> DescribeRules(const IndicatorOptions& options,
                                       const std::vector<size_t>* left_out) {
  std::vector<std::string> rules;
  rules.push_back(
      options.total == IndicatorOptions::Total::kPublishedWhereGiven
          ? "each service counts with its published total cost % where the "
            "survey gives one (RPW's figures average that column), else with "
            "fee / amount x 100 + FX margin"
          : "each service counts with fee / amount x 100 + FX margin, "
            "whatever total the survey published");
  rules.push_back(
      options.include_opaque
          ? absl::StrCat("services that do not disclose their exchange rate "
                         "count at their fees alone (their margin is "
                         "unknown), never for SmaRT")
          : absl::StrCat("services that do not disclose their exchange rate "
                         "are left out: their margin is unknown, never zero",
                         Counted(left_out, kOpaqueRule)));
  if (options.require_published_total) {
    rules.push_back(absl::StrCat(
        "services surveyed without a published total cost % are left out",
        Counted(left_out, kPublishedTotalRule)));
  }
  if (!options.excluded_provider_ids.empty()) {
    rules.push_back(
        absl::StrCat("providers left out: ",
                     absl::StrJoin(options.excluded_provider_ids, ", "),
                     Counted(left_out, kProviderRule)));
  }
  if (!options.excluded_sending_countries.empty()) {
    std::vector<std::string> codes;
    for (CountryCode c : options.excluded_sending_countries) {
      codes.emplace_back(c.alpha3());
    }
    rules.push_back(absl::StrCat("services sent from ",
                                 absl::StrJoin(codes, ", "), " are left out",
                                 Counted(left_out, kSendingCountryRule)));
  } else {
    rules.push_back("no sending country is left out");
  }
  rules.push_back(
      "SmaRT: the average of the three cheapest transparent services that "
      "deliver within 5 days; none with fewer than three");
  return rules;
}

absl::StatusOr<std::vector<HistoryPoint>> CorridorHistory(
    const QuoteBook& book, const Corridor& corridor, AmountLevel level,
    absl::string_view provider_id, const IndicatorOptions& options) {
  if (book.QuotesIn(corridor).empty()) {
    return absl::NotFoundError(
        absl::StrCat("corridor ", corridor.ToString(), " has no quotes"));
  }
  const absl::Span<const Period> periods = book.PeriodsOf(corridor);
  if (periods.empty()) {
    return absl::NotFoundError(absl::StrCat(
        "corridor ", corridor.ToString(), " has no quotes in survey periods"));
  }
  if (!provider_id.empty()) {
    const absl::Span<const PreparedQuote> all = book.QuotesIn(corridor);
    if (std::none_of(all.begin(), all.end(), [&](const PreparedQuote& q) {
          return q.provider->id == provider_id;
        })) {
      return absl::NotFoundError(absl::StrCat("provider '", provider_id,
                                              "' has no quote in corridor ",
                                              corridor.ToString()));
    }
  }
  const ServiceRules rules(options, level);
  std::vector<HistoryPoint> points;
  std::vector<absl::int128> buffer;
  size_t next_surveyed = 0;
  for (Period p = periods.front();; p = Next(p)) {
    HistoryPoint& point = points.emplace_back(p);
    if (p == periods[next_surveyed]) {
      ++next_surveyed;
      point.gap = false;
      CostStats stats(/*denominator=*/1, &buffer);
      SmartAverage smart;
      Sum provider;
      for (const PreparedQuote& q : book.QuotesIn(corridor, p)) {
        std::optional<Percent> total =
            rules.Total(q, /*apply_country_rule=*/false, nullptr);
        if (!total.has_value()) continue;
        stats.Add(total->scaled());
        if (QualifiesForSmart(*q.quote)) smart.Add(total->scaled());
        // The span is in (provider id, quote id) order: the first of equal
        // totals wins the tie.
        if (!point.cheapest_total.has_value() ||
            *total < *point.cheapest_total) {
          point.cheapest_total = *total;
          point.cheapest_provider = q.provider;
        }
        if (!provider_id.empty() && q.provider->id == provider_id) {
          provider.Add(*total);
        }
      }
      point.service_count = stats.count();
      point.average = stats.Average();
      point.median = stats.Median();
      point.smart = smart.Average(/*denominator=*/1);
      point.smart_qualifying = smart.count();
      point.share_at_or_below_3_percent = stats.ShareAtOrBelow3Percent();
      point.share_at_or_below_5_percent = stats.ShareAtOrBelow5Percent();
      if (provider.count > 0) {
        point.provider_average = PercentOfKey(provider.sum, provider.count);
      }
    }
    if (next_surveyed == periods.size()) break;
  }
  return points;
}

absl::StatusOr<RpwIndicators> Indicators(const QuoteBook& book,
                                         std::optional<Period> period,
                                         const CountryAttributes& countries,
                                         const IndicatorOptions& options) {
  absl::btree_set<Period> all_periods;
  for (const Corridor& corridor : book.corridors()) {
    for (Period p : book.PeriodsOf(corridor)) all_periods.insert(p);
  }
  if (all_periods.empty()) {
    return absl::FailedPreconditionError(
        "the data has no survey periods: its quotes have no period");
  }
  if (!period.has_value()) {
    period = *all_periods.rbegin();
  } else if (!all_periods.contains(*period)) {
    std::vector<std::string> names;
    for (Period p : all_periods) names.push_back(p.ToString());
    return absl::NotFoundError(
        absl::StrCat("the data has no quotes in period ", period->ToString(),
                     "; its periods are ", absl::StrJoin(names, ", ")));
  }

  RpwIndicators out(*period);
  const ServiceRules rules(options, AmountLevel::kCc1);
  std::vector<size_t> left_out(kRuleCount, 0);
  Sum global;
  std::map<std::string, Sum> by_firm_type, by_sending, by_receiving, by_region,
      by_g8_g20;
  std::vector<absl::int128> buffer;
  std::vector<absl::int128> corridor_buffer;
  CostStats corridor_averages(/*denominator=*/1, &corridor_buffer);
  Sum smart_values;
  auto describe = [&](CountryCode code) -> const CountryInfo* {
    auto it = countries.find(code);
    return it == countries.end() ? nullptr : &it->second;
  };
  for (const Corridor& corridor : book.corridors()) {
    const absl::Span<const PreparedQuote> quotes =
        book.QuotesIn(corridor, *period);
    if (quotes.empty()) continue;
    CorridorFigures& figures = out.corridors.emplace_back(corridor);
    CostStats stats(/*denominator=*/1, &buffer);
    SmartAverage smart;
    const std::string sending(corridor.send_country().alpha3());
    const std::string receiving(corridor.receive_country().alpha3());
    const CountryInfo* sender = describe(corridor.send_country());
    const CountryInfo* receiver = describe(corridor.receive_country());
    for (const PreparedQuote& q : quotes) {
      std::optional<Percent> total =
          rules.Total(q, /*apply_country_rule=*/true, &left_out);
      if (!total.has_value()) continue;
      stats.Add(total->scaled());
      if (QualifiesForSmart(*q.quote)) smart.Add(total->scaled());
      global.Add(*total);
      by_firm_type[std::string(FirmTypeName(q.provider->type))].Add(*total);
      by_sending[sending].Add(*total);
      by_receiving[receiving].Add(*total);
      if (receiver != nullptr && !receiver->region.empty()) {
        by_region[receiver->region].Add(*total);
      }
      if (sender != nullptr) {
        if (absl::StrContains(sender->g8_g20, "G8")) {
          by_g8_g20["G8"].Add(*total);
        }
        if (absl::StrContains(sender->g8_g20, "G20")) {
          by_g8_g20["G20"].Add(*total);
        }
      }
    }
    figures.service_count = stats.count();
    figures.average = stats.Average();
    figures.smart = smart.Average(/*denominator=*/1);
    figures.smart_qualifying = smart.count();
    if (figures.average.has_value()) {
      corridor_averages.Add(figures.average->scaled());
    }
    if (figures.smart.has_value()) smart_values.Add(*figures.smart);
  }
  out.service_count = global.count;
  if (global.count > 0)
    out.global_average = PercentOfKey(global.sum, global.count);
  out.by_firm_type = Groups(by_firm_type);
  out.by_sending_country = Groups(by_sending);
  out.by_receiving_country = Groups(by_receiving);
  if (!countries.empty()) {
    out.by_receiving_region = Groups(by_region);
    out.by_g8_g20 = Groups(by_g8_g20);
  }
  out.corridors_with_average = corridor_averages.count();
  const absl::int128 five = absl::int128(5'000'000'000);
  const absl::int128 three = absl::int128(3'000'000'000);
  for (const CorridorFigures& c : out.corridors) {
    if (!c.average.has_value()) continue;
    out.corridors_at_or_below_5_percent += c.average->scaled() <= five;
    out.corridors_at_or_below_3_percent += c.average->scaled() <= three;
  }
  out.share_of_corridors_at_or_below_5_percent =
      corridor_averages.ShareAtOrBelow5Percent();
  out.share_of_corridors_at_or_below_3_percent =
      corridor_averages.ShareAtOrBelow3Percent();
  out.corridors_with_smart = smart_values.count;
  if (smart_values.count > 0) {
    out.global_smart_average =
        PercentOfKey(smart_values.sum, smart_values.count);
  }
  out.rules = DescribeRules(options, &left_out);
  return out;
}

}  // namespace remit
