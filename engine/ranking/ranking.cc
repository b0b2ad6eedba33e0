#include "engine/ranking/ranking.h"

#include <algorithm>
#include <array>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/model/internal/facets.h"
#include "engine/money/rounding.h"
#include "engine/pricing/internal/cost_core.h"

namespace remit {

using engine_internal::ComputeCost;
using engine_internal::CostCore;
using engine_internal::FacetBit;
using engine_internal::kAccessPointGroup;
using engine_internal::kCostScale;
using engine_internal::kCoverageGroup;
using engine_internal::kInstrumentGroup;
using engine_internal::kPromotionalGroup;
using engine_internal::kProviderTypeGroup;
using engine_internal::kReceiveMethodGroup;
using engine_internal::kSpeedGroup;
using engine_internal::WholeGroup;
using Candidate = RankScratch::Candidate;

absl::string_view Name(ExclusionReason reason) {
  switch (reason) {
    case ExclusionReason::kOpaque:
      return "opaque";
    case ExclusionReason::kStale:
      return "stale";
    case ExclusionReason::kOutsideAmountLimits:
      return "outside_amount_limits";
    case ExclusionReason::kNoMidMarketRate:
      return "no_mid_market_rate";
    case ExclusionReason::kFilteredOut:
      return "filtered_out";
    case ExclusionReason::kCannotDeliver:
      return "cannot_deliver";
  }
  return "filtered_out";
}

bool IsAccessible(const Quote& quote, const SenderAccess& access) {
  switch (quote.payment_instrument) {
    case PaymentInstrument::kBankAccount:
      if (!access.has_bank_account) return false;
      break;
    case PaymentInstrument::kDebitCard:
    case PaymentInstrument::kCreditCard:
      if (!access.has_card) return false;
      break;
    case PaymentInstrument::kMobileWallet:
      if (!access.has_mobile_wallet) return false;
      break;
    case PaymentInstrument::kCash:
    case PaymentInstrument::kOther:
      break;
  }
  if ((quote.access_point == AccessPoint::kInternet ||
       quote.access_point == AccessPoint::kMobileApp) &&
      !access.has_internet) {
    return false;
  }
  if (access.needs_cash_pickup &&
      quote.receive_method != ReceiveMethod::kCashPickup) {
    return false;
  }
  return quote.speed <= access.max_speed;
}

namespace {

// The facets (engine/model/internal/facets.h) a filter allows.
template <typename Enum>
uint64_t AllowedIn(int group, const std::vector<Enum>& values) {
  if (values.empty()) return WholeGroup(group);
  uint64_t bits = 0;
  for (Enum v : values) bits |= FacetBit(group, v);
  return bits;
}

uint64_t AllowedFacets(const RankFilter& f) {
  uint64_t allowed = AllowedIn(kInstrumentGroup, f.payment_instruments) |
                     AllowedIn(kAccessPointGroup, f.access_points) |
                     AllowedIn(kReceiveMethodGroup, f.receive_methods) |
                     AllowedIn(kProviderTypeGroup, f.provider_types) |
                     FacetBit(kPromotionalGroup, 0);
  if (f.include_promotional) allowed |= FacetBit(kPromotionalGroup, 1);
  const Speed max_speed = f.max_speed.value_or(Speed::kSixDaysOrMore);
  for (int s = 0; s <= static_cast<int>(max_speed); ++s) {
    allowed |= FacetBit(kSpeedGroup, s);
  }
  for (int c = static_cast<int>(f.min_coverage);
       c <= static_cast<int>(Coverage::kHigh); ++c) {
    allowed |= FacetBit(kCoverageGroup, c);
  }
  return allowed;
}

// Opaque offers last; then the requested order, cost, speed, ids. A
// function object, so that the sorting algorithms inline it.
struct RanksBeforeFn {
  bool operator()(const Candidate& a, const Candidate& b) const {
    if (a.opaque != b.opaque) return b.opaque;
    if (a.order_key != b.order_key) return a.order_key < b.order_key;
    if (a.cost_key != b.cost_key) return a.cost_key < b.cost_key;
    if (a.speed != b.speed) return a.speed < b.speed;
    return a.tie_rank < b.tie_rank;
  }
};
constexpr RanksBeforeFn RanksBefore;

absl::Status CheckRequest(const RankRequest& request) {
  const bool send = request.amount_kind == AmountKind::kSend;
  const CurrencyCode expected = send ? request.corridor.send_currency()
                                     : request.corridor.receive_currency();
  const absl::string_view field = send ? "send_amount" : "receive_amount";
  if (request.amount.currency() != expected) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": ", request.amount.ToString(), " is not in ", expected.code(),
        ", the corridor's ", send ? "send" : "receive", " currency"));
  }
  if (request.amount.minor_units() <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": ", request.amount.ToString(), " must be positive"));
  }
  return absl::OkStatus();
}

// Scores a priced quote into `c` (an out-parameter: the hot loop).
absl::Status Score(const PreparedQuote& prepared, const RankRequest& request,
                   CostCore* core, Candidate* out) {
  Candidate& c = *out;
  c.speed = static_cast<uint8_t>(prepared.quote->speed);
  c.tie_rank = prepared.tie_rank;
  c.opaque = !prepared.quote->transparent;
  // The value delivered at mid-market (S - K), in cost_key's unit: the
  // amount-received order ranks the largest first.
  absl::int128 value;
  if (request.amount_kind == AmountKind::kSend) {
    if (absl::Status status =
            ComputeCost(prepared, request.amount.minor_units(),
                        /*with_payout=*/false, core);
        !status.ok()) {
      return status;
    }
    c.send_minor = core->send;
    c.cost_key = core->cost11;
    c.percent_key = core->cost11;
    value = absl::int128(core->outlay) * kCostScale - core->cost11;
  } else {
    absl::StatusOr<CostBreakdown> cost = PriceReceive(prepared, request.amount);
    if (!cost.ok()) return cost.status();
    c.send_minor = cost->send_amount.minor_units();
    c.cost_key = cost->total_outlay.minor_units();
    c.percent_key = cost->total_cost_percent.scaled();
    value = absl::int128(cost->total_outlay.minor_units()) -
            cost->total_cost.minor_units();
  }
  c.order_key = request.order == RankOrder::kTotalCost ? c.cost_key
                : request.order == RankOrder::kSpeed   ? c.speed
                                                       : -value;
  return absl::OkStatus();
}

Percent KeyToPercent(absl::int128 key, absl::int128 denominator) {
  return Percent::FromScaled(static_cast<int64_t>(
      DivideRounded(key, denominator, RoundingMode::kHalfEven)));
}

// The three smallest keys added, and how many were added: SmaRT's inputs.
// (Equal keys give the same sum whichever of them is kept.)
class ThreeSmallest {
 public:
  void Add(absl::int128 key) {
    ++count_;
    if (count_ > 3 && key >= keys_[2]) return;
    size_t i = std::min<size_t>(count_, 3) - 1;
    for (; i > 0 && keys_[i - 1] > key; --i) keys_[i] = keys_[i - 1];
    keys_[i] = key;
  }
  size_t count() const { return count_; }
  // The average of the three, as a percentage; none with fewer than three.
  std::optional<Percent> Average(absl::int128 denominator) const {
    if (count_ < 3) return std::nullopt;
    return KeyToPercent(keys_[0] + keys_[1] + keys_[2], denominator * 3);
  }

 private:
  std::array<absl::int128, 3> keys_{};
  size_t count_ = 0;
};

}  // namespace

absl::StatusOr<ReferenceAmount> Usd200Equivalent(const QuoteBook& book,
                                                 const Corridor& corridor) {
  const CurrencyCode send = corridor.send_currency();
  const CurrencyCode usd = *CurrencyCode::FromString("USD");
  if (send == usd) {
    return ReferenceAmount{Money::FromMinorUnits(20000, usd), "usd"};
  }
  std::optional<int64_t> smallest;
  for (const PreparedQuote& p : book.QuotesIn(corridor)) {
    const std::vector<SurveyPoint>& points = p.quote->survey_points;
    if (!points.empty() &&
        (!smallest.has_value() || points.front().send_minor < *smallest)) {
      smallest = points.front().send_minor;
    }
  }
  if (smallest.has_value()) {
    return ReferenceAmount{Money::FromMinorUnits(*smallest, send),
                           "survey amount"};
  }
  std::optional<ReferenceRates::Match> rate =
      book.references().Find(usd, send, absl::InfiniteFuture());
  if (rate.has_value()) {
    absl::StatusOr<Money> amount =
        Convert(Money::FromMinorUnits(20000, usd), rate->rate->rate, send);
    if (amount.ok()) return ReferenceAmount{*amount, "reference rate"};
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "no way to tell the USD 200 equivalent in ", send.code(),
      " for corridor ", corridor.ToString(),
      " (no survey amounts, no USD reference rate); give an amount"));
}

// How many quotes ahead the scan asks for a quote's memory.
constexpr size_t kPrefetchAhead = 8;

absl::StatusOr<RankResult> Rank(const QuoteBook& book,
                                const RankRequest& request, const Clock& clock,
                                RankScratch* scratch) {
  if (absl::Status status = CheckRequest(request); !status.ok()) {
    return status;
  }
  absl::Span<const PreparedQuote> quotes = book.QuotesIn(request.corridor);
  if (quotes.empty()) {
    return absl::NotFoundError(absl::StrCat(
        "corridor ", request.corridor.ToString(), " has no quotes"));
  }
  RankScratch local_scratch;
  if (scratch == nullptr) scratch = &local_scratch;

  RankResult result;
  const uint64_t refused_facets = ~AllowedFacets(request.filter);
  const bool send_mode = request.amount_kind == AmountKind::kSend;
  const int64_t amount = request.amount.minor_units();
  const absl::Time stale_before =
      request.max_quote_age == absl::InfiniteDuration()
          ? absl::InfinitePast()
          : clock.Now() - request.max_quote_age;

  // The page: ranks offset+1 .. offset+limit among the listed offers. For
  // the usual small pages the best `keep` candidates are kept in a bounded
  // heap as they are scored (its front is the worst kept), so most
  // candidates cost one comparison; otherwise all are kept and sorted.
  const size_t keep =
      request.limit > RankScratch::kMaxHeapPage ||
              request.offset > RankScratch::kMaxHeapPage - request.limit
          ? std::numeric_limits<size_t>::max()
          : request.offset + request.limit;
  std::vector<Candidate>& page = scratch->candidates_;
  page.clear();
  size_t kept = 0;
  Candidate worst_kept{};  // page.front() once the heap is full.
  if (keep == std::numeric_limits<size_t>::max()) page.reserve(quotes.size());
  size_t listed_count = 0;

  // The summary's running figures, over priced transparent offers whether
  // listed or not: the filter narrows the list, not the corridor.
  const absl::int128 denominator = send_mode ? absl::int128(amount) : 1;
  const absl::int128 three = absl::int128(3 * kCostScale / 100) * denominator;
  const absl::int128 five = absl::int128(5 * kCostScale / 100) * denominator;
  std::vector<absl::int128>& percents = scratch->percents_;
  percents.clear();
  std::vector<ExcludedOffer>& excluded = scratch->excluded_;
  excluded.clear();
  size_t at_or_below_3 = 0, at_or_below_5 = 0;
  absl::int128 sum = 0;
  Candidate cheapest{};
  ThreeSmallest smart, personal_smart;

  CostCore core;
  Candidate scored;
  for (size_t i = 0; i < quotes.size(); ++i) {
    // Quotes lie in load order, not in the corridor's order: in large
    // corridors each is a cache miss unless fetched ahead.
    if (i + kPrefetchAhead < quotes.size()) {
      const Quote* ahead = quotes[i + kPrefetchAhead].quote;
      __builtin_prefetch(&ahead->quoted_at);
      __builtin_prefetch(&ahead->fees);
    }
    const PreparedQuote& prepared = quotes[i];
    const Quote& quote = *prepared.quote;
    auto exclude = [&](ExclusionReason reason) {
      excluded.push_back({&prepared, reason});
    };
    if (!quote.transparent && !request.include_opaque) {
      exclude(ExclusionReason::kOpaque);
      continue;
    }
    if (quote.quoted_at < stale_before) {
      exclude(ExclusionReason::kStale);
      continue;
    }
    if (send_mode &&
        (amount < quote.min_send_minor || amount > quote.max_send_minor)) {
      exclude(ExclusionReason::kOutsideAmountLimits);
      continue;
    }
    if (!prepared.priceable) {
      exclude(ExclusionReason::kNoMidMarketRate);
      continue;
    }
    const bool listed = (prepared.facets & refused_facets) == 0;
    if (!listed && !quote.transparent) {
      exclude(ExclusionReason::kFilteredOut);
      continue;
    }
    if (absl::Status status = Score(prepared, request, &core, &scored);
        !status.ok()) {
      exclude(status.code() == absl::StatusCode::kNotFound
                  ? ExclusionReason::kOutsideAmountLimits
                  : ExclusionReason::kCannotDeliver);
      continue;
    }
    scored.index = static_cast<uint32_t>(i);
    if (listed) {
      ++listed_count;
      if (kept < keep) {
        page.push_back(scored);
        if (++kept == keep && keep != std::numeric_limits<size_t>::max()) {
          std::make_heap(page.begin(), page.end(), RanksBefore);
          worst_kept = page.front();
        }
      } else if (keep > 0 &&
                 // Between transparent offers a larger key never ranks
                 // before: most candidates stop at this one comparison.
                 (scored.opaque || worst_kept.opaque ||
                  scored.order_key <= worst_kept.order_key) &&
                 RanksBefore(scored, worst_kept)) {
        std::pop_heap(page.begin(), page.end(), RanksBefore);
        page.back() = scored;
        std::push_heap(page.begin(), page.end(), RanksBefore);
        worst_kept = page.front();
      }
    } else {
      exclude(ExclusionReason::kFilteredOut);
    }
    if (scored.opaque || !request.summarize) continue;  // Never summarized.
    percents.push_back(scored.percent_key);
    sum += scored.percent_key;
    at_or_below_3 += scored.percent_key <= three;
    at_or_below_5 += scored.percent_key <= five;
    if (percents.size() == 1 || scored.cost_key < cheapest.cost_key ||
        (scored.cost_key == cheapest.cost_key &&
         RanksBefore(scored, cheapest))) {
      cheapest = scored;
    }
    // SenderAccess{} admits every quote, so the corridor SmaRT needs only
    // the speed; the personal one applies the sender's access.
    if (quote.speed <= Speed::kThreeToFiveDays) {
      smart.Add(scored.percent_key);
      if (request.access.has_value() && IsAccessible(quote, *request.access)) {
        personal_smart.Add(scored.percent_key);
      }
    }
  }

  // A candidate's full breakdown.
  auto price = [&](const Candidate& c) {
    return PriceSend(quotes[c.index], c.send_minor);
  };

  CorridorSummary& summary = result.summary;
  const size_t n = percents.size();
  summary.offer_count = n;
  summary.smart_qualifying = smart.count();
  summary.smart_percent = smart.Average(denominator);
  if (request.access.has_value()) {
    summary.personal_smart_qualifying = personal_smart.count();
    summary.personal_smart_percent = personal_smart.Average(denominator);
  }
  if (n > 0) {
    summary.average_total_cost_percent =
        KeyToPercent(sum, denominator * static_cast<int64_t>(n));
    summary.share_at_or_below_3_percent =
        *Percent::FromRatio(at_or_below_3, n, RoundingMode::kHalfEven);
    summary.share_at_or_below_5_percent =
        *Percent::FromRatio(at_or_below_5, n, RoundingMode::kHalfEven);
    const auto middle = percents.begin() + n / 2;
    std::nth_element(percents.begin(), middle, percents.end());
    absl::int128 median2 = *middle * 2;
    if (n % 2 == 0)
      median2 = *middle + *std::max_element(percents.begin(), middle);
    summary.median_total_cost_percent = KeyToPercent(median2, denominator * 2);
  }

  result.excluded.assign(excluded.begin(), excluded.end());

  // The page, best first.
  result.ranked_count = listed_count;
  const size_t first = std::min(request.offset, page.size());
  const size_t last = first + std::min(request.limit, page.size() - first);
  if (keep == std::numeric_limits<size_t>::max()) {
    if (first > 0) {
      std::nth_element(page.begin(), page.begin() + first, page.end(),
                       RanksBefore);
    }
    std::partial_sort(page.begin() + first, page.begin() + last, page.end(),
                      RanksBefore);
  } else {
    std::sort(page.begin(), page.end(), RanksBefore);
  }
  result.offers.reserve(last - first);
  for (size_t i = first; i < last; ++i) {
    absl::StatusOr<CostBreakdown> cost = price(page[i]);
    if (!cost.ok()) return cost.status();
    result.offers.push_back(
        Offer{i + 1, &quotes[page[i].index], *std::move(cost)});
  }

  // The corridor's cheapest offer, priced again only when not on the page
  // (the same quote has the same breakdown).
  if (n > 0) {
    const PreparedQuote* cheapest_quote = &quotes[cheapest.index];
    auto on_page = std::find_if(
        result.offers.begin(), result.offers.end(),
        [&](const Offer& offer) { return offer.quote == cheapest_quote; });
    if (on_page != result.offers.end()) {
      summary.cheapest = Offer{0, cheapest_quote, on_page->cost};
    } else if (absl::StatusOr<CostBreakdown> cost = price(cheapest);
               cost.ok()) {
      summary.cheapest = Offer{0, cheapest_quote, *std::move(cost)};
    }
  }
  return result;
}

}  // namespace remit
