// The workbook the RPW import benchmarks read: the file named by the
// environment variable RPW_BENCH_WORKBOOK (written by make_rpw_workbook),
// else one made in memory by MakeRpwPublishedWorkbook with
// RPW_BENCH_ROWS rows (default: the published 253,960).
//
// Thread-safety: RpwBenchWorkbook() is made once, on first use; call it
// from one thread first.
//
// Example:
//   const RpwBenchInput& input = RpwBenchWorkbook();
//   ParseDataset("rpw.xlsx", input.bytes, {}, &errors);
#ifndef REMIT_BENCH_RPW_WORKBOOK_INPUT_H_
#define REMIT_BENCH_RPW_WORKBOOK_INPUT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace remit::bench {

struct RpwBenchInput {
  std::string source;  // The file's path, or "generated".
  std::string bytes;   // The .xlsx file.
  // The zip entries of the dataset sheets and their uncompressed sizes.
  std::vector<std::string> sheet_parts;
  uint64_t sheet_xml_bytes = 0;
};

// Aborts with a message when the file cannot be read or made.
const RpwBenchInput& RpwBenchWorkbook();

// Inflates the zip entry `part` of `bytes` with libzip in 64 KiB chunks and
// discards them: the floor of any reader. Returns the bytes inflated.
uint64_t InflateAndDiscard(const std::string& bytes, const std::string& part);

}  // namespace remit::bench

#endif  // REMIT_BENCH_RPW_WORKBOOK_INPUT_H_
