// A CSV reader (RFC 4180): quoted fields with "" escapes, commas and line
// breaks inside quotes, CRLF or LF line ends, a UTF-8 byte order mark.
//
// Thread-safety: pure function.
//
// Example:
//   absl::StatusOr<std::vector<CsvRow>> rows = ReadCsv("a,\"b,c\"\r\n1,2\n");
//   // rows[0] = {line 1, {"a", "b,c"}}, rows[1] = {line 2, {"1", "2"}}
#ifndef REMIT_ENGINE_IMPORTERS_RPW_INTERNAL_CSV_H_
#define REMIT_ENGINE_IMPORTERS_RPW_INTERNAL_CSV_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace remit::engine_internal {

struct CsvRow {
  int line = 0;  // 1-based line where the row starts.
  std::vector<std::string> fields;
};

// Blank lines are skipped. INVALID_ARGUMENT naming the line for a quote
// that is never closed or text after a closing quote.
absl::StatusOr<std::vector<CsvRow>> ReadCsv(absl::string_view text);

}  // namespace remit::engine_internal

#endif  // REMIT_ENGINE_IMPORTERS_RPW_INTERNAL_CSV_H_
