#include "cli/commands/history.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/commands/option_checks.h"
#include "cli/commands/session.h"
#include "cli/errors.h"
#include "cli/history_chart.h"
#include "cli/output.h"

namespace remit::cli {
namespace {

constexpr Format kHistoryFormats[] = {Format::kTable, Format::kCsv,
                                      Format::kJson, Format::kSvg};

absl::Status RunHistory(const Args& args, const CommandIo& io) {
  if (absl::Status s = NoPositionalArguments(args); !s.ok()) return s;
  absl::StatusOr<Session> session =
      OpenSession(args, io.default_data, kHistoryFormats);
  if (!session.ok()) return session.status();
  absl::StatusOr<v1::GetCorridorHistoryRequest> request =
      HistoryRequestFromArgs(args);
  if (!request.ok()) return request.status();
  v1::CorridorHistory history;
  if (absl::Status s = session->backend->GetCorridorHistory(*request, &history);
      !s.ok()) {
    return BackendError(s);
  }
  const std::string text =
      session->format == Format::kSvg
          ? HistorySvg(history, SourceParagraphs(history.data_sources(),
                                                 history.dataset_version(),
                                                 kHistoryChartFooterChars))
          : HistoryOutput(
                history, session->format,
                SourceParagraphs(history.data_sources(),
                                 history.dataset_version(), io.width));
  return WriteAnswer(args, io, text);
}

}  // namespace

Command HistoryCommand() {
  return {"history",
          "remitrank history --from=COUNTRY --to=COUNTRY "
          "[--amount-level=cc1|cc2] [--provider=ID] [--format=svg -o FILE]",
          "A corridor's cost over time, survey period by survey period.",
          WithDataOptions(
              {{"from", true, false, "sending country"},
               {"to", true, false, "receiving country"},
               {"amount-level", true, false,
                "cc1 (default: the USD 200 equivalent) or cc2 (USD 500)"},
               {"provider", true, false,
                "also follow this provider's own average (its id)"},
               {"output", true, false, "write the answer to FILE (also -o)"}},
              kHistoryFormats),
          &RunHistory};
}

absl::StatusOr<v1::GetCorridorHistoryRequest> HistoryRequestFromArgs(
    const Args& args) {
  for (const char* name : {"from", "to"}) {
    if (absl::Status s = CheckCountryOption(args, name); !s.ok()) return s;
  }
  v1::GetCorridorHistoryRequest request;
  request.mutable_corridor()->set_send_country(*args.Get("from"));
  request.mutable_corridor()->set_receive_country(*args.Get("to"));
  if (args.Has("amount-level")) {
    absl::StatusOr<std::vector<v1::AmountLevel>> level =
        EnumOption<v1::AmountLevel>(args, "amount-level", "AMOUNT_LEVEL_",
                                    v1::AmountLevel_Parse,
                                    v1::AmountLevel_descriptor());
    if (!level.ok()) return level.status();
    request.set_amount_level(level->back());
  }
  if (std::optional<std::string> provider = args.Get("provider")) {
    if (provider->empty()) {
      return UsageError("--provider needs a provider id");
    }
    request.set_provider_id(*provider);
  }
  return request;
}

}  // namespace remit::cli
