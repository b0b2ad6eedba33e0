#include "cli/output.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "cli/freshness.h"
#include "cli/i18n/localizer.h"
#include "engine/money/money.h"
#include "engine/money/percent.h"
#include "engine/protoconv/money_proto.h"
#include "google/protobuf/util/json_util.h"

namespace remit::cli {

std::string FormatName(Format format) {
  switch (format) {
    case Format::kTable:
      return "table";
    case Format::kCsv:
      return "csv";
    case Format::kJson:
      return "json";
    case Format::kSvg:
      return "svg";
  }
  return "?";
}

std::string FormatsHelp(absl::Span<const Format> accepted) {
  std::string out;
  for (size_t i = 0; i < accepted.size(); ++i) {
    if (i > 0) absl::StrAppend(&out, i + 1 == accepted.size() ? " or " : ", ");
    absl::StrAppend(&out, FormatName(accepted[i]), i == 0 ? " (default)" : "");
  }
  return out;
}

absl::StatusOr<Format> ParseFormat(const std::string& text,
                                   absl::Span<const Format> accepted) {
  std::vector<std::string> names;
  for (Format f : accepted) {
    if (FormatName(f) == text) return f;
    names.push_back(FormatName(f));
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "--format: '", text, "' is not one of ", absl::StrJoin(names, ", ")));
}

std::string MoneyText(const v1::Money& money, bool present) {
  if (!present) return "";
  absl::StatusOr<Money> m = MoneyFromProto(money);
  return m.ok() ? m->ToString() : "?";
}

std::string GroupedMoneyText(const v1::Money& money, bool present) {
  if (!present) return "";
  absl::StatusOr<Money> m = MoneyFromProto(money);
  if (!m.ok()) return "?";
  return absl::StrCat(EnglishLocalizer().Number(m->AmountString()), " ",
                      m->currency().code());
}

std::string PercentText(const std::string& percent) {
  if (percent.empty()) return "";
  absl::StatusOr<Percent> p = Percent::FromString(percent);
  return p.ok() ? absl::StrCat(p->ToString(2), "%") : "?";
}

std::string Json(const google::protobuf::Message& message) {
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = true;
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  return out;
}

std::string Csv(const std::string& field) {
  if (field.find_first_of(",\"\n") == std::string::npos) return field;
  return absl::StrCat("\"", absl::StrReplaceAll(field, {{"\"", "\"\""}}), "\"");
}

namespace {

// "RECEIVE_METHOD_CASH_PICKUP" -> "cash pickup".
std::string EnumText(const std::string& name, absl::string_view prefix) {
  std::string text = absl::AsciiStrToLower(name.substr(prefix.size()));
  return absl::StrReplaceAll(text, {{"_", " "}});
}

// The columns `text` takes on a terminal: its UTF-8 code points.
size_t DisplayWidth(absl::string_view text) {
  size_t width = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  }
  return width;
}

// Each column's widest cell.
std::vector<size_t> ColumnWidths(
    const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(row[i]));
    }
  }
  return widths;
}

// Columns padded to their widest cell; numbers right-aligned.
std::string Table(const std::vector<std::vector<std::string>>& rows,
                  const std::vector<bool>& right) {
  const std::vector<size_t> widths = ColumnWidths(rows);
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      const std::string pad(widths[i] - DisplayWidth(row[i]), ' ');
      absl::StrAppend(&line, i == 0 ? "" : "  ",
                      right[i] ? pad + row[i] : row[i] + pad);
    }
    absl::StrAppend(&out, absl::StripTrailingAsciiWhitespace(line), "\n");
  }
  return out;
}

std::string Reason(v1::ExclusionReason reason) {
  switch (reason) {
    case v1::EXCLUSION_REASON_OPAQUE:
      return "rate not disclosed";
    case v1::EXCLUSION_REASON_STALE:
      return "price too old";
    case v1::EXCLUSION_REASON_OUTSIDE_AMOUNT_LIMITS:
      return "amount not offered";
    case v1::EXCLUSION_REASON_NO_MID_MARKET_RATE:
      return "no market rate to compare";
    case v1::EXCLUSION_REASON_FILTERED_OUT:
      return "filtered out";
    case v1::EXCLUSION_REASON_CANNOT_DELIVER:
      return "cannot deliver";
    case v1::EXCLUSION_REASON_RATE_IMPLAUSIBLE:
      return "rate implausible against the market rate";
    default:
      return "left out";
  }
}

// "stale", "filtered out": the one reason every quote was left out for, as
// the CSV names it; "" when they were left out for several.
std::string NoOffersReason(const v1::NoOffers& no_offers) {
  if (no_offers.reason() == v1::EXCLUSION_REASON_UNSPECIFIED) return "";
  return EnumText(v1::ExclusionReason_Name(no_offers.reason()),
                  "EXCLUSION_REASON_");
}

// `pattern` (ICU MessageFormat, English) with `count` as {n}: "{n, plural,
// one {# offer} other {# offers}}" -> "1 offer", "12,345 offers".
std::string Counted(int64_t count, absl::string_view pattern) {
  return EnglishLocalizer().Format(pattern, {{"n", count}});
}

std::string SummaryLine(const v1::CorridorSummary& s) {
  if (s.offer_count() == 0) return "No offer to compare at this amount.";
  return absl::StrCat(
      Counted(s.offer_count(), "{n, plural, one {# offer} other {# offers}}"),
      ": average ", PercentText(s.average_total_cost_percent()), ", median ",
      PercentText(s.median_total_cost_percent()), "; SmaRT ",
      s.has_smart_percent()
          ? PercentText(s.smart_percent())
          : absl::StrCat("none (",
                         Counted(s.smart_qualifying_count(),
                                 "{n, plural, one {# of the 3 needed offers "
                                 "qualifies} other {# of the 3 needed offers "
                                 "qualify}}"),
                         ")"));
}

bool HasNote(const v1::Offer& o, v1::DataNote note) {
  return std::find(o.data_notes().begin(), o.data_notes().end(), note) !=
         o.data_notes().end();
}

// A remark on the published total cost % (marked on the total).
bool HasTotalNote(const v1::Offer& o) {
  return HasNote(o, v1::DATA_NOTE_TOTAL_DIFFERS_FROM_PARTS) ||
         HasNote(o, v1::DATA_NOTE_NEGATIVE_TOTAL) ||
         HasNote(o, v1::DATA_NOTE_TOTAL_ABOVE_100_PERCENT);
}

// "negative_total;total_differs_from_parts", for csv.
std::string DataNoteNames(const v1::Offer& o) {
  std::vector<std::string> names;
  for (int note : o.data_notes()) {
    names.push_back(absl::AsciiStrToLower(absl::StripPrefix(
        v1::DataNote_Name(static_cast<v1::DataNote>(note)), "DATA_NOTE_")));
  }
  return absl::StrJoin(names, ";");
}

// What an offer's data notes mean, in words.
std::string DataNoteText(const v1::Offer& o) {
  std::vector<std::string> words;
  for (int note : o.data_notes()) {
    switch (static_cast<v1::DataNote>(note)) {
      case v1::DATA_NOTE_TOTAL_DIFFERS_FROM_PARTS:
        words.push_back(
            "the published total differs from its fee and FX margin");
        break;
      case v1::DATA_NOTE_NEGATIVE_TOTAL:
        words.push_back(
            "the published total is negative (a promotional rate better "
            "than the market rate)");
        break;
      case v1::DATA_NOTE_TOTAL_ABOVE_100_PERCENT:
        words.push_back("the published total is above 100 %");
        break;
      case v1::DATA_NOTE_PAYOUT_CURRENCY_UNKNOWN:
        words.push_back(
            "the survey does not say whether its rates are in US dollars or "
            "the receiving currency, so the amount received is unknown");
        break;
      case v1::DATA_NOTE_RATE_IMPLAUSIBLE:
        words.push_back(
            "the surveyed rate is implausible against the market rate "
            "(entered inverted or off by a factor of ten?)");
        break;
      default:
        break;
    }
  }
  return absl::StrJoin(words, "; ");
}

}  // namespace

namespace {

bool IsNegative(const v1::Money& money) {
  absl::StatusOr<Money> m = MoneyFromProto(money);
  return m.ok() && m->minor_units() < 0;
}

bool IsNonZero(const v1::Money& money) {
  absl::StatusOr<Money> m = MoneyFromProto(money);
  return m.ok() && m->minor_units() != 0;
}

// "0.55 USD" for -0.55 USD.
std::string MagnitudeText(const v1::Money& money) {
  absl::StatusOr<Money> m = MoneyFromProto(money);
  if (!m.ok()) return "?";
  return GroupedMoneyText(
      MoneyToProto(Money::FromMinorUnits(-m->minor_units(), m->currency())),
      true);
}

// A total cost as people read it: a negative one in words ("0.55 USD
// gain"), with the marks of the offer: "~" before an estimated price, "*"
// after a promotional one.
std::string TotalCell(const v1::Offer& o) {
  if (!o.has_total_cost()) return "";
  std::string text = IsNegative(o.total_cost())
                         ? MagnitudeText(o.total_cost()) + " gain"
                         : GroupedMoneyText(o.total_cost(), true);
  return absl::StrCat(o.estimated() ? "~" : "", text,
                      o.promotional() ? "*" : "");
}

// "4.97%", or "0.27% gain" for a negative one.
std::string PercentOrGainText(const std::string& percent) {
  std::string text = PercentText(percent);
  if (absl::StartsWith(text, "-")) text = text.substr(1) + " gain";
  return text;
}

std::string TotalPercentCell(const v1::Offer& o) {
  return PercentOrGainText(o.total_cost_percent()) +
         (HasTotalNote(o) ? " !" : "");
}

// The width of a row of cells with two spaces between them.
size_t RowWidth(const std::vector<size_t>& widths) {
  size_t total = 0;
  for (size_t w : widths) total += w;
  return widths.empty() ? 0 : total + 2 * (widths.size() - 1);
}

// `text` in lines of at most `width` columns, broken at spaces (a word
// longer than the width is broken where it must be).
std::vector<std::string> WrapCell(const std::string& text, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  for (absl::string_view word : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    std::string rest(word);
    while (DisplayWidth(rest) > width) {
      if (!line.empty()) {
        lines.push_back(line);
        line.clear();
      }
      // Cut at a code point boundary.
      size_t end = 0;
      for (size_t kept = 0; end < rest.size(); ++end) {
        if ((static_cast<unsigned char>(rest[end]) & 0xC0) != 0x80) {
          if (kept == width) break;
          ++kept;
        }
      }
      lines.push_back(rest.substr(0, end));
      rest = rest.substr(end);
    }
    if (rest.empty()) continue;
    if (!line.empty() && DisplayWidth(line) + 1 + DisplayWidth(rest) > width) {
      lines.push_back(line);
      line.clear();
    }
    absl::StrAppend(&line, line.empty() ? "" : " ", rest);
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

// `text` with its spaces made unbreakable for WrapLines: a figure and its
// currency, or a label and its figure, stay on one line.
std::string Unbreakable(const std::string& text) {
  return absl::StrReplaceAll(text, {{" ", "\x01"}});
}

// `text` wrapped to `width` columns as whole lines, each starting with
// `indent` (the first with `first`); never broken at an Unbreakable()
// space.
std::string WrapLines(const std::string& text, size_t width,
                      const std::string& first, const std::string& indent) {
  std::string out;
  const size_t room =
      width > DisplayWidth(indent) + 10 ? width - DisplayWidth(indent) : 10;
  std::vector<std::string> lines = WrapCell(text, room);
  for (size_t i = 0; i < lines.size(); ++i) {
    absl::StrAppend(&out, i == 0 ? first : indent, lines[i], "\n");
  }
  return absl::StrReplaceAll(out, {{"\x01", " "}});
}

// The rank table's columns. The order of this enum is the order on screen.
enum RankColumn {
  kRankColumn,
  kProviderColumn,
  kHowColumn,
  kYouSendColumn,  // Receive mode only.
  kFeeColumn,
  kSurchargeColumn,  // Only when an offer has one.
  kPayoutFeeColumn,  // Only when an offer has one.
  kOtherFeesColumn,  // Surcharge + payout fee, when those do not fit.
  kMarginColumn,
  kFxCostColumn,
  kTotalColumn,
  kTotalPercentColumn,
  kYouPayColumn,  // Receive mode only.
  kReceivesColumn,
  kSpeedColumn,
  kRankColumnCount
};

// The smallest width a provider name wraps to.
constexpr size_t kMinProviderWidth = 10;

// The sum of two amounts of one currency, as text.
std::string SumText(const v1::Money& a, const v1::Money& b) {
  absl::StatusOr<Money> x = MoneyFromProto(a);
  absl::StatusOr<Money> y = MoneyFromProto(b);
  if (!x.ok() || !y.ok() || x->currency() != y->currency()) return "?";
  return GroupedMoneyText(
      MoneyToProto(Money::FromMinorUnits(x->minor_units() + y->minor_units(),
                                         x->currency())),
      true);
}

// What a rank table ended up showing of the total's parts.
struct TableShape {
  bool breakdown = true;      // Fee, ..., FX cost are columns.
  bool other_merged = false;  // Surcharge and payout fee in "Other fees".
};

// The offers as a table that fits `width` columns, giving way in the order
// RankView documents (output.h).
std::string RankTable(const v1::RankOffersResponse& response,
                      const RankView& view, TableShape* shape) {
  const bool receive = view.receive_mode;
  static const char* const kHeaders[kRankColumnCount] = {
      "#",          "Provider",   "How",        "You send",       "Fee",
      "Surcharge",  "Payout fee", "Other fees", "FX margin",      "FX cost",
      "Total cost", "Total",      "You pay",    "Recipient gets", "Speed"};
  // How a column reads on the line under an offer, when it moves there.
  static const char* const kDetailLabels[kRankColumnCount] = {
      "", "",       "", "you send ",       "", "", "", "", "FX margin ", "",
      "", "total ", "", "recipient gets ", ""};
  std::vector<std::vector<std::string>> cells;  // [offer][column]
  bool any_surcharge = false;
  bool any_payout_fee = false;
  for (const v1::Offer& o : response.offers()) {
    any_surcharge |= IsNonZero(o.funding_surcharge());
    any_payout_fee |= IsNonZero(o.recipient_fee_in_send_currency());
    std::vector<std::string> row(kRankColumnCount);
    row[kRankColumn] = absl::StrCat(o.rank());
    row[kProviderColumn] = o.provider_name();
    row[kHowColumn] = absl::StrCat(
        EnumText(v1::PaymentInstrument_Name(o.payment_instrument()),
                 "PAYMENT_INSTRUMENT_"),
        " -> ",
        EnumText(v1::ReceiveMethod_Name(o.receive_method()),
                 "RECEIVE_METHOD_"));
    row[kYouSendColumn] =
        GroupedMoneyText(o.send_amount(), o.has_send_amount());
    row[kFeeColumn] = GroupedMoneyText(o.fee(), o.has_fee());
    row[kSurchargeColumn] =
        GroupedMoneyText(o.funding_surcharge(), o.has_funding_surcharge());
    row[kPayoutFeeColumn] =
        GroupedMoneyText(o.recipient_fee_in_send_currency(),
                         o.has_recipient_fee_in_send_currency());
    row[kOtherFeesColumn] =
        SumText(o.funding_surcharge(), o.recipient_fee_in_send_currency());
    row[kMarginColumn] =
        o.transparent() ? PercentText(o.fx_margin_percent()) : "unknown";
    row[kFxCostColumn] = o.transparent()
                             ? GroupedMoneyText(o.fx_margin_cost(), true)
                             : "unknown";
    row[kTotalColumn] = TotalCell(o);
    row[kTotalPercentColumn] = TotalPercentCell(o);
    row[kYouPayColumn] =
        GroupedMoneyText(o.total_outlay(), o.has_total_outlay());
    row[kReceivesColumn] =
        o.has_receive_amount()
            ? absl::StrCat(o.estimated() ? "~" : "",
                           GroupedMoneyText(o.receive_amount(), true))
        : HasNote(o, v1::DATA_NOTE_PAYOUT_CURRENCY_UNKNOWN) ? "unknown !"
        : !o.transparent()                                  ? "unknown"
                                                            : "not stated";
    row[kSpeedColumn] = EnumText(v1::Speed_Name(o.speed()), "SPEED_");
    cells.push_back(std::move(row));
  }

  std::vector<bool> shown(kRankColumnCount, true);
  std::vector<bool> in_detail(kRankColumnCount, false);
  shown[kYouSendColumn] = receive;
  shown[kYouPayColumn] = receive;
  shown[kSurchargeColumn] = any_surcharge;
  shown[kPayoutFeeColumn] = any_payout_fee;
  shown[kOtherFeesColumn] = false;
  std::vector<size_t> widths(kRankColumnCount, 0);
  for (int c = 0; c < kRankColumnCount; ++c) {
    widths[c] = DisplayWidth(kHeaders[c]);
    for (const auto& row : cells) {
      widths[c] = std::max(widths[c], DisplayWidth(row[c]));
    }
  }
  const size_t natural_provider = widths[kProviderColumn];
  const size_t min_provider = std::min(natural_provider, kMinProviderWidth);
  auto table_width = [&](size_t provider) {
    std::vector<size_t> w;
    for (int c = 0; c < kRankColumnCount; ++c) {
      if (shown[c]) w.push_back(c == kProviderColumn ? provider : widths[c]);
    }
    return RowWidth(w);
  };
  auto to_detail = [&](std::initializer_list<int> columns) {
    for (int c : columns) {
      if (!shown[c]) continue;
      shown[c] = false;
      in_detail[c] = true;
    }
  };
  const size_t width = static_cast<size_t>(std::max(view.width, 20));
  // 1-3. How and speed, then the FX margin %, then the total cost % (and
  // in receive mode what the recipient gets) move to a line under each
  // offer.
  if (table_width(natural_provider) > width) {
    to_detail({kHowColumn, kSpeedColumn});
  }
  if (table_width(natural_provider) > width) to_detail({kMarginColumn});
  if (table_width(natural_provider) > width) {
    to_detail({kTotalPercentColumn});
    if (receive) to_detail({kReceivesColumn});
  }
  // 4. Provider names wrap (below). 5. Surcharge and payout fee become one
  // column.
  if (table_width(min_provider) > width &&
      (shown[kSurchargeColumn] || shown[kPayoutFeeColumn])) {
    shown[kSurchargeColumn] = false;
    shown[kPayoutFeeColumn] = false;
    shown[kOtherFeesColumn] = true;
    shape->other_merged = true;
    widths[kOtherFeesColumn] = DisplayWidth(kHeaders[kOtherFeesColumn]);
    for (const auto& row : cells) {
      widths[kOtherFeesColumn] = std::max(widths[kOtherFeesColumn],
                                          DisplayWidth(row[kOtherFeesColumn]));
    }
  }
  // 6. The breakdown is left out: the total stays.
  if (table_width(min_provider) > width) {
    shape->breakdown = false;
    for (int c : {kFeeColumn, kSurchargeColumn, kPayoutFeeColumn,
                  kOtherFeesColumn, kFxCostColumn}) {
      shown[c] = false;
    }
  }
  // 7. In receive mode, what is converted moves under the offer.
  if (table_width(min_provider) > width && receive) {
    to_detail({kYouSendColumn});
  }
  // Nothing else gives way: numbers are never cut.
  if (table_width(natural_provider) > width) {
    const size_t others = table_width(0);
    widths[kProviderColumn] =
        others + min_provider >= width ? min_provider : width - others;
  }

  std::vector<int> columns;
  for (int c = 0; c < kRankColumnCount; ++c) {
    if (shown[c]) columns.push_back(c);
  }
  auto line_of = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t i = 0; i < columns.size(); ++i) {
      const int c = columns[i];
      const std::string pad(
          widths[c] - std::min(widths[c], DisplayWidth(row[c])), ' ');
      const bool right =
          c != kProviderColumn && c != kHowColumn && c != kSpeedColumn;
      absl::StrAppend(&line, i == 0 ? "" : "  ",
                      right ? pad + row[c] : row[c] + pad);
    }
    return std::string(absl::StripTrailingAsciiWhitespace(line)) + "\n";
  };
  std::vector<std::string> header(kHeaders, kHeaders + kRankColumnCount);
  std::string out = line_of(header);
  const std::string indent(widths[kRankColumn] + 2, ' ');
  for (size_t r = 0; r < cells.size(); ++r) {
    std::vector<std::string> row = cells[r];
    const std::vector<std::string> names =
        WrapCell(row[kProviderColumn], widths[kProviderColumn]);
    row[kProviderColumn] = names.front();
    absl::StrAppend(&out, line_of(row));
    for (size_t i = 1; i < names.size(); ++i) {
      std::vector<std::string> more(kRankColumnCount);
      more[kProviderColumn] = names[i];
      absl::StrAppend(&out, line_of(more));
    }
    std::vector<std::string> details;
    if (in_detail[kHowColumn]) {
      details.push_back(
          absl::StrCat(cells[r][kHowColumn], ", ", cells[r][kSpeedColumn]));
    }
    for (int c : {kMarginColumn, kTotalPercentColumn, kYouSendColumn,
                  kReceivesColumn}) {
      if (in_detail[c]) {
        // A figure stays on the line of its label.
        details.push_back(
            Unbreakable(absl::StrCat(kDetailLabels[c], cells[r][c])));
      }
    }
    if (!details.empty()) {
      absl::StrAppend(
          &out, WrapLines(absl::StrJoin(details, "; "), width, indent, indent));
    }
  }
  return out;
}

// The personal SmaRT, when the request gave the sender's access.
std::string PersonalSmartLine(const v1::CorridorSummary& s) {
  if (s.has_personal_smart_percent()) {
    return absl::StrCat(
        "Your SmaRT (with your --access): ",
        PercentText(s.personal_smart_percent()), " (corridor SmaRT ",
        s.has_smart_percent() ? PercentText(s.smart_percent()) : "none", ")");
  }
  return absl::StrCat("Your SmaRT (with your --access): none (",
                      s.personal_smart_qualifying_count(),
                      " of the 3 needed offers qualify)");
}

}  // namespace

std::string RankOutput(const v1::RankOffersResponse& response, Format format,
                       const std::string& data_line, const RankView& view) {
  if (format == Format::kJson) return Json(response) + "\n";
  if (format == Format::kCsv) {
    std::string out =
        "rank,provider_id,provider,payment_instrument,receive_method,speed,"
        "send_amount,fee,funding_surcharge,recipient_fee,"
        "recipient_fee_in_send_currency,fx_margin_percent,fx_margin_cost,"
        "total_cost,total_cost_percent,total_outlay,receive_amount,"
        "transparent,estimated,promotional,data_notes,price_date,"
        "prices_judged_at,max_age_days,illustrative,no_offers_reason,"
        "no_offers_message\n";
    const v1::Freshness& freshness = response.freshness();
    for (const v1::Offer& o : response.offers()) {
      const std::vector<std::string> fields = {
          absl::StrCat(o.rank()),
          o.provider_id(),
          o.provider_name(),
          EnumText(v1::PaymentInstrument_Name(o.payment_instrument()),
                   "PAYMENT_INSTRUMENT_"),
          EnumText(v1::ReceiveMethod_Name(o.receive_method()),
                   "RECEIVE_METHOD_"),
          EnumText(v1::Speed_Name(o.speed()), "SPEED_"),
          MoneyText(o.send_amount(), o.has_send_amount()),
          MoneyText(o.fee(), o.has_fee()),
          MoneyText(o.funding_surcharge(), o.has_funding_surcharge()),
          MoneyText(o.recipient_fee(), o.has_recipient_fee()),
          MoneyText(o.recipient_fee_in_send_currency(),
                    o.has_recipient_fee_in_send_currency()),
          o.fx_margin_percent(),
          MoneyText(o.fx_margin_cost(), o.has_fx_margin_cost()),
          MoneyText(o.total_cost(), o.has_total_cost()),
          o.total_cost_percent(),
          MoneyText(o.total_outlay(), o.has_total_outlay()),
          MoneyText(o.receive_amount(), o.has_receive_amount()),
          o.transparent() ? "true" : "false",
          o.estimated() ? "true" : "false",
          o.promotional() ? "true" : "false",
          DataNoteNames(o),
          DateText(o.quoted_at()),
          freshness.as_of_date(),
          MaxAgeDays(freshness),
          freshness.illustrative() ? "true" : "false",
          "",
          ""};
      std::vector<std::string> quoted;
      for (const std::string& f : fields) quoted.push_back(Csv(f));
      absl::StrAppend(&out, absl::StrJoin(quoted, ","), "\n");
    }
    // No offer: one row that says why, the offer's fields empty.
    if (response.offers().empty() && response.has_no_offers()) {
      // Empty up to price_date, the offer's own last field (`out` holds
      // only the header here).
      const size_t columns =
          static_cast<size_t>(std::count(out.begin(), out.end(), ',')) + 1;
      std::vector<std::string> fields(columns - 5, "");
      fields.insert(fields.end(),
                    {freshness.as_of_date(), MaxAgeDays(freshness),
                     freshness.illustrative() ? "true" : "false",
                     NoOffersReason(response.no_offers()),
                     response.no_offers().message()});
      std::vector<std::string> quoted;
      for (const std::string& f : fields) quoted.push_back(Csv(f));
      absl::StrAppend(&out, absl::StrJoin(quoted, ","), "\n");
    }
    return out;
  }
  const size_t width = static_cast<size_t>(std::max(view.width, 20));
  const v1::CorridorSummary& s = response.summary();
  const v1::Corridor& c = s.corridor();
  std::string out =
      absl::StrCat(c.send_country(), " (", c.send_currency(), ") -> ",
                   c.receive_country(), " (", c.receive_currency(), "), ",
                   GroupedMoneyText(s.amount(), s.has_amount()),
                   view.receive_mode ? " received" : "");
  if (!response.period().empty()) {
    absl::StrAppend(&out, ", survey period ", response.period());
  }
  absl::StrAppend(&out, "\n\n");
  TableShape shape;
  if (response.offers().empty() && response.freshness().all_stale()) {
    absl::StrAppend(&out, StaleLines(response.freshness(), width));
  } else if (response.offers().empty() &&
             !response.no_offers().message().empty()) {
    absl::StrAppend(
        &out, WrapLines(absl::StrCat(
                            "No offer: ", response.no_offers().message(), "."),
                        width, "", "  "));
  } else if (response.offers().empty()) {
    absl::StrAppend(&out, "No offer matches.\n");
  } else {
    absl::StrAppend(&out, RankTable(response, view, &shape));
  }
  const bool breakdown_shown = shape.breakdown;
  absl::StrAppend(&out, "\n");
  bool any_promotional = false, any_estimated = false, any_gain = false;
  for (const v1::Offer& o : response.offers()) {
    any_promotional |= o.promotional();
    any_estimated |= o.estimated();
    any_gain |= o.has_total_cost() && IsNegative(o.total_cost());
  }
  std::string legend =
      breakdown_shown
          ? "Total cost = fee + surcharge + payout fee + FX cost, in the send "
            "currency; the FX cost is the cost hidden in the exchange rate "
            "(the provider's rate against the mid-market rate)."
          : "Total cost: the fees plus the cost hidden in the exchange rate. "
            "The breakdown does not fit this width: widen the terminal or "
            "use --format=csv.";
  if (breakdown_shown && !response.offers().empty()) {
    // Only the parts that appear are named.
    bool surcharge = false, payout = false;
    for (const v1::Offer& o : response.offers()) {
      surcharge |= IsNonZero(o.funding_surcharge());
      payout |= IsNonZero(o.recipient_fee_in_send_currency());
    }
    const std::string others =
        shape.other_merged
            ? absl::StrCat(" + other fees (", surcharge ? "surcharge" : "",
                           surcharge && payout ? " + " : "",
                           payout ? "payout fee" : "", ")")
            : absl::StrCat(surcharge ? " + surcharge" : "",
                           payout ? " + payout fee" : "");
    legend = absl::StrCat(
        "Total cost = fee", others,
        " + FX cost, in the send currency. The FX cost is the cost hidden in "
        "the exchange rate: the provider's rate against the mid-market rate.",
        surcharge ? " Surcharge: added for the means of payment (e.g. a card)."
                  : "",
        payout ? " Payout fee: taken from what the recipient gets, shown in "
                 "the send currency at the mid-market rate."
               : "");
  }
  if (std::any_of(response.offers().begin(), response.offers().end(),
                  [](const v1::Offer& o) { return !o.transparent(); })) {
    absl::StrAppend(&legend,
                    " Where the rate is not disclosed, the FX cost and what "
                    "the recipient gets are unknown and the total cost counts "
                    "the fees only.");
  }
  if (view.receive_mode) {
    absl::StrAppend(&legend,
                    " You send: the amount converted; you pay: everything "
                    "you hand over to deliver the amount received.");
  }
  absl::StrAppend(&out, WrapLines(legend, width, "", ""));
  absl::StrAppend(&out, MarkLegend(any_promotional, any_estimated, width));
  if (any_gain) {
    for (const v1::Offer& o : response.offers()) {
      if (!o.has_total_cost() || !IsNegative(o.total_cost())) continue;
      absl::StrAppend(
          &out,
          WrapLines(
              absl::StrCat(o.rank(), " ", o.provider_name(), ": ",
                           o.promotional() ? "promotional rate" : "rate",
                           " better than the market rate: even after fees the "
                           "recipient gets ",
                           Unbreakable(MagnitudeText(o.total_cost())),
                           " more than at the market rate (a total cost of ",
                           Unbreakable(GroupedMoneyText(o.total_cost(), true)),
                           ")."),
              width, "", "  "));
    }
  }
  for (const v1::Offer& o : response.offers()) {
    if (o.data_notes().empty()) continue;
    absl::StrAppend(
        &out, WrapLines(absl::StrCat(o.rank(), " ", o.provider_name(), ": ",
                                     DataNoteText(o), "."),
                        width, "! ", "  "));
  }
  if (!response.excluded_offers().empty()) {
    std::vector<std::string> left_out;
    for (const v1::ExcludedOffer& e : response.excluded_offers()) {
      left_out.push_back(absl::StrCat(e.provider_name(), " (",
                                      Reason(e.exclusion_reason()), ")"));
    }
    absl::StrAppend(
        &out, WrapLines(absl::StrCat(
                            "Left out: ", absl::StrJoin(left_out, ", "), "."),
                        width, "", "  "));
  }
  absl::StrAppend(&out, WrapLines(absl::StrCat("Corridor: ", SummaryLine(s)),
                                  width, "", "  "));
  if (view.personal) {
    absl::StrAppend(&out, WrapLines(PersonalSmartLine(s), width, "", "  "));
  }
  absl::StrAppend(&out, PricesLines(response.freshness(), width));
  absl::StrAppend(&out, data_line, "\n");
  return out;
}

std::string CorridorsOutput(const v1::ListCorridorsResponse& response,
                            const std::vector<v1::CorridorSummary>& summaries,
                            Format format) {
  if (format == Format::kJson) return Json(response) + "\n";
  auto offers = [&](int i) {
    return summaries[i].has_amount() ? absl::StrCat(summaries[i].offer_count())
                                     : std::string();
  };
  if (format == Format::kCsv) {
    std::string out =
        "send_country,send_currency,receive_country,receive_currency,"
        "quote_count,offer_count,average_total_cost_percent,amount,"
        "newest_price_date,all_stale\n";
    for (int i = 0; i < response.corridors_size(); ++i) {
      const v1::CorridorInfo& info = response.corridors(i);
      const v1::Corridor& c = info.corridor();
      absl::StrAppend(
          &out, c.send_country(), ",", c.send_currency(), ",",
          c.receive_country(), ",", c.receive_currency(), ",",
          info.quote_count(), ",", offers(i), ",",
          summaries[i].average_total_cost_percent(), ",",
          MoneyText(summaries[i].amount(), summaries[i].has_amount()), ",",
          info.newest_price_date(), ",",
          info.freshness().all_stale() ? "true" : "false", "\n");
    }
    return out;
  }
  std::vector<std::vector<std::string>> rows;
  rows.push_back(
      {"From", "To", "Quotes", "Offers", "Average cost", "At", "Newest price"});
  int stale = 0;
  const v1::Freshness* stale_example = nullptr;
  const v1::Freshness* illustrative = nullptr;
  for (int i = 0; i < response.corridors_size(); ++i) {
    const v1::CorridorInfo& info = response.corridors(i);
    const v1::Corridor& c = info.corridor();
    const v1::CorridorSummary& s = summaries[i];
    rows.push_back(
        {absl::StrCat(c.send_country(), " ", c.send_currency()),
         absl::StrCat(c.receive_country(), " ", c.receive_currency()),
         absl::StrCat(info.quote_count()), offers(i).empty() ? "-" : offers(i),
         s.average_total_cost_percent().empty()
             ? "-"
             : PercentText(s.average_total_cost_percent()),
         GroupedMoneyText(s.amount(), s.has_amount()),
         info.newest_price_date() +
             (info.freshness().all_stale() ? " stale" : "")});
    if (info.freshness().all_stale()) {
      ++stale;
      stale_example = &info.freshness();
    }
    if (info.freshness().illustrative()) illustrative = &info.freshness();
  }
  std::string out = Table(rows, {false, false, true, true, true, true, false});
  // The notes under the list, in 80 columns like the table above them.
  constexpr size_t kNoteWidth = 80;
  std::vector<std::string> notes = {
      "Offers and average: transparent, current offers at the USD 200 "
      "equivalent; '-' where the data cannot tell that amount."};
  if (stale > 0) {
    notes.push_back(absl::StrCat(
        "stale: every price of the corridor is older than ",
        MaxAgeText(*stale_example), " at ", stale_example->as_of_date(),
        ", so it has no offer (", stale,
        stale == 1 ? " corridor" : " corridors",
        "). Load newer data (--data=FILE), or judge the prices at another "
        "date with --as-of=YYYY-MM-DD."));
  }
  if (illustrative != nullptr) {
    notes.push_back(
        absl::StrCat("Illustrative data as of ", illustrative->as_of_date(),
                     ": made-up prices, judged at that date, not today."));
  }
  for (const std::string& note : notes) {
    absl::StrAppend(&out, WrapParagraph(note, kNoteWidth));
  }
  absl::StrAppend(&out,
                  SourceParagraphs(response.data_sources(),
                                   response.dataset_version(), kNoteWidth),
                  "\n");
  return out;
}

namespace {

// "NairaLink, 1.67%"; a promotion or an estimate says so, and a negative
// total is said in words.
std::string CheapestText(const v1::Offer& o) {
  if (o.has_total_cost() && IsNegative(o.total_cost())) {
    return absl::StrCat(o.provider_name(), ", ", o.estimated() ? "~" : "",
                        MagnitudeText(o.total_cost()), " gain (",
                        o.promotional() ? "promotional " : "",
                        "rate better than the market rate)");
  }
  std::string text =
      absl::StrCat(o.provider_name(), ", ", o.estimated() ? "~" : "",
                   PercentText(o.total_cost_percent()));
  if (o.promotional()) absl::StrAppend(&text, " (promotional)");
  if (o.estimated()) absl::StrAppend(&text, " (estimated)");
  return text;
}

}  // namespace

std::string SummaryOutput(const v1::CorridorSummary& s, Format format,
                          const std::string& data_line, int width) {
  if (format == Format::kJson) return Json(s) + "\n";
  std::vector<std::pair<std::string, std::string>> fields = {
      {"corridor", absl::StrCat(s.corridor().send_country(), " -> ",
                                s.corridor().receive_country())},
      {"amount", format == Format::kCsv
                     ? MoneyText(s.amount(), s.has_amount())
                     : GroupedMoneyText(s.amount(), s.has_amount())},
      {"offers", absl::StrCat(s.offer_count())},
      {"average total cost", PercentText(s.average_total_cost_percent())},
      {"median total cost", PercentText(s.median_total_cost_percent())},
      {"SmaRT", s.has_smart_percent() ? PercentText(s.smart_percent())
                                      : "none (fewer than 3 qualify)"},
      {"at or under 3%", PercentText(s.share_at_or_below_3_percent())},
      {"at or under 5%", PercentText(s.share_at_or_below_5_percent())},
      {"cheapest", s.has_cheapest() ? CheapestText(s.cheapest()) : ""}};
  if (!s.period().empty()) {
    fields.insert(fields.begin() + 1, {"survey period", s.period()});
  }
  if (const std::string prices = FreshnessText(s.freshness());
      !prices.empty()) {
    fields.push_back({"prices", prices});
  }
  if (format == Format::kCsv) {
    std::string out = "field,value\n";
    for (const auto& [k, v] : fields)
      absl::StrAppend(&out, Csv(k), ",", Csv(v), "\n");
    return out;
  }
  // One field a line, its value wrapped within `width` under itself.
  size_t key_width = 0;
  for (const auto& [k, v] : fields) key_width = std::max(key_width, k.size());
  const std::string indent(key_width + 2, ' ');
  std::string out;
  for (const auto& [k, v] : fields) {
    const std::string key = k + std::string(key_width + 2 - k.size(), ' ');
    absl::StrAppend(&out,
                    v.empty() ? k + "\n" : WrapLines(v, width, key, indent));
  }
  return absl::StrCat(out, data_line, "\n");
}

namespace {

// The width every table and text chart of the tool fits in.
constexpr size_t kLineWidth = 80;
// The longest bar of a text chart, in characters.
constexpr int kMaxBar = 40;
// RPW's SDG 10.c target for the cost of a remittance, in percent.
constexpr double kSdgTargetPercent = 3;

// "GBR (GBP) -> NGA (NGN)"; a currency only when the corridor names one.
std::string CorridorText(const v1::Corridor& c) {
  auto side = [](const std::string& country, const std::string& currency) {
    return currency.empty() ? country
                            : absl::StrCat(country, " (", currency, ")");
  };
  return absl::StrCat(side(c.send_country(), c.send_currency()), " -> ",
                      side(c.receive_country(), c.receive_currency()));
}

// "GBR/GBP->NGA/NGN": a corridor in one CSV cell.
std::string CorridorKey(const v1::Corridor& c) {
  return absl::StrCat(c.send_country(), "/", c.send_currency(), "->",
                      c.receive_country(), "/", c.receive_currency());
}

std::string AmountLevelText(v1::AmountLevel level) {
  return level == v1::AMOUNT_LEVEL_CC2 ? "cc2 (the USD 500 equivalent)"
                                       : "cc1 (the USD 200 equivalent)";
}

// `text` cut to at most `width` code points, "..." marking the cut.
std::string Truncate(const std::string& text, size_t width) {
  if (DisplayWidth(text) <= width || width < 4) return text;
  size_t end = 0;
  for (size_t kept = 0; end < text.size(); ++end) {
    if ((static_cast<unsigned char>(text[end]) & 0xC0) != 0x80) {
      if (kept == width - 3) break;
      ++kept;
    }
  }
  return text.substr(0, end) + "...";
}

// `text` in lines of at most kLineWidth, broken at spaces; the first line
// starts with `first`, the others with `rest` (an indent).
std::string Wrap(const std::string& text, const std::string& first,
                 const std::string& rest) {
  std::string out;
  std::string line = first;
  bool line_has_word = false;
  for (absl::string_view word : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    if (line_has_word &&
        DisplayWidth(line) + 1 + DisplayWidth(word) > kLineWidth) {
      absl::StrAppend(&out, line, "\n");
      line = rest;
      line_has_word = false;
    }
    absl::StrAppend(&line, line_has_word ? " " : "", word);
    line_has_word = true;
  }
  absl::StrAppend(&out, line, "\n");
  return out;
}

// An API percentage as a number for drawing; nothing when empty or
// malformed.
std::optional<double> PercentValue(const std::string& percent) {
  if (percent.empty()) return std::nullopt;
  absl::StatusOr<Percent> p = Percent::FromString(percent);
  if (!p.ok()) return std::nullopt;
  return static_cast<double>(p->scaled()) / 1e9;
}

std::string SmartCell(bool has_smart, const std::string& smart,
                      int qualifying) {
  if (has_smart) return PercentText(smart);
  return absl::StrCat("none (", qualifying, "/3)");
}

// The text chart of the average over time: a bar per period, '#' per
// step, '|' at the 3 % target; gaps say so.
std::string AverageChart(const v1::CorridorHistory& history) {
  double largest = kSdgTargetPercent;
  for (const v1::HistoryPoint& p : history.points()) {
    if (p.gap()) continue;
    largest = std::max(
        largest, PercentValue(p.average_total_cost_percent()).value_or(0));
  }
  double step = 100;
  for (double s :
       {0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0, 20.0, 25.0, 50.0}) {
    if (std::ceil(largest / s) <= kMaxBar) {
      step = s;
      break;
    }
  }
  const int target = static_cast<int>(std::lround(kSdgTargetPercent / step));
  int widest = target + 1;
  std::vector<std::string> bars;
  for (const v1::HistoryPoint& p : history.points()) {
    std::optional<double> average =
        p.gap() ? std::nullopt : PercentValue(p.average_total_cost_percent());
    if (!average.has_value()) {
      bars.push_back(p.gap() ? "no survey" : "no average");
      continue;
    }
    const int length = std::min(
        static_cast<int>(std::lround(std::max(0.0, *average) / step)), kMaxBar);
    std::string bar(std::max(length, target + 1), ' ');
    for (int i = 0; i < length; ++i) bar[i] = '#';
    bar[target] = '|';
    widest = std::max(widest, static_cast<int>(bar.size()));
    bars.push_back(bar);
  }
  std::string out = absl::StrCat(
      "Average total cost by period (# = ", absl::StrFormat("%g", step),
      " points; | = the 3% SDG target)\n");
  size_t widest_value = 0;
  for (const v1::HistoryPoint& p : history.points()) {
    widest_value = std::max(widest_value,
                            PercentText(p.average_total_cost_percent()).size());
  }
  for (int i = 0; i < history.points_size(); ++i) {
    const v1::HistoryPoint& p = history.points(i);
    std::string line = absl::StrCat(p.period(), "  ", bars[i]);
    if (!p.gap() && PercentValue(p.average_total_cost_percent()).has_value()) {
      const std::string value = PercentText(p.average_total_cost_percent());
      line.append(widest - bars[i].size() + 2 + widest_value - value.size(),
                  ' ');
      absl::StrAppend(&line, value);
    }
    absl::StrAppend(&out, line, "\n");
  }
  return out;
}

std::string HistoryCsv(const v1::CorridorHistory& history) {
  std::string out =
      "period,gap,transparent_service_count,average_total_cost_percent,"
      "median_total_cost_percent,smart_percent,smart_qualifying_count,"
      "cheapest_provider_id,cheapest_provider_name,"
      "cheapest_total_cost_percent,share_at_or_below_3_percent,"
      "share_at_or_below_5_percent,provider_average_total_cost_percent\n";
  for (const v1::HistoryPoint& p : history.points()) {
    std::vector<std::string> fields = {p.period(), p.gap() ? "true" : "false"};
    if (!p.gap()) {
      const std::vector<std::string> figures = {
          absl::StrCat(p.transparent_service_count()),
          p.average_total_cost_percent(),
          p.median_total_cost_percent(),
          p.has_smart_percent() ? p.smart_percent() : "",
          absl::StrCat(p.smart_qualifying_count()),
          p.cheapest_provider_id(),
          p.cheapest_provider_name(),
          p.cheapest_total_cost_percent(),
          p.share_at_or_below_3_percent(),
          p.share_at_or_below_5_percent(),
          p.has_provider_average_total_cost_percent()
              ? p.provider_average_total_cost_percent()
              : ""};
      fields.insert(fields.end(), figures.begin(), figures.end());
    } else {
      fields.resize(13);
    }
    std::vector<std::string> quoted;
    for (const std::string& f : fields) quoted.push_back(Csv(f));
    absl::StrAppend(&out, absl::StrJoin(quoted, ","), "\n");
  }
  return out;
}

}  // namespace

std::string HistoryOutput(const v1::CorridorHistory& history, Format format,
                          const std::string& data_line) {
  if (format == Format::kJson) return Json(history) + "\n";
  if (format == Format::kCsv) return HistoryCsv(history);

  const bool with_provider = !history.provider_id().empty();
  std::vector<std::string> header = {"Period", "Services", "Average", "Median",
                                     "SmaRT",  "<=3%",     "<=5%"};
  std::vector<bool> right = {false, true, true, true, true, true, true};
  if (with_provider) {
    header.push_back("Provider");
    right.push_back(true);
  }
  std::vector<std::vector<std::string>> figures = {header};
  std::vector<std::vector<std::string>> cheapest = {
      {"Period", "Cheapest service", "Total"}};
  std::vector<bool> gaps = {false};  // By row, the header's included.
  for (const v1::HistoryPoint& p : history.points()) {
    gaps.push_back(p.gap());
    if (p.gap()) {
      std::vector<std::string> row(header.size());
      row[0] = p.period();
      row[1] = "no survey";
      figures.push_back(row);
      cheapest.push_back({p.period(), "", ""});
      continue;
    }
    std::vector<std::string> row = {
        p.period(),
        absl::StrCat(p.transparent_service_count()),
        PercentText(p.average_total_cost_percent()),
        PercentText(p.median_total_cost_percent()),
        SmartCell(p.has_smart_percent(), p.smart_percent(),
                  p.smart_qualifying_count()),
        PercentText(p.share_at_or_below_3_percent()),
        PercentText(p.share_at_or_below_5_percent())};
    if (with_provider) {
      row.push_back(p.has_provider_average_total_cost_percent()
                        ? PercentText(p.provider_average_total_cost_percent())
                        : "-");
    }
    figures.push_back(row);
    cheapest.push_back({p.period(),
                        p.cheapest_provider_name().empty()
                            ? p.cheapest_provider_id()
                            : p.cheapest_provider_name(),
                        PercentText(p.cheapest_total_cost_percent())});
  }

  std::string out = absl::StrCat(CorridorText(history.corridor()), ", ",
                                 AmountLevelText(history.amount_level()));
  if (!history.points().empty()) {
    absl::StrAppend(&out, ", ", history.points(0).period(), " to ",
                    history.points(history.points_size() - 1).period());
  }
  absl::StrAppend(&out, "\n");
  if (with_provider) {
    absl::StrAppend(&out, "Provider: ", history.provider_id(),
                    " (its own average in the last column; - when it was "
                    "not surveyed)\n");
  }
  absl::StrAppend(&out, "\n");
  if (history.points().empty()) {
    return absl::StrCat(out, "No survey period in the data.\n", data_line,
                        "\n");
  }

  // The cheapest service's name would not fit beside the figures in 80
  // columns: it wraps to a table of its own, cut to fit.
  absl::StrAppend(&out, Table(figures, right), "\n");
  const std::vector<size_t> widths = ColumnWidths(cheapest);
  const size_t name_width = kLineWidth - widths[0] - widths[2] - 4;
  for (size_t i = 0; i < cheapest.size(); ++i) {
    cheapest[i][1] =
        gaps[i] ? "no survey" : Truncate(cheapest[i][1], name_width);
  }
  absl::StrAppend(&out, Table(cheapest, {false, false, true}));
  absl::StrAppend(
      &out, "\n",
      Wrap("Services: transparent services surveyed at the amount. SmaRT: "
           "the average of the 3 cheapest that deliver within 5 days; "
           "none (n/3) when only n qualify. <=3%, <=5%: the share of "
           "services at or under that total cost.",
           "", ""),
      "\n", AverageChart(history), "\n", data_line, "\n");
  return out;
}

std::string BreakdownName(IndicatorBreakdown breakdown) {
  switch (breakdown) {
    case IndicatorBreakdown::kFirmType:
      return "firm_type";
    case IndicatorBreakdown::kSendingCountry:
      return "sending_country";
    case IndicatorBreakdown::kReceivingCountry:
      return "receiving_country";
    case IndicatorBreakdown::kReceivingRegion:
      return "receiving_region";
    case IndicatorBreakdown::kG8G20:
      return "g8_g20";
    case IndicatorBreakdown::kCorridor:
      return "corridor";
  }
  return "?";
}

namespace {

// The groups of a breakdown other than by corridor; null for kCorridor.
const google::protobuf::RepeatedPtrField<v1::IndicatorGroup>* Groups(
    const v1::Indicators& indicators, IndicatorBreakdown breakdown) {
  switch (breakdown) {
    case IndicatorBreakdown::kFirmType:
      return &indicators.by_firm_type();
    case IndicatorBreakdown::kSendingCountry:
      return &indicators.by_sending_country();
    case IndicatorBreakdown::kReceivingCountry:
      return &indicators.by_receiving_country();
    case IndicatorBreakdown::kReceivingRegion:
      return &indicators.by_receiving_region();
    case IndicatorBreakdown::kG8G20:
      return &indicators.by_g8_g20();
    case IndicatorBreakdown::kCorridor:
      return nullptr;
  }
  return nullptr;
}

// "firm type", the heading of a breakdown's first column.
std::string BreakdownHeading(IndicatorBreakdown breakdown) {
  switch (breakdown) {
    case IndicatorBreakdown::kFirmType:
      return "Firm type";
    case IndicatorBreakdown::kSendingCountry:
      return "Sending country";
    case IndicatorBreakdown::kReceivingCountry:
      return "Receiving country";
    case IndicatorBreakdown::kReceivingRegion:
      return "Receiving region";
    case IndicatorBreakdown::kG8G20:
      return "G8/G20 group";
    case IndicatorBreakdown::kCorridor:
      return "Corridor";
  }
  return "?";
}

// "12 of 40 (30.00%)".
std::string CountOf(int count, int total, const std::string& share) {
  return absl::StrCat(count, " of ", total, " (", PercentText(share), ")");
}

std::string IndicatorsCsv(const v1::Indicators& indicators,
                          absl::Span<const IndicatorBreakdown> breakdowns) {
  std::string out =
      "kind,key,service_count,average_total_cost_percent,smart_percent,"
      "smart_qualifying_count\n";
  absl::StrAppend(&out, "global,all,", indicators.service_count(), ",",
                  indicators.global_average_total_cost_percent(), ",",
                  indicators.global_smart_average_percent(), ",\n");
  for (IndicatorBreakdown b : breakdowns) {
    const std::string kind = BreakdownName(b);
    if (b == IndicatorBreakdown::kCorridor) {
      for (const v1::CorridorIndicator& c : indicators.corridors()) {
        absl::StrAppend(&out, kind, ",", Csv(CorridorKey(c.corridor())), ",",
                        c.service_count(), ",", c.average_total_cost_percent(),
                        ",", c.has_smart_percent() ? c.smart_percent() : "",
                        ",", c.smart_qualifying_count(), "\n");
      }
      continue;
    }
    for (const v1::IndicatorGroup& g : *Groups(indicators, b)) {
      absl::StrAppend(&out, kind, ",", Csv(g.key()), ",", g.service_count(),
                      ",", g.average_total_cost_percent(), ",,\n");
    }
  }
  return out;
}

}  // namespace

std::string IndicatorsOutput(const v1::Indicators& indicators, Format format,
                             absl::Span<const IndicatorBreakdown> breakdowns,
                             const std::string& data_line) {
  if (format == Format::kJson) return Json(indicators) + "\n";
  if (format == Format::kCsv) return IndicatorsCsv(indicators, breakdowns);

  const int corridors = indicators.corridors_size();
  std::string out = absl::StrCat("RPW indicators, survey period ",
                                 indicators.period(), "\n\n");
  const std::vector<std::vector<std::string>> global = {
      {"Global average total cost",
       absl::StrCat(
           PercentText(indicators.global_average_total_cost_percent()),
           " over ",
           Counted(indicators.service_count(),
                   "{n, plural, one {# service} other {# services}}"))},
      {"Corridors at or under 5%",
       CountOf(indicators.corridors_at_or_below_5_percent(), corridors,
               indicators.share_of_corridors_at_or_below_5_percent())},
      {"Corridors at or under 3%",
       CountOf(indicators.corridors_at_or_below_3_percent(), corridors,
               indicators.share_of_corridors_at_or_below_3_percent())},
      {"Global SmaRT average",
       indicators.corridors_with_smart() == 0
           ? "none (no corridor has 3 qualifying services)"
           : absl::StrCat(
                 PercentText(indicators.global_smart_average_percent()),
                 " over ", indicators.corridors_with_smart(), " of ",
                 Counted(
                     corridors,
                     "{n, plural, one {# corridor} other {# corridors}}"))}};
  absl::StrAppend(&out, Table(global, {false, false}));

  for (IndicatorBreakdown b : breakdowns) {
    absl::StrAppend(&out, "\n");
    if (b == IndicatorBreakdown::kCorridor) {
      std::vector<std::vector<std::string>> rows = {
          {"From", "To", "Services", "Average", "SmaRT"}};
      for (const v1::CorridorIndicator& c : indicators.corridors()) {
        const v1::Corridor& k = c.corridor();
        rows.push_back(
            {absl::StrCat(k.send_country(), " ", k.send_currency()),
             absl::StrCat(k.receive_country(), " ", k.receive_currency()),
             absl::StrCat(c.service_count()),
             PercentText(c.average_total_cost_percent()),
             SmartCell(c.has_smart_percent(), c.smart_percent(),
                       c.smart_qualifying_count())});
      }
      if (rows.size() == 1) {
        absl::StrAppend(&out, "By corridor: no corridor in the period.\n");
      } else {
        absl::StrAppend(&out, Table(rows, {false, false, true, true, true}));
      }
      continue;
    }
    const auto& groups = *Groups(indicators, b);
    if (groups.empty()) {
      absl::StrAppend(&out, BreakdownHeading(b),
                      ": not in the data (no such column).\n");
      continue;
    }
    std::vector<std::vector<std::string>> rows = {
        {BreakdownHeading(b), "Services", "Average"}};
    for (const v1::IndicatorGroup& g : groups) {
      // Keys come from the data: cut to keep the table in 80 columns.
      rows.push_back({Truncate(g.key(), kLineWidth - 20),
                      absl::StrCat(g.service_count()),
                      PercentText(g.average_total_cost_percent())});
    }
    absl::StrAppend(&out, Table(rows, {false, true, true}));
  }
  if (!indicators.rules().empty()) {
    absl::StrAppend(&out, "\nRules applied:\n");
    for (const std::string& rule : indicators.rules()) {
      absl::StrAppend(&out, Wrap(rule, "- ", "  "));
    }
  }
  absl::StrAppend(&out, "\n", data_line, "\n");
  return out;
}

std::string MarkedTotalPercentText(const v1::Offer& offer) {
  return absl::StrCat(offer.estimated() ? "~" : "",
                      PercentOrGainText(offer.total_cost_percent()),
                      offer.promotional() ? "*" : "");
}

std::string MarkLegend(bool promotional, bool estimated, int width) {
  std::string out;
  if (promotional) {
    absl::StrAppend(&out,
                    WrapLines("* promotional: an offer's price for a "
                              "promotion (e.g. a first transfer), not its "
                              "usual one; --exclude-promotional leaves these "
                              "out.",
                              width, "", "  "));
  }
  if (estimated) {
    absl::StrAppend(
        &out, WrapLines("~ estimated: between the amounts the survey priced, "
                        "the fee is interpolated and the rate is the nearest "
                        "surveyed one.",
                        width, "", "  "));
  }
  return out;
}

std::string PricesLines(const v1::Freshness& freshness, int width) {
  const std::string prices = FreshnessText(freshness);
  if (prices.empty()) return "";
  return WrapLines(absl::StrCat("Prices: ", prices), width, "", "  ");
}

std::string StaleLines(const v1::Freshness& freshness, int width) {
  std::string out;
  for (absl::string_view line :
       absl::StrSplit(StaleText(freshness), '\n', absl::SkipEmpty())) {
    absl::StrAppend(&out, WrapLines(std::string(line), width, "", ""));
  }
  return out;
}

std::string WrapParagraph(const std::string& text, int width) {
  return WrapLines(text, width, "", "  ");
}

std::string SourceParagraphs(
    const google::protobuf::RepeatedPtrField<v1::DatasetMetadata>& sources,
    const std::string& version, int width) {
  const std::string lines = SourceLines(sources, version);
  std::string out;
  for (absl::string_view line :
       absl::StrSplit(absl::StripSuffix(lines, "\n"), '\n')) {
    absl::StrAppend(&out, WrapParagraph(std::string(line), width));
  }
  return std::string(absl::StripSuffix(out, "\n"));
}

}  // namespace remit::cli
