// remitrank's ranking against SQLite in memory, on the same quotes.
//
//   bazel run -c opt //bench:sqlite_benchmark
//
// Both sides get the same generated corridor (bench/generated_quotes.h,
// simple fee shapes) with each quote's FX margin precomputed, as the
// QuoteBook does at load. SQLite has an index on the corridor and a
// prepared statement that computes every quote's total cost at 200.00 USD
// in integers, exactly as the engine does, and returns the ten cheapest in
// the engine's order (cost, then speed, then provider id, then quote id).
// Before timing, the two top tens are compared; a mismatch aborts.
//
// BM_Remitrank also computes the corridor summary, as every RankOffers
// call does; BM_RemitrankOffersOnly skips it (RankRequest::summarize), for
// the same work as SQLite's.
//
// ns_per_quote = time / quotes in the corridor. Each size is a separate
// benchmark of each side, measured in the same run: compare the ratio.
//
// BM_RemitrankScale pairs the two sizes the scan's goal compares: each
// iteration ranks 1,000,000 quotes once and 50,000 quotes twenty times
// (the same number of quotes), one right after the other, and
// `per_quote_ratio` is the median ratio of their CPU times
// (bench/paired_ratio.h).
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/generated_quotes.h"
#include "bench/paired_ratio.h"
#include "benchmark/benchmark.h"
#include "engine/ranking/ranking.h"
#include "engine/time/clock.h"

namespace remit {
namespace {

constexpr int64_t kAmount = 20000;  // 200.00 USD
constexpr int kTop = 10;

void Check(int code, sqlite3* db, const char* what) {
  if (code != SQLITE_OK && code != SQLITE_DONE && code != SQLITE_ROW) {
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    std::abort();
  }
}

// An in-memory SQLite database holding `book`'s quotes.
class SqlitePeer {
 public:
  explicit SqlitePeer(const QuoteBook& book) {
    Check(sqlite3_open(":memory:", &db_), db_, "open");
    Check(sqlite3_exec(db_,
                       "CREATE TABLE quotes (corridor TEXT, provider TEXT, "
                       "quote TEXT, speed INTEGER, fixed_fee INTEGER, "
                       "percent_fee INTEGER, margin INTEGER);"
                       "CREATE INDEX by_corridor ON quotes (corridor);",
                       nullptr, nullptr, nullptr),
          db_, "schema");
    sqlite3_stmt* insert;
    Check(sqlite3_prepare_v2(db_,
                             "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?)",
                             -1, &insert, nullptr),
          db_, "prepare insert");
    Check(sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr), db_, "begin");
    for (const Corridor& corridor : book.corridors()) {
      const std::string key = corridor.ToString();
      for (const PreparedQuote& p : book.QuotesIn(corridor)) {
        const Quote& q = *p.quote;
        sqlite3_bind_text(insert, 1, key.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 2, q.provider_id.c_str(), -1,
                          SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 3, q.id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(insert, 4, static_cast<int>(q.speed));
        sqlite3_bind_int64(insert, 5, q.fees.bands[0].fixed_minor);
        sqlite3_bind_int64(insert, 6, q.fees.bands[0].percent.scaled());
        sqlite3_bind_int64(insert, 7, p.margin.scaled());
        Check(sqlite3_step(insert), db_, "insert");
        sqlite3_reset(insert);
      }
    }
    sqlite3_finalize(insert);
    Check(sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr), db_,
          "commit");
    // cost x 10^11 = fee x 10^11 + amount x margin; the percentage fee is
    // exact at 200.00 USD for the generated percentages.
    Check(sqlite3_prepare_v2(
              db_,
              "SELECT quote FROM quotes WHERE corridor = ?1 ORDER BY "
              "(fixed_fee + ?2 * percent_fee / 100000000000) * 100000000000 "
              "+ ?2 * margin, speed, provider, quote LIMIT ?3",
              -1, &top_, nullptr),
          db_, "prepare query");
  }
  ~SqlitePeer() {
    sqlite3_finalize(top_);
    sqlite3_close(db_);
  }

  std::vector<std::string> Top(const std::string& corridor) {
    std::vector<std::string> ids;
    sqlite3_bind_text(top_, 1, corridor.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(top_, 2, kAmount);
    sqlite3_bind_int(top_, 3, kTop);
    while (sqlite3_step(top_) == SQLITE_ROW) {
      ids.emplace_back(
          reinterpret_cast<const char*>(sqlite3_column_text(top_, 0)));
    }
    sqlite3_reset(top_);
    return ids;
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* top_ = nullptr;
};

// `summarize`: also the corridor summary (SQLite computes none).
std::vector<std::string> EngineTop(const QuoteBook& book, RankScratch* scratch,
                                   bool summarize) {
  const FakeClock clock(absl::FromUnixSeconds(1'750'100'000));
  RankRequest request(
      bench::UsMx(),
      Money::FromMinorUnits(kAmount, bench::UsMx().send_currency()));
  request.limit = kTop;
  request.summarize = summarize;
  absl::StatusOr<RankResult> result = Rank(book, request, clock, scratch);
  std::vector<std::string> ids;
  for (const Offer& o : result->offers) ids.push_back(o.quote->quote->id);
  return ids;
}

void SameTopTen(const QuoteBook& book, SqlitePeer& peer) {
  RankScratch scratch;
  const std::vector<std::string> top = peer.Top(bench::UsMx().ToString());
  if (EngineTop(book, &scratch, true) != top ||
      EngineTop(book, &scratch, false) != top) {
    std::fprintf(stderr, "remitrank and SQLite disagree on the top ten\n");
    std::abort();
  }
}

void PerQuote(benchmark::State& state, int n) {
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["ns_per_quote"] = benchmark::Counter(
      static_cast<double>(state.iterations() * n),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// The engine on a corridor of state.range(0) quotes; `summarize` as in
// RankRequest.
void RankEngine(benchmark::State& state, bool summarize) {
  const int n = static_cast<int>(state.range(0));
  const QuoteBook book = bench::MakeBook(n, /*simple=*/true);
  SqlitePeer peer(book);
  SameTopTen(book, peer);
  RankScratch scratch;
  for (auto _ : state) {
    benchmark::DoNotOptimize(EngineTop(book, &scratch, summarize));
  }
  PerQuote(state, n);
}

void BM_Remitrank(benchmark::State& state) { RankEngine(state, true); }

// Without the corridor summary: the same work as SQLite's.
void BM_RemitrankOffersOnly(benchmark::State& state) {
  RankEngine(state, false);
}

void BM_RemitrankScale(benchmark::State& state) {
  constexpr int kSmall = 50'000;
  constexpr int kLarge = 1'000'000;
  const QuoteBook small = bench::MakeBook(kSmall, /*simple=*/true);
  const QuoteBook large = bench::MakeBook(kLarge, /*simple=*/true);
  RankScratch scratch;
  state.counters["per_quote_ratio"] = bench::MedianRatioOfPairs(
      state,
      [&] { benchmark::DoNotOptimize(EngineTop(large, &scratch, true)); },
      [&] {
        for (int i = 0; i < kLarge / kSmall; ++i) {
          benchmark::DoNotOptimize(EngineTop(small, &scratch, true));
        }
      });
  state.SetItemsProcessed(state.iterations() * 2 * kLarge);
}

void BM_Sqlite(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const QuoteBook book = bench::MakeBook(n, /*simple=*/true);
  SqlitePeer peer(book);
  SameTopTen(book, peer);
  const std::string corridor = bench::UsMx().ToString();
  for (auto _ : state) benchmark::DoNotOptimize(peer.Top(corridor));
  PerQuote(state, n);
}

void CorridorSizes(benchmark::internal::Benchmark* benchmark) {
  for (int quotes : {100, 1000, 10000, 50000, 1000000}) benchmark->Arg(quotes);
}

BENCHMARK(BM_Remitrank)->Apply(CorridorSizes);
BENCHMARK(BM_RemitrankOffersOnly)->Apply(CorridorSizes);
BENCHMARK(BM_Sqlite)->Apply(CorridorSizes);
BENCHMARK(BM_RemitrankScale)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace remit
