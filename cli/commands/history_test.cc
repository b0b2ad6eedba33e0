#include "cli/commands/history.h"

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

TEST(HistoryRequestFromArgsTest, BuildsTheRequest) {
  const RequestCase cases[] = {
      // No amount level: left unspecified, the server's default (cc1).
      {{"--from=GB", "--to=NG"},
       R"pb(corridor { send_country: "GB" receive_country: "NG" })pb"},
      {{"--from=GBR", "--to=NGA", "--amount-level=cc1"},
       R"pb(corridor { send_country: "GBR" receive_country: "NGA" }
            amount_level: AMOUNT_LEVEL_CC1)pb"},
      {{"--from=US", "--to=MX", "--amount-level=CC2"},
       R"pb(corridor { send_country: "US" receive_country: "MX" }
            amount_level: AMOUNT_LEVEL_CC2)pb"},
      {{"--from=US", "--to=MX", "--provider=wu-001"},
       R"pb(corridor { send_country: "US" receive_country: "MX" }
            provider_id: "wu-001")pb"},
      // The output options do not change the request.
      {{"--from=US", "--to=MX", "--amount-level", "cc2", "--format=svg",
        "--output=chart.svg"},
       R"pb(corridor { send_country: "US" receive_country: "MX" }
            amount_level: AMOUNT_LEVEL_CC2)pb"},
  };
  ExpectRequests(HistoryCommand(), &HistoryRequestFromArgs, cases);
}

TEST(HistoryRequestFromArgsTest, UsageErrorsNameTheOption) {
  const UsageErrorCase cases[] = {
      {{"--to=NG"}, "--from is required"},
      {{"--from=GB"}, "--to is required"},
      {{"--from=GB", "--to=XX"},
       "--to: 'XX' is not an ISO 3166-1 country code; did you mean ALA or "
       "CXR or MEX or SXM or XKX?"},
      {{"--from=GB", "--to=NG", "--amount-level=cc3"},
       "--amount-level: 'cc3' is not one of cc1, cc2; did you mean cc1?"},
      {{"--from=GB", "--to=NG", "--amount-level=200"},
       "--amount-level: '200' is not one of cc1, cc2"},
      {{"--from=GB", "--to=NG", "--amount-level=unspecified"},
       "--amount-level: 'unspecified' is not one of cc1, cc2"},
      {{"--from=GB", "--to=NG", "--provider="},
       "--provider needs a provider id"},
  };
  ExpectUsageErrors(HistoryCommand(), &HistoryRequestFromArgs, cases);
}

}  // namespace
}  // namespace remit::cli
