// A driver for instruction counts of loading a binary dataset: parses and
// validates the generated dataset of bench/generated_dataset.h (N quotes)
// and builds its QuoteBook R times, as BM_LoadBinary does, the book and the
// parsed file freed after each load. Run it under callgrind and divide the
// inclusive count of LoadOnce (parse, validation, book and freeing them),
// ParseDataset or BuildQuoteBook by R:
//
//   bazel build -c opt //bench:load_profile
//   valgrind --tool=callgrind --toggle-collect='remit::bench::LoadOnce(*' \
//       bazel-bin/bench/load_profile 50000 3
//
// Arguments: N (default 50000), R (default 3), and "parse" for the
// baseline of BM_ParseBinaryOnArena instead: protobuf's parse of the same
// bytes into an arena, nothing else (collect 'remit::bench::ParseOnce(*').
// The first load is not collected apart (callgrind --toggle-collect counts
// each call): compare runs of the same R.
#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench/generated_dataset.h"
#include "engine/data/dataset.h"
#include "engine/formats/formats.h"
#include "google/protobuf/arena.h"

namespace remit::bench {

// One load; the quotes in the book.
__attribute__((noinline)) size_t LoadOnce(const std::string& bytes) {
  std::vector<DatasetError> errors;
  absl::StatusOr<ParsedDataset> file =
      ParseDataset("bench.binpb", bytes, {}, &errors);
  if (!file.ok()) return 0;
  std::vector<ParsedDataset> files;
  files.push_back(*std::move(file));
  absl::StatusOr<QuoteBook> book = BuildQuoteBook(files, {}, &errors);
  return book.ok() ? book->quotes().size() : 0;
}

// The baseline: the bytes parsed into an arena, as BM_ParseBinaryOnArena
// does; the quotes parsed.
__attribute__((noinline)) size_t ParseOnce(const std::string& bytes) {
  google::protobuf::Arena arena;
  auto* dataset = google::protobuf::Arena::CreateMessage<v1::Dataset>(&arena);
  if (!dataset->ParseFromString(bytes)) return 0;
  return static_cast<size_t>(dataset->quotes_size());
}

}  // namespace remit::bench

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 50000;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
  const bool parse_only = argc > 3 && std::strcmp(argv[3], "parse") == 0;
  std::string bytes;
  remit::bench::MakeDataset(n).SerializeToString(&bytes);
  // The generated dataset, a heap message of some 250,000 small blocks, has
  // just been freed: glibc consolidates those blocks at the next large
  // allocation, which would be the first load's or parse's. Done here, so
  // that every counted load and parse is a steady one.
  malloc_trim(0);
  size_t loaded = 0;
  for (int i = 0; i < repeats; ++i) {
    loaded += parse_only ? remit::bench::ParseOnce(bytes)
                         : remit::bench::LoadOnce(bytes);
  }
  std::printf("%d %s of %d quotes: %zu quotes\n", repeats,
              parse_only ? "parses" : "loads", n, loaded);
  return loaded == static_cast<size_t>(n) * repeats ? 0 : 1;
}
