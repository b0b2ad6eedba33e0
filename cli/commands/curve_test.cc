#include "cli/commands/curve.h"

#include <string>
#include <vector>

#include "cli/commands/request_builder_testing.h"
#include "cli/curve_chart.h"
#include "gtest/gtest.h"

namespace remit::cli {
namespace {

using testing::ExpectRequests;
using testing::ExpectUsageErrors;
using testing::RequestCase;
using testing::UsageErrorCase;

absl::StatusOr<v1::GetCostCurveRequest> ForTable(const Args& args) {
  return CurveRequestFromArgs(args, Format::kTable);
}

absl::StatusOr<v1::GetCostCurveRequest> ForChart(const Args& args) {
  return CurveRequestFromArgs(args, Format::kSvg);
}

TEST(CurveRequestFromArgsTest, BuildsTheRequest) {
  const RequestCase cases[] = {
      {{"--from=GB", "--to=NG", "--min=50 GBP", "--max=1000 GBP"},
       R"pb(corridor {
              send_country: "GB"
              receive_country: "NG"
              send_currency: "GBP"
            }
            min_amount { currency_code: "GBP" units: 50 }
            max_amount { currency_code: "GBP" units: 1000 }
            filter {})pb"},
      // The filter and the sender's access, read as rank reads them.
      {{"--from=US", "--to=MX", "--min=1 USD", "--max=600 USD",
        "--receive-method=cash_pickup,bank_account",
        "--payment-instrument=debit_card", "--provider-type=bank",
        "--max-speed=two_days", "--access=card,internet", "--include-opaque",
        "--exclude-promotional", "--samples=3"},
       R"pb(corridor {
              send_country: "US"
              receive_country: "MX"
              send_currency: "USD"
            }
            min_amount { currency_code: "USD" units: 1 }
            max_amount { currency_code: "USD" units: 600 }
            filter {
              receive_methods: [
                RECEIVE_METHOD_CASH_PICKUP,
                RECEIVE_METHOD_BANK_ACCOUNT
              ]
              payment_instruments: PAYMENT_INSTRUMENT_DEBIT_CARD
              provider_types: PROVIDER_TYPE_BANK
              max_speed: SPEED_TWO_DAYS
              exclude_promotional: true
            }
            access { has_card: true has_internet: true }
            include_opaque: true
            sample_count: 3)pb"},
      // Amounts received: in the receiving currency.
      {{"--from=US", "--to=MX", "--receive", "--min=1000 MXN",
        "--max=20000 MXN"},
       R"pb(corridor {
              send_country: "US"
              receive_country: "MX"
              receive_currency: "MXN"
            }
            min_amount { currency_code: "MXN" units: 1000 }
            max_amount { currency_code: "MXN" units: 20000 }
            filter {}
            receive_amounts: true)pb"},
  };
  ExpectRequests<v1::GetCostCurveRequest>(CurveCommand(), &ForTable, cases);
}

TEST(CurveRequestFromArgsTest, AChartAsksForSamples) {
  const RequestCase cases[] = {
      {{"--from=GB", "--to=NG", "--min=50 GBP", "--max=1000 GBP"},
       R"pb(corridor {
              send_country: "GB"
              receive_country: "NG"
              send_currency: "GBP"
            }
            min_amount { currency_code: "GBP" units: 50 }
            max_amount { currency_code: "GBP" units: 1000 }
            filter {}
            sample_count: 241)pb"},
      {{"--from=GB", "--to=NG", "--min=50 GBP", "--max=1000 GBP",
        "--samples=2"},
       R"pb(corridor {
              send_country: "GB"
              receive_country: "NG"
              send_currency: "GBP"
            }
            min_amount { currency_code: "GBP" units: 50 }
            max_amount { currency_code: "GBP" units: 1000 }
            filter {}
            sample_count: 2)pb"},
  };
  ExpectRequests<v1::GetCostCurveRequest>(CurveCommand(), &ForChart, cases);
  EXPECT_EQ(kDefaultChartSamples, 241);
}

TEST(CurveRequestFromArgsTest, RefusesBadOptions) {
  const UsageErrorCase table_errors[] = {
      {{"--from=GB", "--to=NG", "--min=50 GBP"},
       "--max is required, e.g. --max=\"1000 GBP\""},
      {{"--from=GB", "--to=NG", "--min=50 GBP", "--max=1000 EUR"},
       "--min is in GBP and --max in EUR: give both in the send currency"},
      {{"--from=GB", "--to=NG", "--receive", "--min=50 NGN", "--max=1000 GBP"},
       "--min is in NGN and --max in GBP: give both in the receiving "
       "currency"},
      {{"--from=GB", "--to=NG", "--min=50 GBP", "--max=1000 GBP",
        "--receive-method=pigeon"},
       "--receive-method: 'pigeon' is not one of cash_pickup, bank_account, "
       "mobile_money, home_delivery, other"},
      {{"--from=GB", "--to=NG", "--min=50 GBP", "--max=1000 GBP",
        "--access=yacht"},
       "--access: 'yacht' is not one of bank_account, card, mobile_wallet, "
       "internet, cash_pickup"},
      {{"--from=GB", "--to=NG", "--min=50 GBP", "--max=1000 GBP",
        "--samples=1001"},
       "--samples: '1001' is not a whole number from 0 to 1000"},
  };
  ExpectUsageErrors<v1::GetCostCurveRequest>(CurveCommand(), &ForTable,
                                             table_errors);
  const UsageErrorCase chart_errors[] = {
      {{"--from=GB", "--to=NG", "--min=50 GBP", "--max=1000 GBP",
        "--samples=1"},
       "--samples: '1' is not a whole number from 2 to 1000 (a chart needs "
       "at least 2)"},
  };
  ExpectUsageErrors<v1::GetCostCurveRequest>(CurveCommand(), &ForChart,
                                             chart_errors);
}

}  // namespace
}  // namespace remit::cli
