#include "engine/protoconv/money_proto.h"

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

void MoneyToProto(const Money& money, v1::Money* proto) {
  const CurrencyCode currency = money.currency();  // code() views into it.
  proto->set_currency_code(currency.code().data(), currency.code().size());
  proto->set_units(money.units());
  proto->set_nanos(money.nanos());
}

v1::Money MoneyToProto(const Money& money) {
  v1::Money proto;
  MoneyToProto(money, &proto);
  return proto;
}

}  // namespace remit
