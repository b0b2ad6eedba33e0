// Embedding the engine: load dataset files and rank one corridor.
//
//   bazel run //engine/examples:rank_corridor --
//       testdata/sample_corridors.textproto US MX "200 USD"
// (one command line)
//
// or, from a workspace that embeds remitrank,
//   bazel run @remitrank//engine/examples:rank_corridor --
//       testdata/sample_corridors.textproto US MX "200 USD"
//
// Arguments: a dataset file (any supported format), the sending and the
// receiving country (alpha-2 or alpha-3), and the amount sent. Prints every
// offer, best first, with the fee and the FX margin hidden in the rate,
// then what was left out and why (and, when nothing could be ranked, the
// reason in words), then the corridor summary.
//
// A relative data path is looked for in the directory `bazel run` was
// called from, then among the program's runfiles as a path in remitrank
// (so testdata/... works from any workspace).
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "engine/ranking/ranking.h"
#include "engine/snapshot/snapshot.h"
#include "engine/time/clock.h"
#include "tools/cpp/runfiles/runfiles.h"

namespace {

using bazel::tools::cpp::runfiles::Runfiles;

bool Exists(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return false;
  std::fclose(file);
  return true;
}

// The file `path` names: as given when absolute; else relative to the
// directory `bazel run` was called from (BUILD_WORKING_DIRECTORY), else to
// remitrank's root among the runfiles, else as given.
std::string FindData(const std::string& path, const char* argv0) {
  if (path.empty() || path[0] == '/') return path;
  if (const char* cwd = std::getenv("BUILD_WORKING_DIRECTORY")) {
    std::string there = std::string(cwd) + "/" + path;
    if (Exists(there)) return there;
  }
  std::string error;
  std::unique_ptr<Runfiles> runfiles(Runfiles::Create(argv0, &error));
  if (runfiles != nullptr) {
    std::string found = runfiles->Rlocation("remitrank/" + path);
    if (!found.empty() && Exists(found)) return found;
  }
  return path;
}

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "rank_corridor: %s\n", status.ToString().c_str());
  return 1;
}

int Run(const std::string& data, const std::string& from, const std::string& to,
        const std::string& amount_text) {
  const remit::SystemClock clock;
  absl::StatusOr<std::shared_ptr<const remit::Snapshot>> snapshot =
      remit::Snapshot::Load({data}, {}, clock);
  if (!snapshot.ok()) return Fail(snapshot.status());
  absl::StatusOr<remit::Corridor> corridor =
      remit::Corridor::Parse(from, "", to, "");
  if (!corridor.ok()) return Fail(corridor.status());
  absl::StatusOr<remit::Money> amount = remit::Money::Parse(amount_text);
  if (!amount.ok()) return Fail(amount.status());

  remit::RankRequest request(*corridor, *amount);
  absl::StatusOr<remit::RankResult> result =
      remit::Rank((*snapshot)->book(), request, clock);
  if (!result.ok()) return Fail(result.status());

  std::printf("%s, sending %s\n\n", corridor->ToString().c_str(),
              amount->ToString().c_str());
  std::printf("%-4s %-24s %14s %9s %14s %8s  %s\n", "rank", "provider", "fee",
              "FX margin", "total cost", "total", "recipient gets");
  for (const remit::Offer& offer : result->offers) {
    const remit::CostBreakdown& c = offer.cost;
    std::printf("%-4zu %-24s %14s %8s%% %14s %7s%%  %s%s\n", offer.rank,
                offer.quote->provider->name.c_str(), c.fee.ToString().c_str(),
                c.fx_margin.ToString().c_str(), c.total_cost.ToString().c_str(),
                c.total_cost_percent.ToString().c_str(),
                c.amount_received ? c.amount_received->ToString().c_str()
                                  : "not stated",
                c.estimated ? " (estimated)" : "");
  }
  for (const remit::ExcludedOffer& e : result->excluded) {
    std::printf("     left out: %-24s %s\n", e.quote->provider->name.c_str(),
                std::string(remit::Name(e.reason)).c_str());
  }
  if (result->no_offers) {
    std::printf("no offer: %s\n", result->no_offers->text.c_str());
  }
  const remit::CorridorSummary& s = result->summary;
  if (s.offer_count > 0) {
    std::printf("\n%zu offers; average %s%%, median %s%%; SmaRT %s\n",
                s.offer_count, s.average_total_cost_percent->ToString().c_str(),
                s.median_total_cost_percent->ToString().c_str(),
                s.smart_percent ? (s.smart_percent->ToString() + "%").c_str()
                                : "none (fewer than three qualify)");
  }
  std::printf("data version %s\n",
              (*snapshot)->version().substr(0, 12).c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr,
                 "usage: rank_corridor DATA_FILE FROM TO AMOUNT\n"
                 "  e.g. rank_corridor testdata/sample_corridors.textproto "
                 "US MX \"200 USD\"\n");
    return 2;
  }
  return Run(FindData(argv[1], argv[0]), argv[2], argv[3], argv[4]);
}
