#include "cli/commands/rank.h"

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

TEST(RankRequestFromArgsTest, BuildsTheRequest) {
  const RequestCase cases[] = {
      {{"--from=GB", "--to=NG", "--amount=120 GBP"},
       R"pb(corridor {
              send_country: "GB"
              receive_country: "NG"
              send_currency: "GBP"
            }
            send_amount { currency_code: "GBP" units: 120 }
            filter {}
            page_size: 1000)pb"},
      // Countries go as typed; --receive makes it the amount received.
      {{"--from=USA", "--to=mx", "--receive", "--amount=3400.50 MXN"},
       R"pb(corridor {
              send_country: "USA"
              receive_country: "mx"
              receive_currency: "MXN"
            }
            receive_amount { currency_code: "MXN" units: 3400 nanos: 500000000 }
            filter {}
            page_size: 1000)pb"},
      {{"--from=US", "--to=MX", "--amount=USD 200",
        "--receive-method=cash_pickup,bank_account",
        "--payment-instrument=DEBIT_CARD", "--provider-type=bank",
        "--max-speed=two_days", "--max-speed=same_day"},
       R"pb(corridor {
              send_country: "US"
              receive_country: "MX"
              send_currency: "USD"
            }
            send_amount { currency_code: "USD" units: 200 }
            filter {
              receive_methods: [
                RECEIVE_METHOD_CASH_PICKUP,
                RECEIVE_METHOD_BANK_ACCOUNT
              ]
              payment_instruments: PAYMENT_INSTRUMENT_DEBIT_CARD
              provider_types: PROVIDER_TYPE_BANK
              max_speed: SPEED_SAME_DAY
            }
            page_size: 1000)pb"},
      {{"--from=US", "--to=MX", "--amount=200 USD", "--order=received",
        "--include-opaque", "--access=card,internet", "--access=cash_pickup",
        "--limit=5"},
       R"pb(corridor {
              send_country: "US"
              receive_country: "MX"
              send_currency: "USD"
            }
            send_amount { currency_code: "USD" units: 200 }
            filter {}
            order_by: "amount_received"
            include_opaque: true
            access { has_card: true has_internet: true needs_cash_pickup: true }
            page_size: 5)pb"},
      {{"--from=US", "--to=MX", "--amount=200 USD", "--order=speed",
        "--access=bank_account,mobile_wallet", "--limit=5000"},
       R"pb(corridor {
              send_country: "US"
              receive_country: "MX"
              send_currency: "USD"
            }
            send_amount { currency_code: "USD" units: 200 }
            filter {}
            order_by: "speed"
            access { has_bank_account: true has_mobile_wallet: true }
            page_size: 1000)pb"},
      {{"--from=US", "--to=MX", "--amount=200 USD", "--order=cost"},
       R"pb(corridor {
              send_country: "US"
              receive_country: "MX"
              send_currency: "USD"
            }
            send_amount { currency_code: "USD" units: 200 }
            filter {}
            order_by: "total_cost"
            page_size: 1000)pb"},
      {{"--from=US", "--to=MX", "--amount=200 USD", "--period=2024_2Q"},
       R"pb(corridor {
              send_country: "US"
              receive_country: "MX"
              send_currency: "USD"
            }
            send_amount { currency_code: "USD" units: 200 }
            filter {}
            page_size: 1000
            period: "2024_2Q")pb"},
      // The API's filter leaves promotions out.
      {{"--from=US", "--to=MX", "--amount=200 USD", "--exclude-promotional"},
       R"pb(corridor {
              send_country: "US"
              receive_country: "MX"
              send_currency: "USD"
            }
            send_amount { currency_code: "USD" units: 200 }
            filter { exclude_promotional: true }
            page_size: 1000)pb"},
  };
  ExpectRequests(RankCommand(), &RankRequestFromArgs, cases);
}

TEST(RankRequestFromArgsTest, UsageErrorsNameTheOption) {
  const UsageErrorCase cases[] = {
      {{"--to=NG", "--amount=1 GBP"}, "--from is required"},
      {{"--from=GB", "--amount=1 GBP"}, "--to is required"},
      {{"--from=GBA", "--to=NG", "--amount=1 GBP"},
       "--from: 'GBA' is not an ISO 3166-1 country code; did you mean GBR or "
       "GHA?"},
      {{"--from=GB", "--to=NG"},
       "--amount is required, e.g. --amount=\"120 GBP\""},
      {{"--from=GB", "--to=NG", "--amount=12.345 GBP"},
       "--amount: '12.345 GBP': amount has more than 2 fractional digits, "
       "the most GBP allows"},
      {{"--from=US", "--to=MX", "--amount=200 USD",
        "--receive-method=cash_pikup"},
       "--receive-method: 'cash_pikup' is not one of cash_pickup, "
       "bank_account, mobile_money, home_delivery, other; did you mean "
       "cash_pickup?"},
      {{"--from=US", "--to=MX", "--amount=200 USD",
        "--payment-instrument=unspecified"},
       "--payment-instrument: 'unspecified' is not one of cash, "
       "bank_account, debit_card, credit_card, mobile_wallet, other"},
      {{"--from=US", "--to=MX", "--amount=200 USD", "--provider-type=bnak"},
       "--provider-type: 'bnak' is not one of bank, money_transfer_operator, "
       "mobile_operator, post_office, other; did you mean bank?"},
      {{"--from=US", "--to=MX", "--amount=200 USD", "--max-speed=fast"},
       "--max-speed: 'fast' is not one of less_than_one_hour, same_day, "
       "next_day, two_days, three_to_five_days, six_days_or_more"},
      {{"--from=US", "--to=MX", "--amount=200 USD", "--order=cheap"},
       "--order: 'cheap' is not one of cost, received, speed"},
      {{"--from=US", "--to=MX", "--amount=200 USD", "--access=phone"},
       "--access: 'phone' is not one of bank_account, card, mobile_wallet, "
       "internet, cash_pickup"},
      {{"--from=US", "--to=MX", "--amount=200 USD", "--limit=0"},
       "--limit: '0' is not a positive number"},
      {{"--from=US", "--to=MX", "--amount=200 USD", "--limit=ten"},
       "--limit: 'ten' is not a positive number"},
      {{"--from=US", "--to=MX", "--amount=200 USD", "--period=2024_5Q"},
       "--period: '2024_5Q' is not a survey period (YYYY_nQ, e.g. 2024_2Q): "
       "the quarter must be 1 to 4"},
      {{"--from=US", "--to=MX", "--amount=200 USD", "--period=24_1Q"},
       "--period: '24_1Q' is not a survey period (YYYY_nQ, e.g. 2024_2Q)"},
  };
  ExpectUsageErrors(RankCommand(), &RankRequestFromArgs, cases);
}

}  // namespace
}  // namespace remit::cli
