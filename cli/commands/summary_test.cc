#include "cli/commands/summary.h"

#include <string>
#include <vector>

#include "cli/commands/request_builder_testing.h"
#include "gtest/gtest.h"

namespace remit::cli {
namespace {

using testing::ExpectRequests;
using testing::ExpectUsageErrors;
using testing::RequestCase;
using testing::UsageErrorCase;

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
              {{"--from=GB", "--to=NG", "--period=2023_4Q"},
               R"pb(corridor { send_country: "GB" receive_country: "NG" }
                    period: "2023_4Q")pb"},
          };
  ExpectRequests(SummaryCommand(), &SummaryRequestFromArgs, cases);
}

TEST(SummaryRequestFromArgsTest, UsageErrorsNameTheOption) {
  const UsageErrorCase cases[] = {
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
      {{"--from=GB", "--to=NG", "--period=2023-4Q"},
       "--period: '2023-4Q' is not a survey period (YYYY_nQ, e.g. 2024_2Q)"},
  };
  ExpectUsageErrors(SummaryCommand(), &SummaryRequestFromArgs, cases);
}

}  // namespace
}  // namespace remit::cli
