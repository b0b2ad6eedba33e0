// What an HTTP RankOffers request costs in process, without sockets: the
// same request as bench/loadgen/http_compare.sh (US -> MX, USD 200, 10
// offers, testdata/sample_corridors.textproto, the clock at
// 2026-11-15T00:00:00Z), in steps, so that each can be set against the
// canned HTTP exchange (the HTTP stack alone, http_canned_server):
//
//   BM_Handler         RankOffersRequest -> RankOffersResponse (the
//                      handler alone, the messages on an arena as the HTTP
//                      path does; what gRPC and HTTP share);
//   BM_HandlerWire     the handler, then the answer serialized (what a
//                      gRPC call adds before its transport);
//   BM_HandlerJson     the handler, then the answer printed as JSON;
//   BM_HttpApi         HttpApi::Handle on the request as the HTTP server
//                      hands it over: route, query binding, handler, ETag,
//                      headers, JSON (everything but the HTTP server and
//                      its sockets);
//   BM_Answer*         one answer built once, then serialized, read field
//                      by field through protobuf's Reflection (the reads
//                      alone, nothing printed), or printed as JSON.
//
//   bazel run -c opt --jobs=2 //bench/loadgen:http_handler_benchmark
//
// Each answer is checked once before timing (its first offer and size).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/time/time.h"
#include "benchmark/benchmark.h"
#include "engine/snapshot/snapshot.h"
#include "engine/time/clock.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "proto/remit/v1/remit_service.pb.h"
#include "service/http/api.h"
#include "service/http/http_message.h"
#include "service/http/transcode.h"
#include "service/page_token.h"
#include "service/remit_rank_handler.h"

namespace remit::service {
namespace {

constexpr char kData[] = "testdata/sample_corridors.textproto";
constexpr char kTarget[] =
    "/v1/corridors/US/MX/offers?sendAmount.currencyCode=USD"
    "&sendAmount.units=200&pageSize=10";
constexpr char kFirstOffer[] = "us-mx-swiftsend-promo";

// The server as remitrank_server --clock_time=2026-11-15T00:00:00Z holds
// it: one snapshot of the sample data, the handler and the HTTP API.
struct Server {
  Server()
      : clock(absl::FromCivil(absl::CivilSecond(2026, 11, 15, 0, 0, 0),
                              absl::UTCTimeZone())),
        tokens(PageTokens::RandomKey()),
        handler(&store, &clock, &tokens) {
    absl::StatusOr<std::shared_ptr<const Snapshot>> snapshot =
        Snapshot::Load({kData}, {}, clock);
    if (!snapshot.ok()) {
      std::fprintf(stderr, "%s\n", snapshot.status().ToString().c_str());
      std::abort();
    }
    store.Publish(*std::move(snapshot));
    absl::StatusOr<std::unique_ptr<http::HttpApi>> made =
        http::HttpApi::Create(&store, &handler, {});
    if (!made.ok()) std::abort();
    api = *std::move(made);
  }

  FakeClock clock;
  SnapshotStore store;
  PageTokens tokens;
  RemitRankHandler handler;
  std::unique_ptr<http::HttpApi> api;
};

const Server& GetServer() {
  static const Server* server = new Server;
  return *server;
}

v1::RankOffersRequest Request() {
  v1::RankOffersRequest request;
  request.mutable_corridor()->set_send_country("US");
  request.mutable_corridor()->set_receive_country("MX");
  request.mutable_send_amount()->set_currency_code("USD");
  request.mutable_send_amount()->set_units(200);
  request.set_page_size(10);
  return request;
}

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "http_handler_benchmark: %s\n", what);
    std::abort();
  }
}

// The handler's answer on a fresh arena with a 16 KiB first block on the
// stack, as HttpApi::CallRpc makes it; `then` is given the answer.
template <typename Then>
void Answer(const Server& server, const v1::RankOffersRequest& request,
            Then then) {
  alignas(8) char first_block[16 * 1024];
  google::protobuf::ArenaOptions options;
  options.initial_block = first_block;
  options.initial_block_size = sizeof(first_block);
  google::protobuf::Arena arena(options);
  auto* in =
      google::protobuf::Arena::CreateMessage<v1::RankOffersRequest>(&arena);
  in->CopyFrom(request);
  auto* out =
      google::protobuf::Arena::CreateMessage<v1::RankOffersResponse>(&arena);
  Check(server.handler.RankOffers(*in, out).ok(), "RankOffers failed");
  then(*out);
}

void BM_Handler(benchmark::State& state) {
  const Server& server = GetServer();
  const v1::RankOffersRequest request = Request();
  Answer(server, request, [](const v1::RankOffersResponse& r) {
    Check(r.offers_size() > 0 && r.offers(0).quote_id() == kFirstOffer,
          "unexpected answer");
  });
  for (auto _ : state) {
    Answer(server, request, [](const v1::RankOffersResponse& r) {
      benchmark::DoNotOptimize(&r);
    });
  }
}
BENCHMARK(BM_Handler);

void BM_HandlerWire(benchmark::State& state) {
  const Server& server = GetServer();
  const v1::RankOffersRequest request = Request();
  std::string wire;
  for (auto _ : state) {
    Answer(server, request, [&wire](const v1::RankOffersResponse& r) {
      wire.clear();
      r.AppendToString(&wire);
      benchmark::DoNotOptimize(wire.data());
    });
  }
  state.counters["bytes"] = static_cast<double>(wire.size());
}
BENCHMARK(BM_HandlerWire);

void BM_HandlerJson(benchmark::State& state) {
  const Server& server = GetServer();
  const v1::RankOffersRequest request = Request();
  std::string json;
  for (auto _ : state) {
    Answer(server, request, [&json](const v1::RankOffersResponse& r) {
      json = http::ToJson(r);
      benchmark::DoNotOptimize(json.data());
    });
  }
  Check(absl::StrContains(json, kFirstOffer), "unexpected JSON");
  state.counters["bytes"] = static_cast<double>(json.size());
}
BENCHMARK(BM_HandlerJson);

void BM_HttpApi(benchmark::State& state) {
  const Server& server = GetServer();
  const http::HttpRequest request = {"GET", kTarget, {}, ""};
  size_t bytes = 0;
  {
    const http::HttpResponse response = server.api->Handle(request);
    Check(
        response.status == 200 && absl::StrContains(response.body, kFirstOffer),
        "unexpected HTTP answer");
  }
  for (auto _ : state) {
    http::HttpResponse response = server.api->Handle(request);
    bytes = response.body.size();
    benchmark::DoNotOptimize(response.body.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_HttpApi);

// The printer's two ways of reading an answer, on one answer built once:
// serializing it (what JsonPrinter reads from now) against reading every
// field through protobuf's Reflection (what a printer reading the messages
// directly would do at the least: no printing, only the reads).
uint64_t ReadAll(const google::protobuf::Message& m) {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Descriptor* d = m.GetDescriptor();
  const google::protobuf::Reflection* r = m.GetReflection();
  uint64_t sum = 0;
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (f->is_repeated()) {
      const int n = r->FieldSize(m, f);
      for (int j = 0; j < n; ++j) {
        switch (f->cpp_type()) {
          case FieldDescriptor::CPPTYPE_MESSAGE:
            sum += ReadAll(r->GetRepeatedMessage(m, f, j));
            break;
          case FieldDescriptor::CPPTYPE_STRING: {
            std::string scratch;
            sum += r->GetRepeatedStringReference(m, f, j, &scratch).size();
            break;
          }
          case FieldDescriptor::CPPTYPE_ENUM:
            sum += r->GetRepeatedEnumValue(m, f, j);
            break;
          default:
            sum += 1;
        }
      }
      continue;
    }
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_MESSAGE:
        if (r->HasField(m, f)) sum += ReadAll(r->GetMessage(m, f));
        break;
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string scratch;
        sum += r->GetStringReference(m, f, &scratch).size();
        break;
      }
      case FieldDescriptor::CPPTYPE_INT32:
        sum += r->GetInt32(m, f);
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        sum += r->GetInt64(m, f);
        break;
      case FieldDescriptor::CPPTYPE_BOOL:
        sum += r->GetBool(m, f);
        break;
      case FieldDescriptor::CPPTYPE_ENUM:
        sum += r->GetEnumValue(m, f);
        break;
      default:
        sum += 1;
    }
  }
  return sum;
}

// One answer, built once (the prototype the reading benchmarks share).
const v1::RankOffersResponse& BuiltAnswer() {
  static const v1::RankOffersResponse* answer = [] {
    auto* r = new v1::RankOffersResponse;
    Check(GetServer().handler.RankOffers(Request(), r).ok(),
          "RankOffers failed");
    return r;
  }();
  return *answer;
}

void BM_AnswerSerialize(benchmark::State& state) {
  const v1::RankOffersResponse& answer = BuiltAnswer();
  std::string wire;
  for (auto _ : state) {
    wire.clear();
    answer.AppendToString(&wire);
    benchmark::DoNotOptimize(wire.data());
  }
}
BENCHMARK(BM_AnswerSerialize);

void BM_AnswerReflect(benchmark::State& state) {
  const v1::RankOffersResponse& answer = BuiltAnswer();
  for (auto _ : state) {
    benchmark::DoNotOptimize(ReadAll(answer));
  }
}
BENCHMARK(BM_AnswerReflect);

void BM_AnswerJson(benchmark::State& state) {
  const v1::RankOffersResponse& answer = BuiltAnswer();
  for (auto _ : state) {
    std::string json = http::ToJson(answer);
    benchmark::DoNotOptimize(json.data());
  }
}
BENCHMARK(BM_AnswerJson);

}  // namespace
}  // namespace remit::service
