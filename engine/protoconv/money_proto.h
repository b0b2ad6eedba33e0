// Conversions between Money and the remit.v1.Money message.
//
// Thread-safe: pure functions.
//
// Example:
//   remit::v1::Money wire = MoneyToProto(*Money::Parse("12.34 USD"));
//   // {currency_code: "USD", units: 12, nanos: 340000000}
//   absl::StatusOr<Money> back = MoneyFromProto(wire);
#ifndef REMIT_ENGINE_PROTOCONV_MONEY_PROTO_H_
#define REMIT_ENGINE_PROTOCONV_MONEY_PROTO_H_

#include "absl/status/statusor.h"
#include "engine/money/money.h"
#include "proto/remit/v1/money.pb.h"

namespace remit {

// INVALID_ARGUMENT for an unknown currency_code, nanos out of range or of
// another sign than units, or more precision than the currency has;
// OUT_OF_RANGE when the amount does not fit int64 minor units. Messages
// name the offending field ("currency_code: 'ZZZ' is not ...").
absl::StatusOr<Money> MoneyFromProto(const v1::Money& proto);

// Fills `proto` (every field set); the form for building responses in
// place.
void MoneyToProto(const Money& money, v1::Money* proto);
v1::Money MoneyToProto(const Money& money);

}  // namespace remit

#endif  // REMIT_ENGINE_PROTOCONV_MONEY_PROTO_H_
