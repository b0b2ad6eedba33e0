#include "cli/commands/rank.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "cli/commands/option_checks.h"
#include "cli/commands/session.h"
#include "cli/errors.h"
#include "cli/freshness.h"
#include "cli/output.h"

namespace remit::cli {
namespace {

// The most offers one answer holds (the API's largest page).
constexpr int kMaxOffers = 1000;

absl::Status RunRank(const Args& args, const CommandIo& io) {
  if (absl::Status s = NoPositionalArguments(args); !s.ok()) return s;
  absl::StatusOr<Session> session = OpenSession(args, io.default_data);
  if (!session.ok()) return session.status();
  absl::StatusOr<v1::RankOffersRequest> request = RankRequestFromArgs(args);
  if (!request.ok()) return request.status();
  v1::RankOffersResponse response;
  if (absl::Status s = session->backend->RankOffers(*request, &response);
      !s.ok()) {
    return BackendError(s);
  }
  RankView view;
  view.receive_mode = args.Has("receive");
  view.personal = args.Has("access");
  view.width = io.width;
  io.out << RankOutput(response, session->format,
                       SourceParagraphs(response.data_sources(),
                                        response.dataset_version(), io.width),
                       view);
  // No offer because the data is too old: say so, and exit 1.
  if (response.offers().empty() && response.freshness().all_stale()) {
    const v1::Corridor& corridor = response.summary().corridor();
    return StaleError(response.freshness(),
                      absl::StrCat(corridor.send_country(), " -> ",
                                   corridor.receive_country()));
  }
  return absl::OkStatus();
}

}  // namespace

Command RankCommand() {
  std::vector<OptionSpec> options = {
      {"from", true, false, "sending country (GB or GBR)"},
      {"to", true, false, "receiving country"},
      {"amount", true, false,
       "amount sent, e.g. \"120 GBP\" (with --receive: received)"},
      {"receive", false, false,
       "the amount is what the recipient must get, in the receiving "
       "currency (e.g. --receive --amount=\"3400 MXN\"): shows what "
       "to send and the total to pay"}};
  const std::vector<OptionSpec> filters = FilterOptionSpecs();
  options.insert(options.end(), filters.begin(), filters.end());
  options.insert(options.end(),
                 {{"order", true, false, "cost (default), received or speed"},
                  {"include-opaque", false, false,
                   "also list offers whose rate is not disclosed"},
                  {"exclude-promotional", false, false,
                   "leave out promotional prices (e.g. first-transfer rates)"},
                  {"access", true, true,
                   "for a personal SmaRT, what the sender has: bank_account, "
                   "card, mobile_wallet, internet (paying cash always counts); "
                   "and cash_pickup: the recipient must collect cash"},
                  {"limit", true, false, "at most N offers"},
                  PeriodOptionSpec(),
                  MaxAgeOptionSpec()});
  return {"rank",
          "remitrank rank --from=COUNTRY --to=COUNTRY --amount=\"120 GBP\" "
          "[options]",
          "Ranks the offers of a corridor by what they really cost.",
          WithDataOptions(std::move(options)), &RunRank};
}

absl::StatusOr<v1::RankOffersRequest> RankRequestFromArgs(const Args& args) {
  for (const char* name : {"from", "to"}) {
    if (absl::Status s = CheckCountryOption(args, name); !s.ok()) return s;
  }
  if (!args.Has("amount")) {
    return UsageError("--amount is required, e.g. --amount=\"120 GBP\"");
  }
  absl::StatusOr<v1::Money> amount = MoneyOption(args, "amount");
  if (!amount.ok()) return amount.status();

  v1::RankOffersRequest request;
  request.mutable_corridor()->set_send_country(*args.Get("from"));
  request.mutable_corridor()->set_receive_country(*args.Get("to"));
  if (args.Has("receive")) {
    *request.mutable_receive_amount() = *amount;
    request.mutable_corridor()->set_receive_currency(amount->currency_code());
  } else {
    *request.mutable_send_amount() = *amount;
    request.mutable_corridor()->set_send_currency(amount->currency_code());
  }
  if (absl::Status s = FilterOptions(args, request.mutable_filter()); !s.ok()) {
    return s;
  }
  if (std::optional<std::string> order = args.Get("order")) {
    static const auto* orders =
        new std::map<std::string, std::string>{{"cost", "total_cost"},
                                               {"received", "amount_received"},
                                               {"speed", "speed"}};
    auto it = orders->find(*order);
    if (it == orders->end()) {
      return UsageError(absl::StrCat("--order: '", *order,
                                     "' is not one of cost, received, speed"));
    }
    request.set_order_by(it->second);
  }
  request.set_include_opaque(args.Has("include-opaque"));
  request.mutable_filter()->set_exclude_promotional(
      args.Has("exclude-promotional"));
  if (args.Has("access")) {
    if (absl::Status s = AccessOption(args, request.mutable_access());
        !s.ok()) {
      return s;
    }
  }
  int limit = kMaxOffers;
  if (std::optional<std::string> l = args.Get("limit")) {
    if (!absl::SimpleAtoi(*l, &limit) || limit <= 0) {
      return UsageError(
          absl::StrCat("--limit: '", *l, "' is not a positive number"));
    }
  }
  request.set_page_size(std::min(limit, kMaxOffers));
  if (absl::Status s = PeriodOption(args, request.mutable_period()); !s.ok()) {
    return s;
  }
  if (args.Has("max-age")) {
    if (absl::Status s = MaxAgeOption(args, request.mutable_max_quote_age());
        !s.ok()) {
      return s;
    }
  }
  return request;
}

}  // namespace remit::cli
