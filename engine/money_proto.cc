#include "engine/money_proto.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace remit {

absl::StatusOr<Money> MoneyFromProto(const v1::Money& proto) {
  absl::StatusOr<CurrencyCode> currency =
      CurrencyCode::FromString(proto.currency_code());
  if (!currency.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("currency_code: ", currency.status().message()));
  }
  return Money::FromUnitsAndNanos(proto.units(), proto.nanos(), *currency);
}

v1::Money MoneyToProto(const Money& money) {
  v1::Money proto;
  proto.set_currency_code(std::string(money.currency().code()));
  proto.set_units(money.units());
  proto.set_nanos(money.nanos());
  return proto;
}

}  // namespace remit
