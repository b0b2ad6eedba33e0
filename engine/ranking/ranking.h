// Ranking the offers of one corridor by what they really cost.
//
// Rank() prices every quote of a corridor at one amount (what is sent, or
// what the recipient must get) over an immutable QuoteBook and returns:
// - the ranked offers (a page of them), each with its cost breakdown;
// - the excluded offers, each with its reason;
// - a summary of the corridor at that amount.
//
// Exclusions. Opaque quotes (the provider did not disclose its rate: the
// margin is unknown, never zero) are excluded unless include_opaque, which
// ranks them after every transparent offer, costed by their fees alone.
// Stale quotes (older than max_quote_age), quotes that do not offer the
// amount, quotes without a mid-market rate and quotes the filter rejects are
// excluded too.
//
// Periods. Quotes may belong to survey periods (QuoteBook, "Survey
// periods"). A ranking reads one period of the corridor: the one the
// request names, or by default the corridor's latest (each corridor its
// own: one may be at 2025_1Q while another is at 2024_3Q). A corridor whose
// quotes have no period is ranked whole, as before periods existed. A
// request naming a period the corridor does not have gets NOT_FOUND naming
// the corridor, the period and the periods it has.
//
// Staleness. A quote is stale when its price date (quoted_at) is older
// than max_quote_age at the time it is judged at: the clock's now, or, for
// illustrative data (Quote::judged_at), its dataset's as-of date, so that
// made-up sample prices never expire. RankResult::freshness says how old
// the prices read are, how many were stale and whether all of them were.
//
// Staleness and periods. A request that names a period asks for history:
// what was observed in that survey round. None of its quotes is then
// excluded as stale, whatever max_quote_age says (a past period is stale by
// design). Without a named period, staleness applies exactly as it always
// has, to the latest period's quotes.
//
// Orders. kTotalCost (default): total cost % (send mode), or the total
// outlay needed to deliver the amount (receive mode). kAmountReceived: the
// value delivered, measured at mid-market, largest first. kSpeed: fastest
// first. Ties always break by total cost, then speed, then provider id, then
// quote id: the same book and request give the same answer on every thread.
//
// Summary. Over the corridor's priced transparent offers at that amount,
// whatever the request's filter (the filter narrows the list, not the
// corridor): count, simple average and median total cost %, shares at or
// under 3 % and 5 %, the cheapest offer, and SmaRT: the average total cost %
// of the three cheapest offers that are transparent, deliver in 5 days or
// less and are accessible to the sender (for the corridor figure every
// means of payment counts as accessible; the personal figure applies the
// request's SenderAccess). With fewer than three such offers there is no
// SmaRT value, and the summary says how many qualified.
//
// No offers. When every quote read is excluded, RankResult::no_offers says
// why: the one reason they share (every price stale, the filter rejecting
// them all...) or the count of each, in words for people.
//
// Lifetime. A RankResult holds the book's data (RankResult::book): its
// pointers (Offer::quote, ...) stay valid however long it is kept, even
// after the QuoteBook it was ranked from is gone.
//
// Thread-safety: Rank reads only the QuoteBook and the request; any number
// of threads may rank at once. A RankScratch is for one thread at a time.
//
// Example:
//   RankRequest request(*Corridor::Parse("GB", "", "BD", ""),
//                       *Money::Parse("120 GBP"));
//   request.limit = 10;
//   absl::StatusOr<RankResult> result = Rank(book, request, SystemClock());
//   for (const Offer& offer : result->offers) ...
#ifndef REMIT_ENGINE_RANKING_RANKING_H_
#define REMIT_ENGINE_RANKING_RANKING_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/book/quote_book.h"
#include "engine/model/model.h"
#include "engine/model/period.h"
#include "engine/money/money.h"
#include "engine/money/percent.h"
#include "engine/pricing/pricing.h"
#include "engine/time/clock.h"

namespace remit {

// Quotes older than this are stale by default: about six months, two RPW
// survey rounds.
inline constexpr absl::Duration kDefaultMaxQuoteAge = absl::Hours(24 * 183);

// What the sender has and needs, for the personal SmaRT. Defaults: has
// everything, needs nothing, any speed.
struct SenderAccess {
  bool has_bank_account = true;  // Pay from an account.
  bool has_card = true;          // Debit or credit card.
  bool has_mobile_wallet = true;
  bool has_internet = true;        // Internet and mobile-app access points.
  bool needs_cash_pickup = false;  // The recipient must collect cash.
  Speed max_speed = Speed::kSixDaysOrMore;
};

// True when the sender can use the quote: its payment instrument and access
// point, its receive method, its speed.
bool IsAccessible(const Quote& quote, const SenderAccess& access);

// Which quotes to list. Empty lists mean "any".
struct RankFilter {
  std::vector<PaymentInstrument> payment_instruments;
  std::vector<AccessPoint> access_points;
  std::vector<ReceiveMethod> receive_methods;
  std::vector<ProviderType> provider_types;
  std::optional<Speed> max_speed;
  Coverage min_coverage = Coverage::kUnknown;
  bool include_promotional = true;
};

enum class RankOrder { kTotalCost, kAmountReceived, kSpeed };
enum class AmountKind {
  kSend,     // `amount` is what is sent, in the corridor's send currency.
  kReceive,  // `amount` is what the recipient must get, receive currency.
};

struct RankRequest {
  RankRequest(Corridor corridor, Money amount)
      : corridor(corridor), amount(amount) {}

  Corridor corridor;
  Money amount;
  AmountKind amount_kind = AmountKind::kSend;
  RankFilter filter;
  RankOrder order = RankOrder::kTotalCost;
  // The sender's means, for the personal SmaRT. Unset: no personal SmaRT.
  std::optional<SenderAccess> access;
  bool include_opaque = false;
  // absl::InfiniteDuration() keeps quotes of any age. Not applied when
  // `period` is set (see "Staleness and periods" above).
  absl::Duration max_quote_age = kDefaultMaxQuoteAge;
  // The survey period to rank. Unset: the corridor's latest period (all of
  // its quotes when they have no period).
  std::optional<Period> period;
  // The page of ranked offers to return: ranks offset+1 .. offset+limit.
  size_t offset = 0;
  size_t limit = std::numeric_limits<size_t>::max();
  // False: skip the corridor summary (RankResult::summary stays empty),
  // for callers that want only the offers; the scan then does about a
  // third less work.
  bool summarize = true;
};

enum class ExclusionReason {
  kOpaque,               // Rate not disclosed: margin unknown.
  kStale,                // Older than max_quote_age.
  kOutsideAmountLimits,  // The amount is below its minimum or above its max.
  kNoMidMarketRate,      // Nothing to measure its margin against.
  kFilteredOut,          // The request's filter rejects it.
  kCannotDeliver,        // Not in the currency asked for, or the fee takes
                         // the whole amount.
  kRateImplausible,      // Its survey rate is implausible against its own
                         // mid rate (DataNote::kRateImplausible).
};

absl::string_view Name(ExclusionReason reason);

struct Offer {
  size_t rank = 0;  // 1-based.
  const PreparedQuote* quote = nullptr;
  CostBreakdown cost;
};

struct ExcludedOffer {
  const PreparedQuote* quote = nullptr;
  ExclusionReason reason = ExclusionReason::kFilteredOut;
};

struct CorridorSummary {
  // The survey period the figures are for; unset when the corridor's
  // quotes have no period.
  std::optional<Period> period;
  size_t offer_count = 0;
  std::optional<Percent> average_total_cost_percent;
  std::optional<Percent> median_total_cost_percent;
  Percent share_at_or_below_3_percent;  // Of offer_count, in percent.
  Percent share_at_or_below_5_percent;
  std::optional<Offer> cheapest;
  size_t smart_qualifying = 0;
  std::optional<Percent> smart_percent;  // Unset with < 3 qualifying.
  size_t personal_smart_qualifying = 0;  // With RankRequest::access only.
  std::optional<Percent> personal_smart_percent;
};

// How old the prices a ranking read are, and how many are stale.
struct Freshness {
  // The time the prices were judged at: the clock's now; for illustrative
  // data (every quote read with Quote::judged_at), its dataset's as-of date.
  absl::Time as_of;
  bool illustrative = false;
  // The age limit applied; absl::InfiniteDuration() when none (a named
  // period, or a request without a limit).
  absl::Duration max_quote_age = absl::InfiniteDuration();
  size_t quote_count = 0;  // Quotes read (the period's).
  size_t stale_count = 0;  // Of those, older than the limit.
  // The newest price date of every quote read; unset without quotes.
  std::optional<absl::Time> newest_quoted_at;
  // The oldest price date of the quotes that are not stale; unset when
  // every one is.
  std::optional<absl::Time> oldest_fresh_quoted_at;
  // The datasets the quotes read come from (Quote::dataset_index),
  // ascending.
  std::vector<uint16_t> dataset_indexes;

  // Every quote read is stale: nothing can be ranked because the data is
  // too old.
  bool all_stale() const {
    return quote_count > 0 && stale_count == quote_count;
  }
};

// Why a ranking has no offer at all: every quote it read was excluded.
struct NoOffers {
  // The one reason every quote was excluded for (kStale: every price is
  // too old; kFilteredOut: the request's filter rejects them all, say none
  // delivers by the method asked for; kOutsideAmountLimits: none offers the
  // amount...); unset when they were excluded for several reasons.
  std::optional<ExclusionReason> reason;
  // For people: "all 4 quotes are stale (older than 30 days)", "none of
  // the 5 quotes can be ranked: 3 stale, 2 rejected by the filter".
  std::string text;
};

struct RankResult {
  // The book's data, held so that the pointers below (Offer::quote,
  // ExcludedOffer::quote) stay valid however long the result is kept,
  // even after every QuoteBook handle is gone.
  std::shared_ptr<const void> book;
  // The survey period ranked: the request's, or the corridor's latest;
  // unset when the corridor's quotes have no period.
  std::optional<Period> period;
  std::vector<Offer> offers;            // The requested page, best first.
  size_t ranked_count = 0;              // Offers ranked in all (every page).
  std::vector<ExcludedOffer> excluded;  // In (provider id, quote id) order.
  CorridorSummary summary;
  Freshness freshness;
  // Set when no quote could be ranked (ranked_count is 0), with why.
  std::optional<NoOffers> no_offers;
};

namespace ranking_internal {
template <typename Key>
struct BasicCandidate;
}  // namespace ranking_internal

// Buffers Rank() reuses between calls, so a server thread ranking many
// requests allocates only for its results. Not thread-safe: one per thread.
class RankScratch {
 public:
  RankScratch();
  ~RankScratch();
  RankScratch(const RankScratch&) = delete;
  RankScratch& operator=(const RankScratch&) = delete;

 private:
  friend absl::StatusOr<RankResult> Rank(const QuoteBook&, const RankRequest&,
                                         const Clock&, RankScratch*);
  // For scans with 64-bit keys, and with 128-bit keys when one does not
  // fit.
  std::vector<ranking_internal::BasicCandidate<int64_t>> narrow_candidates_;
  std::vector<int64_t> narrow_percents_;
  std::vector<ranking_internal::BasicCandidate<absl::int128>> candidates_;
  std::vector<absl::int128> percents_;
  std::vector<ExcludedOffer> excluded_;  // Copied to the result at the end.
};

// The amount RPW compares corridors at: the USD 200 equivalent in the send
// currency, and how it was found.
struct ReferenceAmount {
  Money amount;
  // "usd" (the send currency is USD), "survey amount" (the smallest amount
  // the corridor's survey-point quotes were priced at: RPW's cc1 is the
  // USD 200 equivalent), or "reference rate" (200 USD at the latest USD
  // reference rate in the data, rounded half-even).
  std::string source;
};

// The survey amounts looked at are those of `period`, or of the corridor's
// latest period when unset (the quotes a Rank() would read).
// FAILED_PRECONDITION when none of the three ways applies; NOT_FOUND when
// the corridor has quotes but none in the named period.
absl::StatusOr<ReferenceAmount> Usd200Equivalent(
    const QuoteBook& book, const Corridor& corridor,
    std::optional<Period> period = std::nullopt);

// INVALID_ARGUMENT when the amount is not positive or not in the
// corridor's send (kSend) or receive (kReceive) currency; NOT_FOUND when the
// book has no quote in the corridor, or none in the request's period (the
// message lists the corridor's periods).
// The result holds the book's data (RankResult::book): it may outlive
// `book`.
ABSL_MUST_USE_RESULT absl::StatusOr<RankResult> Rank(
    const QuoteBook& book, const RankRequest& request, const Clock& clock,
    RankScratch* scratch = nullptr);

// The freshness of the quotes a Rank() of the corridor with `period` and
// `max_quote_age` would read, without pricing them (RankResult::freshness
// of that ranking). NOT_FOUND as Rank().
absl::StatusOr<Freshness> JudgeFreshness(const QuoteBook& book,
                                         const Corridor& corridor,
                                         std::optional<Period> period,
                                         absl::Duration max_quote_age,
                                         const Clock& clock);

}  // namespace remit

#endif  // REMIT_ENGINE_RANKING_RANKING_H_
