// The channel partner clients use to call remitrank: one or many replicas
// behind one target, balanced per call, with the service config in
// docs/client/service_config.json (embedded here at build time):
//   - round_robin over every address the target resolves to, so calls
//     spread over the replicas rather than staying on one connection;
//   - healthCheckConfig on remit.v1.RemitRank: a replica that reports
//     NOT_SERVING (it is draining before it stops) gets no new calls;
//   - a retry policy on UNAVAILABLE (a replica gone or unreachable), with
//     backoff, and a bound on how long a call may take when the caller sets
//     no deadline.
//
// Thread-safety: both functions may be called from any thread; the
// channel is thread-safe, as every grpc::Channel is.
//
// Example:
//   std::shared_ptr<grpc::Channel> channel = remit::client::
//       CreateRecommendedChannel("dns:///remitrank.prices.svc:50051",
//                                grpc::InsecureChannelCredentials());
//   auto stub = remit::v1::RemitRank::NewStub(channel);
#ifndef REMIT_SERVICE_CLIENT_CHANNEL_H_
#define REMIT_SERVICE_CLIENT_CHANNEL_H_

#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "grpcpp/channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace remit::client {

// The service config as JSON, byte for byte the documented file.
absl::string_view RecommendedServiceConfig();

// A channel to `target` with the recommended service config, used unless
// the resolver supplies one. `target` is any gRPC target: "host:port",
// "dns:///host:port" (every address the name has), "ipv4:a:p,b:p" (a fixed
// list), "unix:/path". `extra` carries other channel arguments; a service
// config among them is used in place of the recommended one.
std::shared_ptr<grpc::Channel> CreateRecommendedChannel(
    const std::string& target,
    std::shared_ptr<grpc::ChannelCredentials> credentials,
    grpc::ChannelArguments extra = {});

}  // namespace remit::client

#endif  // REMIT_SERVICE_CLIENT_CHANNEL_H_
