#include "cli/commands/sheet.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/commands/option_checks.h"
#include "cli/commands/session.h"
#include "cli/errors.h"
#include "cli/freshness.h"
#include "cli/output.h"
#include "cli/sheet.h"
#include "engine/money/country.h"
#include "engine/money/money.h"
#include "engine/protoconv/money_proto.h"
#include "engine/ranking/ranking.h"
#include "engine/time/clock.h"

namespace remit::cli {
namespace {

constexpr size_t kMaxAmounts = 3;

static_assert(absl::Hours(24 * kSheetMaxPriceAgeDays) == kDefaultMaxQuoteAge,
              "the sheet's age limit is the ranking's default");

// RPW's two amounts for the corridor, its USD 200 and USD 500 equivalents,
// with the corridor's figures at each.
absl::StatusOr<std::vector<CorridorFigures>> ReferenceFigures(
    Backend& backend, const v1::Corridor& corridor, const std::string& period,
    const google::protobuf::Duration& max_quote_age) {
  v1::GetCorridorSummaryRequest request;
  *request.mutable_corridor() = corridor;
  request.set_period(period);
  if (max_quote_age.seconds() > 0) {
    *request.mutable_max_quote_age() = max_quote_age;
  }
  std::vector<CorridorFigures> figures(1);
  figures[0].usd_equivalent = 200;
  if (absl::Status s = backend.GetCorridorSummary(request, &figures[0].summary);
      !s.ok()) {
    absl::Status error = BackendError(s);
    if (s.code() != absl::StatusCode::kFailedPrecondition) return error;
    return absl::Status(error.code(),
                        absl::StrCat(error.message(), " (use --amounts)"));
  }
  absl::StatusOr<Money> base = MoneyFromProto(figures[0].summary.amount());
  if (!base.ok()) return figures;
  *request.mutable_send_amount() = MoneyToProto(
      Money::FromMinorUnits(base->minor_units() / 2 * 5, base->currency()));
  CorridorFigures usd500;
  usd500.usd_equivalent = 500;
  if (absl::Status s = backend.GetCorridorSummary(request, &usd500.summary);
      !s.ok()) {
    return BackendError(s);
  }
  figures.push_back(std::move(usd500));
  return figures;
}

// When no offer shown can be the worked example (all promotional or
// estimated), a ranking at the amount the survey measured (the corridor's
// USD 200 equivalent), whose offers are not estimated, for one. Without
// such an amount the sheet goes without an example and says why.
absl::Status AddExampleRanking(Backend& backend, const v1::Corridor& corridor,
                               const std::string& period,
                               const google::protobuf::Duration& max_quote_age,
                               SheetInput* input) {
  for (const v1::RankOffersResponse& ranking : input->rankings) {
    if (WorkedExampleOffer(ranking, kSheetOffersPerAmount) != nullptr) {
      return absl::OkStatus();
    }
  }
  v1::GetCorridorSummaryRequest summary_request;
  *summary_request.mutable_corridor() = corridor;
  summary_request.set_period(period);
  v1::CorridorSummary summary;
  if (!backend.GetCorridorSummary(summary_request, &summary).ok()) {
    return absl::OkStatus();
  }
  v1::RankOffersRequest rank;
  *rank.mutable_corridor() = corridor;
  rank.mutable_corridor()->set_send_currency(summary.amount().currency_code());
  *rank.mutable_send_amount() = summary.amount();
  rank.set_page_size(50);
  rank.set_period(period);
  if (max_quote_age.seconds() > 0) {
    *rank.mutable_max_quote_age() = max_quote_age;
  }
  v1::RankOffersResponse response;
  if (absl::Status s = backend.RankOffers(rank, &response); !s.ok()) {
    return BackendError(s);
  }
  input->example_ranking = std::move(response);
  return absl::OkStatus();
}

// Who is cheapest for each amount sent from half the smallest amount the
// sheet shows to twice the largest (those in the first one's currency).
absl::Status AddCheapestByAmount(
    Backend& backend, const v1::Corridor& corridor, const std::string& period,
    const google::protobuf::Duration& max_quote_age, SheetInput* input) {
  std::optional<Money> smallest;
  std::optional<Money> largest;
  for (const v1::RankOffersResponse& ranking : input->rankings) {
    absl::StatusOr<Money> amount = MoneyFromProto(ranking.summary().amount());
    if (!amount.ok() || amount->minor_units() <= 0) continue;
    if (smallest.has_value() && amount->currency() != smallest->currency()) {
      continue;
    }
    if (!smallest.has_value() ||
        amount->minor_units() < smallest->minor_units()) {
      smallest = *amount;
    }
    if (!largest.has_value() ||
        amount->minor_units() > largest->minor_units()) {
      largest = *amount;
    }
  }
  if (!smallest.has_value()) return absl::OkStatus();
  const int64_t max = largest->minor_units();
  CheapestByAmount cheapest;
  cheapest.min = MoneyToProto(Money::FromMinorUnits(
      std::max<int64_t>(1, smallest->minor_units() / 2), smallest->currency()));
  cheapest.max = MoneyToProto(Money::FromMinorUnits(
      max > INT64_MAX / 2 ? max : 2 * max, largest->currency()));
  v1::GetCostCurveRequest request;
  *request.mutable_corridor() = corridor;
  request.mutable_corridor()->set_send_currency(
      std::string(smallest->currency().code()));
  *request.mutable_min_amount() = cheapest.min;
  *request.mutable_max_amount() = cheapest.max;
  request.set_period(period);
  if (max_quote_age.seconds() > 0) {
    *request.mutable_max_quote_age() = max_quote_age;
  }
  if (absl::Status s = backend.GetCostCurve(request, &cheapest.curve);
      !s.ok()) {
    return BackendError(s);
  }
  input->cheapest_by_amount = std::move(cheapest);
  return absl::OkStatus();
}

// Longer than any price's age: the age limit when stale prices are asked
// for (100 years).
constexpr int64_t kAnyAge = int64_t{100} * 366 * 24 * 60 * 60;

// What the sheet shows, asked with `max_quote_age` (zero: the data's
// default): without --amounts, the corridor's figures at RPW's two amounts
// and offers at round amounts near them; one ranking per amount.
absl::Status Gather(Backend& backend, const SheetRequest& request,
                    const google::protobuf::Duration& max_quote_age,
                    SheetInput* input) {
  std::vector<v1::Money> amounts = request.amounts;
  input->figures.clear();
  input->rankings.clear();
  if (amounts.empty()) {
    // Offers at round amounts near RPW's two; the corridor's figures at
    // RPW's exact amounts.
    absl::StatusOr<std::vector<CorridorFigures>> figures = ReferenceFigures(
        backend, request.corridor, request.period, max_quote_age);
    if (!figures.ok()) return figures.status();
    for (const CorridorFigures& f : *figures) {
      absl::StatusOr<Money> exact = MoneyFromProto(f.summary.amount());
      amounts.push_back(exact.ok() ? MoneyToProto(RoundSheetAmount(*exact))
                                   : f.summary.amount());
    }
    input->figures = *std::move(figures);
  }
  for (const v1::Money& amount : amounts) {
    v1::RankOffersRequest rank;
    *rank.mutable_corridor() = request.corridor;
    rank.mutable_corridor()->set_send_currency(amount.currency_code());
    *rank.mutable_send_amount() = amount;
    rank.set_page_size(kSheetOffersPerAmount);
    rank.set_period(request.period);
    if (max_quote_age.seconds() > 0) {
      *rank.mutable_max_quote_age() = max_quote_age;
    }
    v1::RankOffersResponse response;
    if (absl::Status s = backend.RankOffers(rank, &response); !s.ok()) {
      if (!request.amounts.empty() &&
          s.code() == absl::StatusCode::kInvalidArgument &&
          absl::StartsWith(s.message(), "send_amount: ")) {
        // An amount of --amounts: the sheet shows amounts sent only.
        absl::string_view why = s.message().substr(13);
        why = why.substr(0, why.find("; for an amount the recipient gets"));
        return UsageError(
            absl::StrCat("--amounts: ", MoneyText(amount, true), ": ", why));
      }
      return BackendError(s);
    }
    input->rankings.push_back(std::move(response));
  }
  return absl::OkStatus();
}

absl::Status RunSheet(const Args& args, const CommandIo& io) {
  if (absl::Status s = NoPositionalArguments(args); !s.ok()) return s;
  absl::StatusOr<Session> session = OpenSession(args, io.default_data);
  if (!session.ok()) return session.status();
  absl::StatusOr<SheetRequest> request = SheetRequestFromArgs(args);
  if (!request.ok()) return request.status();
  Backend& backend = *session->backend;
  const v1::Corridor& corridor = request->corridor;

  SheetInput input;
  input.from_country =
      std::string(CountryCode::FromString(corridor.send_country())->alpha2());
  input.to_country = std::string(
      CountryCode::FromString(corridor.receive_country())->alpha2());
  if (absl::Status s =
          Gather(backend, *request, request->max_quote_age, &input);
      !s.ok()) {
    return s;
  }
  // Stale prices are not handed out unless asked for, and then with a
  // warning at the top of the sheet.
  google::protobuf::Duration max_quote_age = request->max_quote_age;
  for (const v1::RankOffersResponse& ranking : input.rankings) {
    const v1::Freshness& freshness = ranking.freshness();
    if (!freshness.all_stale()) continue;
    if (!request->allow_stale) {
      return absl::FailedPreconditionError(absl::StrCat(
          "no sheet: every price for ",
          ranking.summary().corridor().send_country(), " -> ",
          ranking.summary().corridor().receive_country(),
          " is stale (the newest is dated ", freshness.newest_price_date(),
          ", older than ", MaxAgeText(freshness), " at ",
          freshness.as_of_date(),
          "); load newer data (--data), or print the old prices with a "
          "warning on the sheet: --allow-stale"));
    }
    input.stale = freshness;
    max_quote_age.set_seconds(kAnyAge);
    if (absl::Status s = Gather(backend, *request, max_quote_age, &input);
        !s.ok()) {
      return s;
    }
    break;
  }
  // Whatever let the prices in (a named period, a longer --max-age,
  // --as-of), the sheet is handed out on its date and says when they are
  // old by then.
  if (!input.stale.has_value()) {
    int64_t max_age_days = kSheetMaxPriceAgeDays;
    if (request->max_quote_age.seconds() > 0) {
      max_age_days = std::min<int64_t>(
          max_age_days, request->max_quote_age.seconds() / (24 * 60 * 60));
    }
    input.stale = OutOfDateOn(input.rankings,
                              request->date.value_or(absl::ToCivilDay(
                                  SystemClock().Now(), absl::UTCTimeZone())),
                              max_age_days);
  }
  if (absl::Status s = AddExampleRanking(backend, corridor, request->period,
                                         max_quote_age, &input);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = AddCheapestByAmount(backend, corridor, request->period,
                                           max_quote_age, &input);
      !s.ok()) {
    return s;
  }
  // The data's names, as the data writes them (in no language of the
  // tool's), and the credit lines its licences ask for.
  std::vector<std::string> names;
  for (const v1::DatasetMetadata& source :
       input.rankings.front().data_sources()) {
    std::vector<std::string> about;
    for (const std::string& part : {source.publisher(), source.license()}) {
      if (!part.empty()) about.push_back(part);
    }
    names.push_back(about.empty()
                        ? source.name()
                        : absl::StrCat(source.name(), " (",
                                       absl::StrJoin(about, "; "), ")"));
    if (input.data_date.empty()) input.data_date = source.as_of();
    if (!source.attribution().empty()) {
      input.attributions.push_back(source.attribution());
    }
  }
  input.data_name = names.empty()
                        ? args.Get("server").value_or("remitrank server")
                        : absl::StrJoin(names, "; ");
  const std::string html = RenderSheet(input, *request->messages);
  return WriteAnswer(args, io, html);
}

}  // namespace

Command SheetCommand() {
  return {
      "sheet",
      "remitrank sheet --from=COUNTRY --to=COUNTRY [--amounts=\"120 GBP,300 "
      "GBP\"] [--lang=en] [-o FILE]",
      "A printable pre-departure briefing sheet (HTML) for a corridor.",
      WithDataOptions(
          {{"from", true, false, "sending country"},
           {"to", true, false, "receiving country"},
           {"amounts", true, true,
            "one to three amounts sent (default: round amounts near the USD "
            "200 and USD 500 equivalents, whose exact amounts the corridor's "
            "averages use)"},
           {"lang", true, false, "en (default), fr or es"},
           {"output", true, false, "write the page to FILE (also -o)"},
           {"allow-stale", false, false,
            "print stale prices anyway, under a warning; without it, a "
            "corridor whose prices are all stale gets no sheet (exit "
            "status 1)"},
           {"date", true, false,
            "the day the sheet is handed out (YYYY-MM-DD; default: today): "
            "when its newest price is more than 183 days older (or "
            "--max-age days, when fewer), whatever option let the prices "
            "in, the sheet warns on every page (illustrative data: judged "
            "at its own date)"},
           PeriodOptionSpec(),
           MaxAgeOptionSpec()},
          /*formats=*/{}),
      &RunSheet};
}

absl::StatusOr<SheetRequest> SheetRequestFromArgs(const Args& args) {
  for (const char* name : {"from", "to"}) {
    if (absl::Status s = CheckCountryOption(args, name); !s.ok()) return s;
  }
  SheetRequest request;
  const std::string lang = args.Get("lang").value_or("en");
  request.messages = FindMessages(lang);
  if (request.messages == nullptr) {
    return UsageError(absl::StrCat("--lang: '", lang, "' is not one of ",
                                   absl::StrJoin(LanguageCodes(), ", ")));
  }
  request.corridor.set_send_country(*args.Get("from"));
  request.corridor.set_receive_country(*args.Get("to"));
  for (const std::string& text : args.GetAll("amounts")) {
    absl::StatusOr<v1::Money> amount = ParseMoneyOption("amounts", text);
    if (!amount.ok()) return amount.status();
    request.amounts.push_back(*std::move(amount));
  }
  if (request.amounts.size() > kMaxAmounts) {
    return UsageError("--amounts: at most three amounts fit on the sheet");
  }
  if (absl::Status s = PeriodOption(args, &request.period); !s.ok()) return s;
  if (absl::Status s = MaxAgeOption(args, &request.max_quote_age); !s.ok()) {
    return s;
  }
  request.allow_stale = args.Has("allow-stale");
  if (std::optional<std::string> date = args.Get("date")) {
    absl::CivilDay day;
    if (!absl::ParseCivilTime(*date, &day)) {
      return UsageError(
          absl::StrCat("--date: '", *date, "' is not a date (YYYY-MM-DD)"));
    }
    request.date = day;
  }
  return request;
}

}  // namespace remit::cli
