// LoopbackDns: a DNS server on a free 127.0.0.1 UDP port that answers one
// name with the IPv4 addresses a test sets, and changes, for gRPC clients
// on "dns://127.0.0.1:<dns port>/<name>:<port>": what a headless
// Kubernetes Service is to a client (one name, an address per ready pod,
// the set changing as pods come and go), without the system's resolver.
//
// A queries for the name get the current addresses with a TTL of 0; any
// other type for the name gets an empty answer, any other name NXDOMAIN.
// UDP only (answers are small).
//
// Thread-safety: SetAddresses() and a_queries() are thread-safe; queries
// are answered on the server's own thread until destruction.
//
// Example:
//   auto dns = LoopbackDns::Start("replicas.remitrank.test");
//   (*dns)->SetAddresses({"127.0.0.1", "127.0.0.2"});
//   grpc::CreateChannel(absl::StrCat("dns://127.0.0.1:", (*dns)->port(),
//                                    "/replicas.remitrank.test:", port), ...);
#ifndef REMIT_TESTS_LOOPBACK_DNS_H_
#define REMIT_TESTS_LOOPBACK_DNS_H_

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace remit::testing {

class LoopbackDns {
 public:
  // `name` without a trailing dot, matched without regard to case.
  static absl::StatusOr<std::unique_ptr<LoopbackDns>> Start(std::string name);
  ~LoopbackDns();

  int port() const { return port_; }
  // Dotted IPv4 addresses; INVALID_ARGUMENT naming one that is not.
  absl::Status SetAddresses(const std::vector<std::string>& addresses);
  // How many A queries for the name were answered.
  int a_queries() const;

 private:
  LoopbackDns(std::string name, int socket, int stop, int port)
      : name_(std::move(name)), socket_(socket), stop_(stop), port_(port) {}

  void Serve();
  // The answer to one query; empty to ignore it.
  std::string Answer(const std::string& query);

  const std::string name_;
  const int socket_;
  const int stop_;  // An eventfd: written to end Serve().
  const int port_;
  mutable absl::Mutex mu_;
  std::vector<std::string> addresses_ ABSL_GUARDED_BY(mu_);  // 4 bytes each.
  int a_queries_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace remit::testing

#endif  // REMIT_TESTS_LOOPBACK_DNS_H_
