#include "cli/output.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "engine/money/percent.h"
#include "engine/protoconv/money_proto.h"
#include "google/protobuf/util/json_util.h"

namespace remit::cli {

absl::StatusOr<Format> ParseFormat(const std::string& text) {
  if (text == "table") return Format::kTable;
  if (text == "csv") return Format::kCsv;
  if (text == "json") return Format::kJson;
  return absl::InvalidArgumentError(
      absl::StrCat("--format: '", text, "' is not one of table, csv, json"));
}

std::string MoneyText(const v1::Money& money, bool present) {
  if (!present) return "";
  absl::StatusOr<Money> m = MoneyFromProto(money);
  return m.ok() ? m->ToString() : "?";
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

// Columns padded to their widest cell; numbers right-aligned.
std::string Table(const std::vector<std::vector<std::string>>& rows,
                  const std::vector<bool>& right) {
  std::vector<size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], row[i].size());
    }
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      const std::string pad(widths[i] - row[i].size(), ' ');
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

std::string SummaryLine(const v1::CorridorSummary& s) {
  if (s.offer_count() == 0) return "No offer to compare at this amount.";
  return absl::StrCat(s.offer_count(), " offers: average ",
                      PercentText(s.average_total_cost_percent()), ", median ",
                      PercentText(s.median_total_cost_percent()), "; SmaRT ",
                      s.has_smart_percent()
                          ? PercentText(s.smart_percent())
                          : absl::StrCat("none (", s.smart_qualifying_count(),
                                         " of the 3 needed offers qualify)"));
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
         MoneyText(o.fee(), o.has_fee()),
         o.transparent() ? PercentText(o.fx_margin_percent()) : "unknown",
         MoneyText(o.fx_margin_cost(), o.has_fx_margin_cost()),
         MoneyText(o.total_cost(), o.has_total_cost()),
         PercentText(o.total_cost_percent()) +
             (o.data_notes().empty() ? "" : " !"),
         o.has_receive_amount() ? MoneyText(o.receive_amount(), true) +
                                      (o.estimated() ? " (est.)" : "")
                                : "not stated",
         EnumText(v1::Speed_Name(o.speed()), "SPEED_")});
  }
  const v1::CorridorSummary& s = response.summary();
  const v1::Corridor& c = s.corridor();
  std::string out = absl::StrCat(
      c.send_country(), " (", c.send_currency(), ") -> ", c.receive_country(),
      " (", c.receive_currency(), "), ", MoneyText(s.amount(), s.has_amount()));
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
         MoneyText(s.amount(), s.has_amount())});
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
      {"amount", MoneyText(s.amount(), s.has_amount())},
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

}  // namespace remit::cli
