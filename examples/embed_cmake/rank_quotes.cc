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
#include "engine/money/percent.h"
#include "engine/money/rate.h"
#include "engine/ranking/ranking.h"
#include "engine/time/clock.h"

namespace {

absl::Time Day(int year, int month, int day) {
  return absl::FromCivil(absl::CivilDay(year, month, day), absl::UTCTimeZone());
}

// One offer: a fixed fee (on top of the amount sent, in minor units of the
// send currency) and the provider's rate, against the mid-market rate.
absl::StatusOr<remit::Quote> MakeQuote(const remit::Corridor& corridor,
                                       std::string id, std::string provider,
                                       int64_t fee_minor, const char* rate,
                                       const char* mid, remit::Speed speed) {
  absl::StatusOr<remit::Rate> r = remit::Rate::FromString(rate);
  if (!r.ok()) return r.status();
  absl::StatusOr<remit::Rate> m = remit::Rate::FromString(mid);
  if (!m.ok()) return m.status();
  remit::Quote quote(corridor);
  quote.id = std::move(id);
  quote.provider_id = std::move(provider);
  quote.payment_instrument = remit::PaymentInstrument::kDebitCard;
  quote.access_point = remit::AccessPoint::kInternet;
  quote.receive_method = remit::ReceiveMethod::kBankAccount;
  quote.speed = speed;
  // State when the price was taken: the default (the Unix epoch) is stale.
  quote.quoted_at = Day(2025, 9, 29);
  quote.source = "price list";
  quote.fees.bands = {remit::FeeBand{0, fee_minor, remit::Percent(), {}, {}}};
  quote.rate = *r;
  quote.mid_rate = *m;
  // The payout currency: without it no amount received is stated.
  quote.rate_currency = corridor.receive_currency();
  return quote;
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
  std::vector<remit::Quote> quotes;
  for (auto quote : {
           MakeQuote(*corridor, "bank-1", "bank", 1500, "17.10", "18.00",
                     remit::Speed::kNextDay),
           MakeQuote(*corridor, "fintech-1", "fintech", 299, "17.82", "18.00",
                     remit::Speed::kLessThanOneHour),
           MakeQuote(*corridor, "mto-1", "mto", 0, "17.46", "18.00",
                     remit::Speed::kSameDay),
       }) {
    if (!quote.ok()) return Fail(quote.status());
    quotes.push_back(*std::move(quote));
  }
  absl::StatusOr<remit::QuoteBook> book = remit::QuoteBook::Create(
      std::move(providers), std::move(quotes), remit::ReferenceRates());
  if (!book.ok()) return Fail(book.status());

  const remit::FakeClock clock(Day(2025, 9, 30));

  absl::StatusOr<remit::Money> send = remit::Money::Parse("200 USD");
  if (!send.ok()) return Fail(send.status());
  remit::RankRequest send_request(*corridor, *send);
  absl::StatusOr<remit::RankResult> by_send =
      remit::Rank(*book, send_request, clock);
  if (!by_send.ok()) return Fail(by_send.status());

  absl::StatusOr<remit::Money> receive = remit::Money::Parse("3500 MXN");
  if (!receive.ok()) return Fail(receive.status());
  remit::RankRequest receive_request(*corridor, *receive);
  receive_request.amount_kind = remit::AmountKind::kReceive;
  absl::StatusOr<remit::RankResult> by_receive =
      remit::Rank(*book, receive_request, clock);
  if (!by_receive.ok()) return Fail(by_receive.status());

  std::printf("%s\n", corridor->ToString().c_str());
  Print("sending 200.00 USD:", *by_send);
  Print("delivering 3,500.00 MXN:", *by_receive);
  return 0;
}

}  // namespace

int main() { return Run(); }
