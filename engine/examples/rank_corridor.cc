// Embedding the engine: build a QuoteBook in code and rank one corridor.
//
//   bazel run //engine/examples:rank_corridor -- "120 GBP"
//
// The quotes are an illustrative UK -> Bangladesh corridor (one of them is
// the methodology's worked example). Prints every offer, best first, with
// the fee and the FX margin hidden in the rate, then the corridor summary.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "engine/clock.h"
#include "engine/quote_book.h"
#include "engine/ranking.h"

namespace {

using remit::Corridor;
using remit::Money;
using remit::Quote;
using remit::Rate;

Quote Make(const Corridor& corridor, const char* id, const char* provider,
           int64_t fee_pence, const char* rate, remit::Speed speed,
           remit::ReceiveMethod receive, absl::Time at) {
  Quote quote(corridor);
  quote.id = id;
  quote.provider_id = provider;
  quote.payment_instrument = remit::PaymentInstrument::kDebitCard;
  quote.access_point = remit::AccessPoint::kInternet;
  quote.receive_method = receive;
  quote.speed = speed;
  quote.quoted_at = at;
  quote.source = "illustrative";
  quote.fees.bands = {{0, fee_pence, remit::Percent(), {}, {}}};
  quote.rate = *Rate::FromString(rate);
  quote.mid_rate = *Rate::FromString("168.459165");
  quote.rate_currency = corridor.receive_currency();
  return quote;
}

int Run(const std::string& amount_text) {
  const Corridor corridor = *Corridor::Parse("GB", "", "BD", "");
  absl::StatusOr<Money> amount = Money::Parse(amount_text);
  if (!amount.ok()) {
    std::fprintf(stderr, "amount: %s\n", amount.status().ToString().c_str());
    return 2;
  }
  const absl::Time at = absl::Now() - absl::Hours(24 * 7);
  using remit::ReceiveMethod;
  using remit::Speed;
  std::vector<remit::Provider> providers = {
      {"moneygram", "MoneyGram", remit::ProviderType::kMoneyTransferOperator},
      {"high-street-bank", "High Street Bank", remit::ProviderType::kBank},
      {"app-remit", "AppRemit", remit::ProviderType::kMoneyTransferOperator},
      {"post", "Post Office", remit::ProviderType::kPostOffice},
  };
  std::vector<Quote> quotes = {
      Make(corridor, "mg-card-cash", "moneygram", 499, "163.8815",
           Speed::kLessThanOneHour, ReceiveMethod::kCashPickup, at),
      Make(corridor, "bank-transfer", "high-street-bank", 2500, "160.2",
           Speed::kThreeToFiveDays, ReceiveMethod::kBankAccount, at),
      Make(corridor, "app-wallet", "app-remit", 0, "166.9",
           Speed::kLessThanOneHour, ReceiveMethod::kMobileMoney, at),
      Make(corridor, "post-cash", "post", 399, "161.5", Speed::kNextDay,
           ReceiveMethod::kCashPickup, at),
  };
  absl::StatusOr<remit::QuoteBook> book = remit::QuoteBook::Create(
      std::move(providers), std::move(quotes), remit::ReferenceRates());
  if (!book.ok()) {
    std::fprintf(stderr, "%s\n", book.status().ToString().c_str());
    return 1;
  }
  remit::RankRequest request(corridor, *amount);
  absl::StatusOr<remit::RankResult> result =
      remit::Rank(*book, request, remit::SystemClock());
  if (!result.ok()) {
    std::fprintf(stderr, "%s\n", result.status().ToString().c_str());
    return 1;
  }
  std::printf("%s, sending %s\n\n", corridor.ToString().c_str(),
              amount->ToString().c_str());
  std::printf("%-4s %-18s %12s %9s %12s %8s %18s\n", "rank", "provider",
              "fee", "FX margin", "total cost", "total", "recipient gets");
  for (const remit::Offer& offer : result->offers) {
    const remit::CostBreakdown& c = offer.cost;
    std::printf("%-4zu %-18s %12s %8s%% %12s %7s%% %18s\n", offer.rank,
                offer.quote->provider->name.c_str(), c.fee.ToString().c_str(),
                c.fx_margin.ToString().c_str(),
                c.total_cost.ToString().c_str(),
                c.total_cost_percent.ToString().c_str(),
                c.amount_received ? c.amount_received->ToString().c_str()
                                  : "unknown");
  }
  const remit::CorridorSummary& s = result->summary;
  std::printf("\n%zu offers; average %s%%, median %s%%; SmaRT %s\n",
              s.offer_count, s.average_total_cost_percent->ToString().c_str(),
              s.median_total_cost_percent->ToString().c_str(),
              s.smart_percent ? (s.smart_percent->ToString() + "%").c_str()
                              : "none (fewer than three qualify)");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return Run(argc > 1 ? argv[1] : "120 GBP");
}
