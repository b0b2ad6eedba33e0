#include "engine/workbook/internal/sheet_text.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace remit::workbook_internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// The UTF-16 code unit of the escape "_xHHHH_" at text[i], or -1.
int EscapeAt(absl::string_view text, size_t i) {
  if (i + 7 > text.size() || text[i] != '_' || text[i + 1] != 'x' ||
      text[i + 6] != '_') {
    return -1;
  }
  int unit = 0;
  for (size_t k = i + 2; k < i + 6; ++k) {
    const int digit = HexValue(text[k]);
    if (digit < 0) return -1;
    unit = unit * 16 + digit;
  }
  return unit;
}

void AppendUtf8(uint32_t code, std::string* out) {
  if (code < 0x80) {
    out->push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code >> 6)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

}  // namespace

std::optional<int> ParseRowNumber(absl::string_view text) {
  if (text.empty() || text.size() > 7 || text[0] == '0') return std::nullopt;
  int row = 0;
  for (char c : text) {
    if (!IsDigit(c)) return std::nullopt;
    row = row * 10 + (c - '0');
  }
  if (row > kMaxRow) return std::nullopt;
  return row;
}

std::optional<int> ParseIndex(absl::string_view text) {
  if (text.empty() || text.size() > 10) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (!IsDigit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > INT32_MAX) return std::nullopt;
  return static_cast<int>(value);
}

std::optional<CellPlace> ParseCellReference(absl::string_view reference) {
  size_t letters = 0;
  int column = 0;
  while (letters < reference.size() && reference[letters] >= 'A' &&
         reference[letters] <= 'Z') {
    if (letters == 3) return std::nullopt;
    column = column * 26 + (reference[letters] - 'A' + 1);
    ++letters;
  }
  if (letters == 0 || column - 1 > kMaxColumn) return std::nullopt;
  const std::optional<int> row = ParseRowNumber(reference.substr(letters));
  if (!row.has_value()) return std::nullopt;
  return CellPlace{column - 1, *row};
}

std::string ColumnLetters(int column) {
  std::string letters;
  if (column < 0) return letters;
  // Bijective base 26: A..Z, AA..ZZ, AAA...
  int64_t n = int64_t{column} + 1;
  while (n > 0) {
    const int64_t digit = (n - 1) % 26;
    letters.push_back(static_cast<char>('A' + digit));
    n = (n - 1) / 26;
  }
  std::reverse(letters.begin(), letters.end());
  return letters;
}

void DecodeEscapes(std::string* text) {
  if (text->find("_x") == std::string::npos) return;
  std::string out;
  out.reserve(text->size());
  const absl::string_view in(*text);
  size_t i = 0;
  while (i < in.size()) {
    const int unit = EscapeAt(in, i);
    if (unit < 0) {
      out.push_back(in[i]);
      ++i;
      continue;
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      const int low = EscapeAt(in, i + 7);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        AppendUtf8(0x10000 + ((static_cast<uint32_t>(unit) - 0xD800) << 10) +
                       (static_cast<uint32_t>(low) - 0xDC00),
                   &out);
        i += 14;
        continue;
      }
    }
    if (unit >= 0xD800 && unit <= 0xDFFF) {
      out.append(in.substr(i, 7).data(), 7);  // A lone surrogate: as written.
    } else {
      AppendUtf8(static_cast<uint32_t>(unit), &out);
    }
    i += 7;
  }
  *text = std::move(out);
}

}  // namespace remit::workbook_internal
