// Malformed RankOffers requests and the answers they must get, shared by
// the service's unit test and the end-to-end tests. Each starts from
// UsMx200() (200 USD, USA -> MEX, in testdata/sample_corridors.textproto).
#ifndef REMIT_SERVICE_TESTING_BAD_REQUESTS_H_
#define REMIT_SERVICE_TESTING_BAD_REQUESTS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "grpcpp/support/status.h"
#include "gtest/gtest.h"
#include "proto/remit/v1/remit_service.pb.h"

namespace remit::service::testing {

inline v1::RankOffersRequest UsMx200() {
  v1::RankOffersRequest request;
  request.mutable_corridor()->set_send_country("US");
  request.mutable_corridor()->set_receive_country("MX");
  request.mutable_send_amount()->set_currency_code("USD");
  request.mutable_send_amount()->set_units(200);
  return request;
}

// A 40 KB request value, and how messages quote it: its first 64 bytes
// and its length, `before` and `after` it.
inline std::string LongValue() { return std::string(40 * 1024, 'x'); }
inline std::string LongEcho(const std::string& before,
                            const std::string& after) {
  return before + "'" + std::string(64, 'x') + "...' (40960 bytes)" + after;
}

// The longest message any of these requests may get.
inline constexpr size_t kMaxMessageBytes = 512;

struct BadRequest {
  const char* what;
  void (*mutate)(v1::RankOffersRequest*);
  grpc::StatusCode code;
  std::string message;
};

inline const std::vector<BadRequest>& BadRankRequests() {
  static const auto* requests = new std::vector<BadRequest>{
      {"no corridor", [](v1::RankOffersRequest* r) { r->clear_corridor(); },
       grpc::StatusCode::INVALID_ARGUMENT, "corridor: is required"},
      {"bad country",
       [](v1::RankOffersRequest* r) {
         r->mutable_corridor()->set_send_country("XXX");
       },
       grpc::StatusCode::INVALID_ARGUMENT,
       "corridor.send_country: 'XXX' is not an ISO 3166-1 country code"},
      {"bad currency",
       [](v1::RankOffersRequest* r) {
         r->mutable_corridor()->set_receive_currency("MXX");
       },
       grpc::StatusCode::INVALID_ARGUMENT,
       "corridor.receive_currency: 'MXX' is not an ISO 4217 currency code"},
      {"no amount", [](v1::RankOffersRequest* r) { r->clear_send_amount(); },
       grpc::StatusCode::INVALID_ARGUMENT,
       "send_amount: one of send_amount or receive_amount is required"},
      {"amount currency",
       [](v1::RankOffersRequest* r) {
         r->mutable_send_amount()->set_currency_code("ZZZ");
       },
       grpc::StatusCode::INVALID_ARGUMENT,
       "send_amount.currency_code: 'ZZZ' is not an ISO 4217 currency code"},
      {"too precise",
       [](v1::RankOffersRequest* r) {
         r->mutable_send_amount()->set_nanos(5000000);
       },
       grpc::StatusCode::INVALID_ARGUMENT,
       "send_amount: {units: 200, nanos: 5000000, currency_code: 'USD'}: more "
       "than 2 decimal places, the most USD allows"},
      {"wrong currency",
       [](v1::RankOffersRequest* r) {
         r->mutable_send_amount()->set_currency_code("EUR");
       },
       grpc::StatusCode::INVALID_ARGUMENT,
       "send_amount: 200.00 EUR is not in USD, the corridor's send currency"},
      {"zero",
       [](v1::RankOffersRequest* r) { r->mutable_send_amount()->set_units(0); },
       grpc::StatusCode::INVALID_ARGUMENT,
       "send_amount: 0.00 USD must be positive"},
      {"negative",
       [](v1::RankOffersRequest* r) {
         r->mutable_send_amount()->set_units(-5);
       },
       grpc::StatusCode::INVALID_ARGUMENT,
       "send_amount: -5.00 USD must be positive"},
      {"overflow",
       [](v1::RankOffersRequest* r) {
         r->mutable_send_amount()->set_units(INT64_MAX);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "send_amount: {units: "},
      {"nanos sign",
       [](v1::RankOffersRequest* r) {
         r->mutable_send_amount()->set_nanos(-10000000);
       },
       grpc::StatusCode::INVALID_ARGUMENT,
       "send_amount: {units: 200, nanos: -10000000, currency_code: 'USD'}: "
       "units and nanos must have the same sign"},
      {"receive in send currency",
       [](v1::RankOffersRequest* r) {
         v1::Money m = r->send_amount();
         *r->mutable_receive_amount() = m;
       },
       grpc::StatusCode::INVALID_ARGUMENT,
       "receive_amount: in receive mode the amount is what the recipient "
       "gets: give it in MXN, the corridor's receive currency (not USD)"},
      {"receive corridor named in the send currency",
       [](v1::RankOffersRequest* r) {
         v1::Money m = r->send_amount();
         *r->mutable_receive_amount() = m;
         r->mutable_corridor()->set_receive_currency("USD");
       },
       grpc::StatusCode::INVALID_ARGUMENT,
       "receive_amount: in receive mode the amount is what the recipient "
       "gets: give it in MXN (USA->MEX quotes pay out in MXN, not USD)"},
      {"negative page size",
       [](v1::RankOffersRequest* r) { r->set_page_size(-3); },
       grpc::StatusCode::INVALID_ARGUMENT,
       "page_size: -3 must not be negative"},
      {"garbage page token",
       [](v1::RankOffersRequest* r) { r->set_page_token("not-a-token"); },
       grpc::StatusCode::INVALID_ARGUMENT, "page_token: not a token"},
      {"order", [](v1::RankOffersRequest* r) { r->set_order_by("cheapest"); },
       grpc::StatusCode::INVALID_ARGUMENT,
       "order_by: 'cheapest' is not one of total_cost, amount_received, speed"},
      {"filter enum",
       [](v1::RankOffersRequest* r) {
         r->mutable_filter()->add_payment_instruments(
             static_cast<v1::PaymentInstrument>(42));
       },
       grpc::StatusCode::INVALID_ARGUMENT,
       "filter.payment_instruments[0]: 42 is not a PaymentInstrument"},
      {"unspecified in filter",
       [](v1::RankOffersRequest* r) {
         r->mutable_filter()->add_receive_methods(
             v1::RECEIVE_METHOD_UNSPECIFIED);
       },
       grpc::StatusCode::INVALID_ARGUMENT,
       "filter.receive_methods[0]: 0 is not a ReceiveMethod"},
      {"max speed",
       [](v1::RankOffersRequest* r) {
         r->mutable_filter()->set_max_speed(static_cast<v1::Speed>(9));
       },
       grpc::StatusCode::INVALID_ARGUMENT,
       "filter.max_speed: 9 is not a Speed"},
      {"coverage",
       [](v1::RankOffersRequest* r) {
         r->mutable_filter()->set_min_coverage(static_cast<v1::Coverage>(-1));
       },
       grpc::StatusCode::INVALID_ARGUMENT,
       "filter.min_coverage: -1 is not a Coverage"},
      {"max age",
       [](v1::RankOffersRequest* r) {
         r->mutable_max_quote_age()->set_seconds(-60);
       },
       grpc::StatusCode::INVALID_ARGUMENT,
       "max_quote_age: {seconds: -60, nanos: 0} must be a positive duration"},
      {"unknown corridor",
       [](v1::RankOffersRequest* r) {
         r->mutable_corridor()->set_receive_country("IN");
       },
       grpc::StatusCode::NOT_FOUND, "corridor USA/USD->IND/INR has no quotes"},
      {"same countries",
       [](v1::RankOffersRequest* r) {
         r->mutable_corridor()->set_receive_country("US");
       },
       grpc::StatusCode::INVALID_ARGUMENT,
       "corridor.receive_country: 'USA' is also the sending country"},
      {"bad period", [](v1::RankOffersRequest* r) { r->set_period("2024_5Q"); },
       grpc::StatusCode::INVALID_ARGUMENT,
       "period: '2024_5Q' is not a survey period (YYYY_nQ, e.g. 2024_2Q): "
       "the quarter must be 1 to 4"},
      {"period of data without periods",
       [](v1::RankOffersRequest* r) { r->set_period("2024_2Q"); },
       grpc::StatusCode::NOT_FOUND,
       "corridor USA/USD->MEX/MXN has no quotes in period 2024_2Q; its "
       "quotes have no period"},
      // 40 KB values: the messages quote 64 bytes of them and their length.
      {"long order",
       [](v1::RankOffersRequest* r) { r->set_order_by(LongValue()); },
       grpc::StatusCode::INVALID_ARGUMENT,
       LongEcho("order_by: ", " is not one of total_cost")},
      {"long country",
       [](v1::RankOffersRequest* r) {
         r->mutable_corridor()->set_send_country(LongValue());
       },
       grpc::StatusCode::INVALID_ARGUMENT,
       LongEcho("corridor.send_country: ",
                " is not an ISO 3166-1 country code")},
      {"long currency",
       [](v1::RankOffersRequest* r) {
         r->mutable_send_amount()->set_currency_code(LongValue());
       },
       grpc::StatusCode::INVALID_ARGUMENT,
       LongEcho("send_amount.currency_code: ",
                " is not an ISO 4217 currency code")},
      {"long period",
       [](v1::RankOffersRequest* r) { r->set_period(LongValue()); },
       grpc::StatusCode::INVALID_ARGUMENT,
       LongEcho("period: ", " is not a survey period")},
      {"long page token",
       [](v1::RankOffersRequest* r) { r->set_page_token(LongValue()); },
       grpc::StatusCode::INVALID_ARGUMENT, "page_token: not a token"},
  };
  return *requests;
}

// Sends each case (after `mutate` on UsMx200()) through `rank` and checks
// the code and the start of the message.
template <typename Rank>
void ExpectRefused(const std::vector<BadRequest>& cases, Rank rank) {
  for (const BadRequest& bad : cases) {
    v1::RankOffersRequest request = UsMx200();
    bad.mutate(&request);
    v1::RankOffersResponse response;
    grpc::Status status = rank(request, &response);
    EXPECT_EQ(status.error_code(), bad.code) << bad.what;
    EXPECT_EQ(status.error_message().rfind(bad.message, 0), 0u)
        << bad.what << ": " << status.error_message();
    EXPECT_LE(status.error_message().size(), kMaxMessageBytes) << bad.what;
  }
}

}  // namespace remit::service::testing

#endif  // REMIT_SERVICE_TESTING_BAD_REQUESTS_H_
