#include "cli/commands/corridors.h"

#include <utility>
#include <vector>

#include "cli/commands/session.h"
#include "cli/output.h"

namespace remit::cli {
namespace {

// Enough for every corridor of any dataset on one page.
constexpr int kCorridorsPageSize = 1000;

absl::Status RunCorridors(const Args& args, const CommandIo& io) {
  if (absl::Status s = NoPositionalArguments(args); !s.ok()) return s;
  absl::StatusOr<Session> session = OpenSession(args, io.default_data);
  if (!session.ok()) return session.status();
  absl::StatusOr<v1::ListCorridorsRequest> request =
      CorridorsRequestFromArgs(args);
  if (!request.ok()) return request.status();
  Backend& backend = *session->backend;
  v1::ListCorridorsResponse response;
  if (absl::Status s = backend.ListCorridors(*request, &response); !s.ok()) {
    return BackendError(s);
  }
  std::vector<v1::CorridorSummary> summaries;
  if (session->format != Format::kJson) {
    for (const v1::CorridorInfo& info : response.corridors()) {
      v1::GetCorridorSummaryRequest summary_request;
      *summary_request.mutable_corridor() = info.corridor();
      v1::CorridorSummary summary;
      if (!backend.GetCorridorSummary(summary_request, &summary).ok()) {
        summary.Clear();  // The USD 200 equivalent is unknown here.
      }
      summaries.push_back(std::move(summary));
    }
  }
  io.out << CorridorsOutput(response, summaries, session->format);
  return absl::OkStatus();
}

}  // namespace

Command CorridorsCommand() {
  return {"corridors", "remitrank corridors [options]",
          "Lists the corridors in the data, with how many offers each has and "
          "their average cost.",
          WithDataOptions({}), &RunCorridors};
}

absl::StatusOr<v1::ListCorridorsRequest> CorridorsRequestFromArgs(
    const Args& /*args*/) {
  v1::ListCorridorsRequest request;
  request.set_page_size(kCorridorsPageSize);
  return request;
}

}  // namespace remit::cli
