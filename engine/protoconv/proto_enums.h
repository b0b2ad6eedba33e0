// Conversions between the engine's enums and remit.v1's.
//
// FromProto returns nullopt for *_UNSPECIFIED (and unknown numbers) where
// the engine has no "unspecified"; callers decide whether that is an error.
// Thread-safe: pure functions.
//
// Example:
//   std::optional<Speed> speed = FromProto(v1::SPEED_SAME_DAY);
#ifndef REMIT_ENGINE_PROTOCONV_PROTO_ENUMS_H_
#define REMIT_ENGINE_PROTOCONV_PROTO_ENUMS_H_

#include <optional>

#include "engine/model/model.h"
#include "proto/remit/v1/attributes.pb.h"

namespace remit {

std::optional<ProviderType> FromProto(v1::ProviderType value);
std::optional<PaymentInstrument> FromProto(v1::PaymentInstrument value);
std::optional<AccessPoint> FromProto(v1::AccessPoint value);
std::optional<ReceiveMethod> FromProto(v1::ReceiveMethod value);
std::optional<Speed> FromProto(v1::Speed value);
Coverage FromProto(v1::Coverage value);        // Unspecified: kUnknown.
FeeCharging FromProto(v1::FeeCharging value);  // Unspecified: kOnTop.

v1::ProviderType ToProto(ProviderType value);
v1::PaymentInstrument ToProto(PaymentInstrument value);
v1::AccessPoint ToProto(AccessPoint value);
v1::ReceiveMethod ToProto(ReceiveMethod value);
v1::Speed ToProto(Speed value);
v1::Coverage ToProto(Coverage value);
std::optional<DataNote> FromProto(v1::DataNote value);
v1::DataNote ToProto(DataNote value);

}  // namespace remit

#endif  // REMIT_ENGINE_PROTOCONV_PROTO_ENUMS_H_
