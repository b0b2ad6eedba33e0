// The engine's scan (over the book's packed rows) against the reference
// scan (each prepared quote screened and priced on its own): the same
// RankResult, field for field, on generated books and requests that reach
// every shape of quote a row prices and every one it hands back.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "engine/book/quote_book.h"
#include "engine/model/model.h"
#include "engine/ranking/internal/median_window.h"
#include "engine/ranking/internal/reference_scan.h"
#include "engine/ranking/ranking.h"
#include "engine/testing/test_util.h"
#include "engine/time/clock.h"
#include "gtest/gtest.h"

namespace remit {
namespace {

using ranking_internal::RankByReferenceScan;
using testing::C;
using testing::Must;
using testing::R;

std::string Text(const std::optional<Percent>& p) {
  return p.has_value() ? absl::StrCat(p->scaled()) : "-";
}

std::string Text(const CostBreakdown& c) {
  return absl::StrCat(
      c.send_amount.ToString(), " fee ", c.fee.ToString(), " surcharge ",
      c.funding_surcharge.ToString(), " rfee ",
      c.recipient_fee_in_send.ToString(), " outlay ", c.total_outlay.ToString(),
      " conv ", c.amount_converted.ToString(), " r ",
      c.exchange_rate.ToString(), " m ",
      c.mid_market_rate.has_value() ? c.mid_market_rate->ToString() : "-",
      " known ", c.margin_known, " M ", c.fx_margin.scaled(), " Mcost ",
      c.fx_margin_cost.ToString(), " recv ",
      c.amount_received.has_value() ? c.amount_received->ToString() : "-",
      " K ", c.total_cost.ToString(), " K% ", c.total_cost_percent.scaled(),
      " est ", c.estimated);
}

// Everything a RankResult says, as text (percentages as their exact
// scaled integers).
std::string Text(const absl::StatusOr<RankResult>& result) {
  if (!result.ok()) return result.status().ToString();
  std::string out = absl::StrCat("ranked ", result->ranked_count, "\n");
  for (const Offer& o : result->offers) {
    absl::StrAppend(&out, o.rank, " ", o.quote->quote->id, " ", Text(o.cost),
                    "\n");
  }
  for (const ExcludedOffer& e : result->excluded) {
    absl::StrAppend(&out, "excluded ", e.quote->quote->id, " ", Name(e.reason),
                    "\n");
  }
  const CorridorSummary& s = result->summary;
  absl::StrAppend(
      &out, "summary ", s.offer_count, " avg ",
      Text(s.average_total_cost_percent), " med ",
      Text(s.median_total_cost_percent), " 3% ",
      s.share_at_or_below_3_percent.scaled(), " 5% ",
      s.share_at_or_below_5_percent.scaled(), " smart ", s.smart_qualifying,
      " ", Text(s.smart_percent), " personal ", s.personal_smart_qualifying,
      " ", Text(s.personal_smart_percent), " cheapest ",
      s.cheapest.has_value() ? absl::StrCat(s.cheapest->quote->quote->id, " ",
                                            Text(s.cheapest->cost))
                             : "-",
      "\n");
  const Freshness& f = result->freshness;
  absl::StrAppend(&out, "fresh ", f.quote_count, " stale ", f.stale_count,
                  " oldest ",
                  f.oldest_fresh_quoted_at.has_value()
                      ? absl::FormatTime(*f.oldest_fresh_quoted_at)
                      : "-",
                  "\n");
  if (result->no_offers.has_value()) {
    absl::StrAppend(&out, "none: ", result->no_offers->text, "\n");
  }
  return out;
}

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool OneIn(int n) { return Pick(n) == 0; }
  int64_t Between(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng_);
  }

  // A band's percentage: 0 to 4 steps of 500,000,000 scaled units, some a
  // few units off the step (fees that round).
  Percent BandPercent() {
    return Percent::FromScaled(Between(0, 4) * 500'000'000 + Between(0, 3));
  }

  // A band from `from` of a fixed fee and BandPercent(), without limits.
  FeeBand UnlimitedBand(int64_t from) {
    return FeeBand{from, Between(0, 2000), BandPercent(), {}, {}};
  }

  // A quote of the US -> MX corridor, of any shape the book accepts.
  Quote MakeQuote(int i) {
    Quote q(C("US", "MX"));
    q.id = absl::StrCat("q", i);
    q.provider_id = absl::StrCat("p", Pick(7));
    q.payment_instrument = static_cast<PaymentInstrument>(Pick(6));
    q.access_point = static_cast<AccessPoint>(Pick(4));
    q.receive_method = static_cast<ReceiveMethod>(Pick(5));
    q.speed = static_cast<Speed>(Pick(6));
    q.coverage = static_cast<Coverage>(Pick(4));
    q.promotional = OneIn(5);
    q.transparent = !OneIn(8);
    // Some exactly at the stale limit's second, some a fraction after it.
    q.quoted_at = kNow - absl::Hours(24 * Between(0, 240)) -
                  (OneIn(4) ? kAge : absl::ZeroDuration()) +
                  absl::Milliseconds(OneIn(3) ? Between(0, 999) : 0);
    if (OneIn(12)) q.judged_at = kNow - absl::Hours(24 * Between(0, 200));
    if (OneIn(6))
      q.period = OneIn(2) ? Must(Period::Parse("2026_1Q"))
                          : Must(Period::Parse("2026_2Q"));
    if (OneIn(4)) q.min_send_minor = Between(0, 30000);
    if (OneIn(4)) q.max_send_minor = Between(q.min_send_minor, 200000);
    q.rate_currency = q.corridor.receive_currency();
    if (!OneIn(10)) q.mid_rate = R("17.5");
    if (OneIn(10)) q.fees.charging = FeeCharging::kDeducted;
    if (OneIn(10))
      q.fees.funding_surcharge =
          Percent::FromScaled(Between(1, 3) * 1'000'000'000);
    if (OneIn(12)) q.fees.recipient_fixed_fee_minor = Between(1, 3000);
    if (OneIn(20))
      q.data_notes = 1 << static_cast<int>(DataNote::kRateImplausible);
    const Rate rate =
        Must(Rate::FromScaled(Between(15'000, 18'000) * 1'000'000'000));
    if (OneIn(3)) {
      const int n = 1 + Pick(3);
      int64_t at = Between(5000, 20000);
      for (int k = 0; k < n; ++k) {
        SurveyPoint point;
        point.send_minor = at;
        // Some fees with digits below the minor unit.
        point.SetFee11(absl::int128(Between(0, 2000)) * 100'000'000'000 +
                       (OneIn(3) ? Between(0, 99'999'999'999) : 0));
        point.rate = rate;
        if (OneIn(3))
          point.published_margin =
              Percent::FromScaled(Between(0, 8) * 1'000'000'000);
        q.survey_points.push_back(point);
        at += OneIn(2) ? 30000 : Between(1, 40000);
      }
      if (!q.transparent) q.rate.reset();
      return q;
    }
    if (OneIn(4)) {
      q.margin_over_mid = Percent::FromScaled(Between(-1, 9) * 1'000'000'000);
    } else {
      q.rate = rate;
    }
    const int bands = Pick(4);
    int64_t from = 0;
    for (int k = 0; k < bands; ++k) {
      FeeBand band;
      band.from_minor = from;
      band.fixed_minor = Between(0, 2000);
      if (OneIn(2)) band.percent = BandPercent();
      if (OneIn(3)) band.min_fee_minor = Between(0, 800);
      if (OneIn(3)) {
        band.max_fee_minor = band.min_fee_minor.value_or(0) + Between(0, 2000);
      }
      q.fees.bands.push_back(band);
      from += OneIn(2) ? 20000 : Between(1, 30000);
    }
    return q;
  }

  QuoteBook MakeBook(int n) {
    std::vector<Quote> quotes;
    for (int i = 0; i < n; ++i) quotes.push_back(MakeQuote(i));
    return testing::Book(std::move(quotes), {"p1", "p4"});
  }

  RankRequest MakeRequest() {
    const bool send = !OneIn(6);
    // Amounts at the survey points and band edges the generator favours,
    // and anywhere.
    const int64_t amount =
        OneIn(2) ? Between(1, 80000) : (5000 + 5000 * Pick(12)) + Pick(3) - 1;
    RankRequest request(
        C("US", "MX"),
        send ? Money::FromMinorUnits(amount, testing::Cur("USD"))
             : Money::FromMinorUnits(amount * 17, testing::Cur("MXN")));
    if (!send) request.amount_kind = AmountKind::kReceive;
    request.order = static_cast<RankOrder>(Pick(3));
    request.include_opaque = OneIn(3);
    if (OneIn(3)) {
      request.filter.payment_instruments = {
          static_cast<PaymentInstrument>(Pick(6)),
          static_cast<PaymentInstrument>(Pick(6))};
    }
    if (OneIn(4)) request.filter.max_speed = static_cast<Speed>(Pick(6));
    if (OneIn(5)) request.filter.include_promotional = false;
    if (OneIn(2)) {
      SenderAccess access;
      access.has_bank_account = !OneIn(3);
      access.has_card = !OneIn(3);
      access.has_mobile_wallet = !OneIn(3);
      access.has_internet = !OneIn(3);
      access.needs_cash_pickup = OneIn(3);
      access.max_speed = static_cast<Speed>(Pick(6));
      request.access = access;
    }
    request.max_quote_age = OneIn(8) ? absl::InfiniteDuration() : kAge;
    if (OneIn(8)) request.period = Must(Period::Parse("2026_1Q"));
    request.offset = OneIn(3) ? Pick(20) : 0;
    request.limit =
        OneIn(4) ? std::numeric_limits<size_t>::max() : 1 + Pick(12);
    request.summarize = !OneIn(4);
    return request;
  }

  static constexpr absl::Duration kAge = absl::Hours(24 * 90);
  inline static const absl::Time kNow = absl::FromUnixSeconds(1'790'000'000);

 private:
  std::mt19937 rng_;
};

TEST(RowScanTest, SameAnswersAsTheReferenceScan) {
  const FakeClock clock(Generator::kNow);
  int compared = 0;
  for (uint32_t seed = 1; seed <= 60; ++seed) {
    Generator gen(seed);
    const QuoteBook book = gen.MakeBook(1 + gen.Pick(seed % 4 == 0 ? 400 : 60));
    for (int r = 0; r < 40; ++r) {
      const RankRequest request = gen.MakeRequest();
      const std::string expected =
          Text(RankByReferenceScan(book, request, clock));
      ASSERT_EQ(Text(Rank(book, request, clock)), expected)
          << "seed " << seed << " request " << r;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 2400);
}

// Corridors of hundreds to thousands of offers: the median of 64-bit keys
// is then selected through its histogram (engine/stats/cost_stats.h),
// whose keys the row loop adds in its registers and the slow rows one by
// one.
TEST(RowScanTest, LargeCorridorsGiveTheSameSummary) {
  const FakeClock clock(Generator::kNow);
  int compared = 0;
  for (uint32_t seed = 1; seed <= 6; ++seed) {
    Generator gen(seed);
    const QuoteBook book = gen.MakeBook(500 + gen.Pick(2500));
    for (int r = 0; r < 10; ++r) {
      RankRequest request = gen.MakeRequest();
      request.summarize = true;
      const std::string expected =
          Text(RankByReferenceScan(book, request, clock));
      ASSERT_EQ(Text(Rank(book, request, clock)), expected)
          << "seed " << seed << " request " << r;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 60);
}

// Keys that do not fit 64 bits: a scan starts with 64-bit keys and ranks
// again with 128-bit ones when one does not fit, whether the quote is
// priced from its row or from its PreparedQuote, in every order and mode.
TEST(RowScanTest, KeysBeyondInt64GiveTheSameAnswers) {
  const FakeClock clock(Generator::kNow);
  int compared = 0;
  for (uint32_t seed = 1; seed <= 12; ++seed) {
    Generator gen(seed);
    std::vector<Quote> quotes;
    for (int i = 0; i < 40; ++i) quotes.push_back(gen.MakeQuote(i));
    // A fee of 10^8 minor units is 10^19 in cost11's unit, past int64.
    for (int k = 0; k < 3; ++k) {
      Quote& q = quotes[gen.Pick(static_cast<int>(quotes.size()))];
      if (!q.survey_points.empty()) {
        q.survey_points.back().SetFee11(absl::int128(100'000'000 + k) *
                                        100'000'000'000);
      } else if (!q.fees.bands.empty()) {
        q.fees.bands.back().fixed_minor = 100'000'000 + k;
        q.fees.bands.back().max_fee_minor.reset();
      } else {
        q.fees.bands.push_back(FeeBand{0, 100'000'000 + k, Percent(), {}, {}});
      }
    }
    const QuoteBook book = testing::Book(std::move(quotes), {"p1", "p4"});
    for (int r = 0; r < 30; ++r) {
      RankRequest request = gen.MakeRequest();
      if (r % 2 == 0) request.max_quote_age = absl::InfiniteDuration();
      const std::string expected =
          Text(RankByReferenceScan(book, request, clock));
      ASSERT_EQ(Text(Rank(book, request, clock)), expected)
          << "seed " << seed << " request " << r;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 360);
}

// One fee past int64's keys, ranked last by cost but counted in the
// summary's figures exactly.
TEST(RowScanTest, AnOfferPastInt64RanksAfterTheCheaperOnes) {
  std::vector<Quote> quotes;
  for (int i = 0; i < 3; ++i) {
    Quote q(C("US", "MX"));
    q.id = absl::StrCat("q", i);
    q.provider_id = "p1";
    q.quoted_at = Generator::kNow - absl::Hours(1);
    q.mid_rate = R("17.5");
    q.rate = R("17.5");
    q.rate_currency = q.corridor.receive_currency();
    q.fees.bands = {
        FeeBand{0, i == 0 ? 200'000'000 : 100 * (i + 1), Percent(), {}, {}}};
    quotes.push_back(q);
  }
  const QuoteBook book = testing::Book(std::move(quotes), {"p1"});
  const FakeClock clock(Generator::kNow);
  RankRequest request(C("US", "MX"),
                      Money::FromMinorUnits(20000, testing::Cur("USD")));
  absl::StatusOr<RankResult> result = Rank(book, request, clock);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->offers.size(), 3u);
  EXPECT_EQ(result->offers[0].quote->quote->id, "q1");
  EXPECT_EQ(result->offers[2].quote->quote->id, "q0");
  // 1 %, 1.5 % and 10^6 %: the median is the middle one.
  EXPECT_EQ(result->summary.median_total_cost_percent->scaled(), 1'500'000'000);
  EXPECT_EQ(Text(result), Text(RankByReferenceScan(book, request, clock)));
}

// Amounts around and past the largest a plain row is priced at without
// overflow checks (kPlainAmountMax): the same answers either side.
TEST(RowScanTest, AmountsPastThePlainLimitGiveTheSameAnswers) {
  const FakeClock clock(Generator::kNow);
  constexpr int64_t kLimit = engine_internal::kPlainAmountMax;
  int compared = 0;
  for (uint32_t seed = 1; seed <= 12; ++seed) {
    Generator gen(seed);
    const QuoteBook book = gen.MakeBook(1 + gen.Pick(120));
    for (int r = 0; r < 20; ++r) {
      RankRequest request = gen.MakeRequest();
      if (request.amount_kind != AmountKind::kSend) continue;
      const int64_t amount = r % 2 == 0 ? kLimit - 2 + gen.Pick(5)
                                        : gen.Between(kLimit, int64_t{1} << 40);
      request.amount = Money::FromMinorUnits(amount, testing::Cur("USD"));
      const std::string expected =
          Text(RankByReferenceScan(book, request, clock));
      ASSERT_EQ(Text(Rank(book, request, clock)), expected)
          << "seed " << seed << " request " << r;
      ++compared;
    }
  }
  EXPECT_GT(compared, 150);
}

// Ten generated corridors of 100 to 1,600 quotes, where seven quotes in
// eight are made fresh, transparent and without amount limits at a
// mid-market rate of 17.5 and then given their fees and rate by `reshape`;
// twelve requests on each, `adjust`ed, ranked by the scan and by the
// reference scan alike.
void ExpectReferenceAnswersOnGeneratedCorridors(
    const std::function<void(Generator&, Quote&)>& reshape,
    const std::function<void(Generator&, int, RankRequest&)>& adjust) {
  const FakeClock clock(Generator::kNow);
  int compared = 0;
  for (uint32_t seed = 1; seed <= 10; ++seed) {
    Generator gen(seed);
    std::vector<Quote> quotes;
    const int n = 100 + gen.Pick(1500);
    for (int i = 0; i < n; ++i) {
      Quote q = gen.MakeQuote(i);
      if (!gen.OneIn(8)) {
        q.transparent = true;
        q.judged_at.reset();
        q.data_notes = 0;
        q.min_send_minor = 0;
        q.max_send_minor = std::numeric_limits<int64_t>::max();
        q.mid_rate = R("17.5");
        reshape(gen, q);
      }
      quotes.push_back(q);
    }
    const QuoteBook book = testing::Book(std::move(quotes), {"p1", "p4"});
    for (int r = 0; r < 12; ++r) {
      RankRequest request = gen.MakeRequest();
      adjust(gen, r, request);
      const std::string expected =
          Text(RankByReferenceScan(book, request, clock));
      ASSERT_EQ(Text(Rank(book, request, clock)), expected)
          << "seed " << seed << " request " << r;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 120);
}

// Corridors of mostly plain rows (one band, no limits), where the scan
// counts runs of them in a loop of their own, with and without a filter
// or a personal SmaRT, in every order.
TEST(RowScanTest, MostlyPlainCorridorsGiveTheSameAnswers) {
  ExpectReferenceAnswersOnGeneratedCorridors(
      [](Generator& gen, Quote& q) {
        if (!q.survey_points.empty() || !q.rate.has_value()) {
          q.survey_points.clear();
          q.margin_over_mid.reset();
          q.rate = R("17.25");
        }
        q.fees = FeeSchedule();
        q.fees.bands = {gen.UnlimitedBand(0)};
      },
      [](Generator& gen, int r, RankRequest& request) {
        if (r % 2 == 0) {
          request.filter = RankFilter();
          request.access.reset();
          request.amount_kind = AmountKind::kSend;
          request.amount = Money::FromMinorUnits(
              r % 4 == 0 ? gen.Between(1, 80000) : gen.Between(1, 1 << 26),
              testing::Cur("USD"));
        }
      });
}

// A one-band quote of the US -> MX corridor, fresh, at the mid-market
// rate.
Quote OneBand(int i, int64_t fixed, int64_t percent) {
  Quote q(C("US", "MX"));
  q.id = absl::StrCat("q", i);
  q.provider_id = "p1";
  q.speed = static_cast<Speed>(i % 6);
  q.quoted_at = Generator::kNow - absl::Hours(1 + i);
  q.mid_rate = R("17.5");
  q.rate = R("17.5");
  q.rate_currency = q.corridor.receive_currency();
  q.fees.bands = {FeeBand{0, fixed, Percent::FromScaled(percent), {}, {}}};
  return q;
}

int64_t FlagsOf(const QuoteBook& book, size_t i) {
  absl::StatusOr<PeriodQuotes> all =
      book.QuotesFor(C("US", "MX"), std::nullopt);
  EXPECT_TRUE(all.ok());
  return all.ok() ? all->rows[i].flags() : -1;
}

// Every order, with and without the summary, at each of `amounts` (the
// whole US -> MX corridor, however old its quotes): the scan's answers are
// the reference scan's.
void ExpectReferenceAnswersAt(const QuoteBook& book,
                              std::initializer_list<int64_t> amounts) {
  const FakeClock clock(Generator::kNow);
  for (const int64_t amount : amounts) {
    for (const RankOrder order :
         {RankOrder::kTotalCost, RankOrder::kAmountReceived,
          RankOrder::kSpeed}) {
      for (const bool summarize : {true, false}) {
        RankRequest request(C("US", "MX"),
                            Money::FromMinorUnits(amount, testing::Cur("USD")));
        request.order = order;
        request.summarize = summarize;
        request.max_quote_age = absl::InfiniteDuration();
        request.limit = std::numeric_limits<size_t>::max();
        EXPECT_EQ(Text(Rank(book, request, clock)),
                  Text(RankByReferenceScan(book, request, clock)))
            << "amount " << amount << " order " << static_cast<int>(order)
            << " summarize " << summarize;
      }
    }
  }
}

// Rows at the edges of what fits 32 bytes, and of what a plain row holds:
// flagged as they should be, and ranked as the reference scan ranks them
// at amounts up to the plain limit and past it.
TEST(RowScanTest, RowsAtTheEdgesOfTheirFieldsGiveTheSameAnswers) {
  using engine_internal::ScanRow;
  constexpr int64_t kFeeBound = engine_internal::kPlainFeeBound;
  constexpr int64_t kPercentBound = engine_internal::kPlainPercentBound;
  std::vector<Quote> quotes;
  // Plain: the largest fee and percentage a plain row holds.
  quotes.push_back(OneBand(0, kFeeBound - 1, kPercentBound - 1));
  // Not plain: one past each.
  quotes.push_back(OneBand(1, kFeeBound, 0));
  quotes.push_back(OneBand(2, 0, kPercentBound));
  // Past int32: the PreparedQuote's way.
  quotes.push_back(OneBand(3, int64_t{1} << 31, 0));
  // A fee limit: read from the row's ScanRowMore; at int32's extreme (which
  // stands for none), or past it, the PreparedQuote's way.
  quotes.push_back(OneBand(4, 100, 1'000'000'000));
  quotes.back().fees.bands[0].max_fee_minor = 150;
  quotes.push_back(OneBand(5, 100, 0));
  quotes.back().fees.bands[0].max_fee_minor =
      std::numeric_limits<int32_t>::max();
  quotes.push_back(OneBand(6, 100, 0));
  quotes.back().fees.bands[0].max_fee_minor = int64_t{1} << 40;
  // Survey points: one plain, one with a send amount past int32, one with
  // a fee past the plain bound.
  for (int k = 0; k < 3; ++k) {
    Quote q = OneBand(7 + k, 0, 0);
    q.fees.bands.clear();
    q.rate.reset();
    SurveyPoint point;
    point.send_minor = k == 1 ? int64_t{1} << 32 : 20000;
    point.SetFee11(absl::int128(k == 2 ? kFeeBound : 300) * 100'000'000'000 +
                   12'345);
    point.rate = R("17.4");
    q.survey_points = {point};
    quotes.push_back(q);
  }
  // Dated past 2^46 seconds.
  quotes.push_back(OneBand(10, 100, 0));
  quotes.back().quoted_at = absl::FromUnixSeconds(int64_t{1} << 47);
  // A margin past the plain bound: a rate far below the mid-market one,
  // confirmed.
  quotes.push_back(OneBand(11, 100, 0));
  quotes.back().rate = R("0.5");
  quotes.back().rate_outlier_confirmed = true;
  const QuoteBook book = testing::Book(std::move(quotes), {"p1"});
  const int64_t expected_flags[] = {ScanRow::kPlain,
                                    0,
                                    0,
                                    ScanRow::kSlow,
                                    ScanRow::kMore,
                                    ScanRow::kSlow,
                                    ScanRow::kSlow,
                                    ScanRow::kPoints | ScanRow::kPlain,
                                    ScanRow::kSlow,
                                    ScanRow::kPoints,
                                    ScanRow::kSlow,
                                    0};
  absl::StatusOr<PeriodQuotes> all =
      book.QuotesFor(C("US", "MX"), std::nullopt);
  ASSERT_TRUE(all.ok());
  for (size_t i = 0; i < all->quotes.size(); ++i) {
    const int index = std::stoi(all->quotes[i].quote->id.substr(1));
    EXPECT_EQ(FlagsOf(book, i), expected_flags[index]) << "q" << index;
  }
  ExpectReferenceAnswersAt(
      book, {int64_t{1}, int64_t{20000}, engine_internal::kPlainAmountMax - 1,
             engine_internal::kPlainAmountMax,
             engine_internal::kPlainAmountMax + 1, int64_t{1} << 40});
}

// Rows of two survey points, or of two bands, are priced as plain rows up
// to their first point's send amount (the last amount before the second
// band) when the first point or band holds the plain bounds (a band with
// no fee limits) and the quote has no amount limits: ScanRow::plain_to
// says how far, and the answers stay the reference scan's at the edges of
// those fields and on either side of plain_to.
TEST(RowScanTest, TwoPointAndTwoBandRowsArePlainBelowTheSecond) {
  constexpr int64_t kFeeBound = engine_internal::kPlainFeeBound;
  constexpr int64_t kPercentBound = engine_internal::kPlainPercentBound;
  constexpr int64_t kAmountMax = engine_internal::kPlainAmountMax;
  std::vector<Quote> quotes;
  std::vector<int64_t> expected_to;
  // Two points: the first at `first`, with a fee of `fee` (and 12,345
  // below the minor unit), the second 30,000 later.
  auto points = [&](int64_t first, int64_t fee, int64_t expected) {
    Quote q = OneBand(static_cast<int>(quotes.size()), 0, 0);
    q.fees.bands.clear();
    q.rate.reset();
    for (int k = 0; k < 2; ++k) {
      SurveyPoint point;
      point.send_minor = first + 30000 * k;
      point.SetFee11(absl::int128(fee + 7 * k) * 100'000'000'000 + 12'345);
      point.rate = k == 0 ? R("17.4") : R("17.2");
      q.survey_points.push_back(point);
    }
    quotes.push_back(q);
    expected_to.push_back(expected);
  };
  points(20000, 300, 20000);
  points(1, 300, 1);
  points(kAmountMax - 1, 300, kAmountMax - 1);
  points(kAmountMax, 300, kAmountMax);
  points(kAmountMax + 1, 300, kAmountMax);
  points(20000, kFeeBound - 1, 20000);
  points(20000, kFeeBound, 0);
  // With amount limits: never.
  points(20000, 300, 0);
  quotes.back().min_send_minor = 100;
  points(20000, 300, 0);
  quotes.back().max_send_minor = 1'000'000;
  // Two bands: the second from `from`; the first with a fixed fee and a
  // percentage.
  auto bands = [&](int64_t from, int64_t fixed, int64_t percent,
                   int64_t expected) {
    Quote q = OneBand(static_cast<int>(quotes.size()), fixed, percent);
    q.fees.bands.push_back(
        FeeBand{from, fixed + 11, Percent::FromScaled(500'000'000), {}, {}});
    quotes.push_back(q);
    expected_to.push_back(expected);
  };
  bands(20000, 100, 1'000'000'000, 19999);
  bands(1, 100, 1'000'000'000, 0);
  bands(2, 100, 1'000'000'000, 1);
  bands(kAmountMax, 100, 1'000'000'000, kAmountMax - 1);
  bands(kAmountMax + 1, 100, 1'000'000'000, kAmountMax);
  bands(std::numeric_limits<int64_t>::max(), 100, 0, kAmountMax);
  bands(20000, kFeeBound - 1, kPercentBound - 1, 19999);
  bands(20000, kFeeBound, 0, 0);
  bands(20000, 100, kPercentBound, 0);
  // A fee limit on the first band, or on the second only, or amount
  // limits.
  bands(20000, 100, 1'000'000'000, 0);
  quotes.back().fees.bands[0].max_fee_minor = 250;
  bands(20000, 100, 1'000'000'000, 19999);
  quotes.back().fees.bands[1].min_fee_minor = 400;
  bands(20000, 100, 1'000'000'000, 0);
  quotes.back().max_send_minor = 50000;
  // One band or point: kPlainAmountMax when plain, as the flag says.
  quotes.push_back(OneBand(static_cast<int>(quotes.size()), 100, 0));
  expected_to.push_back(kAmountMax);
  quotes.push_back(OneBand(static_cast<int>(quotes.size()), kFeeBound, 0));
  expected_to.push_back(0);
  const QuoteBook book = testing::Book(std::move(quotes), {"p1"});
  absl::StatusOr<PeriodQuotes> all =
      book.QuotesFor(C("US", "MX"), std::nullopt);
  ASSERT_TRUE(all.ok());
  for (size_t i = 0; i < all->quotes.size(); ++i) {
    const int index = std::stoi(all->quotes[i].quote->id.substr(1));
    EXPECT_EQ(int64_t{all->rows[i].plain_to}, expected_to[index])
        << "q" << index;
    EXPECT_EQ((all->rows[i].flags() & engine_internal::ScanRow::kPlain) != 0,
              all->rows[i].plain_to == kAmountMax &&
                  (all->rows[i].flags() & engine_internal::ScanRow::kTwo) == 0)
        << "q" << index;
  }
  ExpectReferenceAnswersAt(
      book, {int64_t{1}, int64_t{2}, int64_t{3}, int64_t{19999}, int64_t{20000},
             int64_t{20001}, int64_t{35000}, int64_t{49999}, int64_t{50000},
             int64_t{50001}, kAmountMax - 1, kAmountMax, kAmountMax + 1,
             kAmountMax + 30000, int64_t{1} << 40});
}

// Corridors of mostly two-point and two-band quotes, at amounts about
// their first points and second bands, with and without a filter: runs of
// rows priced as plain rows, broken where the amount passes a row's
// plain_to.
TEST(RowScanTest, MostlyTwoPointCorridorsGiveTheSameAnswers) {
  ExpectReferenceAnswersOnGeneratedCorridors(
      [](Generator& gen, Quote& q) {
        q.fees = FeeSchedule();
        q.margin_over_mid.reset();
        q.survey_points.clear();
        q.rate.reset();
        const Rate rate = R(gen.OneIn(2) ? "17.25" : "17.4");
        if (gen.OneIn(2)) {
          for (int k = 0; k < 2; ++k) {
            SurveyPoint point;
            point.send_minor = k == 0 ? 20000 - gen.Pick(2) : 50000;
            point.SetFee11(absl::int128(gen.Between(0, 2000)) *
                               100'000'000'000 +
                           (gen.OneIn(3) ? gen.Between(0, 99'999'999'999) : 0));
            point.rate = rate;
            q.survey_points.push_back(point);
          }
        } else {
          q.rate = rate;
          for (int k = 0; k < 2; ++k) {
            q.fees.bands.push_back(
                gen.UnlimitedBand(k == 0 ? 0 : 20000 - gen.Pick(2)));
          }
        }
      },
      [](Generator& gen, int r, RankRequest& request) {
        if (r % 2 == 0) {
          request.filter = RankFilter();
          request.access.reset();
        }
        request.amount_kind = AmountKind::kSend;
        request.amount = Money::FromMinorUnits(
            r % 3 == 0 ? 19998 + gen.Pick(4) : gen.Between(1, 80000),
            testing::Cur("USD"));
      });
}

// A corridor of 70,000 quotes (more rows than the second-level cache
// holds): the same answers.
TEST(RowScanTest, ALargeCorridorGivesTheSameAnswers) {
  Generator gen(11);
  const QuoteBook book = gen.MakeBook(70'000);
  absl::StatusOr<PeriodQuotes> all =
      book.QuotesFor(C("US", "MX"), std::nullopt);
  ASSERT_TRUE(all.ok());
  const FakeClock clock(Generator::kNow);
  for (int r = 0; r < 4; ++r) {
    const RankRequest request = gen.MakeRequest();
    ASSERT_EQ(Text(Rank(book, request, clock)),
              Text(RankByReferenceScan(book, request, clock)))
        << "request " << r;
  }
}

// The sample's places lie one in each part of the corridor, and its
// window widens with the rows it could not price, up to where it gives up.
TEST(RowScanTest, TheMedianSampleCoversTheCorridor) {
  using ranking_internal::kMedianSamples;
  using ranking_internal::MedianSamplePlace;
  using ranking_internal::MedianWindowFor;
  for (const size_t n : {kMedianSamples, size_t{40'000}, size_t{1'000'003}}) {
    const size_t part = n / kMedianSamples;
    for (size_t k = 0; k < kMedianSamples; ++k) {
      const size_t place = MedianSamplePlace(k, n);
      ASSERT_GE(place, k * part) << n;
      ASSERT_LT(place, (k + 1) * part) << n;
    }
  }
  EXPECT_FALSE(MedianWindowFor(63, 0).has_value());
  EXPECT_FALSE(MedianWindowFor(900, kMedianSamples / 8 + 1).has_value());
  // 1,024 priced: the middle, 512, and 3 x 32 either side.
  ASSERT_TRUE(MedianWindowFor(1024, 0).has_value());
  EXPECT_EQ(MedianWindowFor(1024, 0)->low, 416u);
  EXPECT_EQ(MedianWindowFor(1024, 0)->high, 608u);
  // 100 unknown: the middle of all 1,024 sampled may lie 100 lower among
  // the 924 priced.
  ASSERT_TRUE(MedianWindowFor(924, 100).has_value());
  EXPECT_EQ(MedianWindowFor(924, 100)->low, 316u);
  EXPECT_EQ(MedianWindowFor(924, 100)->high, 608u);
  // Few priced: the window reaches both ends.
  ASSERT_TRUE(MedianWindowFor(64, 0).has_value());
  EXPECT_EQ(MedianWindowFor(64, 0)->low, 8u);
  EXPECT_EQ(MedianWindowFor(64, 0)->high, 56u);
  EXPECT_EQ(MedianWindowFor(64, 40)->low, 0u);
  EXPECT_EQ(MedianWindowFor(64, 40)->high, 63u);
}

// A corridor large enough that the scan keeps for the summary's median
// only the keys within a window taken from a sample of its rows, most of
// which the rows price (one band or two, some with limits), some stale,
// one in sixteen from its PreparedQuote: the same answers, at amounts
// across the bands, in each order, with and without a filter.
TEST(RowScanTest, AMedianWithinTheSampledWindowGivesTheSameAnswers) {
  Generator gen(5);
  std::vector<Quote> quotes;
  const int n = static_cast<int>(ranking_internal::kMedianWindowFrom) + 5000;
  for (int i = 0; i < n; ++i) {
    Quote q = gen.MakeQuote(i);
    if (!gen.OneIn(16)) {
      q.transparent = true;
      q.judged_at.reset();
      q.data_notes = 0;
      q.mid_rate = R("17.5");
      q.survey_points.clear();
      q.margin_over_mid.reset();
      q.rate = R("17.25");
      q.fees = FeeSchedule();
      q.fees.bands = {gen.UnlimitedBand(0)};
      if (gen.OneIn(3)) q.fees.bands.push_back(gen.UnlimitedBand(50000));
    }
    quotes.push_back(std::move(q));
  }
  const QuoteBook book = testing::Book(std::move(quotes), {"p1", "p4"});
  const FakeClock clock(Generator::kNow);
  for (int r = 0; r < 6; ++r) {
    RankRequest request = gen.MakeRequest();
    request.amount_kind = AmountKind::kSend;
    request.amount =
        Money::FromMinorUnits(gen.Between(1, 80000), testing::Cur("USD"));
    request.summarize = true;
    request.access.reset();
    request.order =
        r % 3 == 0 ? RankOrder::kAmountReceived : RankOrder::kTotalCost;
    if (r % 2 == 0) request.filter = RankFilter();
    EXPECT_EQ(Text(Rank(book, request, clock)),
              Text(RankByReferenceScan(book, request, clock)))
        << "request " << r;
  }
}

// A corridor large enough that the scan keeps for the summary's median
// only the keys within a window taken from a sample of its rows, whose
// sampled rows do not stand for the rest: each costs more than every row
// not sampled (ids in row order put the quotes where the test wants
// them). The window then lies above the middle keys, and the scan runs
// again keeping every key: the same answers, with stale quotes, a filter
// and a page past the first offers, so that nothing of the first scan is
// left over.
TEST(RowScanTest, AMedianOutsideTheSampledWindowGivesTheSameAnswers) {
  const size_t n = ranking_internal::kMedianWindowFrom + 1000;
  std::vector<bool> sampled(n, false);
  for (size_t k = 0; k < ranking_internal::kMedianSamples; ++k) {
    sampled[ranking_internal::MedianSamplePlace(k, n)] = true;
  }
  std::vector<Quote> quotes;
  for (size_t i = 0; i < n; ++i) {
    const int index = static_cast<int>(i);
    Quote q = OneBand(index, (sampled[i] ? 400 : 100) + index % 50, 0);
    q.id = absl::StrCat("q", absl::Dec(i, absl::kZeroPad7));
    q.quoted_at = Generator::kNow - absl::Hours(1 + index % 24);
    if (!sampled[i] && i % 7 == 3) {
      q.quoted_at = Generator::kNow - absl::Hours(24 * 400);
    }
    quotes.push_back(std::move(q));
  }
  const QuoteBook book = testing::Book(std::move(quotes), {"p1"});
  absl::StatusOr<PeriodQuotes> all =
      book.QuotesFor(C("US", "MX"), std::nullopt);
  ASSERT_TRUE(all.ok());
  for (size_t i = 0; i < n; i += 997) {
    ASSERT_EQ(all->quotes[i].quote->id,
              absl::StrCat("q", absl::Dec(i, absl::kZeroPad7)));
  }
  const FakeClock clock(Generator::kNow);
  for (const RankOrder order :
       {RankOrder::kTotalCost, RankOrder::kAmountReceived}) {
    RankRequest request(C("US", "MX"),
                        Money::FromMinorUnits(20000, testing::Cur("USD")));
    request.order = order;
    request.summarize = true;
    request.offset = 3;
    request.limit = 5;
    request.filter.max_speed = Speed::kSameDay;
    const absl::StatusOr<RankResult> result = Rank(book, request, clock);
    ASSERT_TRUE(result.ok());
    EXPECT_FALSE(result->excluded.empty());
    EXPECT_GT(result->freshness.stale_count, 0u);
    EXPECT_EQ(Text(result), Text(RankByReferenceScan(book, request, clock)))
        << "order " << static_cast<int>(order);
  }
}

// The rows themselves are packed for most quotes: the comparison above
// would prove little if every quote went the reference way.
TEST(RowScanTest, MostGeneratedQuotesArePricedFromTheirRows) {
  Generator gen(7);
  const QuoteBook book = gen.MakeBook(400);
  absl::StatusOr<PeriodQuotes> all =
      book.QuotesFor(C("US", "MX"), std::nullopt);
  ASSERT_TRUE(all.ok());
  size_t packed = 0;
  for (const engine_internal::ScanRow& row : all->rows) {
    packed += (row.flags() & engine_internal::ScanRow::kSlow) == 0;
  }
  ASSERT_EQ(all->rows.size(), all->quotes.size());
  EXPECT_GT(packed, all->rows.size() / 3);
}

}  // namespace
}  // namespace remit
