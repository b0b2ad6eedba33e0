// A driver for instruction counts of Rank(): ranks one generated corridor
// (bench/generated_quotes.h) of N quotes R times, top ten, with the summary,
// as BM_RankTop10 does. Run it under callgrind and divide Rank's inclusive
// count by R:
//
//   bazel build -c opt //bench:rank_profile
//   valgrind --tool=callgrind --toggle-collect='remit::Rank(*' \
//       bazel-bin/bench/rank_profile 1000 100
//
// Arguments: N (default 1000), R (default 100), "simple" for the simple
// fee shapes of sqlite_benchmark.
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "bench/generated_quotes.h"
#include "engine/ranking/ranking.h"
#include "engine/time/clock.h"

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 100;
  const bool simple = argc > 3 && std::strcmp(argv[3], "simple") == 0;
  const remit::QuoteBook book = remit::bench::MakeBook(n, simple);
  const remit::FakeClock clock(absl::FromUnixSeconds(1'750'100'000));
  remit::RankRequest request(remit::bench::UsMx(),
                             *remit::Money::Parse("200 USD"));
  request.limit = 10;
  remit::RankScratch scratch;
  size_t ranked = 0;
  for (int i = 0; i < repeats; ++i) {
    absl::StatusOr<remit::RankResult> result =
        remit::Rank(book, request, clock, &scratch);
    if (!result.ok()) {
      std::fprintf(stderr, "%s\n", result.status().ToString().c_str());
      return 1;
    }
    ranked += result->ranked_count;
  }
  std::printf("%d ranks of %d quotes: %zu ranked\n", repeats, n, ranked);
  return 0;
}
