// Ranks every corridor of a book at a few amounts, both ways, checking the
// invariants (fuzz targets only).
#ifndef REMIT_FUZZ_RANK_ALL_H_
#define REMIT_FUZZ_RANK_ALL_H_

#include "engine/ranking/ranking.h"
#include "engine/time/clock.h"
#include "fuzz/invariants.h"

namespace remit::fuzz {

inline void RankEveryCorridor(const QuoteBook& book) {
  const FakeClock clock(absl::FromUnixSeconds(1'790'000'000));
  for (const Corridor& corridor : book.corridors()) {
    for (int64_t amount : {int64_t{1}, int64_t{20000}, int64_t{123456789}}) {
      RankRequest send(corridor,
                       Money::FromMinorUnits(amount, corridor.send_currency()));
      send.max_quote_age = absl::InfiniteDuration();
      send.include_opaque = amount == 20000;
      absl::StatusOr<RankResult> result = Rank(book, send, clock);
      if (result.ok()) CheckRanking(send, *result);
      RankRequest receive(
          corridor, Money::FromMinorUnits(amount, corridor.receive_currency()));
      receive.amount_kind = AmountKind::kReceive;
      receive.max_quote_age = absl::InfiniteDuration();
      result = Rank(book, receive, clock);
      if (result.ok()) CheckRanking(receive, *result);
    }
  }
}

}  // namespace remit::fuzz

#endif  // REMIT_FUZZ_RANK_ALL_H_
