// The briefing sheet's words, one catalog per language.
//
// A catalog holds every sentence of the sheet, and nothing else: country
// names, numbers, amounts, percentages and plural forms come from ICU
// for the catalog's language code (cli/i18n/localizer.h). Adding a
// language is adding one file like en.cc (a Messages value) and one line
// in catalog.cc.
//
// Fields marked "pattern" are ICU MessageFormat patterns: {name} is filled
// in, {count, plural, one {...} other {...}} takes the language's plural
// forms, {name, select, a {...} other {...}} chooses a phrase. In them,
// write the typographic apostrophe (’) rather than ' before a brace. The
// other fields are plain text.
//
// Thread-safety: constant data.
#ifndef REMIT_CLI_I18N_MESSAGES_H_
#define REMIT_CLI_I18N_MESSAGES_H_

#include <string>
#include <vector>

#include "cli/i18n/localizer.h"

namespace remit::cli {

struct Messages {
  // The language, as ICU and HTML know it: "en", "fr", "es".
  const char* code;

  // Pattern: {from} {to}, the countries' names. A sentence shape that
  // stays grammatical for any country (no article or preposition that
  // depends on the name).
  const char* title;
  const char* intro;
  const char* offers_heading;  // Pattern: {amount}
  const char* column_rank;
  const char* column_provider;
  const char* column_how;
  const char* column_fee;
  const char* column_margin;
  const char* column_total;
  const char* column_receives;
  const char* column_speed;
  const char* no_offers;
  // Pattern: the corridor's figures under a table. {amount} (the amount
  // they are at), {count} (how many offers, for plural), {average},
  // {reference}: "usd200" or "usd500" when {amount} is the usual
  // comparison amount, worth about 200 or 500 US dollars; "typed"
  // otherwise.
  const char* corridor_line;
  // Pattern: {smart}. What the three cheapest offers that show their rate
  // and deliver within 5 days cost on average (RPW's SmaRT), in plain
  // words.
  const char* smart_line;
  // Fewer than three such offers.
  const char* smart_none;
  const char* hidden_heading;
  const char* hidden_text;
  // Pattern: {provider} {amount} {fee} {rate} {mid} {margin_cost}
  // {receives} {total} {percent}.
  const char* example;
  const char* questions_heading;
  std::vector<std::string> questions;
  const char* source_line;  // Pattern: {name} {date} {version}
  const char* not_stated;
  // Under a table with offers marked "!": RPW published their figures as
  // they are, and they are unusual.
  const char* data_note;
  // Words for the API's enum values, in their order after UNSPECIFIED:
  // PaymentInstrument (6), ReceiveMethod (5), Speed (6).
  std::vector<std::string> payment_instruments;
  std::vector<std::string> receive_methods;
  std::vector<std::string> speeds;

  // The parts of the total and the marks on offers.
  const char* column_other;  // Surcharge + fee taken at the recipient's end.
  const char* other_note;    // Under a table with that column: what it holds.
  const char* total_note;    // Total = fee + hidden in the rate.
  const char* total_note_other;  // Total = fee + other + hidden in the rate.
  const char* promotional_note;  // "* ...": a promotional price.
  const char* estimated_note;    // "~ ...": a price between surveyed amounts.
  // Pattern: a negative total cost, in words; {amount} is how much better
  // than the market rate the offer is.
  const char* better_than_market;
  // Pattern: {other}, the worked example's other charges.
  const char* example_other;
  // Why the sheet has no worked example: every offer shown is promotional
  // or estimated.
  const char* no_example;

  // How old the prices are, under the offers: {oldest} {newest} (dates).
  const char* prices_dated;
  // The same when every price has one date: {date}.
  const char* prices_dated_on;
  // Illustrative data (made-up prices): {date}, its as-of date.
  const char* illustrative_note;
  // At the top when stale prices were asked for (--allow-stale): {newest}
  // (the newest price date), {days} (the age limit) and {as_of}.
  const char* stale_warning;
  // Short, at the start of every other section of the sheet, so that every
  // printed page carries it: the same warning, {newest} (the newest price
  // date).
  const char* stale_page_note;
  // Short, likewise, for illustrative data: {date}, its as-of date.
  const char* illustrative_page_note;

  // Who is cheapest for each amount sent over a range (the cost curve),
  // one short line. Pattern: {min} {max} (the range), {parts} (the parts
  // below, joined by cheapest_separator, then cheapest_more if some are
  // left out).
  const char* cheapest_by_amount;
  // The parts, patterns with {provider} and the amounts {from} {to}: one
  // offer cheapest over the whole range; the first interval; one between
  // others; the last.
  const char* cheapest_throughout;
  const char* cheapest_up_to;
  const char* cheapest_between;
  const char* cheapest_from;
  const char* cheapest_separator;  // Plain text, between parts.
  // Pattern: {count}, how many more changes are left out.
  const char* cheapest_more;

  // The web widget (web/remit-compare.js, which reads the catalog as JSON:
  // cli/i18n/messages_json.cc). Words for ProviderType's values in their
  // order after UNSPECIFIED (5).
  std::vector<std::string> provider_types;
  const char* widget_amount;   // Label of the amount box.
  const char* widget_send;     // The amount is what you send.
  const char* widget_receive;  // The amount is what they receive.
  const char* widget_compare;  // The button that asks again.
  const char* widget_sort;     // Label of the sort choice.
  // The sort choices: total cost, amount received, speed.
  std::vector<std::string> widget_orders;
  const char* widget_receive_filter;  // Label: how the money arrives.
  const char* widget_type_filter;     // Label: type of provider.
  const char* widget_all;             // The filter choice "all".
  const char* widget_rate;            // Column: the exchange rate.
  // Pattern: {percent} (the margin), {mid} (the market rate).
  const char* widget_margin;
  const char* widget_show_more;  // Button: show more offers.
  // Pattern, announced after each change: {shown} of {count} offers
  // (plural on count), {order} (one of widget_orders).
  const char* widget_status;
  // Pattern: the trend line's label, {first} and {last} (periods).
  const char* widget_trend;
  const char* widget_stale;    // The mark on a stale price.
  const char* widget_loading;  // While the prices load.
  const char* widget_error;    // When they cannot be loaded.
  const char* widget_licence;  // Pattern: {license}.
  // The label of the "!" mark on an offer whose published figures carry a
  // data note (they do not add up, or are out of the ordinary).
  const char* widget_data_note;
};

// The catalog for `code`, or null when there is none.
const Messages* FindMessages(const std::string& code);
// The codes there are catalogs for, in order.
std::vector<std::string> LanguageCodes();
// The ICU conventions of the catalog's language (numbers, money, country
// names, plurals), created once per language and shared.
const Localizer& LocalizerFor(const Messages& messages);

}  // namespace remit::cli

#endif  // REMIT_CLI_I18N_MESSAGES_H_
