#include "engine/ranking.h"

#include <algorithm>
#include <array>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/rounding.h"

namespace remit {

using engine_internal::ComputeCost;
using engine_internal::CostCore;
using engine_internal::kCostScale;
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

// A set of enum values as bits; empty means any.
template <typename Enum>
uint32_t MaskOf(const std::vector<Enum>& values) {
  uint32_t mask = 0;
  for (Enum v : values) mask |= 1u << static_cast<int>(v);
  return mask == 0 ? ~0u : mask;
}

template <typename Enum>
bool InMask(uint32_t mask, Enum value) {
  return (mask >> static_cast<int>(value)) & 1u;
}

struct Filter {
  explicit Filter(const RankFilter& f)
      : instruments(MaskOf(f.payment_instruments)),
        access_points(MaskOf(f.access_points)),
        receive_methods(MaskOf(f.receive_methods)),
        provider_types(MaskOf(f.provider_types)),
        max_speed(f.max_speed.value_or(Speed::kSixDaysOrMore)),
        min_coverage(f.min_coverage),
        include_promotional(f.include_promotional) {}

  bool Passes(const PreparedQuote& p) const {
    const Quote& q = *p.quote;
    return InMask(instruments, q.payment_instrument) &&
           InMask(access_points, q.access_point) &&
           InMask(receive_methods, q.receive_method) &&
           InMask(provider_types, p.provider->type) && q.speed <= max_speed &&
           q.coverage >= min_coverage &&
           (include_promotional || !q.promotional);
  }

  uint32_t instruments, access_points, receive_methods, provider_types;
  Speed max_speed;
  Coverage min_coverage;
  bool include_promotional;
};

// Opaque offers last; then the requested order, cost, speed, ids.
bool RanksBefore(const Candidate& a, const Candidate& b) {
  if (a.opaque != b.opaque) return b.opaque;
  if (a.order_key != b.order_key) return a.order_key < b.order_key;
  if (a.cost_key != b.cost_key) return a.cost_key < b.cost_key;
  if (a.speed != b.speed) return a.speed < b.speed;
  return a.tie_rank < b.tie_rank;
}

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
    // Value delivered at mid-market, S - K, scaled like cost11.
    const absl::int128 value11 =
        absl::int128(core->outlay) * kCostScale - core->cost11;
    c.order_key = request.order == RankOrder::kTotalCost ? c.cost_key
                  : request.order == RankOrder::kSpeed   ? c.speed
                                                         : -value11;
    return absl::OkStatus();
  }
  absl::StatusOr<CostBreakdown> cost = PriceReceive(prepared, request.amount);
  if (!cost.ok()) return cost.status();
  c.send_minor = cost->send_amount.minor_units();
  c.cost_key = cost->total_outlay.minor_units();
  c.percent_key = cost->total_cost_percent.scaled();
  const absl::int128 value = absl::int128(cost->total_outlay.minor_units()) -
                             cost->total_cost.minor_units();
  c.order_key = request.order == RankOrder::kTotalCost ? c.cost_key
                : request.order == RankOrder::kSpeed   ? c.speed
                                                       : -value;
  return absl::OkStatus();
}

Percent KeyToPercent(absl::int128 key, absl::int128 denominator) {
  return Percent::FromScaled(static_cast<int64_t>(
      DivideRounded(key, denominator, RoundingMode::kHalfEven)));
}

// Average of the three smallest percent keys among `pool` that `qualifies`;
// also reports how many qualified.
template <typename Qualifies>
std::optional<Percent> Smart(const std::vector<Candidate>& pool,
                             absl::int128 denominator, Qualifies qualifies,
                             size_t* qualifying) {
  std::array<const Candidate*, 3> best = {nullptr, nullptr, nullptr};
  size_t count = 0;
  auto better = [](const Candidate* a, const Candidate* b) {
    if (a->percent_key != b->percent_key) {
      return a->percent_key < b->percent_key;
    }
    return RanksBefore(*a, *b);
  };
  for (const Candidate& c : pool) {
    if (c.opaque || !qualifies(c)) continue;
    ++count;
    const Candidate* item = &c;
    for (auto& slot : best) {
      if (slot == nullptr || better(item, slot)) std::swap(slot, item);
      if (item == nullptr) break;
    }
  }
  *qualifying = count;
  if (count < 3) return std::nullopt;
  absl::int128 sum = 0;
  for (const Candidate* c : best) sum += c->percent_key;
  return KeyToPercent(sum, denominator * 3);
}

}  // namespace

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
  std::vector<Candidate>& pool = scratch->candidates_;
  pool.clear();
  pool.reserve(quotes.size());

  RankResult result;
  const Filter filter(request.filter);
  const bool send_mode = request.amount_kind == AmountKind::kSend;
  const int64_t amount = request.amount.minor_units();
  const absl::Time stale_before =
      request.max_quote_age == absl::InfiniteDuration()
          ? absl::InfinitePast()
          : clock.Now() - request.max_quote_age;

  CostCore core;
  for (size_t i = 0; i < quotes.size(); ++i) {
    const PreparedQuote& prepared = quotes[i];
    const Quote& quote = *prepared.quote;
    auto exclude = [&](ExclusionReason reason) {
      result.excluded.push_back({&prepared, reason});
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
    const bool listed = filter.Passes(prepared);
    if (!listed && !quote.transparent) {
      exclude(ExclusionReason::kFilteredOut);
      continue;
    }
    Candidate& scored = pool.emplace_back();
    if (absl::Status status = Score(prepared, request, &core, &scored);
        !status.ok()) {
      pool.pop_back();
      exclude(status.code() == absl::StatusCode::kNotFound
                  ? ExclusionReason::kOutsideAmountLimits
                  : ExclusionReason::kCannotDeliver);
      continue;
    }
    if (!listed) exclude(ExclusionReason::kFilteredOut);
    scored.index = static_cast<uint32_t>(i);
    scored.listed = listed;
  }

  auto make_offer = [&](const Candidate& c,
                        size_t rank) -> absl::StatusOr<Offer> {
    const PreparedQuote& prepared = quotes[c.index];
    absl::StatusOr<CostBreakdown> cost = PriceSend(prepared, c.send_minor);
    if (!cost.ok()) return cost.status();
    return Offer{rank, &prepared, *std::move(cost)};
  };

  // The summary: every priced transparent offer, listed or not.
  const absl::int128 denominator = send_mode ? absl::int128(amount) : 1;
  std::vector<absl::int128>& keys = scratch->keys_;
  keys.clear();
  absl::int128 sum = 0;
  size_t at_or_below_3 = 0, at_or_below_5 = 0;
  const absl::int128 three = absl::int128(3 * kCostScale / 100) * denominator;
  const absl::int128 five = absl::int128(5 * kCostScale / 100) * denominator;
  const Candidate* cheapest = nullptr;
  for (const Candidate& c : pool) {
    if (c.opaque) continue;
    keys.push_back(c.percent_key);
    sum += c.percent_key;
    at_or_below_3 += c.percent_key <= three;
    at_or_below_5 += c.percent_key <= five;
    if (cheapest == nullptr || c.cost_key < cheapest->cost_key ||
        (c.cost_key == cheapest->cost_key && RanksBefore(c, *cheapest))) {
      cheapest = &c;
    }
  }
  CorridorSummary& summary = result.summary;
  summary.offer_count = keys.size();
  if (!keys.empty()) {
    const size_t n = keys.size();
    summary.average_total_cost_percent =
        KeyToPercent(sum, denominator * static_cast<int64_t>(n));
    std::nth_element(keys.begin(), keys.begin() + n / 2, keys.end());
    absl::int128 median2 = keys[n / 2] * 2;
    if (n % 2 == 0) {
      median2 =
          keys[n / 2] + *std::max_element(keys.begin(), keys.begin() + n / 2);
    }
    summary.median_total_cost_percent = KeyToPercent(median2, denominator * 2);
    summary.share_at_or_below_3_percent =
        *Percent::FromRatio(at_or_below_3, n, RoundingMode::kHalfEven);
    summary.share_at_or_below_5_percent =
        *Percent::FromRatio(at_or_below_5, n, RoundingMode::kHalfEven);
    absl::StatusOr<Offer> offer = make_offer(*cheapest, 0);
    if (offer.ok()) summary.cheapest = *std::move(offer);
  }
  const SenderAccess everyone;
  summary.smart_percent = Smart(
      pool, denominator,
      [&](const Candidate& c) {
        return c.speed <= static_cast<uint8_t>(Speed::kThreeToFiveDays) &&
               IsAccessible(*quotes[c.index].quote, everyone);
      },
      &summary.smart_qualifying);
  if (request.access.has_value()) {
    summary.personal_smart_percent = Smart(
        pool, denominator,
        [&](const Candidate& c) {
          return c.speed <= static_cast<uint8_t>(Speed::kThreeToFiveDays) &&
                 IsAccessible(*quotes[c.index].quote, *request.access);
        },
        &summary.personal_smart_qualifying);
  }

  // The page: only listed offers, in rank order.
  auto listed_end = std::partition(pool.begin(), pool.end(),
                                   [](const Candidate& c) { return c.listed; });
  const size_t listed = static_cast<size_t>(listed_end - pool.begin());
  result.ranked_count = listed;
  const size_t first = std::min(request.offset, listed);
  const size_t last = first + std::min(request.limit, listed - first);
  if (first > 0 && first < listed) {
    std::nth_element(pool.begin(), pool.begin() + first, listed_end,
                     RanksBefore);
  }
  std::partial_sort(pool.begin() + first, pool.begin() + last, listed_end,
                    RanksBefore);
  result.offers.reserve(last - first);
  for (size_t i = first; i < last; ++i) {
    absl::StatusOr<Offer> offer = make_offer(pool[i], i + 1);
    if (!offer.ok()) return offer.status();
    result.offers.push_back(*std::move(offer));
  }
  return result;
}

}  // namespace remit
