#include "service/convert.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "engine/money/echo.h"
#include "engine/protoconv/money_proto.h"
#include "engine/protoconv/proto_enums.h"

namespace remit::service {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", message));
}

// Each repeated enum value must be a known, specified one.
template <typename Engine, typename Wire, typename Name>
absl::Status EnumList(const google::protobuf::RepeatedField<int>& values,
                      absl::string_view field, Name name,
                      std::vector<Engine>* out) {
  for (int i = 0; i < values.size(); ++i) {
    std::optional<Engine> value = FromProto(static_cast<Wire>(values[i]));
    if (!value.has_value()) {
      return Invalid(absl::StrCat(field, "[", i, "]"),
                     absl::StrCat(values[i], " is not a ", name));
    }
    out->push_back(*value);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<Speed>> MaxSpeed(v1::Speed value,
                                              absl::string_view field) {
  if (value == v1::SPEED_UNSPECIFIED) return std::optional<Speed>();
  std::optional<Speed> speed = FromProto(value);
  if (!speed.has_value()) {
    return Invalid(field,
                   absl::StrCat(static_cast<int>(value), " is not a Speed"));
  }
  return speed;
}

// Percentages in answers: every digit the engine has (9 decimals).
std::string PercentText(Percent p) { return p.ToString(Percent::kScale); }

void GroupsToProto(
    const std::vector<GroupAverage>& groups,
    google::protobuf::RepeatedPtrField<v1::IndicatorGroup>* out) {
  out->Reserve(static_cast<int>(groups.size()));
  for (const GroupAverage& group : groups) {
    v1::IndicatorGroup* proto = out->Add();
    proto->set_key(group.key);
    proto->set_service_count(static_cast<int32_t>(group.service_count));
    proto->set_average_total_cost_percent(PercentText(group.average));
  }
}

}  // namespace

absl::StatusOr<AmountLevel> AmountLevelFromProto(v1::AmountLevel value,
                                                 absl::string_view field) {
  switch (value) {
    case v1::AMOUNT_LEVEL_UNSPECIFIED:
    case v1::AMOUNT_LEVEL_CC1:
      return AmountLevel::kCc1;
    case v1::AMOUNT_LEVEL_CC2:
      return AmountLevel::kCc2;
    default:
      break;
  }
  return Invalid(field, absl::StrCat(static_cast<int>(value),
                                     " is not an AmountLevel (AMOUNT_LEVEL_CC1 "
                                     "or AMOUNT_LEVEL_CC2)"));
}

v1::AmountLevel AmountLevelToProto(AmountLevel level) {
  return level == AmountLevel::kCc2 ? v1::AMOUNT_LEVEL_CC2
                                    : v1::AMOUNT_LEVEL_CC1;
}

absl::Status CheckProviderId(const std::string& id, absl::string_view field) {
  if (id.empty()) return absl::OkStatus();
  const bool ok =
      id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' ||
               c == '_' || c == '.';
      });
  if (ok) return absl::OkStatus();
  return Invalid(field, absl::StrCat(Echo(id),
                                     " is not a provider id (1 to 64 of a-z, "
                                     "A-Z, 0-9, '-', '_', '.')"));
}

absl::StatusOr<Corridor> CorridorFromProto(const v1::Corridor& proto,
                                           bool present) {
  if (!present) return Invalid("corridor", "is required");
  absl::StatusOr<Corridor> corridor =
      Corridor::Parse(proto.send_country(), proto.send_currency(),
                      proto.receive_country(), proto.receive_currency());
  if (!corridor.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("corridor.", corridor.status().message()));
  }
  return corridor;
}

void CorridorToProto(const Corridor& corridor, v1::Corridor* proto) {
  // The codes are views into these copies.
  const CurrencyCode send_currency = corridor.send_currency();
  const CurrencyCode receive_currency = corridor.receive_currency();
  const absl::string_view send_country = corridor.send_country().alpha3();
  const absl::string_view receive_country = corridor.receive_country().alpha3();
  proto->set_send_country(send_country.data(), send_country.size());
  proto->set_send_currency(send_currency.code().data(),
                           send_currency.code().size());
  proto->set_receive_country(receive_country.data(), receive_country.size());
  proto->set_receive_currency(receive_currency.code().data(),
                              receive_currency.code().size());
}

absl::StatusOr<Money> AmountFromProto(const v1::Money& proto,
                                      absl::string_view field) {
  absl::StatusOr<Money> money = MoneyFromProto(proto);
  if (!money.ok()) {
    // "currency_code: ..." becomes "send_amount.currency_code: ...". An
    // amount too large to hold is a bad request like any other
    // (INVALID_ARGUMENT, as the API documents), not OUT_OF_RANGE.
    const absl::string_view message = money.status().message();
    return absl::Status(absl::StatusCode::kInvalidArgument,
                        absl::StartsWith(message, "currency_code:")
                            ? absl::StrCat(field, ".", message)
                            : absl::StrCat(field, ": ", message));
  }
  return money;
}

absl::StatusOr<int> PageSize(int page_size, int default_size) {
  if (page_size < 0) {
    return Invalid("page_size",
                   absl::StrCat(page_size, " must not be negative"));
  }
  if (page_size == 0) return default_size;
  return std::min(page_size, kMaxPageSize);
}

std::optional<SenderAccess> AccessFromProto(bool present,
                                            const v1::SenderAccess& proto) {
  if (!present) return std::nullopt;
  SenderAccess access;
  access.has_bank_account = proto.has_bank_account();
  access.has_card = proto.has_card();
  access.has_mobile_wallet = proto.has_mobile_wallet();
  access.has_internet = proto.has_internet();
  access.needs_cash_pickup = proto.needs_cash_pickup();
  access.max_speed =
      FromProto(proto.max_speed()).value_or(Speed::kSixDaysOrMore);
  return access;
}

absl::StatusOr<std::optional<Period>> PeriodFromProto(const std::string& text,
                                                      absl::string_view field) {
  if (text.empty()) return std::nullopt;
  absl::StatusOr<Period> period = Period::Parse(text);
  if (!period.ok()) return Invalid(field, period.status().message());
  return *period;
}

absl::StatusOr<absl::Duration> MaxQuoteAgeFromProto(
    bool present, const google::protobuf::Duration& proto,
    absl::string_view field) {
  if (!present || (proto.seconds() == 0 && proto.nanos() == 0)) {
    return kDefaultMaxQuoteAge;
  }
  if (proto.seconds() < 0 || proto.nanos() < 0 ||
      proto.nanos() >= 1'000'000'000) {
    return Invalid(field, absl::StrCat("{seconds: ", proto.seconds(),
                                       ", nanos: ", proto.nanos(),
                                       "} must be a positive duration"));
  }
  return absl::Seconds(proto.seconds()) + absl::Nanoseconds(proto.nanos());
}

absl::Status FilterFromProto(const v1::OfferFilter& f, RankFilter* out) {
  RankFilter& filter = *out;
  if (absl::Status s = EnumList<PaymentInstrument, v1::PaymentInstrument>(
          f.payment_instruments(), "filter.payment_instruments",
          "PaymentInstrument", &filter.payment_instruments);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = EnumList<AccessPoint, v1::AccessPoint>(
          f.access_points(), "filter.access_points", "AccessPoint",
          &filter.access_points);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = EnumList<ReceiveMethod, v1::ReceiveMethod>(
          f.receive_methods(), "filter.receive_methods", "ReceiveMethod",
          &filter.receive_methods);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = EnumList<ProviderType, v1::ProviderType>(
          f.provider_types(), "filter.provider_types", "ProviderType",
          &filter.provider_types);
      !s.ok()) {
    return s;
  }
  absl::StatusOr<std::optional<Speed>> max_speed =
      MaxSpeed(f.max_speed(), "filter.max_speed");
  if (!max_speed.ok()) return max_speed.status();
  filter.max_speed = *max_speed;
  if (f.min_coverage() < v1::COVERAGE_UNSPECIFIED ||
      f.min_coverage() > v1::COVERAGE_HIGH) {
    return Invalid(
        "filter.min_coverage",
        absl::StrCat(static_cast<int>(f.min_coverage()), " is not a Coverage"));
  }
  filter.min_coverage = FromProto(f.min_coverage());
  filter.include_promotional = !f.exclude_promotional();
  return absl::OkStatus();
}

namespace {

// The fields RankOffersRequest and GetCostCurveRequest share, which decide
// which quotes are screened in: access, include_opaque, max_quote_age and
// period. `Proto` and `Request` are those messages and the engine's
// RankRequest or CostCurveRequest.
template <typename Proto, typename Request>
absl::Status ScreeningFromProto(const Proto& proto, Request* request) {
  if (proto.has_access()) {
    absl::Status speed =
        MaxSpeed(proto.access().max_speed(), "access.max_speed").status();
    if (!speed.ok()) return speed;
  }
  request->access = AccessFromProto(proto.has_access(), proto.access());
  request->include_opaque = proto.include_opaque();
  absl::StatusOr<absl::Duration> age = MaxQuoteAgeFromProto(
      proto.has_max_quote_age(), proto.max_quote_age(), "max_quote_age");
  if (!age.ok()) return age.status();
  request->max_quote_age = *age;
  absl::StatusOr<std::optional<Period>> period =
      PeriodFromProto(proto.period(), "period");
  if (!period.ok()) return period.status();
  request->period = *period;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<RankRequest> RankRequestFromProto(
    const v1::RankOffersRequest& proto) {
  absl::StatusOr<Corridor> corridor =
      CorridorFromProto(proto.corridor(), proto.has_corridor());
  if (!corridor.ok()) return corridor.status();

  AmountKind kind;
  absl::StatusOr<Money> amount;
  switch (proto.amount_case()) {
    case v1::RankOffersRequest::kSendAmount:
      kind = AmountKind::kSend;
      amount = AmountFromProto(proto.send_amount(), "send_amount");
      break;
    case v1::RankOffersRequest::kReceiveAmount:
      kind = AmountKind::kReceive;
      amount = AmountFromProto(proto.receive_amount(), "receive_amount");
      break;
    default:
      return Invalid("send_amount",
                     "one of send_amount or receive_amount "
                     "is required");
  }
  if (!amount.ok()) return amount.status();

  RankRequest request(*corridor, *amount);
  request.amount_kind = kind;
  if (absl::Status s = FilterFromProto(proto.filter(), &request.filter);
      !s.ok()) {
    return s;
  }

  if (proto.order_by().empty() || proto.order_by() == "total_cost") {
    request.order = RankOrder::kTotalCost;
  } else if (proto.order_by() == "amount_received") {
    request.order = RankOrder::kAmountReceived;
  } else if (proto.order_by() == "speed") {
    request.order = RankOrder::kSpeed;
  } else {
    return Invalid("order_by", absl::StrCat(Echo(proto.order_by()),
                                            " is not one of total_cost, "
                                            "amount_received, speed"));
  }
  if (absl::Status s = ScreeningFromProto(proto, &request); !s.ok()) {
    return s;
  }
  return request;
}

absl::StatusOr<CostCurveRequest> CostCurveRequestFromProto(
    const v1::GetCostCurveRequest& proto) {
  absl::StatusOr<Corridor> corridor =
      CorridorFromProto(proto.corridor(), proto.has_corridor());
  if (!corridor.ok()) return corridor.status();
  if (!proto.has_min_amount()) return Invalid("min_amount", "is required");
  if (!proto.has_max_amount()) return Invalid("max_amount", "is required");
  absl::StatusOr<Money> min = AmountFromProto(proto.min_amount(), "min_amount");
  if (!min.ok()) return min.status();
  absl::StatusOr<Money> max = AmountFromProto(proto.max_amount(), "max_amount");
  if (!max.ok()) return max.status();
  CostCurveRequest request(*corridor, *min, *max);
  request.amount_kind =
      proto.receive_amounts() ? AmountKind::kReceive : AmountKind::kSend;
  if (absl::Status s = FilterFromProto(proto.filter(), &request.filter);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = ScreeningFromProto(proto, &request); !s.ok()) {
    return s;
  }
  if (proto.sample_count() < 0 ||
      proto.sample_count() > static_cast<int>(kMaxCurveSamples)) {
    return Invalid("sample_count",
                   absl::StrCat(proto.sample_count(), " is not between 0 and ",
                                kMaxCurveSamples));
  }
  request.sample_count = static_cast<size_t>(proto.sample_count());
  return request;
}

void CostCurveToProto(const CostCurve& curve, v1::GetCostCurveResponse* proto) {
  proto->mutable_intervals()->Reserve(static_cast<int>(curve.intervals.size()));
  for (const CurveInterval& interval : curve.intervals) {
    v1::CurveInterval* out = proto->add_intervals();
    MoneyToProto(interval.from, out->mutable_from_amount());
    MoneyToProto(interval.to, out->mutable_to_amount());
    OfferToProto(interval.cheapest, out->mutable_cheapest());
  }
  for (const Money& amount : curve.sample_amounts) {
    MoneyToProto(amount, proto->add_sample_amounts());
  }
  for (const OfferSamples& offer : curve.offers) {
    v1::OfferCurve* out = proto->add_offers();
    out->set_quote_id(offer.quote->quote->id);
    out->set_provider_id(offer.quote->provider->id);
    out->set_provider_name(offer.quote->provider->name);
    for (const std::optional<CostBreakdown>& cost : offer.costs) {
      v1::CurveSample* sample = out->add_samples();
      if (!cost.has_value()) continue;
      sample->set_offered(true);
      MoneyToProto(cost->total_cost, sample->mutable_total_cost());
      sample->set_total_cost_percent(
          cost->total_cost_percent.ToString(Percent::kScale));
    }
  }
  if (curve.period.has_value()) proto->set_period(curve.period->ToString());
  proto->set_receive_amounts(curve.amount_kind == AmountKind::kReceive);
}

void OfferToProto(const Offer& offer, v1::Offer* proto) {
  const Quote& quote = *offer.quote->quote;
  const Provider& provider = *offer.quote->provider;
  const CostBreakdown& c = offer.cost;
  proto->set_rank(static_cast<int32_t>(offer.rank));
  proto->set_quote_id(quote.id);
  proto->set_provider_id(provider.id);
  proto->set_provider_name(provider.name);
  proto->set_provider_type(ToProto(provider.type));
  proto->set_payment_instrument(ToProto(quote.payment_instrument));
  proto->set_access_point(ToProto(quote.access_point));
  proto->set_receive_method(ToProto(quote.receive_method));
  proto->set_speed(ToProto(quote.speed));
  MoneyToProto(c.send_amount, proto->mutable_send_amount());
  MoneyToProto(c.fee, proto->mutable_fee());
  MoneyToProto(c.funding_surcharge, proto->mutable_funding_surcharge());
  MoneyToProto(c.recipient_fee_in_send,
               proto->mutable_recipient_fee_in_send_currency());
  MoneyToProto(c.total_outlay, proto->mutable_total_outlay());
  proto->set_transparent(c.margin_known);
  if (c.margin_known) {
    proto->set_exchange_rate(c.exchange_rate.ToString());
    proto->set_fx_margin_percent(c.fx_margin.ToString(Percent::kScale));
    MoneyToProto(c.fx_margin_cost, proto->mutable_fx_margin_cost());
  }
  if (c.mid_market_rate.has_value()) {
    proto->set_mid_market_rate(c.mid_market_rate->ToString());
    const absl::string_view mid_source = Name(c.mid_source);
    proto->set_mid_market_rate_source(mid_source.data(), mid_source.size());
  }
  MoneyToProto(c.total_cost, proto->mutable_total_cost());
  proto->set_total_cost_percent(c.total_cost_percent.ToString(Percent::kScale));
  if (c.amount_received.has_value()) {
    MoneyToProto(*c.amount_received, proto->mutable_receive_amount());
  }
  if (c.recipient_fee.has_value()) {
    MoneyToProto(*c.recipient_fee, proto->mutable_recipient_fee());
  }
  proto->set_estimated(c.estimated);
  proto->set_promotional(quote.promotional);
  for (DataNote note :
       {DataNote::kTotalDiffersFromParts, DataNote::kNegativeTotal,
        DataNote::kTotalAbove100Percent, DataNote::kPayoutCurrencyUnknown,
        DataNote::kRateImplausible}) {
    if (quote.Has(note)) proto->add_data_notes(ToProto(note));
  }
  proto->mutable_quoted_at()->set_seconds(absl::ToUnixSeconds(quote.quoted_at));
  proto->set_source(quote.source);
}

namespace {

v1::ExclusionReason ExclusionReasonToProto(ExclusionReason reason) {
  // The wire enum lists the first reasons in the engine's order, after
  // UNSPECIFIED; later ones have numbers of their own.
  return reason == ExclusionReason::kRateImplausible
             ? v1::EXCLUSION_REASON_RATE_IMPLAUSIBLE
             : static_cast<v1::ExclusionReason>(static_cast<int>(reason) + 1);
}

}  // namespace

void ExcludedToProto(const ExcludedOffer& excluded, v1::ExcludedOffer* proto) {
  proto->set_quote_id(excluded.quote->quote->id);
  proto->set_provider_id(excluded.quote->provider->id);
  proto->set_provider_name(excluded.quote->provider->name);
  proto->set_exclusion_reason(ExclusionReasonToProto(excluded.reason));
}

void NoOffersToProto(const NoOffers& no_offers, v1::NoOffers* proto) {
  if (no_offers.reason.has_value()) {
    proto->set_reason(ExclusionReasonToProto(*no_offers.reason));
  }
  proto->set_message(no_offers.text);
}

void SummaryToProto(const Corridor& corridor, const Money& amount,
                    const CorridorSummary& summary,
                    absl::string_view dataset_version,
                    const v1::Offer* cheapest_built,
                    v1::CorridorSummary* proto) {
  CorridorToProto(corridor, proto->mutable_corridor());
  MoneyToProto(amount, proto->mutable_amount());
  if (summary.period.has_value()) proto->set_period(summary.period->ToString());
  proto->set_offer_count(static_cast<int32_t>(summary.offer_count));
  auto percent = [](const Percent& p) { return p.ToString(Percent::kScale); };
  if (summary.average_total_cost_percent.has_value()) {
    proto->set_average_total_cost_percent(
        percent(*summary.average_total_cost_percent));
  }
  if (summary.median_total_cost_percent.has_value()) {
    proto->set_median_total_cost_percent(
        percent(*summary.median_total_cost_percent));
  }
  if (summary.smart_percent.has_value()) {
    proto->set_smart_percent(percent(*summary.smart_percent));
  }
  proto->set_smart_qualifying_count(
      static_cast<int32_t>(summary.smart_qualifying));
  if (summary.personal_smart_percent.has_value()) {
    proto->set_personal_smart_percent(percent(*summary.personal_smart_percent));
  }
  proto->set_personal_smart_qualifying_count(
      static_cast<int32_t>(summary.personal_smart_qualifying));
  if (summary.offer_count > 0) {
    proto->set_share_at_or_below_3_percent(
        percent(summary.share_at_or_below_3_percent));
    proto->set_share_at_or_below_5_percent(
        percent(summary.share_at_or_below_5_percent));
  }
  if (summary.cheapest.has_value()) {
    v1::Offer* cheapest = proto->mutable_cheapest();
    if (cheapest_built != nullptr) {
      *cheapest = *cheapest_built;
      cheapest->set_rank(static_cast<int32_t>(summary.cheapest->rank));
    } else {
      OfferToProto(*summary.cheapest, cheapest);
    }
  }
  proto->set_dataset_version(dataset_version.data(), dataset_version.size());
}

v1::DatasetInfo DatasetInfoToProto(const SnapshotInfo& info) {
  v1::DatasetInfo proto;
  proto.set_dataset_version(info.version);
  proto.mutable_loaded_at()->set_seconds(absl::ToUnixSeconds(info.loaded_at));
  for (const std::string& source : info.sources) proto.add_sources(source);
  for (const v1::DatasetMetadata& m : info.metadata) *proto.add_metadata() = m;
  proto.set_provider_count(static_cast<int32_t>(info.provider_count));
  proto.set_quote_count(static_cast<int32_t>(info.quote_count));
  proto.set_corridor_count(static_cast<int32_t>(info.corridor_count));
  proto.set_reference_rate_count(
      static_cast<int32_t>(info.reference_rate_count));
  for (const SnapshotInfo::SourceReport& source : info.import_reports) {
    v1::ImportReport* report = proto.add_import_reports();
    report->set_source(source.source);
    for (const ImportReport::PeriodCount& p : source.report.loaded) {
      v1::ImportReport::PeriodCount* out = report->add_loaded();
      out->set_period(p.period);
      out->set_rows(static_cast<int64_t>(p.rows));
    }
    auto groups = [](const std::vector<ImportReport::RowGroup>& in, auto* out) {
      for (const ImportReport::RowGroup& g : in) {
        v1::ImportReport::RowGroup* group = out->Add();
        group->set_reason(g.reason);
        group->set_rows(static_cast<int64_t>(g.rows));
        for (const std::string& place : g.first_places) {
          group->add_first_places(place);
        }
      }
    };
    groups(source.report.quarantined, report->mutable_quarantined());
    groups(source.report.notes, report->mutable_notes());
    report->set_skipped_other_periods(
        static_cast<int64_t>(source.report.skipped_other_periods));
  }
  return proto;
}

void HistoryPointToProto(const HistoryPoint& point, v1::HistoryPoint* proto) {
  proto->set_period(point.period.ToString());
  if (point.gap) {
    proto->set_gap(true);
    return;
  }
  proto->set_transparent_service_count(
      static_cast<int32_t>(point.service_count));
  if (point.average.has_value()) {
    proto->set_average_total_cost_percent(PercentText(*point.average));
  }
  if (point.median.has_value()) {
    proto->set_median_total_cost_percent(PercentText(*point.median));
  }
  if (point.smart.has_value()) {
    proto->set_smart_percent(PercentText(*point.smart));
  }
  proto->set_smart_qualifying_count(
      static_cast<int32_t>(point.smart_qualifying));
  if (point.cheapest_provider != nullptr && point.cheapest_total.has_value()) {
    proto->set_cheapest_provider_id(point.cheapest_provider->id);
    proto->set_cheapest_provider_name(point.cheapest_provider->name);
    proto->set_cheapest_total_cost_percent(PercentText(*point.cheapest_total));
  }
  if (point.service_count > 0) {
    proto->set_share_at_or_below_3_percent(
        PercentText(point.share_at_or_below_3_percent));
    proto->set_share_at_or_below_5_percent(
        PercentText(point.share_at_or_below_5_percent));
  }
  if (point.provider_average.has_value()) {
    proto->set_provider_average_total_cost_percent(
        PercentText(*point.provider_average));
  }
}

void IndicatorsToProto(const RpwIndicators& indicators, v1::Indicators* proto) {
  proto->set_period(indicators.period.ToString());
  if (indicators.global_average.has_value()) {
    proto->set_global_average_total_cost_percent(
        PercentText(*indicators.global_average));
  }
  proto->set_service_count(static_cast<int32_t>(indicators.service_count));
  GroupsToProto(indicators.by_firm_type, proto->mutable_by_firm_type());
  GroupsToProto(indicators.by_sending_country,
                proto->mutable_by_sending_country());
  GroupsToProto(indicators.by_receiving_country,
                proto->mutable_by_receiving_country());
  GroupsToProto(indicators.by_receiving_region,
                proto->mutable_by_receiving_region());
  GroupsToProto(indicators.by_g8_g20, proto->mutable_by_g8_g20());
  proto->mutable_corridors()->Reserve(
      static_cast<int>(indicators.corridors.size()));
  for (const CorridorFigures& figures : indicators.corridors) {
    v1::CorridorIndicator* corridor = proto->add_corridors();
    CorridorToProto(figures.corridor, corridor->mutable_corridor());
    corridor->set_service_count(static_cast<int32_t>(figures.service_count));
    if (figures.average.has_value()) {
      corridor->set_average_total_cost_percent(PercentText(*figures.average));
    }
    if (figures.smart.has_value()) {
      corridor->set_smart_percent(PercentText(*figures.smart));
    }
    corridor->set_smart_qualifying_count(
        static_cast<int32_t>(figures.smart_qualifying));
  }
  proto->set_corridors_at_or_below_5_percent(
      static_cast<int32_t>(indicators.corridors_at_or_below_5_percent));
  proto->set_corridors_at_or_below_3_percent(
      static_cast<int32_t>(indicators.corridors_at_or_below_3_percent));
  if (indicators.corridors_with_average > 0) {
    proto->set_share_of_corridors_at_or_below_5_percent(
        PercentText(indicators.share_of_corridors_at_or_below_5_percent));
    proto->set_share_of_corridors_at_or_below_3_percent(
        PercentText(indicators.share_of_corridors_at_or_below_3_percent));
  }
  if (indicators.global_smart_average.has_value()) {
    proto->set_global_smart_average_percent(
        PercentText(*indicators.global_smart_average));
  }
  proto->set_corridors_with_smart(
      static_cast<int32_t>(indicators.corridors_with_smart));
  for (const std::string& rule : indicators.rules) proto->add_rules(rule);
}

std::string DateText(absl::Time time) {
  // Years 1000 to 9999 (four digits, as FormatTime writes them) from the
  // day count directly; FormatTime parses its format and looks the time up
  // in the zone on every call, some thousand instructions a date. Other
  // times (and the infinite ones) through FormatTime.
  constexpr int64_t kYear1000 = -30610224000;   // 1000-01-01T00:00:00Z
  constexpr int64_t kYear10000 = 253402300800;  // 10000-01-01T00:00:00Z
  constexpr int64_t kSecondsPerDay = 86400;
  const int64_t seconds = absl::ToUnixSeconds(time);  // rounded down
  if (seconds < kYear1000 || seconds >= kYear10000) {
    return absl::FormatTime("%Y-%m-%d", time, absl::UTCTimeZone());
  }
  // Days since 0000-03-01 in the proleptic Gregorian calendar (positive
  // here), counted in 400-year cycles of 146,097 days; the years are taken
  // to start in March so that the leap day ends each one.
  const int64_t days =
      (seconds >= 0 ? seconds : seconds - (kSecondsPerDay - 1)) /
          kSecondsPerDay +
      719468;  // 1970-01-01 is day 719,468 after 0000-03-01
  const int64_t cycle = days / 146097;
  const int64_t day_of_cycle = days - cycle * 146097;  // [0, 146096]
  // Year of the cycle: 365 days a year, less the leap days so far (every
  // 4th year but every 100th, and the 400th).
  const int64_t year_of_cycle = (day_of_cycle - day_of_cycle / 1460 +
                                 day_of_cycle / 36524 - day_of_cycle / 146096) /
                                365;  // [0, 399]
  const int64_t day_of_year =
      day_of_cycle -
      (365 * year_of_cycle + year_of_cycle / 4 - year_of_cycle / 100);
  // Months from March, of 31 30 31 30 31 31 30 31 30 31 31 and 28/29
  // days: (153 * month + 2) / 5 days before each.
  const int64_t month_from_march = (5 * day_of_year + 2) / 153;  // [0, 11]
  const int day =
      static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  const int month = static_cast<int>(
      month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  const int year =
      static_cast<int>(cycle * 400 + year_of_cycle + (month <= 2 ? 1 : 0));
  const char text[10] = {static_cast<char>('0' + year / 1000),
                         static_cast<char>('0' + year / 100 % 10),
                         static_cast<char>('0' + year / 10 % 10),
                         static_cast<char>('0' + year % 10),
                         '-',
                         static_cast<char>('0' + month / 10),
                         static_cast<char>('0' + month % 10),
                         '-',
                         static_cast<char>('0' + day / 10),
                         static_cast<char>('0' + day % 10)};
  return std::string(text, sizeof(text));
}

namespace {

// "183 days"; a limit that is not whole days as absl writes durations.
std::string AgeText(absl::Duration age) {
  const int64_t hours = absl::ToInt64Hours(age);
  if (age == absl::Hours(hours) && hours % 24 == 0) {
    const int64_t days = hours / 24;
    return absl::StrCat(days, days == 1 ? " day" : " days");
  }
  return absl::FormatDuration(age);
}

// `as_of`, `newest` and `oldest_fresh`: the dates of f.as_of,
// f.newest_quoted_at and f.oldest_fresh_quoted_at ("" when not set).
std::string FreshnessMessage(const Freshness& f, const Corridor& corridor,
                             absl::string_view as_of, absl::string_view newest,
                             absl::string_view oldest_fresh) {
  if (f.quote_count == 0 || !f.newest_quoted_at.has_value()) return "";
  std::string out;
  if (f.illustrative) {
    absl::StrAppend(&out, "Illustrative data as of ", as_of,
                    ": made-up prices, judged at that date, not today. ");
  }
  const bool limited = f.max_quote_age != absl::InfiniteDuration();
  if (f.all_stale()) {
    absl::StrAppend(
        &out, "Every price in corridor ", corridor.ToString(),
        " is stale: the newest is dated ", newest, ", and prices older than ",
        AgeText(f.max_quote_age), " at ", as_of,
        " are left out. Load newer data (the server reloads its files on "
        "SIGHUP or ReloadDataset), or ask with a longer max_quote_age.");
    return out;
  }
  absl::StrAppend(&out, "Prices dated ",
                  f.oldest_fresh_quoted_at.has_value() ? oldest_fresh : newest,
                  " to ", newest);
  if (!limited) {
    absl::StrAppend(&out, "; no age limit (a survey period asked for).");
    return out;
  }
  absl::StrAppend(&out, "; prices older than ", AgeText(f.max_quote_age),
                  " at ", as_of, " are left out as stale");
  if (f.stale_count > 0) {
    absl::StrAppend(&out, " (", f.stale_count, " of ", f.quote_count, ")");
  }
  absl::StrAppend(&out, ".");
  return out;
}

}  // namespace

void FreshnessToProto(const Freshness& f, const Corridor& corridor,
                      v1::Freshness* proto) {
  // Each date written once, for its field and the message.
  proto->set_as_of_date(DateText(f.as_of));
  proto->set_illustrative(f.illustrative);
  if (f.max_quote_age != absl::InfiniteDuration()) {
    const int64_t seconds = absl::ToInt64Seconds(f.max_quote_age);
    proto->mutable_max_quote_age()->set_seconds(seconds);
  }
  if (f.newest_quoted_at.has_value()) {
    proto->set_newest_price_date(DateText(*f.newest_quoted_at));
  }
  if (f.oldest_fresh_quoted_at.has_value()) {
    proto->set_oldest_price_date(DateText(*f.oldest_fresh_quoted_at));
  }
  proto->set_quote_count(static_cast<int32_t>(f.quote_count));
  proto->set_stale_quote_count(static_cast<int32_t>(f.stale_count));
  proto->set_all_stale(f.all_stale());
  proto->set_message(FreshnessMessage(f, corridor, proto->as_of_date(),
                                      proto->newest_price_date(),
                                      proto->oldest_price_date()));
}

void DataSourcesToProto(
    const SnapshotInfo& info, const std::vector<uint16_t>* indexes,
    google::protobuf::RepeatedPtrField<v1::DatasetMetadata>* proto) {
  if (indexes == nullptr) {
    for (const v1::DatasetMetadata& m : info.metadata) *proto->Add() = m;
    return;
  }
  for (uint16_t i : *indexes) {
    if (i < info.metadata.size()) *proto->Add() = info.metadata[i];
  }
}

void CorridorInfoToProto(const QuoteBook& book, const Corridor& corridor,
                         const Clock& now, v1::CorridorInfo* proto) {
  CorridorToProto(corridor, proto->mutable_corridor());
  const absl::Span<const PreparedQuote> quotes = book.QuotesIn(corridor);
  proto->set_quote_count(static_cast<int32_t>(quotes.size()));
  std::optional<absl::Time> newest;
  for (const PreparedQuote& p : quotes) {
    if (!newest.has_value() || p.quote->quoted_at > *newest) {
      newest = p.quote->quoted_at;
    }
  }
  if (newest.has_value()) proto->set_newest_price_date(DateText(*newest));
  absl::StatusOr<Freshness> freshness =
      JudgeFreshness(book, corridor, std::nullopt, kDefaultMaxQuoteAge, now);
  if (freshness.ok()) {
    FreshnessToProto(*freshness, corridor, proto->mutable_freshness());
  }
}

v1::DatasetInfo DatasetInfoToProto(const Snapshot& snapshot, const Clock& now) {
  v1::DatasetInfo proto = DatasetInfoToProto(snapshot.info());
  for (const Corridor& corridor : snapshot.book().corridors()) {
    CorridorInfoToProto(snapshot.book(), corridor, now, proto.add_corridors());
  }
  return proto;
}

std::string StaleDataWarning(const QuoteBook& book, const Clock& now) {
  std::vector<std::string> stale;
  for (const Corridor& corridor : book.corridors()) {
    absl::StatusOr<Freshness> f =
        JudgeFreshness(book, corridor, std::nullopt, kDefaultMaxQuoteAge, now);
    if (!f.ok() || !f->all_stale()) continue;
    stale.push_back(absl::StrCat(corridor.ToString(), " (newest ",
                                 DateText(*f->newest_quoted_at), ")"));
  }
  if (stale.empty()) return "";
  constexpr size_t kNamed = 10;
  std::string names = absl::StrJoin(
      stale.begin(), stale.begin() + std::min(stale.size(), kNamed), ", ");
  if (stale.size() > kNamed) {
    absl::StrAppend(&names, " and ", stale.size() - kNamed, " more");
  }
  return absl::StrCat(
      "warning: stale data: in ", stale.size(), " of ", book.corridors().size(),
      " corridors every price is older than ", AgeText(kDefaultMaxQuoteAge),
      " at ", DateText(now.Now()), ": ", names,
      "; their rankings list no offer. Load newer data and reload (SIGHUP), "
      "or set the clock with --clock_time");
}

}  // namespace remit::service
