// How the remitrank tool prints answers: a table for people, CSV for
// spreadsheets, JSON (the API's protobuf JSON mapping) for scripts.
//
// Thread-safety: pure functions.
#ifndef REMIT_CLI_OUTPUT_H_
#define REMIT_CLI_OUTPUT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "proto/remit/v1/remit_service.pb.h"

namespace remit::cli {

enum class Format { kTable, kCsv, kJson };

absl::StatusOr<Format> ParseFormat(const std::string& text);

// "1.99 USD" from a remit.v1.Money; "" when unset.
std::string MoneyText(const v1::Money& money, bool present);
// "2.72%" from an exact percentage string (two decimals); "" when empty.
std::string PercentText(const std::string& percent);

// `data_line` describes the data under a table ("Data: ... version ...").
std::string RankOutput(const v1::RankOffersResponse& response, Format format,
                       const std::string& data_line);
// `summaries[i]` is corridor i at its USD 200 equivalent (offer count and
// average), or an empty message when that amount is unknown.
std::string CorridorsOutput(const v1::ListCorridorsResponse& response,
                            const std::vector<v1::CorridorSummary>& summaries,
                            Format format);
std::string SummaryOutput(const v1::CorridorSummary& summary, Format format,
                          const std::string& data_line);

// A JSON rendering of any API message (protobuf's JSON mapping).
std::string Json(const google::protobuf::Message& message);

}  // namespace remit::cli

#endif  // REMIT_CLI_OUTPUT_H_
