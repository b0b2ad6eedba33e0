#include "cli/commands/summary.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "cli/commands/option_checks.h"
#include "cli/commands/session.h"
#include "cli/freshness.h"
#include "cli/output.h"

namespace remit::cli {
namespace {

absl::Status RunSummary(const Args& args, const CommandIo& io) {
  if (absl::Status s = NoPositionalArguments(args); !s.ok()) return s;
  absl::StatusOr<Session> session = OpenSession(args, io.default_data);
  if (!session.ok()) return session.status();
  absl::StatusOr<v1::GetCorridorSummaryRequest> request =
      SummaryRequestFromArgs(args);
  if (!request.ok()) return request.status();
  v1::CorridorSummary summary;
  if (absl::Status s = session->backend->GetCorridorSummary(*request, &summary);
      !s.ok()) {
    return BackendError(s);
  }
  io.out << SummaryOutput(summary, session->format,
                          SourceParagraphs(summary.data_sources(),
                                           summary.dataset_version(), io.width),
                          io.width);
  // No offer because the data is too old: exit 1, as rank does.
  if (summary.offer_count() == 0 && summary.freshness().all_stale()) {
    return StaleError(summary.freshness(),
                      absl::StrCat(summary.corridor().send_country(), " -> ",
                                   summary.corridor().receive_country()));
  }
  return absl::OkStatus();
}

}  // namespace

Command SummaryCommand() {
  return {"summary",
          "remitrank summary --from=COUNTRY --to=COUNTRY "
          "[--amount=\"200 USD\"]",
          "The corridor's average, median, SmaRT and cheapest offer.",
          WithDataOptions({{"from", true, false, "sending country"},
                           {"to", true, false, "receiving country"},
                           {"amount", true, false,
                            "amount sent (default: the USD 200 equivalent)"},
                           PeriodOptionSpec(),
                           MaxAgeOptionSpec()}),
          &RunSummary};
}

absl::StatusOr<v1::GetCorridorSummaryRequest> SummaryRequestFromArgs(
    const Args& args) {
  for (const char* name : {"from", "to"}) {
    if (absl::Status s = CheckCountryOption(args, name); !s.ok()) return s;
  }
  v1::GetCorridorSummaryRequest request;
  request.mutable_corridor()->set_send_country(*args.Get("from"));
  request.mutable_corridor()->set_receive_country(*args.Get("to"));
  if (args.Has("amount")) {
    absl::StatusOr<v1::Money> amount = MoneyOption(args, "amount");
    if (!amount.ok()) return amount.status();
    *request.mutable_send_amount() = *amount;
    request.mutable_corridor()->set_send_currency(amount->currency_code());
  }
  if (absl::Status s = PeriodOption(args, request.mutable_period()); !s.ok()) {
    return s;
  }
  if (args.Has("max-age")) {
    if (absl::Status s = MaxAgeOption(args, request.mutable_max_quote_age());
        !s.ok()) {
      return s;
    }
  }
  return request;
}

}  // namespace remit::cli
