#include "cli/sheet.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
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

// `text` (plain) as HTML that is never split across lines: a figure is
// printed whole or not at all.
std::string Whole(absl::string_view text) {
  return absl::StrCat("<span class=\"num\">", Html(text), "</span>");
}

// An amount in a cell of the table, kept whole.
std::string MoneyHtml(const v1::Money& money, const Messages& m) {
  return Whole(MoneyText(money, m));
}

// "1,67 %" (fr): two decimals.
std::string PercentText(const std::string& percent, const Messages& m) {
  absl::StatusOr<Percent> p = Percent::FromString(percent);
  if (!p.ok()) return "?";
  return LocalizerFor(m).Percent(p->ToString(2));
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

bool IsNegative(const v1::Money& money) {
  absl::StatusOr<Money> m = MoneyFromProto(money);
  return m.ok() && m->minor_units() < 0;
}

// Surcharge + the fee taken at the recipient's end (in the send currency);
// nothing when it cannot be read.
std::optional<Money> OtherCharges(const v1::Offer& o) {
  absl::StatusOr<Money> surcharge = MoneyFromProto(o.funding_surcharge());
  absl::StatusOr<Money> payout =
      MoneyFromProto(o.recipient_fee_in_send_currency());
  if (!surcharge.ok()) return std::nullopt;
  if (!payout.ok() || payout->currency() != surcharge->currency()) {
    return *surcharge;
  }
  return Money::FromMinorUnits(surcharge->minor_units() + payout->minor_units(),
                               surcharge->currency());
}

bool HasOtherCharges(const v1::Offer& o) {
  std::optional<Money> other = OtherCharges(o);
  return other.has_value() && other->minor_units() != 0;
}

// The marks of an offer's price: "~" before an estimated one, "*" after a
// promotional one.
const char* MarkBefore(const v1::Offer& o) { return o.estimated() ? "~" : ""; }
const char* MarkAfter(const v1::Offer& o) { return o.promotional() ? "*" : ""; }

// `text` (plain or HTML) marked as the sheet marks an offer's price.
std::string Marked(const v1::Offer& o, const std::string& text) {
  return absl::StrCat(MarkBefore(o), text, MarkAfter(o));
}

// The notes that explain the marks, as paragraphs, those asked for.
std::string MarkNotesHtml(bool promotional, bool estimated, const Messages& m) {
  std::string out;
  if (promotional) {
    absl::StrAppend(&out, "<p class=\"note\">", Html(m.promotional_note),
                    "</p>\n");
  }
  if (estimated) {
    absl::StrAppend(&out, "<p class=\"note\">", Html(m.estimated_note),
                    "</p>\n");
  }
  return out;
}

// The total cost as the sheet shows it, in a cell that may wrap between
// its parts but never inside a figure: "$3.97 (1.98%)", the amount and the
// percentage each kept whole; a negative one in words, which wrap, around
// the amount kept whole. Marked as Marked() marks a price, and " !" after
// it when its published figures are `unusual`.
std::string TotalHtml(const v1::Offer& o, bool unusual, const Messages& m) {
  const std::string before = MarkBefore(o);
  const std::string after =
      absl::StrCat(MarkAfter(o), unusual ? "\u00a0!" : "");
  if (IsNegative(o.total_cost())) {
    absl::StatusOr<Money> total = MoneyFromProto(o.total_cost());
    const std::string gain =
        MoneyText(MoneyToProto(Money::FromMinorUnits(-total->minor_units(),
                                                     total->currency())),
                  m);
    // The sentence is escaped with a placeholder for the amount, which then
    // goes in whole.
    constexpr char kSlot[] = "\x1a";
    const std::string words =
        Fill(m.better_than_market, {{"amount", kSlot}}, m);
    return absl::StrCat(
        before, absl::StrReplaceAll(words, {{kSlot, Whole(gain)}}), after);
  }
  return absl::StrCat(
      Whole(absl::StrCat(before, MoneyText(o.total_cost(), m))), " ",
      Whole(absl::StrCat("(", PercentText(o.total_cost_percent(), m), ")",
                         after)));
}

// The catalog's word for an enum value (1-based after UNSPECIFIED).
std::string Word(const std::vector<std::string>& words, int value) {
  return value >= 1 && value <= static_cast<int>(words.size())
             ? Html(words[value - 1])
             : "?";
}

bool SameAmount(const v1::Money& a, const v1::Money& b) {
  absl::StatusOr<Money> x = MoneyFromProto(a);
  absl::StatusOr<Money> y = MoneyFromProto(b);
  return x.ok() && y.ok() && *x == *y;
}

// Who is cheapest for each amount: one part per interval of the curve
// (at most kSheetCurveParts, then how many more), in a sentence; each
// cheapest marked as its price would be (Marked), and the notes for the
// marks used after the sentence.
std::string CheapestByAmountHtml(const CheapestByAmount& cheapest,
                                 const Messages& m) {
  const v1::GetCostCurveResponse& curve = cheapest.curve;
  const int n = curve.intervals_size();
  const int named = n > kSheetCurveParts ? kSheetCurveParts - 1 : n;
  std::string parts;
  bool promotional = false, estimated = false;
  for (int k = 0; k < named; ++k) {
    const v1::CurveInterval& interval = curve.intervals(k);
    promotional |= interval.cheapest().promotional();
    estimated |= interval.cheapest().estimated();
    const bool from_min = SameAmount(interval.from_amount(), cheapest.min);
    const bool to_max = SameAmount(interval.to_amount(), cheapest.max);
    const char* pattern = from_min && to_max     ? m.cheapest_throughout
                          : k == 0 && from_min   ? m.cheapest_up_to
                          : k == n - 1 && to_max ? m.cheapest_from
                                                 : m.cheapest_between;
    if (k > 0) absl::StrAppend(&parts, m.cheapest_separator);
    absl::StrAppend(
        &parts,
        LocalizerFor(m).Format(
            pattern, {{"provider", Marked(interval.cheapest(),
                                          interval.cheapest().provider_name())},
                      {"from", AmountText(interval.from_amount(), m)},
                      {"to", AmountText(interval.to_amount(), m)}}));
  }
  if (named < n) {
    absl::StrAppend(
        &parts, m.cheapest_separator,
        LocalizerFor(m).Format(m.cheapest_more, {{"count", n - named}}));
  }
  return absl::StrCat("<p class=\"cheapest-by-amount\">",
                      Fill(m.cheapest_by_amount,
                           {{"min", AmountText(cheapest.min, m)},
                            {"max", AmountText(cheapest.max, m)},
                            {"parts", parts}},
                           m),
                      "</p>\n", MarkNotesHtml(promotional, estimated, m));
}

// The short lines that start every section but the first (which has the
// notes in full): the prices are out of date (input.stale), the data is
// illustrative. Empty when neither.
std::string SectionNotesHtml(const SheetInput& input, const Messages& m) {
  const Localizer& l = LocalizerFor(m);
  std::string out;
  if (input.stale.has_value()) {
    absl::StrAppend(
        &out, "<p class=\"page-warning\">",
        Fill(m.stale_page_note,
             {{"newest", l.Date(input.stale->newest_price_date())}}, m),
        "</p>\n");
  }
  if (!input.rankings.empty() &&
      input.rankings.front().freshness().illustrative()) {
    absl::StrAppend(
        &out, "<p class=\"page-illustrative\">",
        Fill(
            m.illustrative_page_note,
            {{"date", l.Date(input.rankings.front().freshness().as_of_date())}},
            m),
        "</p>\n");
  }
  return out;
}

// For print on A4 (180 mm between margins): the table's figures are kept
// whole (.num, never split across lines) while everything else in a cell
// may wrap, so the table always fits the width; secondary text is
// smaller. A section is never split across pages, so each page starts with
// a section's notes (SectionNotesHtml).
constexpr char kStyle[] = R"css(
  @page { size: A4; margin: 14mm; }
  body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt;
         color: #111; max-width: 180mm; margin: 0 auto; }
  h1 { font-size: 17pt; margin: 0 0 6pt; }
  h2 { font-size: 12pt; margin: 10pt 0 4pt; }
  p { margin: 5pt 0; }
  table { border-collapse: collapse; width: 100%; font-size: 9pt; }
  th, td { border-bottom: 1px solid #999; padding: 2pt 3pt;
           text-align: left; vertical-align: top; }
  th { background: #eee; font-size: 8.5pt; }
  th.how { width: 18%; }
  td.n { text-align: right; }
  td.said, td.minor { font-size: 8.5pt; }
  .num { white-space: nowrap; }
  .note { font-size: 9pt; }
  .example { background: #f4f4f4; padding: 5pt; }
  .source { font-size: 8.5pt; color: #333; margin-top: 10pt; }
  .warning { border: 2pt solid #b00; padding: 5pt; font-weight: bold; }
  .illustrative { border: 1pt dashed #555; padding: 5pt; }
  .page-warning { color: #b00; font-weight: bold; font-size: 9pt;
                  border-left: 3pt solid #b00; padding-left: 4pt; }
  .page-illustrative { font-size: 9pt; border-left: 3pt dashed #555;
                       padding-left: 4pt; }
  @media print { section { break-inside: avoid; page-break-inside: avoid; }
                 h2 { page-break-after: avoid; }
                 table { page-break-inside: avoid; } }
)css";

}  // namespace

const v1::Offer* WorkedExampleOffer(const v1::RankOffersResponse& ranking,
                                    int limit) {
  int seen = 0;
  for (const v1::Offer& o : ranking.offers()) {
    if (limit > 0 && ++seen > limit) break;
    if (o.transparent() && o.has_receive_amount() && o.data_notes().empty() &&
        !o.promotional() && !o.estimated() && !IsNegative(o.total_cost())) {
      return &o;
    }
  }
  return nullptr;
}

std::optional<v1::Freshness> OutOfDateOn(
    const std::vector<v1::RankOffersResponse>& rankings,
    absl::CivilDay sheet_date, int64_t max_age_days) {
  std::string newest;
  for (const v1::RankOffersResponse& ranking : rankings) {
    newest = std::max(newest, ranking.freshness().newest_price_date());
  }
  absl::CivilDay newest_day;
  if (newest.empty() || !absl::ParseCivilTime(newest, &newest_day)) {
    return std::nullopt;
  }
  absl::CivilDay judged_at = sheet_date;
  if (const v1::Freshness& f = rankings.front().freshness();
      f.illustrative() && !absl::ParseCivilTime(f.as_of_date(), &judged_at)) {
    return std::nullopt;
  }
  if (judged_at - newest_day <= max_age_days) return std::nullopt;
  v1::Freshness out_of_date;
  out_of_date.set_newest_price_date(newest);
  out_of_date.set_as_of_date(absl::FormatCivilTime(judged_at));
  out_of_date.mutable_max_quote_age()->set_seconds(max_age_days * 24 * 60 * 60);
  return out_of_date;
}

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
      "</style>\n</head>\n<body>\n<h1>", title, "</h1>\n");
  // Each section starts with what the reader must know about the prices
  // (out of date, illustrative), so that every printed page says it: a
  // section is never split across pages (kStyle), so every page starts
  // with one. The first section says it in full, the others in short.
  const std::string section_notes = SectionNotesHtml(input, m);
  absl::StrAppend(&out, "<section>\n");
  if (input.stale.has_value()) {
    const v1::Freshness& f = *input.stale;
    absl::StrAppend(
        &out, "<p class=\"warning\">",
        Fill(m.stale_warning,
             {{"newest", l.Date(f.newest_price_date())},
              {"days", static_cast<int64_t>(f.max_quote_age().seconds() /
                                            (24 * 60 * 60))},
              {"as_of", l.Date(f.as_of_date())}},
             m),
        "</p>\n");
  }
  if (!input.rankings.empty() &&
      input.rankings.front().freshness().illustrative()) {
    absl::StrAppend(
        &out, "<p class=\"illustrative\">",
        Fill(
            m.illustrative_note,
            {{"date", l.Date(input.rankings.front().freshness().as_of_date())}},
            m),
        "</p>\n");
  }
  absl::StrAppend(&out, "<p>", Html(m.intro), "</p>\n");

  const v1::Offer* example = nullptr;
  std::string version;
  for (size_t i = 0; i < input.rankings.size(); ++i) {
    const v1::RankOffersResponse& ranking = input.rankings[i];
    const v1::CorridorSummary& s = ranking.summary();
    version = ranking.dataset_version();
    if (i > 0) absl::StrAppend(&out, "</section>\n<section>\n", section_notes);
    absl::StrAppend(
        &out, "<h2>",
        Fill(m.offers_heading, {{"amount", AmountText(s.amount(), m)}}, m),
        "</h2>\n");
    if (ranking.offers().empty()) {
      absl::StrAppend(&out, "<p>", Html(m.no_offers), "</p>\n");
      continue;
    }
    // Only the offers shown count for the marks and the columns.
    const int shown_count =
        std::min(ranking.offers_size(), kSheetOffersPerAmount);
    const auto shown_offers = absl::MakeConstSpan(
        ranking.offers().data(), static_cast<size_t>(shown_count));
    const bool with_other =
        std::any_of(shown_offers.begin(), shown_offers.end(),
                    [](const v1::Offer* o) { return HasOtherCharges(*o); });
    absl::StrAppend(
        &out, "<table>\n<thead><tr><th>", Html(m.column_rank), "</th><th>",
        Html(m.column_provider), "</th><th class=\"how\">", Html(m.column_how),
        "</th><th>", Html(m.column_fee), "</th>",
        with_other ? absl::StrCat("<th>", Html(m.column_other), "</th>") : "",
        "<th>", Html(m.column_margin), "</th><th>", Html(m.column_total),
        "</th><th>", Html(m.column_receives), "</th><th>", Html(m.column_speed),
        "</th></tr></thead>\n<tbody>\n");
    bool marked = false, promotional = false, estimated = false;
    // The worked example is the cheapest regular offer.
    if (example == nullptr) example = WorkedExampleOffer(ranking, shown_count);
    for (const v1::Offer* offer : shown_offers) {
      const v1::Offer& o = *offer;
      const bool unusual = std::any_of(
          o.data_notes().begin(), o.data_notes().end(), [](int note) {
            return note != v1::DATA_NOTE_PAYOUT_CURRENCY_UNKNOWN;
          });
      marked |= unusual;
      promotional |= o.promotional();
      estimated |= o.estimated();
      std::string other;
      if (with_other) {
        std::optional<Money> charges = OtherCharges(o);
        other = absl::StrCat(
            "</td><td class=\"n\">",
            charges.has_value() ? MoneyHtml(MoneyToProto(*charges), m) : "?");
      }
      const bool negative = IsNegative(o.total_cost());
      absl::StrAppend(
          &out, "<tr><td class=\"n\">", Whole(absl::StrCat(o.rank())),
          "</td><td>", Html(o.provider_name()), "</td><td class=\"minor\">",
          Word(m.payment_instruments, o.payment_instrument()), " &rarr; ",
          Word(m.receive_methods, o.receive_method()), "</td><td class=\"n\">",
          MoneyHtml(o.fee(), m), other, "</td><td class=\"n\">",
          MoneyHtml(o.fx_margin_cost(), m),
          negative ? "</td><td class=\"said\">" : "</td><td class=\"n\">",
          TotalHtml(o, unusual, m), "</td><td class=\"n\">",
          o.has_receive_amount()
              ? Whole(absl::StrCat(o.estimated() ? "~" : "",
                                   MoneyText(o.receive_amount(), m)))
              : Html(m.not_stated),
          "</td><td class=\"minor\">", Word(m.speeds, o.speed()),
          "</td></tr>\n");
    }
    absl::StrAppend(&out, "</tbody>\n</table>\n");
    absl::StrAppend(&out, "<p class=\"note\">",
                    Html(with_other ? m.total_note_other : m.total_note),
                    with_other ? absl::StrCat(" ", Html(m.other_note)) : "",
                    "</p>\n");
    absl::StrAppend(&out, MarkNotesHtml(promotional, estimated, m));
    if (marked) {
      absl::StrAppend(&out, "<p class=\"note\">", Html(m.data_note), "</p>\n");
    }
    const CorridorFigures figures =
        i < input.figures.size() ? input.figures[i] : CorridorFigures{s, 0};
    if (figures.summary.offer_count() > 0) {
      absl::StrAppend(&out, "<p>", FiguresHtml(figures, m), "</p>\n");
    }
  }

  if (input.cheapest_by_amount.has_value() &&
      input.cheapest_by_amount->curve.intervals_size() > 0) {
    absl::StrAppend(&out, CheapestByAmountHtml(*input.cheapest_by_amount, m));
  }

  // How old the prices shown are, over every amount.
  std::string oldest, newest;
  for (const v1::RankOffersResponse& ranking : input.rankings) {
    const v1::Freshness& f = ranking.freshness();
    const std::string& from = f.oldest_price_date().empty()
                                  ? f.newest_price_date()
                                  : f.oldest_price_date();
    if (!from.empty() && (oldest.empty() || from < oldest)) oldest = from;
    if (f.newest_price_date() > newest) newest = f.newest_price_date();
  }
  if (!newest.empty()) {
    absl::StrAppend(
        &out, "<p>",
        oldest == newest
            ? Fill(m.prices_dated_on, {{"date", l.Date(newest)}}, m)
            : Fill(m.prices_dated,
                   {{"oldest", l.Date(oldest)}, {"newest", l.Date(newest)}}, m),
        "</p>\n");
  }
  absl::StrAppend(&out, "</section>\n<section>\n", section_notes, "<h2>",
                  Html(m.hidden_heading), "</h2>\n<p>", Html(m.hidden_text),
                  "</p>\n");
  // An example from the shown offers; else one the caller priced at an
  // amount the survey measured (input.example_ranking).
  if (example == nullptr) {
    example = WorkedExampleOffer(input.example_ranking, 0);
  }
  if (example == nullptr) {
    absl::StrAppend(&out, "<p class=\"example\">", Html(m.no_example),
                    "</p>\n");
  } else {
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
        HasOtherCharges(*example)
            ? absl::StrCat(
                  " ",
                  Fill(m.example_other,
                       {{"other",
                         MoneyText(MoneyToProto(*OtherCharges(*example)), m)}},
                       m))
            : "",
        "</p>\n");
  }
  absl::StrAppend(&out, "</section>\n<section>\n", section_notes, "<h2>",
                  Html(m.questions_heading), "</h2>\n<ul>\n");
  for (const std::string& q : m.questions) {
    absl::StrAppend(&out, "<li>", Html(q), "</li>\n");
  }
  absl::StrAppend(&out, "</ul>\n<p class=\"source\">",
                  Fill(m.source_line,
                       {{"name", input.data_name},
                        {"date", l.Date(input.data_date)},
                        {"version", version.substr(0, 12)}},
                       m),
                  "</p>\n");
  for (const std::string& line : input.attributions) {
    absl::StrAppend(&out, "<p class=\"source\">", Html(line), "</p>\n");
  }
  absl::StrAppend(&out, "</section>\n</body>\n</html>\n");
  return out;
}

}  // namespace remit::cli
