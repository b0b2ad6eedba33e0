#include "engine/data/internal/field_reader.h"

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "engine/model/model.h"
#include "engine/money/echo.h"
#include "engine/money/internal/fixed_point.h"
#include "engine/money/money.h"
#include "engine/pricing/quote_rules.h"

namespace remit::data_internal {

using engine_internal::ParseOptions;
using engine_internal::ParsePlainScaled;
using google::protobuf::FieldDescriptor;
using google::protobuf::TextFormat;

namespace {

// Plain decimals ("6.5", "-3") at `scale` digits, as the parsers of Money,
// Rate and Percent read them before anything else: a value here is theirs.
bool Plain(absl::string_view text, int scale, int64_t* out) {
  ParseOptions options;
  options.scale = scale;
  return ParsePlainScaled(text, options, out);
}

constexpr int kCumulativeDays[12] = {0,   31,  59,  90,  120, 151,
                                     181, 212, 243, 273, 304, 334};

bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// Leap years from year 1 up to, not including, `year` (at least 1).
int LeapYearsBefore(int year) {
  return (year - 1) / 4 - (year - 1) / 100 + (year - 1) / 400;
}

// Days from 1970-01-01 to year-month-day, a real date from 1970 on.
int64_t DaysSinceEpoch(int year, int month, int day) {
  return int64_t{365} * (year - 1970) + LeapYearsBefore(year) -
         LeapYearsBefore(1970) + kCumulativeDays[month - 1] +
         (month > 2 && IsLeapYear(year) ? 1 : 0) + day - 1;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

}  // namespace

Node FieldReader::Root(const ParsedDataset& file) const {
  Node root;
  root.file = &file;
  root.tree = file.text_locations();
  return root;
}

void FieldReader::PlaceInTree(const Node& parent, const Message& message,
                              Node* child) {
  const FieldDescriptor* descriptor = Field(message, child->field);
  const TextFormat::ParseLocation where =
      parent.tree->GetLocation(descriptor, child->index);
  if (where.line >= 0) {
    child->line = where.line + 1;
    child->column = where.column + 1;
  }
  child->tree = parent.tree->GetTreeForNested(descriptor, child->index);
}

void FieldReader::Error(const Node& node, const Message& message,
                        absl::string_view field, int index, std::string text) {
  if (full()) return;
  DatasetError error;
  error.file = node.file->name();
  error.field = Join(node.Path(), field, index);
  error.message = std::move(text);
  error.line = node.line;
  error.column = node.column;
  if (node.tree != nullptr && !field.empty()) {
    const TextFormat::ParseLocation where =
        node.tree->GetLocation(Field(message, field), index);
    if (where.line >= 0) {
      error.line = where.line + 1;
      error.column = where.column + 1;
    }
  }
  errors_->push_back(std::move(error));
}

bool FieldReader::CheckId(const Node& node, const Message& message,
                          absl::string_view field, const std::string& id) {
  if (id.empty()) {
    Error(node, message, field, "is required");
    return false;
  }
  const bool valid =
      id.size() <= 64 && absl::c_all_of(id, [](char c) {
        return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' ||
               c == '_' || c == '.';
      });
  if (!valid) {
    Error(node, message, field,
          absl::StrCat(Echo(id),
                       " must be 1 to 64 of a-z, A-Z, 0-9, '-', '_', '.'"));
    return false;
  }
  return true;
}

std::optional<int64_t> FieldReader::NonEmptyAmount(const Node& node,
                                                   const Message& message,
                                                   absl::string_view field,
                                                   const std::string& text,
                                                   CurrencyCode currency) {
  // A plain non-negative decimal, as Money::FromDecimal reads it.
  if (int64_t minor; Plain(text, currency.exponent(), &minor) && minor >= 0) {
    return minor;
  }
  std::optional<Money> money =
      Convert<Money>(node, message, field, text, /*required=*/false,
                     [currency](const std::string& t) {
                       return Money::FromDecimal(t, currency);
                     });
  if (!money.has_value()) return std::nullopt;
  if (std::optional<std::string> why =
          NegativeAmountProblem(text, money->minor_units())) {
    Error(node, message, field, *std::move(why));
    return std::nullopt;
  }
  return money->minor_units();
}

std::optional<absl::int128> FieldReader::SurveyFee(const Node& node,
                                                   const Message& message,
                                                   absl::string_view field,
                                                   const std::string& text,
                                                   CurrencyCode currency) {
  if (text.empty()) return absl::int128(0);
  absl::StatusOr<absl::int128> fee11 = ParseSurveyFee11(text, currency);
  if (!fee11.ok()) {
    Error(node, message, field, std::string(fee11.status().message()));
    return std::nullopt;
  }
  return *fee11;
}

std::optional<Rate> FieldReader::RateField(const Node& node,
                                           const Message& message,
                                           absl::string_view field,
                                           const std::string& text,
                                           bool required) {
  // A plain positive decimal, as Rate::FromString reads it.
  if (int64_t scaled; Plain(text, Rate::kScale, &scaled) && scaled > 0) {
    return *Rate::FromScaled(scaled);
  }
  return Convert<Rate>(
      node, message, field, text, required,
      [](const std::string& t) { return Rate::FromString(t); });
}

std::optional<Percent> FieldReader::NonEmptyPercent(const Node& node,
                                                    const Message& message,
                                                    absl::string_view field,
                                                    const std::string& text,
                                                    absl::string_view bounds,
                                                    int64_t low, int64_t high) {
  // A plain decimal, as Percent::FromString reads it; else the full path.
  std::optional<Percent> percent;
  if (int64_t scaled; Plain(text, Percent::kScale, &scaled)) {
    percent = Percent::FromScaled(scaled);
  } else {
    percent = Convert<Percent>(
        node, message, field, text, /*required=*/false,
        [](const std::string& t) { return Percent::FromString(t); });
  }
  if (!percent.has_value()) return std::nullopt;
  const int64_t scale = 1'000'000'000;
  if (percent->scaled() < low * scale || percent->scaled() > high * scale) {
    Error(node, message, field, absl::StrCat("'", text, "' must be ", bounds));
    return std::nullopt;
  }
  return percent;
}

std::optional<absl::Time> FieldReader::Date(const Node& node,
                                            const Message& message,
                                            absl::string_view field,
                                            const std::string& text,
                                            bool required) {
  if (text.empty()) {
    if (required) Error(node, message, field, "is required");
    return std::nullopt;
  }
  absl::Time time;
  std::string why;
  if (text.size() == 10) {
    // "YYYY-MM-DD", by hand: this runs once per quote.
    auto digits = [&](int from, int count, int* out) {
      int value = 0;
      for (int i = from; i < from + count; ++i) {
        if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) {
          return false;
        }
        value = value * 10 + (text[i] - '0');
      }
      *out = value;
      return true;
    };
    int year, month, day;
    if (text[4] == '-' && text[7] == '-' && digits(0, 4, &year) &&
        digits(5, 2, &month) && digits(8, 2, &day)) {
      // From 1970 on (nearly every date), by hand: CivilDay's
      // normalisation costs more than the check.
      if (year >= 1970 && month >= 1 && month <= 12 && day >= 1 &&
          day <= DaysInMonth(year, month)) {
        return absl::FromUnixSeconds(int64_t{86400} *
                                     DaysSinceEpoch(year, month, day));
      }
      const absl::CivilDay civil(year, month, day);
      // CivilDay normalises 2025-02-30 to 2025-03-02: reject that.
      if (civil.year() == year && civil.month() == month &&
          civil.day() == day) {
        // Midnight UTC, without a time zone lookup: whole days since the
        // epoch (UTC has no offset to find).
        return absl::UnixEpoch() +
               absl::Hours(24) * (civil - absl::CivilDay(1970, 1, 1));
      }
      Error(node, message, field,
            absl::StrCat("'", text, "' is not a real date"));
      return std::nullopt;
    }
  } else if (absl::ParseTime(absl::RFC3339_full, text, &time, &why)) {
    return time;
  }
  Error(
      node, message, field,
      absl::StrCat(Echo(text), " is not a date (YYYY-MM-DD) or RFC 3339 time"));
  return std::nullopt;
}

std::optional<CurrencyCode> FieldReader::Currency(const Node& node,
                                                  const Message& message,
                                                  absl::string_view field,
                                                  const std::string& text) {
  return Convert<CurrencyCode>(
      node, message, field, text, /*required=*/true,
      [](const std::string& t) { return CurrencyCode::FromString(t); });
}

}  // namespace remit::data_internal
