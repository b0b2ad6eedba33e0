#include "engine/protoconv/proto_enums.h"

namespace remit {

// The wire enums list the engine's values in the same order, after
// *_UNSPECIFIED = 0 (proto_enums_test checks every value both ways).
namespace {

template <typename Engine, typename Wire>
std::optional<Engine> Shifted(Wire value, Engine last) {
  const int n = static_cast<int>(value);
  if (n < 1 || n > static_cast<int>(last) + 1) return std::nullopt;
  return static_cast<Engine>(n - 1);
}

template <typename Wire, typename Engine>
Wire Unshifted(Engine value) {
  return static_cast<Wire>(static_cast<int>(value) + 1);
}

}  // namespace

std::optional<ProviderType> FromProto(v1::ProviderType value) {
  return Shifted(value, ProviderType::kOther);
}
std::optional<PaymentInstrument> FromProto(v1::PaymentInstrument value) {
  return Shifted(value, PaymentInstrument::kOther);
}
std::optional<AccessPoint> FromProto(v1::AccessPoint value) {
  return Shifted(value, AccessPoint::kOther);
}
std::optional<ReceiveMethod> FromProto(v1::ReceiveMethod value) {
  return Shifted(value, ReceiveMethod::kOther);
}
std::optional<Speed> FromProto(v1::Speed value) {
  return Shifted(value, Speed::kSixDaysOrMore);
}
Coverage FromProto(v1::Coverage value) {
  // Coverage has kUnknown first, matching COVERAGE_UNSPECIFIED.
  const int n = static_cast<int>(value);
  if (n < 0 || n > static_cast<int>(Coverage::kHigh)) return Coverage::kUnknown;
  return static_cast<Coverage>(n);
}
FeeCharging FromProto(v1::FeeCharging value) {
  return value == v1::FEE_CHARGING_DEDUCTED ? FeeCharging::kDeducted
                                            : FeeCharging::kOnTop;
}

v1::ProviderType ToProto(ProviderType value) {
  return Unshifted<v1::ProviderType>(value);
}
v1::PaymentInstrument ToProto(PaymentInstrument value) {
  return Unshifted<v1::PaymentInstrument>(value);
}
v1::AccessPoint ToProto(AccessPoint value) {
  return Unshifted<v1::AccessPoint>(value);
}
v1::ReceiveMethod ToProto(ReceiveMethod value) {
  return Unshifted<v1::ReceiveMethod>(value);
}
v1::Speed ToProto(Speed value) { return Unshifted<v1::Speed>(value); }
v1::Coverage ToProto(Coverage value) {
  return static_cast<v1::Coverage>(static_cast<int>(value));
}

std::optional<DataNote> FromProto(v1::DataNote value) {
  switch (value) {
    case v1::DATA_NOTE_TOTAL_DIFFERS_FROM_PARTS:
      return DataNote::kTotalDiffersFromParts;
    case v1::DATA_NOTE_NEGATIVE_TOTAL:
      return DataNote::kNegativeTotal;
    case v1::DATA_NOTE_TOTAL_ABOVE_100_PERCENT:
      return DataNote::kTotalAbove100Percent;
    case v1::DATA_NOTE_PAYOUT_CURRENCY_UNKNOWN:
      return DataNote::kPayoutCurrencyUnknown;
    case v1::DATA_NOTE_RATE_IMPLAUSIBLE:
      return DataNote::kRateImplausible;
    default:
      return std::nullopt;
  }
}

v1::DataNote ToProto(DataNote value) {
  switch (value) {
    case DataNote::kTotalDiffersFromParts:
      return v1::DATA_NOTE_TOTAL_DIFFERS_FROM_PARTS;
    case DataNote::kNegativeTotal:
      return v1::DATA_NOTE_NEGATIVE_TOTAL;
    case DataNote::kTotalAbove100Percent:
      return v1::DATA_NOTE_TOTAL_ABOVE_100_PERCENT;
    case DataNote::kPayoutCurrencyUnknown:
      return v1::DATA_NOTE_PAYOUT_CURRENCY_UNKNOWN;
    case DataNote::kRateImplausible:
      return v1::DATA_NOTE_RATE_IMPLAUSIBLE;
  }
  return v1::DATA_NOTE_UNSPECIFIED;
}

}  // namespace remit
