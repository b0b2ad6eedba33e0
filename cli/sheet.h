// The pre-departure briefing sheet: one self-contained HTML page for a
// corridor, to print on one or two A4 pages (print CSS, no external
// resources), in the language of a message catalog (cli/i18n).
//
// It shows the cheapest offers at each amount, the corridor's average and
// SmaRT, what the hidden exchange-rate cost is with a worked example from
// the data, the questions to ask at the counter, and where the data comes
// from.
//
// Thread-safety: pure function.
#ifndef REMIT_CLI_SHEET_H_
#define REMIT_CLI_SHEET_H_

#include <string>
#include <vector>

#include "cli/i18n/messages.h"
#include "proto/remit/v1/remit_service.pb.h"

namespace remit::cli {

struct SheetInput {
  std::string from_name;  // "United Kingdom"
  std::string to_name;
  // One ranking per amount (its summary is the corridor at that amount).
  std::vector<v1::RankOffersResponse> rankings;
  std::string data_name;  // Dataset name, or "" when unknown.
  std::string data_date;  // As-of date, or "".
};

// Offers shown per amount.
inline constexpr int kSheetOffersPerAmount = 5;

std::string RenderSheet(const SheetInput& input, const Messages& messages);

// "1234.5" -> "1 234,5" (fr): thousands grouped, the decimal point
// localised. Exact: works on the decimal text.
std::string LocalNumber(const std::string& decimal, const Messages& messages);

}  // namespace remit::cli

#endif  // REMIT_CLI_SHEET_H_
