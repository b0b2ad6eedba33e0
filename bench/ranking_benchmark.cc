// Ranking speed: ns per quote ranked for corridors of 10 to 10,000 quotes.
//
//   bazel run -c opt //bench:ranking_benchmark
//
// Counters: ns_per_quote (time / quotes in the corridor) and
// allocs_per_request (operator new calls per Rank()). BM_ScanBaseline reads
// every quote's first fee band once, the floor any ranking pays to look at
// its quotes: compare ratios against it, measured in the same run.
#include <atomic>
#include <cstdlib>
#include <new>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "engine/clock.h"
#include "engine/quote_book.h"
#include "engine/ranking.h"

namespace {
std::atomic<int64_t> g_allocations{0};
}  // namespace

void* operator new(size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }

namespace remit {
namespace {

template <typename T>
T Must(absl::StatusOr<T> v) {
  if (!v.ok()) std::abort();
  return *std::move(v);
}

const Corridor& UsMx() {
  static const Corridor* corridor =
      new Corridor(Must(Corridor::Parse("US", "", "MX", "")));
  return *corridor;
}

// `n` quotes in USA->MEX: a third with two fee bands and a percentage part,
// a third with a flat fee, a third priced by two survey points.
QuoteBook MakeBook(int n) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> fee(0, 1500);
  std::uniform_int_distribution<int> rate(165000, 175000);  // 16.5 - 17.5
  std::vector<Provider> providers;
  for (int p = 0; p < 50; ++p) {
    providers.push_back({absl::StrCat("p", p), absl::StrCat("Provider ", p),
                         static_cast<ProviderType>(p % 5)});
  }
  std::vector<Quote> quotes;
  quotes.reserve(n);
  for (int i = 0; i < n; ++i) {
    Quote q(UsMx());
    q.id = absl::StrCat("q", i);
    q.provider_id = absl::StrCat("p", i % 50);
    q.payment_instrument = static_cast<PaymentInstrument>(i % 6);
    q.receive_method = static_cast<ReceiveMethod>(i % 5);
    q.speed = static_cast<Speed>(i % 6);
    q.quoted_at = absl::FromUnixSeconds(1'750'000'000);
    q.mid_rate = Must(Rate::FromString("17.5"));
    q.rate_currency = UsMx().receive_currency();
    const Rate r = Must(Rate::FromScaled(int64_t{rate(rng)} * 10'000'000));
    switch (i % 3) {
      case 0:
        q.rate = r;
        q.fees.bands = {
            FeeBand{0, fee(rng), Percent::FromScaled(1'000'000'000), {}, 1500},
            FeeBand{
                50000, fee(rng), Percent::FromScaled(500'000'000), 300, {}}};
        break;
      case 1:
        q.rate = r;
        q.fees.bands = {FeeBand{0, fee(rng), Percent(), {}, {}}};
        break;
      default:
        q.survey_points = {{20000, fee(rng), r, {}}, {50000, fee(rng), r, {}}};
        break;
    }
    quotes.push_back(std::move(q));
  }
  return Must(QuoteBook::Create(std::move(providers), std::move(quotes),
                                ReferenceRates()));
}

void RankBenchmark(benchmark::State& state, size_t limit) {
  const int n = static_cast<int>(state.range(0));
  const QuoteBook book = MakeBook(n);
  const FakeClock clock(absl::FromUnixSeconds(1'750'100'000));
  RankRequest request(UsMx(), Must(Money::Parse("200 USD")));
  request.limit = limit;
  RankScratch scratch;
  int64_t allocations = 0;
  for (auto _ : state) {
    const int64_t before = g_allocations.load(std::memory_order_relaxed);
    absl::StatusOr<RankResult> result = Rank(book, request, clock, &scratch);
    allocations += g_allocations.load(std::memory_order_relaxed) - before;
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["ns_per_quote"] = benchmark::Counter(
      static_cast<double>(state.iterations() * n),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["allocs_per_request"] =
      static_cast<double>(allocations) / state.iterations();
}

void BM_RankTop10(benchmark::State& state) { RankBenchmark(state, 10); }
BENCHMARK(BM_RankTop10)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000);

void BM_RankAll(benchmark::State& state) {
  RankBenchmark(state, std::numeric_limits<size_t>::max());
}
BENCHMARK(BM_RankAll)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000);

// Baseline: one pass over the same prepared quotes reading a fee.
void BM_ScanBaseline(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const QuoteBook book = MakeBook(n);
  absl::Span<const PreparedQuote> quotes = book.QuotesIn(UsMx());
  for (auto _ : state) {
    int64_t sum = 0;
    for (const PreparedQuote& p : quotes) {
      const Quote& q = *p.quote;
      sum += q.survey_points.empty() ? q.fees.bands.front().fixed_minor
                                     : q.survey_points.front().fee_minor;
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["ns_per_quote"] = benchmark::Counter(
      static_cast<double>(state.iterations() * n),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_ScanBaseline)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000);

}  // namespace
}  // namespace remit
