// Embedding remitrank's engine: quotes built in code (a provider's own
// prices, say, read from its database), ranked by what they really cost.
//
// Three offers for sending US dollars to Mexico are ranked twice: by what
// 200 USD costs the sender (send mode), then by what it costs to deliver
// 3,500 MXN (receive mode). Every value is fixed, including "now" (a
// FakeClock), so the output is the same on every run.
//
// The same program is in examples/embed_bazel/ and examples/embed_cmake/;
// tools/test_embedding.sh builds both and checks what they print.
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "engine/book/quote_book.h"
#include "engine/model/model.h"
#include "engine/money/money.h"
#include "engine/money/rate.h"
#include "engine/quotes/quote_builder.h"
#include "engine/ranking/ranking.h"
#include "engine/time/clock.h"

namespace {

absl::Time Day(int year, int month, int day) {
  return absl::FromCivil(absl::CivilDay(year, month, day), absl::UTCTimeZone());
}

// One offer: a fixed fee on top of the amount sent, and the provider's
// rate against the mid-market rate. The builder takes every required field
// up front (the price date too: there is no default), amounts as Money and
// rates as Rate; the payout currency is the corridor's receive currency.
// Build() refuses what a dataset file would be refused for (a negative
// fee, a date after the clock's now, an implausible rate...).
absl::StatusOr<remit::Quote> MakeQuote(const remit::Corridor& corridor,
                                       std::string id, std::string provider,
                                       const char* fee, const char* rate,
                                       const char* mid, remit::Speed speed,
                                       const remit::Clock& clock) {
  absl::StatusOr<remit::Money> f = remit::Money::Parse(fee);
  if (!f.ok()) return f.status();
  absl::StatusOr<remit::Rate> r = remit::Rate::FromString(rate);
  if (!r.ok()) return r.status();
  absl::StatusOr<remit::Rate> m = remit::Rate::FromString(mid);
  if (!m.ok()) return m.status();
  remit::QuoteBuilder builder(
      std::move(id), std::move(provider), corridor, Day(2025, 9, 29),
      {remit::PaymentInstrument::kDebitCard, remit::AccessPoint::kInternet,
       remit::ReceiveMethod::kBankAccount, speed});
  builder.FlatFee(*f).ExchangeRate(*r).MidMarketRate(*m).Source("price list");
  return builder.Build(clock);
}

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "rank_quotes: %s\n", status.ToString().c_str());
  return 1;
}

void Print(const char* title, const remit::RankResult& result) {
  std::printf("%s\n", title);
  for (const remit::Offer& offer : result.offers) {
    const remit::CostBreakdown& c = offer.cost;
    std::printf(
        "  %zu. %-15s send %-11s fee %-9s pay %-11s gets %-13s "
        "cost %s%%\n",
        offer.rank, offer.quote->provider->name.c_str(),
        c.send_amount.ToString().c_str(), c.fee.ToString().c_str(),
        c.total_outlay.ToString().c_str(),
        c.amount_received ? c.amount_received->ToString().c_str()
                          : "not stated",
        c.total_cost_percent.ToString().c_str());
  }
  for (const remit::ExcludedOffer& e : result.excluded) {
    std::printf("  left out: %s (%s)\n", e.quote->provider->name.c_str(),
                std::string(remit::Name(e.reason)).c_str());
  }
  if (result.no_offers) {
    std::printf("  no offer: %s\n", result.no_offers->text.c_str());
  }
}

int Run() {
  absl::StatusOr<remit::Corridor> corridor =
      remit::Corridor::Parse("US", "", "MX", "");
  if (!corridor.ok()) return Fail(corridor.status());

  std::vector<remit::Provider> providers = {
      {"bank", "Example Bank", remit::ProviderType::kBank},
      {"fintech", "Example Fintech",
       remit::ProviderType::kMoneyTransferOperator},
      {"mto", "Example MTO", remit::ProviderType::kMoneyTransferOperator},
  };
  const remit::FakeClock clock(Day(2025, 9, 30));
  std::vector<remit::Quote> quotes;
  for (auto quote : {
           MakeQuote(*corridor, "bank-1", "bank", "15.00 USD", "17.10", "18.00",
                     remit::Speed::kNextDay, clock),
           MakeQuote(*corridor, "fintech-1", "fintech", "2.99 USD", "17.82",
                     "18.00", remit::Speed::kLessThanOneHour, clock),
           MakeQuote(*corridor, "mto-1", "mto", "0 USD", "17.46", "18.00",
                     remit::Speed::kSameDay, clock),
       }) {
    if (!quote.ok()) return Fail(quote.status());
    quotes.push_back(*std::move(quote));
  }
  // Keep the book by value (not `const QuoteBook& = *Create(...)`, which
  // dangles). Rankings hold the book's data: they may outlive it.
  absl::StatusOr<remit::QuoteBook> created = remit::QuoteBook::Create(
      std::move(providers), std::move(quotes), remit::ReferenceRates(), &clock);
  if (!created.ok()) return Fail(created.status());
  const remit::QuoteBook book = *std::move(created);

  absl::StatusOr<remit::Money> send = remit::Money::Parse("200 USD");
  if (!send.ok()) return Fail(send.status());
  remit::RankRequest send_request(*corridor, *send);
  absl::StatusOr<remit::RankResult> by_send =
      remit::Rank(book, send_request, clock);
  if (!by_send.ok()) return Fail(by_send.status());

  absl::StatusOr<remit::Money> receive = remit::Money::Parse("3500 MXN");
  if (!receive.ok()) return Fail(receive.status());
  remit::RankRequest receive_request(*corridor, *receive);
  receive_request.amount_kind = remit::AmountKind::kReceive;
  absl::StatusOr<remit::RankResult> by_receive =
      remit::Rank(book, receive_request, clock);
  if (!by_receive.ok()) return Fail(by_receive.status());

  std::printf("%s\n", corridor->ToString().c_str());
  Print("sending 200.00 USD:", *by_send);
  Print("delivering 3,500.00 MXN:", *by_receive);
  return 0;
}

}  // namespace

int main() { return Run(); }
