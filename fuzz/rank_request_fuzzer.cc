// Fuzzes request validation and ranking: the input is a serialized
// remit.v1.RankOffersRequest, checked as the service checks it and ranked
// over a small book with every pricing shape.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/formats/formats.h"
#include "fuzz/invariants.h"
#include "google/protobuf/stubs/logging.h"
#include "proto/remit/v1/remit_service.pb.h"
#include "service/convert.h"

namespace {

constexpr char kBook[] = R"data(
providers { id: "a" name: "A" type: PROVIDER_TYPE_BANK }
providers { id: "b" name: "B" type: PROVIDER_TYPE_MONEY_TRANSFER_OPERATOR }
reference_rates { base_currency: "USD" quote_currency: "MXN" rate: "18" as_of: "2026-01-01" }
quotes { id: "bands" provider_id: "a"
  corridor { send_country: "US" receive_country: "MX" }
  payment_instrument: PAYMENT_INSTRUMENT_CASH access_point: ACCESS_POINT_INTERNET
  receive_method: RECEIVE_METHOD_CASH_PICKUP speed: SPEED_SAME_DAY
  quoted_at: "2026-11-01" max_send_amount: "5000"
  fees { bands { fixed_fee: "4.99" percent_fee: "1" max_fee: "20" }
         bands { from_amount: "500" fixed_fee: "1" min_fee: "2" }
         funding_surcharge_percent: "1.5" }
  rate: "17.8" mid_market_rate: "18.2" rate_currency: "MXN" }
quotes { id: "deducted" provider_id: "b"
  corridor { send_country: "US" receive_country: "MX" }
  payment_instrument: PAYMENT_INSTRUMENT_DEBIT_CARD access_point: ACCESS_POINT_MOBILE_APP
  receive_method: RECEIVE_METHOD_MOBILE_MONEY speed: SPEED_LESS_THAN_ONE_HOUR
  quoted_at: "2026-11-01"
  fees { bands { fixed_fee: "3" } charging: FEE_CHARGING_DEDUCTED recipient_fixed_fee: "10" }
  margin_over_mid_percent: "-0.5" rate_currency: "MXN" }
quotes { id: "points" provider_id: "b"
  corridor { send_country: "US" receive_country: "MX" }
  payment_instrument: PAYMENT_INSTRUMENT_CASH access_point: ACCESS_POINT_BRANCH_OR_AGENT
  receive_method: RECEIVE_METHOD_HOME_DELIVERY speed: SPEED_SIX_DAYS_OR_MORE
  quoted_at: "2025-01-01"
  survey_points { send_amount: "200" fee: "5" rate: "17.9" published_margin_percent: "1.6" }
  survey_points { send_amount: "500" fee: "7" rate: "17.95" }
  mid_market_rate: "18.2" rate_currency: "MXN" }
quotes { id: "opaque" provider_id: "a" transparent: false
  corridor { send_country: "US" receive_country: "MX" }
  payment_instrument: PAYMENT_INSTRUMENT_BANK_ACCOUNT access_point: ACCESS_POINT_INTERNET
  receive_method: RECEIVE_METHOD_BANK_ACCOUNT speed: SPEED_TWO_DAYS
  quoted_at: "2026-11-01" fees { bands { fixed_fee: "2" } } }
)data";

const remit::QuoteBook& Book() {
  static const remit::QuoteBook* book = [] {
    std::vector<remit::DatasetError> errors;
    remit::ParsedDataset file =
        *remit::ParseDataset("book.textproto", kBook, {}, &errors);
    return new remit::QuoteBook(*remit::BuildQuoteBook({file}, {}, &errors));
  }();
  return *book;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Most inputs hold invalid UTF-8 in some string field: protobuf refuses
  // them (the parse fails) and would log each one.
  // A static object, not a leaked pointer: LeakSanitizer would see an
  // unused pointer optimised away as a leak.
  [[maybe_unused]] static google::protobuf::LogSilencer quiet;
  remit::v1::RankOffersRequest proto;
  if (!proto.ParseFromArray(data, static_cast<int>(size))) return 0;
  absl::StatusOr<remit::RankRequest> request =
      remit::service::RankRequestFromProto(proto);
  if (!request.ok()) {
    remit::fuzz::Require(
        request.status().code() == absl::StatusCode::kInvalidArgument ||
            request.status().code() == absl::StatusCode::kOutOfRange,
        "bad requests are INVALID_ARGUMENT or OUT_OF_RANGE");
    return 0;
  }
  request->offset = proto.page_size() % 7 < 0 ? 0 : proto.page_size() % 7;
  request->limit = 1 + static_cast<size_t>(proto.page_size() & 15);
  const remit::FakeClock clock(absl::FromUnixSeconds(1'795'000'000));
  absl::StatusOr<remit::RankResult> result =
      remit::Rank(Book(), *request, clock);
  if (result.ok()) remit::fuzz::CheckRanking(*request, *result);
  return 0;
}
