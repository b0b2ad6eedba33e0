// Writes a synthetic workbook of the published RPW file's shape and size
// (bench/synthetic_workbook.h, MakeRpwPublishedWorkbook) to a file, for
// tools outside the C++ benchmarks (pandas, the server):
//
//   bazel run -c opt //bench:make_rpw_workbook -- --out=/tmp/rpw.xlsx
//   bazel run -c opt //bench:make_rpw_workbook -- --rows=25396 --out=...
//
// Prints the rows, the sheets' XML sizes and the file size.
#include <cstdio>
#include <fstream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "bench/synthetic_workbook.h"

ABSL_FLAG(int, rows, remit::bench::kRpwPublishedRows,
          "Data rows in the two dataset sheets together.");
ABSL_FLAG(std::string, out, "", "The .xlsx file to write.");

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int rows = absl::GetFlag(FLAGS_rows);
  const std::string out = absl::GetFlag(FLAGS_out);
  if (out.empty() || rows < 0) {
    std::fprintf(stderr, "usage: make_rpw_workbook [--rows=N] --out=FILE\n");
    return 2;
  }
  absl::StatusOr<remit::bench::SyntheticWorkbook> book =
      remit::bench::MakeRpwPublishedWorkbook(rows);
  if (!book.ok()) {
    std::fprintf(stderr, "%s\n", book.status().ToString().c_str());
    return 1;
  }
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  file.write(book->bytes.data(),
             static_cast<std::streamsize>(book->bytes.size()));
  file.close();
  if (!file) {
    std::fprintf(stderr, "%s: cannot write\n", out.c_str());
    return 1;
  }
  std::printf("%s: %d rows, %.1f MB\n", out.c_str(), book->rows,
              static_cast<double>(book->bytes.size()) / 1e6);
  for (const remit::bench::SyntheticSheet& sheet : book->sheets) {
    std::printf("  %s (%s): %d rows, %.1f MB of XML\n", sheet.name.c_str(),
                sheet.part.c_str(), sheet.rows,
                static_cast<double>(sheet.xml_bytes) / 1e6);
  }
  return 0;
}
