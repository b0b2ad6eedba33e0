#include "engine/importers/rpw/internal/csv.h"

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace remit::engine_internal {

absl::StatusOr<std::vector<CsvRow>> ReadCsv(absl::string_view text) {
  if (absl::StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  int line = 1;
  row.line = 1;
  bool in_quotes = false;
  bool quoted_field = false;  // The current field was quoted and closed.
  bool row_has_content = false;
  int quote_line = 0;

  auto end_field = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
    quoted_field = false;
  };
  auto end_row = [&] {
    end_field();
    if (row_has_content) rows.push_back(std::move(row));
    row = CsvRow();
    row_has_content = false;
  };

  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
          quoted_field = true;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == ',') {
      end_field();
      row_has_content = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
      ++line;
      row.line = line;
    } else if (c == '"') {
      if (!field.empty() || quoted_field) {
        return absl::InvalidArgumentError(
            absl::StrCat("line ", line, ": a quote inside an unquoted field"));
      }
      in_quotes = true;
      quote_line = line;
      row_has_content = true;
    } else {
      if (quoted_field) {
        return absl::InvalidArgumentError(absl::StrCat(
            "line ", line, ": text after the closing quote of a field"));
      }
      field.push_back(c);
      row_has_content = true;
    }
  }
  if (in_quotes) {
    return absl::InvalidArgumentError(
        absl::StrCat("line ", quote_line, ": a quoted field is never closed"));
  }
  end_row();
  return rows;
}

}  // namespace remit::engine_internal
