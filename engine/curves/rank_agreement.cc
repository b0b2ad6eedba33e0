#include "engine/curves/rank_agreement.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "engine/ranking/ranking.h"
#include "engine/testing/test_util.h"
#include "gtest/gtest.h"

namespace remit {
namespace testing {

Quote Plain(const std::string& id, const char* rate) {
  return SimpleQuote(id, id, C("US", "MX"), 0, rate, "20");
}

FeeBand Band(int64_t from, int64_t fixed, const char* percent) {
  return FeeBand{from, fixed, P(percent), {}, {}};
}

std::vector<Quote> RandomQuotes(std::mt19937* random, int count,
                                bool rising_rates) {
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(*random);
  };
  const char* rates[] = {"20", "19.9", "19.8", "19.61", "19.4", "20.05"};
  std::vector<Quote> quotes;
  for (int i = 0; i < count; ++i) {
    const std::string id = absl::StrCat("q", i);
    Quote q = SimpleQuote(id, absl::StrCat("p", pick(0, count / 2)),
                          C("US", "MX"), 0, rates[pick(0, 5)], "20");
    q.speed = static_cast<Speed>(pick(0, 2));
    q.transparent = pick(0, 5) != 0;
    if (pick(0, 3) == 0) {
      q.rate.reset();
      int64_t at = pick(50, 250) * 100;
      for (int p = pick(1, 3); p > 0; --p) {
        SurveyPoint point{at, pick(0, 2000), R(rates[pick(0, 5)]), {}};
        if (pick(0, 2) == 0) {
          (void)point.SetFee11(absl::int128(pick(0, 200000)) * 1'000'000'000 +
                               pick(0, 999));
        }
        q.survey_points.push_back(point);
        at += pick(1, 30000);
      }
      if (rising_rates) {
        std::vector<Rate> sorted;
        for (const SurveyPoint& p : q.survey_points) sorted.push_back(p.rate);
        std::sort(sorted.begin(), sorted.end(),
                  [](Rate a, Rate b) { return a.scaled() < b.scaled(); });
        for (size_t p = 0; p < sorted.size(); ++p) {
          q.survey_points[p].rate = sorted[p];
        }
      }
      q.fees.bands.clear();
    } else {
      q.fees.bands.clear();
      int64_t from = 0;
      for (int b = pick(1, 3); b > 0; --b) {
        FeeBand band{from, pick(0, 800), Percent(), {}, {}};
        band.percent = Percent::FromScaled(int64_t{pick(0, 4000)} * 1'000'000);
        if (pick(0, 2) == 0) band.min_fee_minor = pick(100, 900);
        if (pick(0, 2) == 0) band.max_fee_minor = pick(900, 2000);
        q.fees.bands.push_back(band);
        from += pick(1000, 30000);
      }
    }
    if (pick(0, 3) == 0) q.fees.charging = FeeCharging::kDeducted;
    if (pick(0, 4) == 0) {
      q.fees.funding_surcharge =
          Percent::FromScaled(int64_t{pick(1, 3000)} * 1'000'000);
    }
    if (pick(0, 4) == 0) {
      q.fees.recipient_fixed_fee_minor = pick(0, 3000);
      q.fees.recipient_percent_fee =
          Percent::FromScaled(int64_t{pick(0, 2000)} * 1'000'000);
    }
    if (pick(0, 3) == 0) q.min_send_minor = pick(0, 200) * 100 + pick(0, 99);
    if (pick(0, 3) == 0) q.max_send_minor = pick(100, 700) * 100 + pick(0, 99);
    quotes.push_back(std::move(q));
  }
  return quotes;
}

namespace {

CurrencyCode AmountCurrency(const Corridor& corridor, AmountKind kind) {
  return kind == AmountKind::kSend ? corridor.send_currency()
                                   : corridor.receive_currency();
}

// The curve over [lo, hi] of the corridor's amounts of `kind`.
CostCurve CurveOver(const QuoteBook& book, const Corridor& corridor, int64_t lo,
                    int64_t hi, bool include_opaque, const Clock& clock,
                    AmountKind kind) {
  const CurrencyCode currency = AmountCurrency(corridor, kind);
  CostCurveRequest request(corridor, Money::FromMinorUnits(lo, currency),
                           Money::FromMinorUnits(hi, currency));
  request.include_opaque = include_opaque;
  request.amount_kind = kind;
  return Must(ComputeCostCurve(book, request, clock));
}

// `curve` gives Rank's first offer at each of `amounts` (ascending, in its
// range), priced as Rank prices it at each interval's first amount.
void ExpectCurveAgreesWithRankAt(const QuoteBook& book,
                                 const Corridor& corridor,
                                 const CostCurve& curve,
                                 const std::vector<int64_t>& amounts,
                                 bool include_opaque, const Clock& clock,
                                 AmountKind kind) {
  const CurrencyCode currency = AmountCurrency(corridor, kind);
  size_t next = 0;
  RankScratch scratch;
  int mismatches = 0;
  for (const int64_t amount : amounts) {
    if (mismatches >= 5) break;
    while (next < curve.intervals.size() &&
           curve.intervals[next].to.minor_units() < amount) {
      ++next;
    }
    const PreparedQuote* expected = nullptr;
    if (next < curve.intervals.size() &&
        curve.intervals[next].from.minor_units() <= amount) {
      expected = curve.intervals[next].cheapest.quote;
    }
    RankRequest rank(corridor, Money::FromMinorUnits(amount, currency));
    rank.amount_kind = kind;
    rank.include_opaque = include_opaque;
    rank.limit = 1;
    rank.summarize = false;
    const RankResult result = Must(Rank(book, rank, clock, &scratch));
    const PreparedQuote* first =
        result.offers.empty() ? nullptr : result.offers[0].quote;
    if (first != expected) {
      ++mismatches;
      ADD_FAILURE() << corridor.ToString() << " at " << amount << ": Rank "
                    << (first ? first->quote->id : "none") << ", curve "
                    << (expected ? expected->quote->id : "none");
    } else if (first != nullptr &&
               curve.intervals[next].from.minor_units() == amount) {
      // At an interval's first amount, the offer is priced as Rank prices
      // it.
      const CostBreakdown& ranked = result.offers[0].cost;
      const CostBreakdown& priced = curve.intervals[next].cheapest.cost;
      if (ranked.send_amount != priced.send_amount ||
          ranked.total_outlay != priced.total_outlay ||
          ranked.total_cost != priced.total_cost) {
        ++mismatches;
        ADD_FAILURE() << corridor.ToString() << " at " << amount
                      << ": Rank sends " << ranked.send_amount.ToString()
                      << ", the curve " << priced.send_amount.ToString();
      }
    }
  }
}

}  // namespace

size_t ExpectAgreesWithRank(const QuoteBook& book, const Corridor& corridor,
                            int64_t lo, int64_t hi, bool include_opaque,
                            const Clock& clock, AmountKind kind) {
  const CostCurve curve =
      CurveOver(book, corridor, lo, hi, include_opaque, clock, kind);
  std::vector<int64_t> amounts;
  for (int64_t amount = lo; amount <= hi; ++amount) amounts.push_back(amount);
  ExpectCurveAgreesWithRankAt(book, corridor, curve, amounts, include_opaque,
                              clock, kind);
  return curve.intervals.size();
}

size_t ExpectAgreesWithRankNearSwitches(const QuoteBook& book,
                                        const Corridor& corridor, int64_t lo,
                                        int64_t hi, bool include_opaque,
                                        const Clock& clock, AmountKind kind,
                                        int64_t reach, size_t max_switches,
                                        int draws, std::mt19937* random) {
  const CostCurve curve =
      CurveOver(book, corridor, lo, hi, include_opaque, clock, kind);
  std::vector<int64_t> amounts;
  size_t switches = 0;
  for (size_t k = 1; k < curve.intervals.size() && k <= max_switches; ++k) {
    ++switches;
    const int64_t at = curve.intervals[k].from.minor_units();
    for (int64_t d = -reach; d <= reach; ++d) {
      if (at + d >= lo && at + d <= hi) amounts.push_back(at + d);
    }
  }
  for (int i = 0; i < draws; ++i) {
    amounts.push_back(std::uniform_int_distribution<int64_t>(lo, hi)(*random));
  }
  std::sort(amounts.begin(), amounts.end());
  amounts.erase(std::unique(amounts.begin(), amounts.end()), amounts.end());
  ExpectCurveAgreesWithRankAt(book, corridor, curve, amounts, include_opaque,
                              clock, kind);
  return switches;
}

}  // namespace testing
}  // namespace remit
