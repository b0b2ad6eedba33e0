// Generated corridors of quotes for benchmarks.
//
// MakeBook(n) builds one USA -> MEX corridor of n quotes: a third with two
// fee bands and a percentage part, a third with a flat fee, a third priced
// by two survey points. With simple = true every quote has one band with a
// fixed fee and a percentage from {0, 0.5, 1, 1.5} % and a provider rate
// (what an SQL peer can price the same way, without rounding ties at
// 200.00 USD). With falling_survey_rates, each survey quote's rate at its
// second point is 0.3 MXN lower than at its first: what it delivers falls
// just above 350.00 USD, where the second point's rate starts to apply.
#ifndef REMIT_BENCH_GENERATED_QUOTES_H_
#define REMIT_BENCH_GENERATED_QUOTES_H_

#include "engine/book/quote_book.h"
#include "engine/model/model.h"

namespace remit::bench {

const Corridor& UsMx();
QuoteBook MakeBook(int n, bool simple = false,
                   bool falling_survey_rates = false);

}  // namespace remit::bench

#endif  // REMIT_BENCH_GENERATED_QUOTES_H_
