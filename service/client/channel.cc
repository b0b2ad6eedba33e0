#include "service/client/channel.h"

#include <cstring>
#include <utility>

#include "grpc/grpc.h"
#include "grpcpp/create_channel.h"

namespace remit::client {
namespace {

// docs/client/service_config.json as a raw string literal (see BUILD).
constexpr char kServiceConfig[] =
#include "service/client/service_config_json.inc"
    ;

bool HasServiceConfig(const grpc::ChannelArguments& args) {
  const grpc_channel_args c = args.c_channel_args();
  for (size_t i = 0; i < c.num_args; ++i) {
    if (std::strcmp(c.args[i].key, GRPC_ARG_SERVICE_CONFIG) == 0) return true;
  }
  return false;
}

}  // namespace

absl::string_view RecommendedServiceConfig() {
  return absl::string_view(kServiceConfig, sizeof(kServiceConfig) - 1);
}

std::shared_ptr<grpc::Channel> CreateRecommendedChannel(
    const std::string& target,
    std::shared_ptr<grpc::ChannelCredentials> credentials,
    grpc::ChannelArguments extra) {
  if (!HasServiceConfig(extra)) {
    extra.SetServiceConfigJSON(std::string(RecommendedServiceConfig()));
  }
  return grpc::CreateCustomChannel(target, std::move(credentials), extra);
}

}  // namespace remit::client
