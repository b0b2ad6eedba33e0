// The "sheet" command: a printable pre-departure briefing sheet (HTML,
// cli/sheet.h, its only format: no --format) for a corridor, at one to
// three amounts sent, in one of the languages of cli/i18n.
//
// Thread-safety: SheetRequestFromArgs() is a pure function.
//
// Example:
//   absl::StatusOr<SheetRequest> request = SheetRequestFromArgs(args);
//   // --from=GB --to=NG --lang=fr: request->messages->code is "fr".
#ifndef REMIT_CLI_COMMANDS_SHEET_H_
#define REMIT_CLI_COMMANDS_SHEET_H_

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "cli/args.h"
#include "cli/commands/command.h"
#include "cli/i18n/messages.h"
#include "proto/remit/v1/remit_service.pb.h"

namespace remit::cli {

Command SheetCommand();

// What the sheet options ask for.
struct SheetRequest {
  // The countries as typed (checked); no currencies.
  v1::Corridor corridor;
  // The catalog of --lang. Default: English.
  const Messages* messages = nullptr;
  // --amounts, at most three. Default: empty, meaning round amounts near
  // the corridor's USD 200 and USD 500 equivalents (RPW's two amounts; see
  // RoundSheetAmount in cli/sheet.h), the corridor's figures being given at
  // the exact ones.
  std::vector<v1::Money> amounts;
  // --period: the survey period ("2024_2Q"). Default: empty, meaning the
  // corridor's latest.
  std::string period;
  // --max-age=DAYS: the age limit. Default: unset (zero), the data's
  // default.
  google::protobuf::Duration max_quote_age;
  // --allow-stale: print stale prices, with a warning, rather than refuse.
  bool allow_stale = false;
  // --date=YYYY-MM-DD: the day the sheet is handed out, which the age of its
  // prices is counted back from (OutOfDateOn in cli/sheet.h). Default:
  // unset, meaning today by the system clock.
  std::optional<absl::CivilDay> date;
};

// Usage errors (cli/errors.h) for a missing or invalid --from or --to, a
// --lang without a catalog, an invalid amount or more than three, a --date
// that is not YYYY-MM-DD.
absl::StatusOr<SheetRequest> SheetRequestFromArgs(const Args& args);

}  // namespace remit::cli

#endif  // REMIT_CLI_COMMANDS_SHEET_H_
