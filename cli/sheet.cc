#include "cli/sheet.h"

#include <algorithm>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
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

// Fills {name} placeholders; values are already HTML.
std::string Fill(absl::string_view text,
                 const std::map<std::string, std::string>& values) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& [k, v] : values) pairs.emplace_back("{" + k + "}", v);
  return absl::StrReplaceAll(text, pairs);
}

std::string MoneyHtml(const v1::Money& money, const Messages& m) {
  absl::StatusOr<Money> value = MoneyFromProto(money);
  if (!value.ok()) return "?";
  return Html(absl::StrCat(LocalNumber(value->AmountString(), m), " ",
                           value->currency().code()));
}

std::string PercentHtml(const std::string& percent, const Messages& m) {
  absl::StatusOr<Percent> p = Percent::FromString(percent);
  if (!p.ok()) return "?";
  return Html(absl::StrCat(LocalNumber(p->ToString(2), m), m.percent_suffix));
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

std::string LocalNumber(const std::string& decimal, const Messages& m) {
  std::string sign, whole = decimal, fraction;
  if (!whole.empty() && whole[0] == '-') {
    sign = "-";
    whole = whole.substr(1);
  }
  if (size_t dot = whole.find('.'); dot != std::string::npos) {
    fraction = whole.substr(dot + 1);
    whole = whole.substr(0, dot);
  }
  std::string grouped;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) {
      grouped += m.thousands_separator;
    }
    grouped += whole[i];
  }
  return fraction.empty()
             ? sign + grouped
             : absl::StrCat(sign, grouped, m.decimal_point, fraction);
}

std::string RenderSheet(const SheetInput& input, const Messages& m) {
  const std::string title = Fill(
      m.title, {{"from", Html(input.from_name)}, {"to", Html(input.to_name)}});
  std::string out = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"", m.code, "\">\n<head>\n",
      "<meta charset=\"utf-8\">\n<title>", title, "</title>\n<style>", kStyle,
      "</style>\n</head>\n<body>\n<h1>", title, "</h1>\n<p>", Html(m.intro),
      "</p>\n");

  const v1::Offer* example = nullptr;
  std::string version;
  for (const v1::RankOffersResponse& ranking : input.rankings) {
    const v1::CorridorSummary& s = ranking.summary();
    version = ranking.dataset_version();
    absl::StrAppend(
        &out, "<h2>",
        Fill(m.offers_heading, {{"amount", MoneyHtml(s.amount(), m)}}),
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
    if (s.offer_count() > 0) {
      absl::StrAppend(
          &out, "<p>",
          Fill(m.corridor_line,
               {{"average", PercentHtml(s.average_total_cost_percent(), m)},
                {"smart", s.has_smart_percent()
                              ? PercentHtml(s.smart_percent(), m)
                              : Html(m.smart_none)}}),
          "</p>\n");
    }
  }

  absl::StrAppend(&out, "<h2>", Html(m.hidden_heading), "</h2>\n<p>",
                  Html(m.hidden_text), "</p>\n");
  if (example != nullptr) {
    absl::StrAppend(
        &out, "<p class=\"example\">",
        Fill(m.example,
             {{"provider", Html(example->provider_name())},
              {"amount", MoneyHtml(example->send_amount(), m)},
              {"fee", MoneyHtml(example->fee(), m)},
              {"rate", Html(LocalNumber(example->exchange_rate(), m))},
              {"mid", Html(LocalNumber(example->mid_market_rate(), m))},
              {"margin_cost", MoneyHtml(example->fx_margin_cost(), m)},
              {"receives", MoneyHtml(example->receive_amount(), m)},
              {"total", MoneyHtml(example->total_cost(), m)},
              {"percent", PercentHtml(example->total_cost_percent(), m)}}),
        "</p>\n");
  }
  absl::StrAppend(&out, "<h2>", Html(m.questions_heading), "</h2>\n<ul>\n");
  for (const std::string& q : m.questions) {
    absl::StrAppend(&out, "<li>", Html(q), "</li>\n");
  }
  absl::StrAppend(
      &out, "</ul>\n<p class=\"source\">",
      Fill(m.source_line, {{"name", Html(input.data_name)},
                           {"date", Html(input.data_date)},
                           {"version", Html(version.substr(0, 12))}}),
      "</p>\n</body>\n</html>\n");
  return out;
}

}  // namespace remit::cli
