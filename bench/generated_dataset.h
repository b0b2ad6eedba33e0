// A generated binary-loadable dataset for the loading benchmarks: 100
// providers and `quotes` quotes over eight corridors, each quote with one
// fee band (a third of them two), a rate and a mid-market rate that make
// margins of 2.4 % to 26 %. The same data for dataset_benchmark and
// load_profile, so that their figures compare.
//
// Thread-safety: a function of its argument.
//
// Example:
//   const remit::v1::Dataset d = remit::bench::MakeDataset(50000);
//   std::string bytes;
//   d.SerializeToString(&bytes);
#ifndef REMIT_BENCH_GENERATED_DATASET_H_
#define REMIT_BENCH_GENERATED_DATASET_H_

#include "proto/remit/v1/dataset.pb.h"

namespace remit::bench {

v1::Dataset MakeDataset(int quotes);

}  // namespace remit::bench

#endif  // REMIT_BENCH_GENERATED_DATASET_H_
