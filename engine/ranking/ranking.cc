#include "engine/ranking/ranking.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/base/optimization.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/model/internal/facets.h"
#include "engine/pricing/internal/cost_core.h"
#include "engine/pricing/internal/scan_row.h"
#include "engine/ranking/internal/candidate.h"
#include "engine/ranking/internal/median_window.h"
#include "engine/ranking/internal/page_selector.h"
#include "engine/ranking/internal/rank_driver.h"
#include "engine/ranking/internal/screening.h"
#include "engine/ranking/internal/summary_accumulator.h"

namespace remit {

using engine_internal::BasicScanCost;
using engine_internal::ComputeCost;
using engine_internal::CostCore;
using engine_internal::CostOfRow;
using engine_internal::kCostScale;
using engine_internal::ScanRow;
using engine_internal::ScanRowMore;
using ranking_internal::BasicCandidate;
using ranking_internal::BasicPageSelector;
using ranking_internal::BasicSummaryAccumulator;
using ranking_internal::Candidate;
using ranking_internal::RefusedFacets;
using ranking_internal::ScanFindings;
using ranking_internal::ScanInput;
using ranking_internal::ScanQuote;
using ranking_internal::Screen;

RankScratch::RankScratch() = default;
RankScratch::~RankScratch() = default;

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
    case ExclusionReason::kRateImplausible:
      return "rate_implausible";
  }
  return "filtered_out";
}

namespace {

// "stale": what every quote excluded for `reason` is.
absl::string_view Predicate(ExclusionReason reason) {
  switch (reason) {
    case ExclusionReason::kOpaque:
      return "opaque (their rate is not disclosed; include_opaque ranks "
             "them)";
    case ExclusionReason::kStale:
      return "stale";
    case ExclusionReason::kOutsideAmountLimits:
      return "not offered for this amount";
    case ExclusionReason::kNoMidMarketRate:
      return "without a mid-market rate";
    case ExclusionReason::kFilteredOut:
      return "rejected by the request's filter";
    case ExclusionReason::kCannotDeliver:
      return "unable to deliver the amount in the currency asked for";
    case ExclusionReason::kRateImplausible:
      return "priced at implausible rates";
  }
  return "excluded";
}

NoOffers ExplainNoOffers(absl::Span<const ExcludedOffer> excluded,
                         const Freshness& freshness) {
  NoOffers why;
  size_t counts[static_cast<int>(ExclusionReason::kRateImplausible) + 1] = {};
  for (const ExcludedOffer& e : excluded) ++counts[static_cast<int>(e.reason)];
  std::vector<std::string> parts;
  for (int r = 0; r <= static_cast<int>(ExclusionReason::kRateImplausible);
       ++r) {
    if (counts[r] == 0) continue;
    if (counts[r] == excluded.size()) why.reason = ExclusionReason(r);
    parts.push_back(absl::StrCat(counts[r], " ",
                                 Predicate(static_cast<ExclusionReason>(r))));
  }
  const size_t n = excluded.size();
  // Every quote read is too old, whatever else is also wrong with some.
  if (freshness.all_stale()) why.reason = ExclusionReason::kStale;
  if (why.reason.has_value()) {
    why.text = absl::StrCat(n == 1 ? "the corridor's only quote is "
                                   : absl::StrCat("all ", n, " quotes are "),
                            Predicate(*why.reason));
    if (*why.reason == ExclusionReason::kStale &&
        freshness.max_quote_age != absl::InfiniteDuration()) {
      const int64_t hours = absl::ToInt64Hours(freshness.max_quote_age);
      absl::StrAppend(&why.text, " (older than ",
                      hours % 24 == 0 ? absl::StrCat(hours / 24, " days")
                                      : absl::StrCat(hours, " hours"),
                      ")");
    }
  } else {
    why.text =
        absl::StrCat("none of the ", n,
                     " quotes can be ranked: ", absl::StrJoin(parts, ", "));
  }
  return why;
}

}  // namespace

bool IsAccessible(const Quote& quote, const SenderAccess& access) {
  // The provider type is not a means the sender needs.
  return (engine_internal::FacetsOf(quote, ProviderType::kOther) &
          ranking_internal::AccessRefusedFacets(access)) == 0;
}

namespace {

absl::Status CheckRequest(const RankRequest& request) {
  const bool send = request.amount_kind == AmountKind::kSend;
  const CurrencyCode expected = send ? request.corridor.send_currency()
                                     : request.corridor.receive_currency();
  const absl::string_view field = send ? "send_amount" : "receive_amount";
  if (request.amount.currency() != expected) {
    if (!send) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ": in receive mode the amount is what the recipient gets: ",
          "give it in ", expected.code(),
          ", the corridor's receive currency (not ",
          request.amount.currency().code(), ")"));
    }
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

// For a corridor without quotes whose two countries do have quotes in
// other currencies: the amount is in a currency that does not fit the mode
// (a receive amount in another currency than the quotes pay out in, e.g.
// the sender's dollars, the corridor then being USA/USD->MEX/USD; or a
// send amount in the currency they pay out in). INVALID_ARGUMENT saying
// which currency the amount must be in; OK when that is not the case.
absl::Status CheckModeCurrency(const QuoteBook& book,
                               const RankRequest& request) {
  const bool send = request.amount_kind == AmountKind::kSend;
  const Corridor& asked = request.corridor;
  std::vector<std::string> expected;
  // A send amount in a currency nobody sends between the two countries may
  // be a fair question the data cannot answer (NOT_FOUND stays); one in
  // the currency their quotes pay out in is the wrong mode.
  bool paid_out = false;
  for (const Corridor& c :
       book.CorridorsBetween(asked.send_country(), asked.receive_country())) {
    paid_out |= c.receive_currency() == request.amount.currency();
    // The side the amount is not in keeps the request's currency.
    if (send ? c.receive_currency() != asked.receive_currency()
             : c.send_currency() != asked.send_currency()) {
      continue;
    }
    const CurrencyCode currency =
        send ? c.send_currency() : c.receive_currency();
    const std::string code(currency.code());
    if (std::find(expected.begin(), expected.end(), code) == expected.end()) {
      expected.push_back(code);
    }
  }
  if (expected.empty() || (send && !paid_out)) return absl::OkStatus();
  const std::string currencies = absl::StrJoin(expected, " or ");
  if (send) {
    return absl::InvalidArgumentError(absl::StrCat(
        "send_amount: the amount is what the sender sends: give it in ",
        currencies, " (", asked.send_country().alpha3(), "->",
        asked.receive_country().alpha3(), " quotes take ", currencies, ", not ",
        request.amount.currency().code(),
        "); for an amount the recipient gets, use receive mode"));
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "receive_amount: in receive mode the amount is what the recipient "
      "gets: give it in ",
      currencies, " (", asked.send_country().alpha3(), "->",
      asked.receive_country().alpha3(), " quotes pay out in ", currencies,
      ", not ", request.amount.currency().code(), ")"));
}

}  // namespace

absl::StatusOr<ReferenceAmount> Usd200Equivalent(const QuoteBook& book,
                                                 const Corridor& corridor,
                                                 std::optional<Period> period) {
  const CurrencyCode send = corridor.send_currency();
  const CurrencyCode usd = *CurrencyCode::FromString("USD");
  if (send == usd) {
    return ReferenceAmount{Money::FromMinorUnits(20000, usd), "usd"};
  }
  // The period's survey amounts; a corridor without quotes has none, and
  // the reference rate may still tell.
  absl::Span<const PreparedQuote> quotes;
  if (absl::StatusOr<PeriodQuotes> selected = book.QuotesFor(corridor, period);
      selected.ok()) {
    quotes = selected->quotes;
  } else if (!book.QuotesIn(corridor).empty()) {
    return selected.status();
  }
  std::optional<int64_t> smallest;
  for (const PreparedQuote& p : quotes) {
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

namespace {

// A ranking's Freshness: the scan counts the stale quotes (one addition per
// quote); the rest comes from the book's QuoteSetFacts, and the oldest
// price date not stale, when some are stale and some not, from a second
// look at the quotes.
Freshness MakeFreshness(const PeriodQuotes& selected, const Screen& screen,
                        size_t stale_count, absl::Time now) {
  const QuoteSetFacts& facts = *selected.facts;
  const absl::Span<const PreparedQuote> quotes = selected.quotes;
  Freshness f;
  f.max_quote_age = screen.max_age();
  f.quote_count = quotes.size();
  f.stale_count = stale_count;
  if (!quotes.empty()) f.newest_quoted_at = facts.newest_quoted_at;
  if (!quotes.empty() && stale_count == 0) {
    f.oldest_fresh_quoted_at = facts.oldest_quoted_at;
  } else if (stale_count < quotes.size()) {
    absl::Time oldest = absl::InfiniteFuture();
    for (const PreparedQuote& p : quotes) {
      if (!screen.IsStale(*p.quote)) {
        oldest = std::min(oldest, p.quote->quoted_at);
      }
    }
    f.oldest_fresh_quoted_at = oldest;
  }
  f.illustrative = !quotes.empty() && facts.illustrative_count == quotes.size();
  f.as_of = f.illustrative ? facts.latest_judged_at : now;
  for (unsigned i = 0; i < 63; ++i) {
    if ((facts.datasets >> i) & 1) f.dataset_indexes.push_back(i);
  }
  // Bit 63 stands for every file from the 64th on.
  if ((facts.datasets >> 63) & 1) {
    std::vector<uint16_t> late;
    for (const PreparedQuote& p : quotes) {
      if (p.quote->dataset_index >= 63) late.push_back(p.quote->dataset_index);
    }
    std::sort(late.begin(), late.end());
    late.erase(std::unique(late.begin(), late.end()), late.end());
    f.dataset_indexes.insert(f.dataset_indexes.end(), late.begin(), late.end());
  }
  return f;
}

}  // namespace

absl::StatusOr<Freshness> JudgeFreshness(const QuoteBook& book,
                                         const Corridor& corridor,
                                         std::optional<Period> period,
                                         absl::Duration max_quote_age,
                                         const Clock& clock) {
  absl::StatusOr<PeriodQuotes> selected = book.QuotesFor(corridor, period);
  if (!selected.ok()) return selected.status();
  RankRequest request(corridor,
                      Money::FromMinorUnits(0, corridor.send_currency()));
  request.period = period;
  request.max_quote_age = max_quote_age;
  const absl::Time now = clock.Now();
  const Screen screen(request, now);
  size_t stale_count = 0;
  for (const PreparedQuote& prepared : selected->quotes) {
    stale_count += screen.IsStale(*prepared.quote);
  }
  return MakeFreshness(*selected, screen, stale_count, now);
}

namespace ranking_internal {

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

absl::StatusOr<PeriodQuotes> SelectQuotes(const QuoteBook& book,
                                          const RankRequest& request) {
  if (absl::Status status = CheckRequest(request); !status.ok()) {
    return status;
  }
  absl::StatusOr<PeriodQuotes> selected =
      book.QuotesFor(request.corridor, request.period);
  if (!selected.ok() && book.QuotesIn(request.corridor).empty()) {
    if (absl::Status s = CheckModeCurrency(book, request); !s.ok()) return s;
  }
  return selected;
}

template <typename Key>
absl::StatusOr<RankResult> FinishRank(
    const QuoteBook& book, const PeriodQuotes& selected, const Screen& screen,
    absl::Time now, ScanFindings<Key> findings,
    const std::vector<ExcludedOffer>& excluded) {
  const absl::Span<const PreparedQuote> quotes = selected.quotes;
  RankResult result;
  result.book = book.Share();
  result.period = selected.period;
  result.excluded.assign(excluded.begin(), excluded.end());
  result.summary = std::move(findings.summary);
  result.summary.period = selected.period;
  result.ranked_count = findings.ranked_count;
  result.freshness = MakeFreshness(selected, screen, findings.stale_count, now);
  if (result.ranked_count == 0) {
    result.no_offers = ExplainNoOffers(result.excluded, result.freshness);
  }
  result.offers.reserve(findings.best.size());
  size_t rank = findings.first_rank;
  for (const BasicCandidate<Key>& c : findings.best) {
    absl::StatusOr<CostBreakdown> cost =
        PriceSend(quotes[c.index], c.send_minor);
    if (!cost.ok()) return cost.status();
    result.offers.push_back(Offer{rank++, &quotes[c.index], *std::move(cost)});
  }

  // The corridor's cheapest offer, priced again only when not on the page
  // (the same quote has the same breakdown).
  if (const std::optional<BasicCandidate<Key>>& cheapest = findings.cheapest) {
    const PreparedQuote* cheapest_quote = &quotes[cheapest->index];
    auto on_page = std::find_if(
        result.offers.begin(), result.offers.end(),
        [&](const Offer& offer) { return offer.quote == cheapest_quote; });
    if (on_page != result.offers.end()) {
      result.summary.cheapest = Offer{0, cheapest_quote, on_page->cost};
    } else if (absl::StatusOr<CostBreakdown> cost =
                   PriceSend(*cheapest_quote, cheapest->send_minor);
               cost.ok()) {
      result.summary.cheapest = Offer{0, cheapest_quote, *std::move(cost)};
    }
  }
  return result;
}

template absl::StatusOr<RankResult> FinishRank<int64_t>(
    const QuoteBook&, const PeriodQuotes&, const Screen&, absl::Time,
    ScanFindings<int64_t>, const std::vector<ExcludedOffer>&);
template absl::StatusOr<RankResult> FinishRank<absl::int128>(
    const QuoteBook&, const PeriodQuotes&, const Screen&, absl::Time,
    ScanFindings<absl::int128>, const std::vector<ExcludedOffer>&);

namespace {

// What a row without ScanRow::kMore has.
constexpr ScanRowMore kNoMore;

// The engine's scan: over the book's packed rows (PeriodQuotes::rows), in
// send mode, each row screened and priced from its own fields; the
// quotes a row does not price (ScanRow::kSlow, and whatever CostOfRow
// hands back) and every quote in receive mode as the reference scan does
// (ScanQuote). The same answers, quote for quote.
struct RowScan {
  template <typename Key>
  bool operator()(const ScanInput& in, BasicPageSelector<Key>& page,
                  BasicSummaryAccumulator<Key>& summary,
                  std::vector<ExcludedOffer>& excluded,
                  size_t* stale_count) const {
    *stale_count = 0;
    if (in.request.amount_kind != AmountKind::kSend) {
      for (size_t i = 0; i < in.selected.quotes.size(); ++i) {
        if (!SlowRow(in, i, stale_count, page, summary, excluded)) {
          return false;
        }
      }
      return true;
    }
    // The facets are read only for a filter that refuses some ordinary
    // facet (rows with others are ScanRow::kSlow) or a personal SmaRT.
    const bool facets = (RefusedFacets(in.request.filter) &
                         engine_internal::kOrdinaryFacets) != 0 ||
                        (in.request.summarize && in.request.access.has_value());
    if (in.request.summarize) {
      return facets
                 ? ByOrder<true, true>(in, page, summary, excluded, stale_count)
                 : ByOrder<true, false>(in, page, summary, excluded,
                                        stale_count);
    }
    return facets
               ? ByOrder<false, true>(in, page, summary, excluded, stale_count)
               : ByOrder<false, false>(in, page, summary, excluded,
                                       stale_count);
  }

  // Rows with kCostOrder for the total-cost order (the usual one).
  template <bool kSummarize, bool kFacets, typename Key>
  ABSL_ATTRIBUTE_ALWAYS_INLINE static bool ByOrder(
      const ScanInput& in, BasicPageSelector<Key>& page,
      BasicSummaryAccumulator<Key>& summary,
      std::vector<ExcludedOffer>& excluded, size_t* stale_count) {
    return in.request.order == RankOrder::kTotalCost
               ? ByRuns<kSummarize, kFacets, true>(in, page, summary, excluded,
                                                   stale_count)
               : ByRuns<kSummarize, kFacets, false>(in, page, summary, excluded,
                                                    stale_count);
  }

  // Rows with kRuns when runs of plain rows are likely: without a filter
  // and with most of the first rows plain. Without it, the loop for runs
  // is left out, which leaves the general path more registers.
  template <bool kSummarize, bool kFacets, bool kCostOrder, typename Key>
  ABSL_ATTRIBUTE_ALWAYS_INLINE static bool ByRuns(
      const ScanInput& in, BasicPageSelector<Key>& page,
      BasicSummaryAccumulator<Key>& summary,
      std::vector<ExcludedOffer>& excluded, size_t* stale_count) {
    if constexpr (!kFacets) {
      const absl::Span<const ScanRow> rows = in.selected.rows;
      const size_t sample = std::min<size_t>(rows.size(), 64);
      const int64_t amount = in.request.amount.minor_units();
      size_t plain = 0;
      for (size_t i = 0; i < sample; ++i) {
        plain += amount <= int64_t{rows[i].plain_to};
      }
      if (plain * 2 >= sample) {
        return Rows<kSummarize, kFacets, kCostOrder, true>(
            in, page, summary, excluded, stale_count);
      }
    }
    return Rows<kSummarize, kFacets, kCostOrder, false>(in, page, summary,
                                                        excluded, stale_count);
  }

  // Send mode over the rows; `kSummarize` as RankRequest::summarize;
  // `kFacets`: with a filter or a personal SmaRT, which read the facets;
  // `kCostOrder`: in the total-cost order; `kRuns`: with the loop for runs
  // of plain rows (never with kFacets).
  template <bool kSummarize, bool kFacets, bool kCostOrder, bool kRuns,
            typename Key>
  ABSL_ATTRIBUTE_ALWAYS_INLINE static bool Rows(
      const ScanInput& in, BasicPageSelector<Key>& page,
      BasicSummaryAccumulator<Key>& summary,
      std::vector<ExcludedOffer>& excluded, size_t* stale_count_out) {
    const ScanRow* const rows = in.selected.rows.data();
    const ScanRowMore* const more = in.selected.more.data();
    const uint64_t* const facets = in.selected.facets.data();
    const size_t n = in.selected.rows.size();
    const RankRequest& request = in.request;
    // A row dated in this second needs the exact time to tell. Rows' dates
    // lie within 2^46 seconds of 1970: clamped, it compares with each as
    // before.
    constexpr int64_t kSecondsBound = int64_t{1} << 46;
    const int64_t stale_second =
        std::clamp(absl::ToUnixSeconds(in.screen.stale_before()),
                   -kSecondsBound, kSecondsBound);
    // ScanRow::when from here on: dated after the stale second.
    const int64_t fresh_from = (stale_second + 1) * 65536;
    const int64_t amount = request.amount.minor_units();
    // Rows with ScanRow::plain_to at least this are priced by
    // PlainCostOfRow (the amount, or past every plain_to: a 32-bit
    // compare).
    const uint32_t plain_amount = static_cast<uint32_t>(
        std::min(amount, engine_internal::kPlainAmountMax + 1));
    const uint64_t refused = RefusedFacets(request.filter);
    const RankOrder order = kCostOrder ? RankOrder::kTotalCost : request.order;
    if constexpr (kSummarize && std::is_same_v<Key, int64_t>) {
      if (n >= ranking_internal::kMedianWindowFrom &&
          summary.may_narrow_median()) {
        NarrowMedianToSample(rows, more, n, amount, plain_amount, fresh_from,
                             stale_second, summary);
      }
    }
    size_t stale_count = 0;
    // Candidates above the page's bound, and offers above the summary's,
    // are only counted (here, in registers); the others go to the page
    // and the summary, whose bounds are then asked again.
    Key page_bound = page.TransparentBound();
    size_t page_skipped = 0;
    Key summary_bound = summary.Bound();
    const uint64_t personal_refused = summary.PersonalRefused();
    size_t smart_counted = 0;
    size_t personal_counted = 0;
    // The keys above the summary's bound, a block of rows at a time, for
    // its statistics (AddKeys).
    constexpr size_t kBlock = 256;
    Key block_keys[kBlock];
    size_t general_count = 0;  // The last block's general_rows.
    for (size_t begin = 0; begin < n; begin += kBlock) {
      const size_t end = std::min(n, begin + kBlock);
      size_t block_count = 0;
      // Rows of this block the body below took: when most of the last
      // block's were, runs are short, and the loop for them is skipped.
      size_t general_rows = 0;
      const bool runs = kRuns && general_count * 2 <= kBlock;
      for (size_t i = begin; i < end; ++i) {
        if (kRuns && runs) {
          // Fresh plain rows whose keys lie above the page's and the
          // summary's bounds are only counted, as below: here in a loop of
          // its own, with few live values. It stops at the first row that
          // needs more, which the rest of the body takes.
          for (; i < end; ++i) {
            const ScanRow& counted = rows[i];
            if (plain_amount > counted.plain_to || counted.when < fresh_from) {
              break;
            }
            const engine_internal::PlainCost plain_cost =
                engine_internal::PlainCostOfRow(counted, amount);
            const Key key = kCostOrder || order == RankOrder::kTotalCost
                                ? Key(plain_cost.cost11)
                            : order == RankOrder::kSpeed
                                ? Key(counted.speed())
                                : Key(plain_cost.received_key);
            if (key <= page_bound) break;
            if (kSummarize) {
              if (plain_cost.cost11 <= summary_bound) break;
              block_keys[block_count++] = plain_cost.cost11;
              smart_counted += summary.SmartQualifies(counted.speed());
            }
            ++page_skipped;
          }
          if (i == end) break;
        }
        ++general_rows;
        const ScanRow& row = rows[i];
        const int64_t when = row.when;
        BasicScanCost<Key> cost;
        Key order_key;
        if (ABSL_PREDICT_TRUE(plain_amount <= row.plain_to &&
                              when >= fresh_from)) {
          // Fresh, priced from its own fields as one band or point
          // without limits at this amount, no overflow possible.
          const engine_internal::PlainCost plain_cost =
              engine_internal::PlainCostOfRow(row, amount);
          cost.outlay = plain_cost.outlay;
          cost.cost11 = plain_cost.cost11;
          order_key = kCostOrder || order == RankOrder::kTotalCost
                          ? Key(plain_cost.cost11)
                      : order == RankOrder::kSpeed
                          ? Key(row.speed())
                          : Key(plain_cost.received_key);
        } else {
          switch (TakeRow(row, more, i, amount, stale_second, &cost)) {
            case RowTake::kStale:
              ++stale_count;
              Exclude(in, i, ExclusionReason::kStale, excluded);
              continue;
            case RowTake::kOutsideLimits:
              Exclude(in, i, ExclusionReason::kOutsideAmountLimits, excluded);
              continue;
            case RowTake::kPriced:
              if (ABSL_PREDICT_TRUE(
                      OrderKey(order, cost, row.speed(), &order_key))) {
                break;
              }
              // Its order key does not fit `Key`: by its quote (not stale,
              // as its date says).
              [[fallthrough]];
            case RowTake::kByQuote:
              if (!SlowRow(in, i, &stale_count, page, summary, excluded)) {
                return false;
              }
              page_bound = page.TransparentBound();
              summary_bound = summary.Bound();
              continue;
          }
        }
        const uint8_t speed = row.speed();
        // The candidate, made only when the page or the summary keeps it.
        const auto make = [&] {
          BasicCandidate<Key> c;
          c.speed = speed;
          c.tie_rank = in.selected.quotes[i].tie_rank;
          c.opaque = false;
          c.send_minor = amount;
          c.cost_key = cost.cost11;
          c.percent_key = cost.cost11;
          c.order_key = order_key;
          c.index = static_cast<uint32_t>(i);
          return c;
        };
        const uint64_t row_facets = kFacets ? facets[i] : 0;
        if (!kFacets || (row_facets & refused) == 0) {
          if (order_key > page_bound) {
            ++page_skipped;
          } else {
            page.AddTransparent(order_key, make);
            page_bound = page.TransparentBound();
          }
        } else {
          Exclude(in, i, ExclusionReason::kFilteredOut, excluded);
        }
        if (kSummarize) {
          if (cost.cost11 > summary_bound) {
            block_keys[block_count++] = cost.cost11;
            const bool smart = summary.SmartQualifies(speed);
            smart_counted += smart;
            if (kFacets) {
              personal_counted += smart && (row_facets & personal_refused) == 0;
            }
          } else {
            summary.Add(cost.cost11, cost.cost11, speed, row_facets, make);
            summary_bound = summary.Bound();
          }
        }
      }
      if (kSummarize) summary.AddKeys(block_keys, block_count);
      general_count = general_rows;
    }
    page.Skipped(page_skipped);
    summary.Counted(smart_counted, personal_counted);
    *stale_count_out = stale_count;
    return true;
  }

  // How the rows' loop takes row i when it is not priced as a plain row:
  // priced from its own fields into `cost`, stale, outside its amount
  // limits, or by its PreparedQuote (ScanQuote), when its date lies in the
  // stale limit's second or the row cannot tell (ScanRow::kSlow, or
  // CostOfRow hands it back). Transparent, priceable, plausible and not
  // illustrative unless kSlow. The median's sample takes rows the same way.
  enum class RowTake { kPriced, kStale, kOutsideLimits, kByQuote };
  template <typename Key>
  ABSL_ATTRIBUTE_ALWAYS_INLINE static RowTake TakeRow(
      const ScanRow& row, const ScanRowMore* more, size_t i, int64_t amount,
      int64_t stale_second, BasicScanCost<Key>* cost) {
    const int64_t seconds = row.seconds();
    if (ABSL_PREDICT_FALSE((row.when & ScanRow::kSlow) != 0 ||
                           seconds == stale_second)) {
      return RowTake::kByQuote;
    }
    if (seconds < stale_second) return RowTake::kStale;
    // Rows without kMore have no limits and one band or point.
    const ScanRowMore& rest =
        (row.when & ScanRow::kMore) != 0 ? more[i] : kNoMore;
    if (amount < rest.min_send || amount > rest.max_send) {
      return RowTake::kOutsideLimits;
    }
    if (ABSL_PREDICT_FALSE(!CostOfRow(row, rest, amount, cost))) {
      return RowTake::kByQuote;
    }
    return RowTake::kPriced;
  }

  // Before the scan of a corridor of n >= kMedianWindowFrom rows: the
  // summary keeps for its median only the keys within a window taken from
  // a sample of the rows (median_window.h), so that most keys are neither
  // stored nor read again. Each sampled row is priced as the scan below
  // prices it from its own fields (TakeRow); a row it would hand to
  // ScanQuote is unknown (it may count in the summary at any key), and a
  // stale row or one outside its limits does not count. When the corridor's
  // middle keys fall outside the window after all, RankWithKeys scans again
  // without it.
  ABSL_ATTRIBUTE_NOINLINE static void NarrowMedianToSample(
      const ScanRow* rows, const ScanRowMore* more, size_t n, int64_t amount,
      uint32_t plain_amount, int64_t fresh_from, int64_t stale_second,
      BasicSummaryAccumulator<int64_t>& summary) {
    std::array<int64_t, ranking_internal::kMedianSamples> sample;
    size_t priced = 0;
    size_t unknown = 0;
    for (size_t k = 0; k < ranking_internal::kMedianSamples; ++k) {
      const size_t i = ranking_internal::MedianSamplePlace(k, n);
      const ScanRow& row = rows[i];
      if (plain_amount <= row.plain_to && row.when >= fresh_from) {
        sample[priced++] = engine_internal::PlainCostOfRow(row, amount).cost11;
        continue;
      }
      engine_internal::NarrowScanCost cost;
      switch (TakeRow(row, more, i, amount, stale_second, &cost)) {
        case RowTake::kPriced:
          sample[priced++] = cost.cost11;
          break;
        case RowTake::kByQuote:
          ++unknown;
          break;
        case RowTake::kStale:
        case RowTake::kOutsideLimits:
          break;  // Not in the summary.
      }
    }
    const std::optional<ranking_internal::MedianWindowRanks> ranks =
        ranking_internal::MedianWindowFor(priced, unknown);
    if (!ranks.has_value()) return;
    int64_t* const first = sample.data();
    std::nth_element(first, first + ranks->low, first + priced);
    // Those after `low` are no less than it: the high end is among them.
    std::nth_element(first + ranks->low + 1, first + ranks->high,
                     first + priced);
    summary.KeepForMedian(first[ranks->low], first[ranks->high]);
  }

  // quotes[i] the reference scan's way (ScanQuote), its staleness counted
  // in `stale_count`. Out of line: the rows' loop keeps its figures in
  // registers.
  template <typename Key>
  ABSL_ATTRIBUTE_NOINLINE static bool SlowRow(
      const ScanInput& in, size_t i, size_t* stale_count,
      BasicPageSelector<Key>& page, BasicSummaryAccumulator<Key>& summary,
      std::vector<ExcludedOffer>& excluded) {
    const bool stale = in.screen.IsStale(*in.selected.quotes[i].quote);
    *stale_count += stale;
    CostCore core;
    return ScanQuote(in, i, stale, &core, page, summary, excluded);
  }

  ABSL_ATTRIBUTE_NOINLINE static void Exclude(
      const ScanInput& in, size_t i, ExclusionReason reason,
      std::vector<ExcludedOffer>& excluded) {
    excluded.push_back({&in.selected.quotes[i], reason});
  }

  // The order key of a priced row, as Score gives it; false when it does
  // not fit `Key`.
  template <typename Key>
  ABSL_ATTRIBUTE_ALWAYS_INLINE static bool OrderKey(
      RankOrder order, const BasicScanCost<Key>& cost, uint8_t speed,
      Key* out) {
    switch (order) {
      case RankOrder::kTotalCost:
        *out = cost.cost11;
        return true;
      case RankOrder::kSpeed:
        *out = speed;
        return true;
      case RankOrder::kAmountReceived:
        break;
    }
    // Less the value delivered at mid-market: S x 10^11 - cost11.
    if constexpr (std::is_same_v<Key, absl::int128>) {
      *out = cost.cost11 - absl::int128(cost.outlay) * kCostScale;
      return true;
    } else {
      int64_t outlay11;
      return !__builtin_mul_overflow(cost.outlay, kCostScale, &outlay11) &&
             !__builtin_sub_overflow(cost.cost11, outlay11, out);
    }
  }
};

}  // namespace
}  // namespace ranking_internal

absl::StatusOr<RankResult> Rank(const QuoteBook& book,
                                const RankRequest& request, const Clock& clock,
                                RankScratch* scratch) {
  RankScratch local_scratch;
  if (scratch == nullptr) scratch = &local_scratch;
  ranking_internal::RankBuffers buffers;
  buffers.narrow = {&scratch->narrow_candidates_, &scratch->narrow_percents_};
  buffers.wide = {&scratch->candidates_, &scratch->percents_};
  buffers.excluded = &scratch->excluded_;
  return ranking_internal::RankWith(book, request, clock, buffers,
                                    ranking_internal::RowScan());
}

}  // namespace remit
