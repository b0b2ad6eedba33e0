// Fuzzes the .xlsx reader: opens the input as a workbook and reads every
// sheet, checking what ReadRows promises of each row it hands out.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "engine/workbook/xlsx_reader.h"

namespace {

void Require(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const remit::XlsxReaderOptions options;
  absl::StatusOr<remit::XlsxReader> reader = remit::XlsxReader::Open(
      "fuzz.xlsx", std::string(reinterpret_cast<const char*>(data), size),
      options);
  if (!reader.ok()) {
    Require(reader.status().code() == absl::StatusCode::kInvalidArgument,
            "a refused workbook is INVALID_ARGUMENT");
    return 0;
  }
  for (const std::string& sheet : reader->sheet_names()) {
    int previous_row = 0;
    const absl::Status status = reader->ReadRows(
        sheet, [&](int row, absl::Span<const remit::XlsxCell> cells) {
          Require(row > previous_row && row <= 1048576, "rows ascend");
          previous_row = row;
          int previous_column = -1;
          size_t row_bytes = 0;
          for (const remit::XlsxCell& cell : cells) {
            Require(cell.column > previous_column && cell.column <= 16383,
                    "cells in column order, on the grid");
            previous_column = cell.column;
            row_bytes += cell.text.size();
            if (cell.type == remit::XlsxCellType::kBoolean) {
              Require(cell.text == "0" || cell.text == "1", "booleans 0/1");
            }
            Require(!remit::ColumnName(cell.column).empty(), "column name");
          }
          Require(row_bytes <= options.max_row_bytes, "row bytes bounded");
          return absl::OkStatus();
        });
    Require(status.ok() || status.code() == absl::StatusCode::kInvalidArgument,
            "a bad sheet is INVALID_ARGUMENT");
  }
  return 0;
}
