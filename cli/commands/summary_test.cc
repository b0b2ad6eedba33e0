#include "cli/commands/summary.h"

#include <string>
#include <vector>

#include "cli/errors.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace remit::cli {
namespace {

absl::StatusOr<v1::GetCorridorSummaryRequest> FromArguments(
    const std::vector<std::string>& arguments) {
  absl::StatusOr<Args> args = ParseArgs(arguments, SummaryCommand().options);
  if (!args.ok()) return args.status();
  return SummaryRequestFromArgs(*args);
}

struct RequestCase {
  std::vector<std::string> args;
  const char* request;  // Text format.
};

TEST(SummaryRequestFromArgsTest, BuildsTheRequest) {
  const RequestCase
      cases[] =
          {
              // No amount: the server picks the USD 200 equivalent.
              {{"--from=GB", "--to=NG"},
               R"pb(corridor { send_country: "GB" receive_country: "NG" })pb"},
              {{"--from=GBR", "--to=NGA", "--amount=120.25 GBP"},
               R"pb(corridor {
                      send_country: "GBR"
                      receive_country: "NGA"
                      send_currency: "GBP"
                    }
                    send_amount {
                      currency_code: "GBP"
                      units: 120
                      nanos: 250000000
                    })pb"},
          };
  for (const RequestCase& c : cases) {
    v1::GetCorridorSummaryRequest expected;
    ASSERT_TRUE(
        google::protobuf::TextFormat::ParseFromString(c.request, &expected))
        << c.request;
    absl::StatusOr<v1::GetCorridorSummaryRequest> request =
        FromArguments(c.args);
    ASSERT_TRUE(request.ok()) << request.status();
    EXPECT_TRUE(
        google::protobuf::util::MessageDifferencer::Equals(*request, expected))
        << "got:\n"
        << request->DebugString() << "want:\n"
        << expected.DebugString();
  }
}

struct ErrorCase {
  std::vector<std::string> args;
  std::string message;
};

TEST(SummaryRequestFromArgsTest, UsageErrorsNameTheOption) {
  const ErrorCase cases[] = {
      {{"--to=NG"}, "--from is required"},
      {{"--from=GB"}, "--to is required"},
      {{"--from=GB", "--to=XX"},
       "--to: 'XX' is not an ISO 3166-1 country code; did you mean ALA or "
       "CXR or MEX or SXM or XKX?"},
      // A negative amount parses; the server rejects it (see
      // commands_test.cc).
      {{"--from=GB", "--to=NG", "--amount=bad"},
       "--amount: 'bad' is not an amount of money; write it as '1234.50 USD' "
       "or 'USD 1234.50'"},
  };
  for (const ErrorCase& c : cases) {
    absl::StatusOr<v1::GetCorridorSummaryRequest> request =
        FromArguments(c.args);
    EXPECT_EQ(request.status().code(), absl::StatusCode::kInvalidArgument)
        << c.message;
    EXPECT_TRUE(IsUsageError(request.status())) << c.message;
    EXPECT_EQ(request.status().message(), c.message);
  }
}

}  // namespace
}  // namespace remit::cli
