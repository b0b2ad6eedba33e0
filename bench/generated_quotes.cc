#include "bench/generated_quotes.h"

#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "absl/strings/str_cat.h"

namespace remit::bench {
namespace {

template <typename T>
T Must(absl::StatusOr<T> v) {
  if (!v.ok()) {
    std::fprintf(stderr, "generated quotes: %s\n",
                 v.status().ToString().c_str());
    std::abort();
  }
  return *std::move(v);
}

}  // namespace

const Corridor& UsMx() {
  static const Corridor* corridor =
      new Corridor(Must(Corridor::Parse("US", "", "MX", "")));
  return *corridor;
}

QuoteBook MakeBook(int n, bool simple, bool falling_survey_rates) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> fee(0, 1500);
  std::uniform_int_distribution<int> rate(165000, 175000);  // 16.5 - 17.5
  std::uniform_int_distribution<int> pct(0, 3);
  std::vector<Provider> providers;
  for (int p = 0; p < 50; ++p) {
    providers.push_back({absl::StrCat("p", p), absl::StrCat("Provider ", p),
                         static_cast<ProviderType>(p % 5)});
  }
  std::vector<Quote> quotes;
  quotes.reserve(n);
  for (int i = 0; i < n; ++i) {
    Quote q(UsMx());
    q.id = absl::StrCat("q", i);
    q.provider_id = absl::StrCat("p", i % 50);
    q.payment_instrument = static_cast<PaymentInstrument>(i % 6);
    q.receive_method = static_cast<ReceiveMethod>(i % 5);
    q.speed = static_cast<Speed>(i % 6);
    q.quoted_at = absl::FromUnixSeconds(1'750'000'000);
    q.mid_rate = Must(Rate::FromString("17.5"));
    q.rate_currency = UsMx().receive_currency();
    const Rate r = Must(Rate::FromScaled(int64_t{rate(rng)} * 100'000'000));
    if (simple) {
      q.rate = r;
      q.fees.bands = {
          FeeBand{0,
                  fee(rng),
                  Percent::FromScaled(int64_t{pct(rng)} * 500'000'000),
                  {},
                  {}}};
      quotes.push_back(std::move(q));
      continue;
    }
    switch (i % 3) {
      case 0:
        q.rate = r;
        q.fees.bands = {
            FeeBand{0, fee(rng), Percent::FromScaled(1'000'000'000), {}, 1500},
            FeeBand{
                50000, fee(rng), Percent::FromScaled(500'000'000), 300, {}}};
        break;
      case 1:
        q.rate = r;
        q.fees.bands = {FeeBand{0, fee(rng), Percent(), {}, {}}};
        break;
      default:
        q.survey_points = {
            {20000, fee(rng), r, {}},
            {50000,
             fee(rng),
             falling_survey_rates
                 ? Must(Rate::FromScaled(r.scaled() - 300'000'000'000))
                 : r,
             {}}};
        break;
    }
    quotes.push_back(std::move(q));
  }
  return Must(QuoteBook::Create(std::move(providers), std::move(quotes),
                                ReferenceRates()));
}

}  // namespace remit::bench
