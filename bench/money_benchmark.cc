// Benchmarks of the exact money types: parsing text and Money x Rate.
//
//   bazel run -c opt //bench:money_benchmark
//
// BM_ParseDouble is the baseline measured in the same run: strtod on the same
// text (what a careless implementation would do). Compare ratios, not
// absolute times: these machines are noisy.
#include <cstdlib>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "engine/money/money.h"
#include "engine/money/rate.h"

namespace remit {
namespace {

const std::vector<std::string>& MoneyTexts() {
  static const auto* texts = new std::vector<std::string>{
      "1234.50 USD", "120 GBP",  "USD 18,000.00", "1.250 KWD",  "500 JPY",
      "4.99 GBP",    "0.99 EUR", "300 GBP",       "45,000 KES", "19.99 USD"};
  return *texts;
}

const std::vector<std::string>& RateTexts() {
  static const auto* texts = new std::vector<std::string>{
      "163.8815", "0.000651", "17.1234", "9.4873",   "270.123",
      "0.3712",   "18.9159",  "27.688",  "168.4591", "1.0863"};
  return *texts;
}

void BM_ParseMoney(benchmark::State& state) {
  const auto& texts = MoneyTexts();
  size_t i = 0;
  for (auto _ : state) {
    absl::StatusOr<Money> money = Money::Parse(texts[i++ % texts.size()]);
    benchmark::DoNotOptimize(money);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseMoney);

void BM_ParseRate(benchmark::State& state) {
  const auto& texts = RateTexts();
  size_t i = 0;
  for (auto _ : state) {
    absl::StatusOr<Rate> rate = Rate::FromString(texts[i++ % texts.size()]);
    benchmark::DoNotOptimize(rate);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseRate);

// Baseline: binary floating point parsing of the same rate texts.
void BM_ParseDouble(benchmark::State& state) {
  const auto& texts = RateTexts();
  size_t i = 0;
  for (auto _ : state) {
    double value = std::strtod(texts[i++ % texts.size()].c_str(), nullptr);
    benchmark::DoNotOptimize(value);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseDouble);

void BM_ConvertMoneyByRate(benchmark::State& state) {
  std::vector<Money> amounts;
  for (const std::string& text : MoneyTexts()) {
    Money m = *Money::Parse(text);
    amounts.push_back(Money::FromMinorUnits(m.minor_units(),
                                            *CurrencyCode::FromString("GBP")));
  }
  std::vector<Rate> rates;
  for (const std::string& text : RateTexts()) {
    rates.push_back(*Rate::FromString(text));
  }
  const CurrencyCode bdt = *CurrencyCode::FromString("BDT");
  size_t i = 0;
  for (auto _ : state) {
    absl::StatusOr<Money> out =
        Convert(amounts[i % amounts.size()], rates[i % rates.size()], bdt);
    ++i;
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ConvertMoneyByRate);

// Baseline: the same product in double, which is neither exact nor rounded.
void BM_MultiplyDouble(benchmark::State& state) {
  std::vector<double> amounts, rates;
  for (const std::string& text : RateTexts()) {
    rates.push_back(std::strtod(text.c_str(), nullptr));
    amounts.push_back(12345.67);
  }
  size_t i = 0;
  for (auto _ : state) {
    double out = amounts[i % amounts.size()] * rates[i % rates.size()];
    ++i;
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MultiplyDouble);

}  // namespace
}  // namespace remit
