// Conversions between the remit.v1 API messages and engine types.
//
// Requests are checked field by field; errors are INVALID_ARGUMENT and name
// the request field and its value ("corridor.send_country: 'XX' is not an
// ISO 3166-1 country code"). Responses carry exact decimal strings for
// rates and percentages and remit.v1.Money for amounts.
//
// Thread-safety: pure functions.
#ifndef REMIT_SERVICE_CONVERT_H_
#define REMIT_SERVICE_CONVERT_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/curves/cost_curve.h"
#include "engine/indicators/indicators.h"
#include "engine/model/period.h"
#include "engine/ranking/ranking.h"
#include "engine/snapshot/snapshot.h"
#include "engine/time/clock.h"
#include "proto/remit/v1/remit_service.pb.h"

namespace remit::service {

// Offers per page when the request says 0, and the most it may ask for.
inline constexpr int kDefaultOfferPageSize = 50;
inline constexpr int kDefaultCorridorPageSize = 100;
inline constexpr int kMaxPageSize = 1000;

absl::StatusOr<Corridor> CorridorFromProto(const v1::Corridor& proto,
                                           bool present);
void CorridorToProto(const Corridor& corridor, v1::Corridor* proto);

// An amount given in a request; `field` names it in errors, which are all
// INVALID_ARGUMENT (an amount too large to hold included).
absl::StatusOr<Money> AmountFromProto(const v1::Money& proto,
                                      absl::string_view field);

// `page_size`: 0 gives `default_size`; more than kMaxPageSize gives
// kMaxPageSize; negative is INVALID_ARGUMENT.
absl::StatusOr<int> PageSize(int page_size, int default_size);

// Everything of a RankOffersRequest but paging.
absl::StatusOr<RankRequest> RankRequestFromProto(
    const v1::RankOffersRequest& proto);

// The sender's means; unset when the request has none.
std::optional<SenderAccess> AccessFromProto(bool present,
                                            const v1::SenderAccess& proto);

// A request's survey period, "YYYY_nQ"; empty: unset (the corridor's
// latest). INVALID_ARGUMENT naming `field` and the value otherwise:
// "period: '2024_5Q' is not a survey period (YYYY_nQ, e.g. 2024_2Q): ...".
absl::StatusOr<std::optional<Period>> PeriodFromProto(const std::string& text,
                                                      absl::string_view field);

// UNSPECIFIED is cc1; an unknown value is INVALID_ARGUMENT naming `field`:
// "amount_level: 7 is not an AmountLevel".
absl::StatusOr<AmountLevel> AmountLevelFromProto(v1::AmountLevel value,
                                                 absl::string_view field);
v1::AmountLevel AmountLevelToProto(AmountLevel level);

// A provider id given in a request: empty (none), or 1 to 64 of a-z, A-Z,
// 0-9, '-', '_' and '.'; INVALID_ARGUMENT naming `field` otherwise.
absl::Status CheckProviderId(const std::string& id, absl::string_view field);

// Unset or zero: the default; negative: INVALID_ARGUMENT naming `field`.
absl::StatusOr<absl::Duration> MaxQuoteAgeFromProto(
    bool present, const google::protobuf::Duration& proto,
    absl::string_view field);

// The response builders fill a message in place (one allocation per field,
// no copies); the message is expected to be empty.
void OfferToProto(const Offer& offer, v1::Offer* proto);

// The filter of a request ("filter." fields named in errors).
absl::Status FilterFromProto(const v1::OfferFilter& proto, RankFilter* filter);

// Every field of a GetCostCurveRequest checked, as an engine request.
absl::StatusOr<CostCurveRequest> CostCurveRequestFromProto(
    const v1::GetCostCurveRequest& proto);
// Intervals, samples and period; corridor and dataset_version are the
// caller's.
void CostCurveToProto(const CostCurve& curve, v1::GetCostCurveResponse* proto);
void ExcludedToProto(const ExcludedOffer& excluded, v1::ExcludedOffer* proto);
// Why a ranking has no offer: the one reason (UNSPECIFIED when several)
// and the engine's words.
void NoOffersToProto(const NoOffers& no_offers, v1::NoOffers* proto);
// `cheapest_built`: the cheapest offer already converted (it is on the
// page), copied rather than converted again; null otherwise. The summary's
// period, when it has one, goes in `period`.
void SummaryToProto(const Corridor& corridor, const Money& amount,
                    const CorridorSummary& summary,
                    absl::string_view dataset_version,
                    const v1::Offer* cheapest_built,
                    v1::CorridorSummary* proto);
v1::DatasetInfo DatasetInfoToProto(const SnapshotInfo& info);
// The same, with every corridor of the snapshot's book (its newest price
// date and freshness at `now`).
v1::DatasetInfo DatasetInfoToProto(const Snapshot& snapshot, const Clock& now);
// A gap has its period and `gap` only. Shares are set when the point has
// services.
void HistoryPointToProto(const HistoryPoint& point, v1::HistoryPoint* proto);
// Everything but dataset_version.
void IndicatorsToProto(const RpwIndicators& indicators, v1::Indicators* proto);

// "2026-11-02": a price date as answers write it (UTC).
std::string DateText(absl::Time time);

// A ranking's freshness, with its message in words: the price dates and
// the age limit; when every price is stale, the newest price date, the
// limit, and how to refresh (load newer data) or override (a longer
// max_quote_age). `corridor` names the corridor in that message.
void FreshnessToProto(const Freshness& freshness, const Corridor& corridor,
                      v1::Freshness* proto);

// The metadata of the snapshot's datasets `indexes` (Quote::dataset_index),
// or of every dataset when `indexes` is null, in load order.
void DataSourcesToProto(
    const SnapshotInfo& info, const std::vector<uint16_t>* indexes,
    google::protobuf::RepeatedPtrField<v1::DatasetMetadata>* proto);

// One corridor as ListCorridors and GetDatasetInfo describe it: its quote
// count, newest price date, and the freshness of a default ranking (its
// latest period, the default age limit) judged at `now`.
void CorridorInfoToProto(const QuoteBook& book, const Corridor& corridor,
                         const Clock& now, v1::CorridorInfo* proto);

// What a load finds stale, for the server's log: empty when no corridor's
// prices are all stale at `now` (default ranking, as CorridorInfoToProto);
// otherwise "warning: the prices of 2 of 9 corridors are all stale at
// 2030-01-01 (older than 183 days): GBR/GBP->BGD/BDT (newest 2026-09-10),
// ...; load newer data or ...".
std::string StaleDataWarning(const QuoteBook& book, const Clock& now);

}  // namespace remit::service

#endif  // REMIT_SERVICE_CONVERT_H_
