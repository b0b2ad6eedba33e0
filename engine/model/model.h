// The engine's data model: corridors, providers and quotes.
//
// A Quote is one way of sending money with one provider in one corridor
// (RPW's "service"): how it is paid for, where, how it is received, how fast,
// what it costs (a FeeSchedule, or prices observed at surveyed amounts) and
// at which exchange rate. Plain structs: the QuoteBook that holds them
// validates what the ranking relies on, and the dataset loaders validate
// files field by field.
//
// Thread-safety: plain data; immutable once in a QuoteBook.
//
// Example:
//   Corridor gbr_bgd = *Corridor::Parse("GB", "", "BD", "");
//   Quote quote(gbr_bgd);
//   quote.id = "mg-gbr-bgd-card-cash";
//   quote.provider_id = "moneygram";
//   quote.survey_points = {{12000, 499, *Rate::FromString("163.8815")}};
//   quote.mid_rate = *Rate::FromString("168.459165");
#ifndef REMIT_ENGINE_MODEL_MODEL_H_
#define REMIT_ENGINE_MODEL_MODEL_H_

#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "engine/model/period.h"
#include "engine/money/country.h"
#include "engine/money/currency.h"
#include "engine/money/percent.h"
#include "engine/money/rate.h"

namespace remit {

enum class ProviderType {
  kBank,
  kMoneyTransferOperator,  // Fintechs included.
  kMobileOperator,
  kPostOffice,
  kOther,
};

enum class PaymentInstrument {
  kCash,
  kBankAccount,
  kDebitCard,
  kCreditCard,
  kMobileWallet,
  kOther,
};

enum class AccessPoint {
  kBranchOrAgent,
  kInternet,
  kMobileApp,
  kOther,
};

enum class ReceiveMethod {
  kCashPickup,
  kBankAccount,
  kMobileMoney,
  kHomeDelivery,
  kOther,
};

// RPW's delivery-speed categories, fastest first: the order is meaningful.
enum class Speed {
  kLessThanOneHour,
  kSameDay,
  kNextDay,
  kTwoDays,
  kThreeToFiveDays,
  kSixDaysOrMore,
};

// Receiving network coverage; kUnknown sorts below kLow.
enum class Coverage {
  kUnknown,
  kLow,
  kMedium,
  kHigh,
};

// A remark on a quote's published survey figures (see remit.v1.DataNote).
enum class DataNote : uint8_t {
  kTotalDiffersFromParts,  // Published total != fee / amount + margin.
  kNegativeTotal,          // A rate better than the market rate.
  kTotalAbove100Percent,
  kPayoutCurrencyUnknown,  // Rates fit both US dollars and the receiving
                           // currency: no amount received.
  kRateImplausible,        // The rate implies a margin outside the plausible
                           // band (engine/pricing/plausibility.h) against
                           // the survey's own mid rate: never ranked.
};

// Lower-case names, e.g. "money_transfer_operator", "3-5 days".
absl::string_view Name(ProviderType value);
absl::string_view Name(PaymentInstrument value);
absl::string_view Name(AccessPoint value);
absl::string_view Name(ReceiveMethod value);
absl::string_view Name(Speed value);
absl::string_view Name(Coverage value);

// (sending country, sending currency) -> (receiving country, receiving
// currency). A value type; create it with Create or Parse.
class Corridor {
 public:
  // The two countries must differ.
  static absl::StatusOr<Corridor> Create(CountryCode send_country,
                                         CurrencyCode send_currency,
                                         CountryCode receive_country,
                                         CurrencyCode receive_currency);
  // Codes as text: countries alpha-2 or alpha-3; an empty currency means
  // the country's own. Errors name the field: "send_country: 'XX' is not
  // an ISO 3166-1 country code".
  static absl::StatusOr<Corridor> Parse(absl::string_view send_country,
                                        absl::string_view send_currency,
                                        absl::string_view receive_country,
                                        absl::string_view receive_currency);

  CountryCode send_country() const { return send_country_; }
  CurrencyCode send_currency() const { return send_currency_; }
  CountryCode receive_country() const { return receive_country_; }
  CurrencyCode receive_currency() const { return receive_currency_; }

  // "GBR/GBP->BGD/BDT".
  std::string ToString() const;

  friend bool operator==(const Corridor& a, const Corridor& b) {
    return a.send_country_ == b.send_country_ &&
           a.send_currency_ == b.send_currency_ &&
           a.receive_country_ == b.receive_country_ &&
           a.receive_currency_ == b.receive_currency_;
  }
  friend bool operator!=(const Corridor& a, const Corridor& b) {
    return !(a == b);
  }
  friend bool operator<(const Corridor& a, const Corridor& b);
  template <typename H>
  friend H AbslHashValue(H h, const Corridor& c) {
    return H::combine(std::move(h), c.send_country_, c.send_currency_,
                      c.receive_country_, c.receive_currency_);
  }
  friend std::ostream& operator<<(std::ostream& os, const Corridor& c) {
    return os << c.ToString();
  }

 private:
  Corridor(CountryCode send_country, CurrencyCode send_currency,
           CountryCode receive_country, CurrencyCode receive_currency)
      : send_country_(send_country),
        send_currency_(send_currency),
        receive_country_(receive_country),
        receive_currency_(receive_currency) {}

  CountryCode send_country_;
  CurrencyCode send_currency_;
  CountryCode receive_country_;
  CurrencyCode receive_currency_;
};

struct Provider {
  std::string id;  // Unique in a dataset, e.g. "western-union".
  std::string name;
  ProviderType type = ProviderType::kOther;
};

// One band of a fee schedule: applies to send amounts from `from_minor`
// (inclusive) up to the next band's `from_minor` (exclusive).
// fee = clamp(fixed + round_half_even(amount x percent), min, max).
struct FeeBand {
  int64_t from_minor = 0;
  int64_t fixed_minor = 0;
  Percent percent;
  std::optional<int64_t> min_fee_minor;
  std::optional<int64_t> max_fee_minor;
};

enum class FeeCharging {
  // The fee is paid on top: the whole send amount is converted (RPW).
  kOnTop,
  // The fee is deducted: send amount minus fee is converted.
  kDeducted,
};

// A schedule's bands: a vector that keeps up to two bands in place (no heap
// block: most schedules have one band or two) and moves to the heap beyond.
// The vector's interface: size, [], push_back, range-for, brace assignment,
// e.g. `fees.bands = {FeeBand{0, 299, Percent(), {}, {}}};`.
using FeeBands = absl::InlinedVector<FeeBand, 2>;

struct FeeSchedule {
  // Sorted by from_minor, strictly increasing. Amounts below the first
  // band's start pay the first band's fee.
  FeeBands bands;
  FeeCharging charging = FeeCharging::kOnTop;
  // Added to the outlay as a share of the send amount (e.g. credit cards).
  Percent funding_surcharge;
  // Taken from the amount received, in the payout currency.
  int64_t recipient_fixed_fee_minor = 0;
  Percent recipient_percent_fee;
};

// 10^11: the scale of a survey point's exact fee, in minor units (one
// billionth of a percentage point of a minor unit: pricing's cost unit).
inline constexpr int64_t kSurveyFeeScale = 100'000'000'000;

// A price observed at one send amount (RPW surveys the USD 200 and USD 500
// equivalents). Exact at that amount.
//
// The fee is a survey figure, kept as published even when it has digits
// below the minor unit ("46172.7" RWF, where RWF has none):
//   exact fee x 10^11 = fee_minor x 10^11 + fee_remainder11   (minor units)
// fee_minor is the fee the sender pays: the exact fee rounded half-even to
// the minor unit. fee_remainder11 is what that rounding left out, at most
// half a minor unit either way; 0 for a whole fee, so {send, fee, rate, {}}
// is exact. SetFee11 fills both.
struct SurveyPoint {
  int64_t send_minor = 0;
  int64_t fee_minor = 0;
  Rate rate;  // Units of the payout currency per unit of the send currency.
  // The published FX margin, authoritative when present (RPW computed it
  // from unrounded rates; the published rate may be rounded).
  std::optional<Percent> published_margin;
  int64_t fee_remainder11 = 0;
  // The total cost % the survey published (RPW's `ccN total cost %`), when
  // it has one. Pricing never reads it: offers are priced from fee and
  // margin. Indicators and histories count the service with it
  // (engine/indicators), since RPW's own averages do; it may differ from
  // fee / amount + margin, be negative or exceed 100 %.
  std::optional<Percent> published_total = std::nullopt;

  // The exact fee x 10^11, in minor units.
  absl::int128 fee11() const {
    return absl::int128(fee_minor) * kSurveyFeeScale + fee_remainder11;
  }
  // Sets the fee from its exact value x 10^11 (minor units). False, and no
  // change, when the rounded fee does not fit int64.
  bool SetFee11(absl::int128 fee11);
  // Whether fee_minor is fee11() rounded half-even (the invariant above).
  bool FeeIsRounded() const;
};

// A survey fee's text ("46172.7") read exactly, x 10^11 in minor units of
// `currency`: up to 11 digits below the minor unit, or, past 92,233,720
// minor units, whole minor units. INVALID_ARGUMENT quoting the text when it
// is not a plain non-negative decimal ("1,500" is refused: no thousands
// separators or decimal commas), or keeps more digits than that. The one
// reading of survey fees, for the dataset validator and the importers.
absl::StatusOr<absl::int128> ParseSurveyFee11(absl::string_view text,
                                              CurrencyCode currency);

struct Quote {
  explicit Quote(Corridor corridor) : corridor(corridor) {}

  std::string id;           // Unique in a dataset.
  std::string provider_id;  // A Provider's id.
  Corridor corridor;
  PaymentInstrument payment_instrument = PaymentInstrument::kOther;
  AccessPoint access_point = AccessPoint::kOther;
  ReceiveMethod receive_method = ReceiveMethod::kOther;
  Speed speed = Speed::kSixDaysOrMore;
  Coverage coverage = Coverage::kUnknown;
  // False when the provider did not disclose its rate: the margin is
  // unknown (never taken as zero).
  bool transparent = true;
  bool promotional = false;
  // Remarks on the published figures: bit (1 << DataNote).
  uint8_t data_notes = 0;
  bool Has(DataNote note) const {
    return (data_notes >> static_cast<int>(note)) & 1;
  }
  absl::Time quoted_at = absl::UnixEpoch();
  // Illustrative data (made-up prices) is judged at its dataset's as-of
  // date, never by the clock: staleness is measured from judged_at when
  // set, from "now" otherwise.
  std::optional<absl::Time> judged_at;
  // The dataset file the quote was loaded from: its position in load
  // order, to name the data an answer comes from.
  uint16_t dataset_index = 0;
  std::string source;  // "RPW 2025_3Q", "provider API", "mystery shop"...
  // The survey period the quote was observed in (RPW's period column);
  // unset when it is not part of a periodic survey. The QuoteBook groups a
  // corridor's quotes by it.
  std::optional<Period> period;

  // Send amounts offered, in the send currency's minor units, inclusive.
  int64_t min_send_minor = 0;
  int64_t max_send_minor = std::numeric_limits<int64_t>::max();

  // Fees. With survey points, the fee at each point comes from the point and
  // the bands are not used; charging, surcharge and recipient fees apply to
  // both kinds.
  FeeSchedule fees;
  std::vector<SurveyPoint> survey_points;  // Sorted by send_minor.

  // The exchange, for quotes without survey points: the provider's rate r,
  // or its margin over the mid-market rate (r = m x (1 - margin / 100)).
  std::optional<Rate> rate;
  std::optional<Percent> margin_over_mid;
  // The mid-market rate m that applies to this quote, when the data carries
  // one (RPW rows do). Otherwise the QuoteBook's reference rates give it.
  std::optional<Rate> mid_rate;
  // The currency r and m are quoted in (units of it per unit of the send
  // currency), which is the payout currency. Usually the corridor's receive
  // currency; can be another (RPW rows priced in USD). Unknown -> no amount
  // received is stated.
  std::optional<CurrencyCode> rate_currency;
  // The rate was checked and is real although its margin is outside the
  // plausible band (engine/pricing/plausibility.h): not refused for it.
  bool rate_outlier_confirmed = false;
};

// What the data says about a country (RPW's country columns): free text as
// the source writes it, empty when unknown.
struct CountryInfo {
  std::string name;              // "Kenya".
  std::string region;            // "Sub-Saharan Africa".
  std::string income_group;      // "Lower middle income".
  std::string lending_category;  // "IDA".
  std::string g8_g20;            // "G8G20", "G20" or empty.
};

// The countries the data describes, by code; empty when it describes none.
using CountryAttributes = absl::flat_hash_map<CountryCode, CountryInfo>;

}  // namespace remit

#endif  // REMIT_ENGINE_MODEL_MODEL_H_
