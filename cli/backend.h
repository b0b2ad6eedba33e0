// Where the remitrank tool gets its answers: dataset files on this machine,
// or a remitrank server.
//
// Both answer with the API's messages (remit.v1), so every output format
// reads the same fields whichever the source, and --format=json prints
// exactly what a gRPC client would receive. The local backend runs the
// server's own RemitRank handler in the process, over the loaded files.
// Errors are absl::Status with the API's codes and messages, whichever the
// source: each backend converts gRPC's status once, at its edge.
//
// Thread-safety: one command at a time.
//
// Example:
//   SystemClock clock;
//   absl::StatusOr<std::unique_ptr<LocalBackend>> backend = LocalBackend::Load(
//       {"testdata/sample_corridors.textproto"}, DatasetOptions(), &clock);
//   absl::Status status = (*backend)->RankOffers(request, &response);
#ifndef REMIT_CLI_BACKEND_H_
#define REMIT_CLI_BACKEND_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/snapshot/snapshot.h"
#include "engine/time/clock.h"
#include "proto/remit/v1/remit_service.grpc.pb.h"
#include "service/page_token.h"
#include "service/remit_rank_handler.h"

namespace remit::cli {

// The same code (gRPC's and Abseil's codes have the same numbers) and
// message; a code outside the canonical ones becomes UNKNOWN.
absl::Status FromGrpcStatus(const grpc::Status& status);

class Backend {
 public:
  virtual ~Backend() = default;
  virtual absl::Status RankOffers(const v1::RankOffersRequest& request,
                                  v1::RankOffersResponse* response) = 0;
  virtual absl::Status ListCorridors(const v1::ListCorridorsRequest& request,
                                     v1::ListCorridorsResponse* response) = 0;
  virtual absl::Status GetCorridorSummary(
      const v1::GetCorridorSummaryRequest& request,
      v1::CorridorSummary* response) = 0;
  virtual absl::Status GetCorridorHistory(
      const v1::GetCorridorHistoryRequest& request,
      v1::CorridorHistory* response) = 0;
  virtual absl::Status GetIndicators(const v1::GetIndicatorsRequest& request,
                                     v1::Indicators* response) = 0;
  virtual absl::Status GetCostCurve(const v1::GetCostCurveRequest& request,
                                    v1::GetCostCurveResponse* response) = 0;
  // The loaded data's description (local), or nothing (remote).
  virtual const SnapshotInfo* info() const = 0;
};

class LocalBackend final : public Backend {
 public:
  // Loads the files (all or nothing); `clock` must outlive the backend.
  static absl::StatusOr<std::unique_ptr<LocalBackend>> Load(
      const std::vector<std::string>& paths, const DatasetOptions& options,
      const Clock* clock);

  absl::Status RankOffers(const v1::RankOffersRequest& request,
                          v1::RankOffersResponse* response) override;
  absl::Status ListCorridors(const v1::ListCorridorsRequest& request,
                             v1::ListCorridorsResponse* response) override;
  absl::Status GetCorridorSummary(const v1::GetCorridorSummaryRequest& request,
                                  v1::CorridorSummary* response) override;
  absl::Status GetCorridorHistory(const v1::GetCorridorHistoryRequest& request,
                                  v1::CorridorHistory* response) override;
  absl::Status GetIndicators(const v1::GetIndicatorsRequest& request,
                             v1::Indicators* response) override;
  absl::Status GetCostCurve(const v1::GetCostCurveRequest& request,
                            v1::GetCostCurveResponse* response) override;
  const SnapshotInfo* info() const override;

 private:
  explicit LocalBackend(const Clock* clock);

  SnapshotStore store_;
  service::PageTokens tokens_;
  service::RemitRankHandler handler_;
};

struct RemoteOptions {
  // A gRPC target: host:port, dns:///host:port (every address of the
  // name), ipv4:a:p,b:p (a fixed list). Calls are balanced over the
  // addresses with the recommended service config (service/client).
  std::string target;
  std::string tls_ca_pem;  // Empty: plaintext.
  // The name the server's certificate must carry. Empty: the target's host
  // (an ipv4: list has none: give the name the replicas' certificate has).
  std::string tls_server_name;
  absl::Duration deadline = absl::Seconds(10);
};

class RemoteBackend final : public Backend {
 public:
  explicit RemoteBackend(const RemoteOptions& options);

  absl::Status RankOffers(const v1::RankOffersRequest& request,
                          v1::RankOffersResponse* response) override;
  absl::Status ListCorridors(const v1::ListCorridorsRequest& request,
                             v1::ListCorridorsResponse* response) override;
  absl::Status GetCorridorSummary(const v1::GetCorridorSummaryRequest& request,
                                  v1::CorridorSummary* response) override;
  absl::Status GetCorridorHistory(const v1::GetCorridorHistoryRequest& request,
                                  v1::CorridorHistory* response) override;
  absl::Status GetIndicators(const v1::GetIndicatorsRequest& request,
                             v1::Indicators* response) override;
  absl::Status GetCostCurve(const v1::GetCostCurveRequest& request,
                            v1::GetCostCurveResponse* response) override;
  const SnapshotInfo* info() const override { return nullptr; }

 private:
  void Prepare(grpc::ClientContext* context) const;

  absl::Duration deadline_;
  std::unique_ptr<v1::RemitRank::Stub> stub_;
};

}  // namespace remit::cli

#endif  // REMIT_CLI_BACKEND_H_
