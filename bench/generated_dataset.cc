#include "bench/generated_dataset.h"

#include "absl/strings/str_cat.h"

namespace remit::bench {
namespace {

const char* const kCountries[][2] = {
    {"USA", "MEX"}, {"USA", "PHL"}, {"GBR", "NGA"}, {"ARE", "IND"},
    {"DEU", "TUR"}, {"KEN", "TZA"}, {"GBR", "IND"}, {"USA", "IND"}};

}  // namespace

v1::Dataset MakeDataset(int quotes) {
  v1::Dataset d;
  d.mutable_metadata()->set_name("benchmark");
  for (int p = 0; p < 100; ++p) {
    v1::Provider* provider = d.add_providers();
    provider->set_id(absl::StrCat("p", p));
    provider->set_name(absl::StrCat("Provider ", p));
    provider->set_type(static_cast<v1::ProviderType>(1 + p % 5));
  }
  for (int i = 0; i < quotes; ++i) {
    v1::Quote* q = d.add_quotes();
    q->set_id(absl::StrCat("q", i));
    q->set_provider_id(absl::StrCat("p", i % 100));
    q->mutable_corridor()->set_send_country(kCountries[i % 8][0]);
    q->mutable_corridor()->set_receive_country(kCountries[i % 8][1]);
    q->set_payment_instrument(static_cast<v1::PaymentInstrument>(1 + i % 6));
    q->set_access_point(static_cast<v1::AccessPoint>(1 + i % 4));
    q->set_receive_method(static_cast<v1::ReceiveMethod>(1 + i % 5));
    q->set_speed(static_cast<v1::Speed>(1 + i % 6));
    q->set_quoted_at("2026-11-02");
    v1::FeeBand* band = q->mutable_fees()->add_bands();
    band->set_fixed_fee(absl::StrCat(i % 9, ".99"));
    if (i % 3 == 0) {
      v1::FeeBand* second = q->mutable_fees()->add_bands();
      second->set_from_amount("500");
      second->set_percent_fee("0.5");
    }
    // 15.1 to 19.9999 against 20.5: margins of 2.4 % to 26 %.
    q->set_rate(absl::StrCat("1", 5 + i % 5, ".", 1000 + i % 9000));
    q->set_mid_market_rate("20.5");
  }
  return d;
}

}  // namespace remit::bench
