#include "cli/output.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "cli/i18n/localizer.h"
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
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  return out;
}

namespace {

// "RECEIVE_METHOD_CASH_PICKUP" -> "cash pickup".
std::string EnumText(const std::string& name, absl::string_view prefix) {
  std::string text = absl::AsciiStrToLower(name.substr(prefix.size()));
  return absl::StrReplaceAll(text, {{"_", " "}});
}

std::string Csv(const std::string& field) {
  if (field.find_first_of(",\"\n") == std::string::npos) return field;
  return absl::StrCat("\"", absl::StrReplaceAll(field, {{"\"", "\"\""}}), "\"");
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
    default:
      return "left out";
  }
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
      default:
        break;
    }
  }
  return absl::StrJoin(words, "; ");
}

}  // namespace

std::string RankOutput(const v1::RankOffersResponse& response, Format format,
                       const std::string& data_line) {
  if (format == Format::kJson) return Json(response) + "\n";
  if (format == Format::kCsv) {
    std::string out =
        "rank,provider_id,provider,payment_instrument,receive_method,speed,"
        "send_amount,fee,fx_margin_percent,fx_margin_cost,total_cost,"
        "total_cost_percent,total_outlay,receive_amount,transparent,"
        "estimated,data_notes\n";
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
          o.fx_margin_percent(),
          MoneyText(o.fx_margin_cost(), o.has_fx_margin_cost()),
          MoneyText(o.total_cost(), o.has_total_cost()),
          o.total_cost_percent(),
          MoneyText(o.total_outlay(), o.has_total_outlay()),
          MoneyText(o.receive_amount(), o.has_receive_amount()),
          o.transparent() ? "true" : "false",
          o.estimated() ? "true" : "false",
          DataNoteNames(o)};
      std::vector<std::string> quoted;
      for (const std::string& f : fields) quoted.push_back(Csv(f));
      absl::StrAppend(&out, absl::StrJoin(quoted, ","), "\n");
    }
    return out;
  }
  std::vector<std::vector<std::string>> rows = {
      {"#", "Provider", "How", "Fee", "FX margin", "FX cost", "Total cost",
       "Total", "Recipient gets", "Speed"}};
  for (const v1::Offer& o : response.offers()) {
    rows.push_back(
        {absl::StrCat(o.rank()), o.provider_name(),
         absl::StrCat(
             EnumText(v1::PaymentInstrument_Name(o.payment_instrument()),
                      "PAYMENT_INSTRUMENT_"),
             " -> ",
             EnumText(v1::ReceiveMethod_Name(o.receive_method()),
                      "RECEIVE_METHOD_")),
         GroupedMoneyText(o.fee(), o.has_fee()),
         o.transparent() ? PercentText(o.fx_margin_percent()) : "unknown",
         GroupedMoneyText(o.fx_margin_cost(), o.has_fx_margin_cost()),
         GroupedMoneyText(o.total_cost(), o.has_total_cost()),
         PercentText(o.total_cost_percent()) + (HasTotalNote(o) ? " !" : ""),
         o.has_receive_amount() ? GroupedMoneyText(o.receive_amount(), true) +
                                      (o.estimated() ? " (est.)" : "")
         : HasNote(o, v1::DATA_NOTE_PAYOUT_CURRENCY_UNKNOWN) ? "unknown !"
         : !o.transparent() ? "rate not disclosed"
                            : "not stated",
         EnumText(v1::Speed_Name(o.speed()), "SPEED_")});
  }
  const v1::CorridorSummary& s = response.summary();
  const v1::Corridor& c = s.corridor();
  std::string out =
      absl::StrCat(c.send_country(), " (", c.send_currency(), ") -> ",
                   c.receive_country(), " (", c.receive_currency(), "), ",
                   GroupedMoneyText(s.amount(), s.has_amount()));
  if (!response.period().empty()) {
    absl::StrAppend(&out, ", survey period ", response.period());
  }
  absl::StrAppend(&out, "\n\n");
  if (response.offers().empty()) {
    absl::StrAppend(&out, "No offer matches.\n");
  } else {
    absl::StrAppend(&out, Table(rows, {true, false, false, true, true, true,
                                       true, true, true, false}));
  }
  absl::StrAppend(&out,
                  "\nThe FX margin is the cost hidden in the exchange rate: "
                  "the provider's rate against the mid-market rate.\n");
  for (const v1::Offer& o : response.offers()) {
    if (o.data_notes().empty()) continue;
    absl::StrAppend(&out, "! ", o.rank(), " ", o.provider_name(), ": ",
                    DataNoteText(o), ".\n");
  }
  if (!response.excluded_offers().empty()) {
    std::vector<std::string> left_out;
    for (const v1::ExcludedOffer& e : response.excluded_offers()) {
      left_out.push_back(absl::StrCat(e.provider_name(), " (",
                                      Reason(e.exclusion_reason()), ")"));
    }
    absl::StrAppend(&out, "Left out: ", absl::StrJoin(left_out, ", "), ".\n");
  }
  absl::StrAppend(&out, "Corridor: ", SummaryLine(s), "\n", data_line, "\n");
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
        "quote_count,offer_count,average_total_cost_percent,amount\n";
    for (int i = 0; i < response.corridors_size(); ++i) {
      const v1::CorridorInfo& info = response.corridors(i);
      const v1::Corridor& c = info.corridor();
      absl::StrAppend(
          &out, c.send_country(), ",", c.send_currency(), ",",
          c.receive_country(), ",", c.receive_currency(), ",",
          info.quote_count(), ",", offers(i), ",",
          summaries[i].average_total_cost_percent(), ",",
          MoneyText(summaries[i].amount(), summaries[i].has_amount()), "\n");
    }
    return out;
  }
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"From", "To", "Quotes", "Offers", "Average cost", "At"});
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
         GroupedMoneyText(s.amount(), s.has_amount())});
  }
  return Table(rows, {false, false, true, true, true, true}) +
         "Offers and average: transparent, current offers at the USD 200 "
         "equivalent; '-' where the data cannot tell that amount.\n";
}

std::string SummaryOutput(const v1::CorridorSummary& s, Format format,
                          const std::string& data_line) {
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
      {"cheapest",
       s.has_cheapest()
           ? absl::StrCat(s.cheapest().provider_name(), ", ",
                          PercentText(s.cheapest().total_cost_percent()))
           : ""}};
  if (!s.period().empty()) {
    fields.insert(fields.begin() + 1, {"survey period", s.period()});
  }
  if (format == Format::kCsv) {
    std::string out = "field,value\n";
    for (const auto& [k, v] : fields)
      absl::StrAppend(&out, Csv(k), ",", Csv(v), "\n");
    return out;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& [k, v] : fields) rows.push_back({k, v});
  return Table(rows, {false, false}) + data_line + "\n";
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

}  // namespace remit::cli
