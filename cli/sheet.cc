#include "cli/sheet.h"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "cli/i18n/localizer.h"
#include "engine/money/percent.h"
#include "engine/protoconv/money_proto.h"

namespace remit::cli {
namespace {

std::string Html(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"&", "&amp;"},
                                    {"<", "&lt;"},
                                    {">", "&gt;"},
                                    {"\"", "&quot;"},
                                    {"'", "&#39;"}});
}

// A catalog pattern filled with plain-text values, as HTML.
std::string Fill(absl::string_view pattern, const std::vector<MessageArg>& args,
                 const Messages& m) {
  return Html(LocalizerFor(m).Format(pattern, args));
}

// "150,00 £GB" (fr): the exact amount as the language writes it.
std::string MoneyText(const v1::Money& money, const Messages& m) {
  absl::StatusOr<Money> value = MoneyFromProto(money);
  if (!value.ok()) return "?";
  return LocalizerFor(m).Money(value->AmountString(), value->currency().code());
}

// An amount in a sentence: "£150" for a whole amount, "£151.60" otherwise
// (the zero cents left out change nothing).
std::string AmountText(const v1::Money& money, const Messages& m) {
  absl::StatusOr<Money> value = MoneyFromProto(money);
  if (!value.ok()) return "?";
  std::string amount = value->AmountString();
  if (const size_t dot = amount.find('.');
      dot != std::string::npos &&
      amount.find_first_not_of('0', dot + 1) == std::string::npos) {
    amount.erase(dot);
  }
  return LocalizerFor(m).Money(amount, value->currency().code());
}

std::string MoneyHtml(const v1::Money& money, const Messages& m) {
  return Html(MoneyText(money, m));
}

// "1,67 %" (fr): two decimals.
std::string PercentText(const std::string& percent, const Messages& m) {
  absl::StatusOr<Percent> p = Percent::FromString(percent);
  if (!p.ok()) return "?";
  return LocalizerFor(m).Percent(p->ToString(2));
}

std::string PercentHtml(const std::string& percent, const Messages& m) {
  return Html(PercentText(percent, m));
}

// "1,25" (fr): a rate, every digit kept.
std::string NumberText(const std::string& decimal, const Messages& m) {
  return LocalizerFor(m).Number(decimal);
}

// The corridor's figures under a table.
std::string FiguresHtml(const CorridorFigures& figures, const Messages& m) {
  const v1::CorridorSummary& s = figures.summary;
  std::string out =
      Fill(m.corridor_line,
           {{"reference", figures.usd_equivalent == 200   ? "usd200"
                          : figures.usd_equivalent == 500 ? "usd500"
                                                          : "typed"},
            {"amount", AmountText(s.amount(), m)},
            {"count", s.offer_count()},
            {"average", PercentText(s.average_total_cost_percent(), m)}},
           m);
  absl::StrAppend(&out, " ",
                  s.has_smart_percent()
                      ? Fill(m.smart_line,
                             {{"smart", PercentText(s.smart_percent(), m)}}, m)
                      : Html(m.smart_none));
  return out;
}

// The catalog's word for an enum value (1-based after UNSPECIFIED).
std::string Word(const std::vector<std::string>& words, int value) {
  return value >= 1 && value <= static_cast<int>(words.size())
             ? Html(words[value - 1])
             : "?";
}

constexpr char kStyle[] = R"css(
  @page { size: A4; margin: 14mm; }
  body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt;
         color: #111; max-width: 180mm; margin: 0 auto; }
  h1 { font-size: 17pt; margin: 0 0 6pt; }
  h2 { font-size: 12pt; margin: 12pt 0 4pt; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border-bottom: 1px solid #999; padding: 2pt 4pt;
           text-align: left; vertical-align: top; }
  th { background: #eee; }
  td.n { text-align: right; white-space: nowrap; }
  .example { background: #f4f4f4; padding: 5pt; }
  .source { font-size: 8.5pt; color: #333; margin-top: 12pt; }
  @media print { h2 { page-break-after: avoid; }
                 table { page-break-inside: avoid; } }
)css";

}  // namespace

Money RoundSheetAmount(const Money& exact) {
  const int64_t amount = exact.minor_units();
  if (amount <= 0) return exact;
  int64_t unit = 1;
  for (int i = 0; i < exact.currency().exponent(); ++i) unit *= 10;
  // Already round: whole units, at most two significant digits (RPW's own
  // amounts, such as 120 GBP or 18,000 KES, are surveyed as they are).
  if (amount % unit == 0) {
    int64_t digits = amount / unit;
    while (digits % 10 == 0) digits /= 10;
    if (digits < 100) return exact;
  }
  // 1, 2, 5, then 10, 25, 50, 100, 250, 500, ... units.
  int64_t step = unit;
  const int64_t largest = amount / 5;
  for (int64_t candidate : {2 * unit, 5 * unit}) {
    if (candidate <= largest) step = candidate;
  }
  for (int64_t power = 10 * unit; power <= largest; power *= 10) {
    for (int64_t candidate : {power, power / 2 * 5, power * 5}) {
      if (candidate <= largest) step = candidate;
    }
    if (power > largest / 10) break;  // The next power would overflow.
  }
  const int64_t remainder = amount % step;
  int64_t rounded = amount - remainder;
  if (remainder >= step - remainder) {  // Halves up.
    if (rounded > std::numeric_limits<int64_t>::max() - step) return exact;
    rounded += step;
  }
  if (rounded == 0) return exact;
  return Money::FromMinorUnits(rounded, exact.currency());
}

std::string RenderSheet(const SheetInput& input, const Messages& m) {
  const Localizer& l = LocalizerFor(m);
  const std::string title = Fill(m.title,
                                 {{"from", l.CountryName(input.from_country)},
                                  {"to", l.CountryName(input.to_country)}},
                                 m);
  std::string out = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"", m.code, "\">\n<head>\n",
      "<meta charset=\"utf-8\">\n<title>", title, "</title>\n<style>", kStyle,
      "</style>\n</head>\n<body>\n<h1>", title, "</h1>\n<p>", Html(m.intro),
      "</p>\n");

  const v1::Offer* example = nullptr;
  std::string version;
  for (size_t i = 0; i < input.rankings.size(); ++i) {
    const v1::RankOffersResponse& ranking = input.rankings[i];
    const v1::CorridorSummary& s = ranking.summary();
    version = ranking.dataset_version();
    absl::StrAppend(
        &out, "<h2>",
        Fill(m.offers_heading, {{"amount", AmountText(s.amount(), m)}}, m),
        "</h2>\n");
    if (ranking.offers().empty()) {
      absl::StrAppend(&out, "<p>", Html(m.no_offers), "</p>\n");
      continue;
    }
    absl::StrAppend(
        &out, "<table>\n<thead><tr><th>", Html(m.column_rank), "</th><th>",
        Html(m.column_provider), "</th><th>", Html(m.column_how), "</th><th>",
        Html(m.column_fee), "</th><th>", Html(m.column_margin), "</th><th>",
        Html(m.column_total), "</th><th>", Html(m.column_receives), "</th><th>",
        Html(m.column_speed), "</th></tr></thead>\n<tbody>\n");
    int shown = 0;
    bool marked = false;
    for (const v1::Offer& o : ranking.offers()) {
      if (++shown > kSheetOffersPerAmount) break;
      // The worked example is an ordinary offer.
      if (example == nullptr && o.transparent() && o.has_receive_amount() &&
          o.data_notes().empty()) {
        example = &o;
      }
      const bool unusual = std::any_of(
          o.data_notes().begin(), o.data_notes().end(), [](int note) {
            return note != v1::DATA_NOTE_PAYOUT_CURRENCY_UNKNOWN;
          });
      marked |= unusual;
      absl::StrAppend(&out, "<tr><td class=\"n\">", o.rank(), "</td><td>",
                      Html(o.provider_name()), "</td><td>",
                      Word(m.payment_instruments, o.payment_instrument()),
                      " &rarr; ", Word(m.receive_methods, o.receive_method()),
                      "</td><td class=\"n\">", MoneyHtml(o.fee(), m),
                      "</td><td class=\"n\">", MoneyHtml(o.fx_margin_cost(), m),
                      "</td><td class=\"n\">", MoneyHtml(o.total_cost(), m),
                      " (", PercentHtml(o.total_cost_percent(), m), ")",
                      unusual ? " !" : "", "</td><td class=\"n\">",
                      o.has_receive_amount() ? MoneyHtml(o.receive_amount(), m)
                                             : Html(m.not_stated),
                      "</td><td>", Word(m.speeds, o.speed()), "</td></tr>\n");
    }
    absl::StrAppend(&out, "</tbody>\n</table>\n");
    if (marked) {
      absl::StrAppend(&out, "<p class=\"note\">", Html(m.data_note), "</p>\n");
    }
    const CorridorFigures figures =
        i < input.figures.size() ? input.figures[i] : CorridorFigures{s, 0};
    if (figures.summary.offer_count() > 0) {
      absl::StrAppend(&out, "<p>", FiguresHtml(figures, m), "</p>\n");
    }
  }

  absl::StrAppend(&out, "<h2>", Html(m.hidden_heading), "</h2>\n<p>",
                  Html(m.hidden_text), "</p>\n");
  if (example != nullptr) {
    absl::StrAppend(
        &out, "<p class=\"example\">",
        Fill(m.example,
             {{"provider", example->provider_name()},
              {"amount", AmountText(example->send_amount(), m)},
              {"fee", MoneyText(example->fee(), m)},
              {"rate", NumberText(example->exchange_rate(), m)},
              {"mid", NumberText(example->mid_market_rate(), m)},
              {"margin_cost", MoneyText(example->fx_margin_cost(), m)},
              {"receives", MoneyText(example->receive_amount(), m)},
              {"total", MoneyText(example->total_cost(), m)},
              {"percent", PercentText(example->total_cost_percent(), m)}},
             m),
        "</p>\n");
  }
  absl::StrAppend(&out, "<h2>", Html(m.questions_heading), "</h2>\n<ul>\n");
  for (const std::string& q : m.questions) {
    absl::StrAppend(&out, "<li>", Html(q), "</li>\n");
  }
  absl::StrAppend(&out, "</ul>\n<p class=\"source\">",
                  Fill(m.source_line,
                       {{"name", input.data_name},
                        {"date", l.Date(input.data_date)},
                        {"version", version.substr(0, 12)}},
                       m),
                  "</p>\n</body>\n</html>\n");
  return out;
}

}  // namespace remit::cli
