#include "service/remit_rank_handler.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "service/convert.h"

namespace remit::service {
namespace {

// The snapshot to answer from, or FAILED_PRECONDITION.
absl::StatusOr<std::shared_ptr<const Snapshot>> Current(
    const SnapshotStore& store) {
  std::shared_ptr<const Snapshot> snapshot = store.Get();
  if (snapshot == nullptr) {
    return absl::FailedPreconditionError(
        "no dataset is loaded; the server is waiting for one");
  }
  return snapshot;
}

// The request's corridor in one spelling, for requests that have one.
void Respell(const Corridor& corridor, v1::RankOffersRequest* request) {
  CorridorToProto(corridor, request->mutable_corridor());
}
void Respell(const Corridor&, v1::ListCorridorsRequest*) {}

// Identifies a request's results: its fields but paging, and the data.
// `corridor`, when given, is the request's corridor as parsed: the
// fingerprint then names it in one spelling (alpha-3 countries, every
// currency), so that "US"/"MX" and "USA"/"MEX" are one request.
template <typename Request>
std::string Fingerprint(Request request, const Snapshot& snapshot,
                        const Corridor* corridor) {
  request.clear_page_size();
  request.clear_page_token();
  if (corridor != nullptr) Respell(*corridor, &request);
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    request.SerializeToCodedStream(&coded);
  }
  return absl::StrCat(Request::descriptor()->full_name(), "\n",
                      snapshot.version(), "\n", bytes);
}

// Where a page starts and how the next one is named. The fingerprint is
// computed only when a token is read or issued: most calls need neither.
template <typename Request>
class PageCursor {
 public:
  // `corridor`: the request's corridor as parsed, when it has one.
  PageCursor(const Request& request, const Snapshot& snapshot,
             const PageTokens& tokens, const Corridor* corridor = nullptr)
      : request_(request),
        snapshot_(snapshot),
        tokens_(tokens),
        corridor_(corridor) {}

  // The offset the request's page_token carries (0 without one), or the
  // token's error.
  absl::StatusOr<int64_t> Offset() {
    if (request_.page_token().empty()) return 0;
    return tokens_.Read(request_.page_token(), fingerprint());
  }

  // A token for the page starting at `offset`.
  std::string NextToken(int64_t offset) {
    return tokens_.Issue(fingerprint(), offset);
  }

 private:
  const std::string& fingerprint() {
    if (fingerprint_.empty()) {
      fingerprint_ = Fingerprint(request_, snapshot_, corridor_);
    }
    return fingerprint_;
  }

  const Request& request_;
  const Snapshot& snapshot_;
  const PageTokens& tokens_;
  const Corridor* const corridor_;
  std::string fingerprint_;
};

// The engine's OUT_OF_RANGE (arithmetic that does not fit) on a request's
// amount: the amount is too large to price, a bad request like any other
// (INVALID_ARGUMENT naming the field, as the API documents). Other statuses
// pass as they are.
absl::Status AmountStatus(absl::Status status, absl::string_view field,
                          const Money& amount) {
  if (status.code() != absl::StatusCode::kOutOfRange) return status;
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", amount.ToString(),
                                                 " is too large to price (",
                                                 status.message(), ")"));
}

}  // namespace

absl::Status RemitRankHandler::RankOffers(
    const v1::RankOffersRequest& request_message,
    v1::RankOffersResponse* response) const {
  const v1::RankOffersRequest* request = &request_message;
  absl::StatusOr<RankRequest> rank = RankRequestFromProto(*request);
  if (!rank.ok()) return rank.status();
  absl::StatusOr<int> page_size =
      PageSize(request->page_size(), kDefaultOfferPageSize);
  if (!page_size.ok()) return page_size.status();
  absl::StatusOr<std::shared_ptr<const Snapshot>> snapshot = Current(*store_);
  if (!snapshot.ok()) return snapshot.status();
  PageCursor cursor(*request, **snapshot, *page_tokens_, &rank->corridor);
  const absl::StatusOr<int64_t> offset_or = cursor.Offset();
  if (!offset_or.ok()) return offset_or.status();
  const int64_t offset = *offset_or;
  rank->offset = static_cast<size_t>(offset);
  rank->limit = static_cast<size_t>(*page_size);

  thread_local RankScratch scratch;
  absl::StatusOr<RankResult> result =
      Rank((*snapshot)->book(), *rank, *clock_, &scratch);
  if (!result.ok()) {
    return AmountStatus(result.status(),
                        rank->amount_kind == AmountKind::kSend
                            ? "send_amount"
                            : "receive_amount",
                        rank->amount);
  }

  response->mutable_offers()->Reserve(static_cast<int>(result->offers.size()));
  for (const Offer& offer : result->offers) {
    OfferToProto(offer, response->add_offers());
  }
  if (offset == 0) {
    response->mutable_excluded_offers()->Reserve(
        static_cast<int>(result->excluded.size()));
    for (const ExcludedOffer& excluded : result->excluded) {
      ExcludedToProto(excluded, response->add_excluded_offers());
    }
  }
  // The cheapest offer is often on the page, already converted.
  const v1::Offer* cheapest_built = nullptr;
  if (result->summary.cheapest.has_value()) {
    for (size_t i = 0; i < result->offers.size(); ++i) {
      if (result->offers[i].quote == result->summary.cheapest->quote) {
        cheapest_built = &response->offers(static_cast<int>(i));
        break;
      }
    }
  }
  SummaryToProto(rank->corridor, rank->amount, result->summary,
                 (*snapshot)->version(), cheapest_built,
                 response->mutable_summary());
  response->set_dataset_version((*snapshot)->version());
  if (result->period.has_value()) {
    response->set_period(result->period->ToString());
  }
  FreshnessToProto(result->freshness, rank->corridor,
                   response->mutable_freshness());
  DataSourcesToProto((*snapshot)->info(), &result->freshness.dataset_indexes,
                     response->mutable_data_sources());
  *response->mutable_summary()->mutable_freshness() = response->freshness();
  *response->mutable_summary()->mutable_data_sources() =
      response->data_sources();
  if (result->no_offers.has_value()) {
    NoOffersToProto(*result->no_offers, response->mutable_no_offers());
  }
  response->set_total_size(static_cast<int32_t>(result->ranked_count));
  const size_t next = static_cast<size_t>(offset) + result->offers.size();
  if (next < result->ranked_count) {
    response->set_next_page_token(cursor.NextToken(next));
  }
  return absl::OkStatus();
}

absl::Status RemitRankHandler::ListCorridors(
    const v1::ListCorridorsRequest& request_message,
    v1::ListCorridorsResponse* response) const {
  const v1::ListCorridorsRequest* request = &request_message;
  absl::StatusOr<int> page_size =
      PageSize(request->page_size(), kDefaultCorridorPageSize);
  if (!page_size.ok()) return page_size.status();
  absl::StatusOr<std::shared_ptr<const Snapshot>> snapshot = Current(*store_);
  if (!snapshot.ok()) return snapshot.status();
  PageCursor cursor(*request, **snapshot, *page_tokens_);
  const absl::StatusOr<int64_t> offset = cursor.Offset();
  if (!offset.ok()) return offset.status();
  const QuoteBook& book = (*snapshot)->book();
  const std::vector<Corridor>& corridors = book.corridors();
  size_t i = std::min(static_cast<size_t>(*offset), corridors.size());
  const size_t end = std::min(corridors.size(), i + *page_size);
  for (; i < end; ++i) {
    CorridorInfoToProto(book, corridors[i], *clock_, response->add_corridors());
  }
  DataSourcesToProto((*snapshot)->info(), nullptr,
                     response->mutable_data_sources());
  if (end < corridors.size()) {
    response->set_next_page_token(cursor.NextToken(end));
  }
  response->set_dataset_version((*snapshot)->version());
  return absl::OkStatus();
}

absl::Status RemitRankHandler::GetCorridorSummary(
    const v1::GetCorridorSummaryRequest& request_message,
    v1::CorridorSummary* response) const {
  const v1::GetCorridorSummaryRequest* request = &request_message;
  absl::StatusOr<Corridor> corridor =
      CorridorFromProto(request->corridor(), request->has_corridor());
  if (!corridor.ok()) return corridor.status();
  absl::StatusOr<absl::Duration> age = MaxQuoteAgeFromProto(
      request->has_max_quote_age(), request->max_quote_age(), "max_quote_age");
  if (!age.ok()) return age.status();
  absl::StatusOr<std::optional<Period>> period =
      PeriodFromProto(request->period(), "period");
  if (!period.ok()) return period.status();
  absl::StatusOr<std::shared_ptr<const Snapshot>> snapshot = Current(*store_);
  if (!snapshot.ok()) return snapshot.status();
  const QuoteBook& book = (*snapshot)->book();

  std::string amount_source;
  absl::StatusOr<Money> amount;
  if (request->has_send_amount()) {
    amount = AmountFromProto(request->send_amount(), "send_amount");
    amount_source = "request";
  } else {
    if (book.QuotesIn(*corridor).empty()) {
      return absl::NotFoundError(
          absl::StrCat("corridor ", corridor->ToString(), " has no quotes"));
    }
    absl::StatusOr<ReferenceAmount> reference =
        Usd200Equivalent(book, *corridor, *period);
    if (!reference.ok()) return reference.status();
    amount = reference->amount;
    amount_source = reference->source;
  }
  if (!amount.ok()) return amount.status();

  RankRequest rank(*corridor, *amount);
  rank.access = AccessFromProto(request->has_access(), request->access());
  rank.max_quote_age = *age;
  rank.period = *period;
  rank.limit = 0;  // The summary only.
  thread_local RankScratch scratch;
  absl::StatusOr<RankResult> result = Rank(book, rank, *clock_, &scratch);
  if (!result.ok()) {
    return AmountStatus(result.status(), "send_amount", *amount);
  }
  SummaryToProto(*corridor, *amount, result->summary, (*snapshot)->version(),
                 /*cheapest_built=*/nullptr, response);
  response->set_amount_source(amount_source);
  FreshnessToProto(result->freshness, *corridor, response->mutable_freshness());
  DataSourcesToProto((*snapshot)->info(), &result->freshness.dataset_indexes,
                     response->mutable_data_sources());
  return absl::OkStatus();
}

absl::Status RemitRankHandler::GetCorridorHistory(
    const v1::GetCorridorHistoryRequest& request,
    v1::CorridorHistory* response) const {
  absl::StatusOr<Corridor> corridor =
      CorridorFromProto(request.corridor(), request.has_corridor());
  if (!corridor.ok()) return corridor.status();
  absl::StatusOr<AmountLevel> level =
      AmountLevelFromProto(request.amount_level(), "amount_level");
  if (!level.ok()) return level.status();
  if (absl::Status s = CheckProviderId(request.provider_id(), "provider_id");
      !s.ok()) {
    return s;
  }
  absl::StatusOr<std::shared_ptr<const Snapshot>> snapshot = Current(*store_);
  if (!snapshot.ok()) return snapshot.status();
  absl::StatusOr<std::vector<HistoryPoint>> points =
      CorridorHistory((*snapshot)->book(), *corridor, *level,
                      request.provider_id(), indicator_options_);
  if (!points.ok()) return points.status();
  CorridorToProto(*corridor, response->mutable_corridor());
  response->set_amount_level(AmountLevelToProto(*level));
  response->set_provider_id(request.provider_id());
  response->mutable_points()->Reserve(static_cast<int>(points->size()));
  for (const HistoryPoint& point : *points) {
    HistoryPointToProto(point, response->add_points());
  }
  response->set_dataset_version((*snapshot)->version());
  // The datasets of the corridor's quotes, in any period.
  std::vector<uint16_t> datasets;
  for (const PreparedQuote& p : (*snapshot)->book().QuotesIn(*corridor)) {
    datasets.push_back(p.quote->dataset_index);
  }
  std::sort(datasets.begin(), datasets.end());
  datasets.erase(std::unique(datasets.begin(), datasets.end()), datasets.end());
  DataSourcesToProto((*snapshot)->info(), &datasets,
                     response->mutable_data_sources());
  return absl::OkStatus();
}

absl::Status RemitRankHandler::GetIndicators(
    const v1::GetIndicatorsRequest& request, v1::Indicators* response) const {
  absl::StatusOr<std::optional<Period>> period =
      PeriodFromProto(request.period(), "period");
  if (!period.ok()) return period.status();
  absl::StatusOr<std::shared_ptr<const Snapshot>> snapshot = Current(*store_);
  if (!snapshot.ok()) return snapshot.status();
  absl::StatusOr<RpwIndicators> indicators =
      Indicators((*snapshot)->book(), *period, (*snapshot)->countries(),
                 indicator_options_);
  if (!indicators.ok()) return indicators.status();
  IndicatorsToProto(*indicators, response);
  response->set_dataset_version((*snapshot)->version());
  DataSourcesToProto((*snapshot)->info(), nullptr,
                     response->mutable_data_sources());
  return absl::OkStatus();
}

absl::Status RemitRankHandler::GetCostCurve(
    const v1::GetCostCurveRequest& request,
    v1::GetCostCurveResponse* response) const {
  absl::StatusOr<CostCurveRequest> curve_request =
      CostCurveRequestFromProto(request);
  if (!curve_request.ok()) return curve_request.status();
  absl::StatusOr<std::shared_ptr<const Snapshot>> snapshot = Current(*store_);
  if (!snapshot.ok()) return snapshot.status();
  absl::StatusOr<CostCurve> curve =
      ComputeCostCurve((*snapshot)->book(), *curve_request, *clock_);
  if (!curve.ok()) {
    return AmountStatus(curve.status(), "max_amount",
                        curve_request->max_amount);
  }
  CorridorToProto(curve_request->corridor, response->mutable_corridor());
  CostCurveToProto(*curve, response);
  response->set_dataset_version((*snapshot)->version());
  absl::StatusOr<Freshness> freshness = JudgeFreshness(
      (*snapshot)->book(), curve_request->corridor, curve_request->period,
      curve_request->max_quote_age, *clock_);
  if (!freshness.ok()) return freshness.status();
  FreshnessToProto(*freshness, curve_request->corridor,
                   response->mutable_freshness());
  DataSourcesToProto((*snapshot)->info(), &freshness->dataset_indexes,
                     response->mutable_data_sources());
  return absl::OkStatus();
}

}  // namespace remit::service
