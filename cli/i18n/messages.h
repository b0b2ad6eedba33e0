// The briefing sheet's words, one catalog per language.
//
// A catalog holds every sentence of the sheet and how its numbers are
// written. Adding a language is adding one file like en.cc (a Messages
// value) and one line in catalog.cc. Templates use {name} placeholders,
// which the sheet fills in.
//
// Thread-safety: constant data.
#ifndef REMIT_CLI_I18N_MESSAGES_H_
#define REMIT_CLI_I18N_MESSAGES_H_

#include <string>
#include <vector>

namespace remit::cli {

struct Messages {
  const char* code;  // "en", "fr", "es".
  // Numbers: "1,234.56" (en), "1 234,56" (fr), "1.234,56" (es).
  const char* decimal_point;
  const char* thousands_separator;
  const char* percent_suffix;  // "%" or a narrow space then "%".

  const char* title;  // {from} {to}
  const char* intro;
  const char* offers_heading;  // {amount}
  const char* column_rank;
  const char* column_provider;
  const char* column_how;
  const char* column_fee;
  const char* column_margin;
  const char* column_total;
  const char* column_receives;
  const char* column_speed;
  const char* no_offers;
  const char* corridor_line;  // {average} {smart}
  const char* smart_none;
  const char* hidden_heading;
  const char* hidden_text;
  const char* example;  // {provider} {amount} {fee} {rate} {mid} {margin_cost}
                        // {receives} {total} {percent}
  const char* questions_heading;
  std::vector<std::string> questions;
  const char* source_line;  // {name} {date} {version}
  const char* not_stated;
  // Under a table with offers marked "!": RPW published their figures as
  // they are, and they are unusual.
  const char* data_note;
  // Words for the API's enum values, in their order after UNSPECIFIED:
  // PaymentInstrument (6), ReceiveMethod (5), Speed (6).
  std::vector<std::string> payment_instruments;
  std::vector<std::string> receive_methods;
  std::vector<std::string> speeds;
};

// The catalog for `code`, or null when there is none.
const Messages* FindMessages(const std::string& code);
// The codes there are catalogs for, in order.
std::vector<std::string> LanguageCodes();

}  // namespace remit::cli

#endif  // REMIT_CLI_I18N_MESSAGES_H_
