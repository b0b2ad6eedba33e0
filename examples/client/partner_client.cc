// partner_client: the offers for sending 200 USD from the United States to
// Mexico, asked of remitrank the way a partner application asks it, over
// the recommended channel (docs/client/service_config.json).
//
//   partner_client TARGET
//
// TARGET is any gRPC target: dns:///remitrank.example.org:50051,
// ipv4:10.0.0.5:50051,10.0.0.6:50051 or host:port. Prints the dataset
// version and one line per offer; exit status 1, with the status, when the
// call fails.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "grpcpp/grpcpp.h"
#include "proto/remit/v1/remit_service.grpc.pb.h"
#include "service/client/channel.h"

namespace {

// "4.99 USD": whole units, then the billionths without trailing zeros
// (two digits at least).
std::string FormatMoney(const remit::v1::Money& money) {
  const bool negative = money.units() < 0 || money.nanos() < 0;
  const long long units = std::llabs(money.units());
  char nanos[16];
  std::snprintf(nanos, sizeof(nanos), "%09d", std::abs(money.nanos()));
  std::string fraction = nanos;
  while (fraction.size() > 2 && fraction.back() == '0') fraction.pop_back();
  return (negative ? "-" : "") + std::to_string(units) + "." + fraction + " " +
         money.currency_code();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: partner_client TARGET\n");
    return 2;
  }
  // One channel for the life of the application: it keeps a connection to
  // every replica and balances each call over them.
  std::shared_ptr<grpc::Channel> channel =
      remit::client::CreateRecommendedChannel(
          argv[1], grpc::InsecureChannelCredentials());
  std::unique_ptr<remit::v1::RemitRank::Stub> stub =
      remit::v1::RemitRank::NewStub(channel);

  remit::v1::RankOffersRequest request;
  request.mutable_corridor()->set_send_country("US");
  request.mutable_corridor()->set_receive_country("MX");
  request.mutable_send_amount()->set_currency_code("USD");
  request.mutable_send_amount()->set_units(200);

  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(5));
  remit::v1::RankOffersResponse response;
  const grpc::Status status = stub->RankOffers(&context, request, &response);
  if (!status.ok()) {
    std::fprintf(stderr, "partner_client: RankOffers: %d %s\n",
                 static_cast<int>(status.error_code()),
                 status.error_message().c_str());
    return 1;
  }
  std::printf("dataset %s\n", response.dataset_version().substr(0, 12).c_str());
  for (const remit::v1::Offer& offer : response.offers()) {
    std::printf("%d. %s: costs %s (%s %%), %s arrives\n", offer.rank(),
                offer.provider_name().c_str(),
                FormatMoney(offer.total_cost()).c_str(),
                offer.total_cost_percent().c_str(),
                FormatMoney(offer.receive_amount()).c_str());
  }
  return 0;
}
