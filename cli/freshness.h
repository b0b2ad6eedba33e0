// How the remitrank tool tells people how old an answer's prices are and
// where its data comes from, from the API's Freshness and DatasetMetadata
// (so a local and a remote answer read the same).
//
// The words name the tool's options: when every price of a corridor is
// stale they say how to refresh (load newer data with --data) or override
// (--max-age for a longer age limit, --as-of to judge at another date).
//
// Thread-safety: pure functions.
//
// Example:
//   out << "Prices: " << FreshnessText(response.freshness()) << "\n";
//   if (response.freshness().all_stale()) {
//     return StaleError(response.freshness(), "USA -> MEX");
//   }
#ifndef REMIT_CLI_FRESHNESS_H_
#define REMIT_CLI_FRESHNESS_H_

#include <string>

#include "absl/status/status.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "proto/remit/v1/remit_service.pb.h"

namespace remit::cli {

// "2026-11-02": a price's date (UTC); "" when unset.
std::string DateText(const google::protobuf::Timestamp& time);

// "183" (days) from an age limit, for CSV; "" when unset.
std::string MaxAgeDays(const v1::Freshness& freshness);

// "183 days" from an age limit; "" when unset.
std::string MaxAgeText(const v1::Freshness& freshness);

// One sentence: "dated 2026-05-12 to 2026-11-02, judged at 2026-12-02;
// prices older than 183 days are left out (1 of 6)." Illustrative data
// first says "illustrative data as of 2026-11-02 (made-up prices, judged
// at that date, not today); ". "" when the answer has no freshness (an
// older server).
std::string FreshnessText(const v1::Freshness& freshness);

// When every price is stale: what the newest price date and the limit are,
// and how to refresh or override, in three lines (paragraphs, to wrap to
// the terminal).
std::string StaleText(const v1::Freshness& freshness);

// The error a command ends with when every price of `corridor` is stale:
// FAILED_PRECONDITION (exit status 1), its message one line naming the
// newest price date, the limit and the options that change the answer.
absl::Status StaleError(const v1::Freshness& freshness,
                        const std::string& corridor);

// "remitrank sample corridors, by remitrank, as of 2026-11-02, licence
// CC0 1.0": one dataset as the line under a table names it.
std::string SourceText(const v1::DatasetMetadata& source);

// The lines under a table: "Data: <SourceText>; version 58b8ab0982a9."
// (one "Data:" line per source, the version on the last), each source's
// attribution on the line after it.
std::string SourceLines(
    const google::protobuf::RepeatedPtrField<v1::DatasetMetadata>& sources,
    const std::string& version);

}  // namespace remit::cli

#endif  // REMIT_CLI_FRESHNESS_H_
