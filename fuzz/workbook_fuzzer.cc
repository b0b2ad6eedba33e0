// Fuzzes the .xlsx reader: opens the input as a workbook and reads every
// sheet, checking what ReadRows promises of each row it hands out, and
// that reading it in pieces on worker threads gives the same rows and the
// same status as reading it on one thread.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "engine/workbook/xlsx_reader.h"

namespace {

void Require(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

// Every row and cell handed out, as text.
void Append(std::string* out, int row,
            absl::Span<const remit::XlsxCell> cells) {
  absl::StrAppend(out, row, ":");
  for (const remit::XlsxCell& cell : cells) {
    absl::StrAppend(out, cell.column, ",", static_cast<int>(cell.type), ",",
                    cell.formula ? "f" : "", ",", cell.text.size(), ",",
                    cell.text, ";");
  }
  out->push_back('\n');
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  remit::XlsxReaderOptions options;
  options.threads = 1;
  absl::StatusOr<remit::XlsxReader> reader = remit::XlsxReader::Open(
      "fuzz.xlsx", std::string(reinterpret_cast<const char*>(data), size),
      options);
  if (!reader.ok()) {
    Require(reader.status().code() == absl::StatusCode::kInvalidArgument,
            "a refused workbook is INVALID_ARGUMENT");
    return 0;
  }
  // The same bytes read in pieces of a few bytes on two worker threads.
  remit::XlsxReaderOptions in_pieces = options;
  in_pieces.threads = 2;
  in_pieces.chunk_bytes = 1 + size % 61;
  absl::StatusOr<remit::XlsxReader> pieces = remit::XlsxReader::Open(
      "fuzz.xlsx", std::string(reinterpret_cast<const char*>(data), size),
      in_pieces);
  Require(pieces.ok(), "the same workbook opens with any threads");
  for (const std::string& sheet : reader->sheet_names()) {
    int previous_row = 0;
    std::string rows;
    const absl::Status status = reader->ReadRows(
        sheet, [&](int row, absl::Span<const remit::XlsxCell> cells) {
          Append(&rows, row, cells);
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
    std::string rows_in_pieces;
    const absl::Status status_in_pieces = pieces->ReadRows(
        sheet, [&](int row, absl::Span<const remit::XlsxCell> cells) {
          Append(&rows_in_pieces, row, cells);
          return absl::OkStatus();
        });
    Require(rows_in_pieces == rows, "the same rows read in pieces");
    Require(status_in_pieces == status, "the same status read in pieces");
  }
  return 0;
}
