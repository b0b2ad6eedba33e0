#include "cli/commands/curve.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/commands/option_checks.h"
#include "cli/commands/session.h"
#include "cli/curve_chart.h"
#include "cli/errors.h"
#include "cli/freshness.h"
#include "cli/output.h"

namespace remit::cli {
namespace {

constexpr Format kCurveFormats[] = {Format::kTable, Format::kCsv, Format::kJson,
                                    Format::kSvg};

// "1,000.00" of "1,000.00 GBP".
std::string Digits(const v1::Money& money) {
  const std::string text = GroupedMoneyText(money, true);
  return text.substr(0, text.rfind(' '));
}

std::string CurveTable(const v1::GetCostCurveResponse& curve, int width) {
  std::string out = absl::StrCat("Cheapest offer by amount ",
                                 curve.receive_amounts() ? "received" : "sent",
                                 ", ", curve.corridor().send_country(), " -> ",
                                 curve.corridor().receive_country(), "\n");
  if (curve.intervals_size() == 0 && curve.freshness().all_stale()) {
    absl::StrAppend(&out, StaleLines(curve.freshness(), width));
    return out;
  }
  if (curve.intervals_size() == 0) {
    absl::StrAppend(&out, "No offer sends any amount of the range.\n");
    return out;
  }
  size_t from_width = 0;
  size_t to_width = 0;
  for (const v1::CurveInterval& i : curve.intervals()) {
    from_width = std::max(from_width, Digits(i.from_amount()).size());
    to_width = std::max(to_width, Digits(i.to_amount()).size());
  }
  for (const v1::CurveInterval& i : curve.intervals()) {
    std::string from = Digits(i.from_amount());
    std::string to = Digits(i.to_amount());
    const std::string head =
        absl::StrCat(std::string(from_width - from.size(), ' '), from, " - ",
                     std::string(to_width - to.size(), ' '), to, " ",
                     i.to_amount().currency_code(), ": ");
    const std::string tail =
        absl::StrCat(", ", MarkedTotalPercentText(i.cheapest()));
    std::string name = i.cheapest().provider_name();
    const int room = width - static_cast<int>(head.size() + tail.size());
    if (static_cast<int>(name.size()) > room) {
      name = room > 3 ? absl::StrCat(name.substr(0, room - 3), "...")
                      : name.substr(0, std::max(room, 1));
    }
    absl::StrAppend(&out, head, name, tail, "\n");
  }
  absl::StrAppend(
      &out,
      WrapParagraph(curve.receive_amounts()
                        ? "Cheapest: the least outlay that delivers the "
                          "amount. Total % at the first amount of its row."
                        : "Total % is the cheapest offer's at the first amount "
                          "of its row.",
                    width));
  bool any_promotional = false, any_estimated = false;
  for (const v1::CurveInterval& i : curve.intervals()) {
    any_promotional |= i.cheapest().promotional();
    any_estimated |= i.cheapest().estimated();
  }
  absl::StrAppend(&out, MarkLegend(any_promotional, any_estimated, width));
  absl::StrAppend(&out, PricesLines(curve.freshness(), width));
  return out;
}

// One row per interval: its amounts (`currency`: the amounts', received
// ones with --receive), the cheapest offer, its total cost at from_amount
// in the currency it is paid in, its marks, and the prices' freshness as
// rank's CSV gives it.
std::string CurveCsv(const v1::GetCostCurveResponse& curve) {
  std::string out =
      "from_amount,to_amount,currency,quote_id,provider_id,provider_name,"
      "total_cost,total_cost_currency,total_cost_percent,estimated,"
      "promotional,price_date,prices_judged_at,max_age_days,illustrative\n";
  const v1::Freshness& freshness = curve.freshness();
  for (const v1::CurveInterval& i : curve.intervals()) {
    const std::string from = MoneyText(i.from_amount(), true);
    const std::string to = MoneyText(i.to_amount(), true);
    const v1::Offer& o = i.cheapest();
    const std::string cost = MoneyText(o.total_cost(), true);
    std::vector<std::string> fields = {
        from.substr(0, from.rfind(' ')),
        to.substr(0, to.rfind(' ')),
        i.from_amount().currency_code(),
        o.quote_id(),
        o.provider_id(),
        o.provider_name(),
        cost.substr(0, cost.rfind(' ')),
        o.total_cost().currency_code(),
        o.total_cost_percent(),
        o.estimated() ? "true" : "false",
        o.promotional() ? "true" : "false",
        DateText(o.quoted_at()),
        freshness.as_of_date(),
        MaxAgeDays(freshness),
        freshness.illustrative() ? "true" : "false"};
    for (std::string& f : fields) f = Csv(f);
    absl::StrAppend(&out, absl::StrJoin(fields, ","), "\n");
  }
  return out;
}

absl::Status RunCurve(const Args& args, const CommandIo& io) {
  if (absl::Status s = NoPositionalArguments(args); !s.ok()) return s;
  absl::StatusOr<Session> session =
      OpenSession(args, io.default_data, kCurveFormats);
  if (!session.ok()) return session.status();
  absl::StatusOr<v1::GetCostCurveRequest> request =
      CurveRequestFromArgs(args, session->format);
  if (!request.ok()) return request.status();
  v1::GetCostCurveResponse curve;
  if (absl::Status s = session->backend->GetCostCurve(*request, &curve);
      !s.ok()) {
    return BackendError(s);
  }
  if (session->format == Format::kSvg) {
    return WriteAnswer(
        args, io,
        CurveSvg(curve,
                 SourceParagraphs(curve.data_sources(), curve.dataset_version(),
                                  kCurveChartFooterChars)));
  }
  std::string answer = CurveOutput(curve, session->format, io.width);
  if (session->format == Format::kTable) {
    absl::StrAppend(&answer,
                    SourceParagraphs(curve.data_sources(),
                                     curve.dataset_version(), io.width),
                    "\n");
  }
  if (absl::Status s = WriteAnswer(args, io, answer); !s.ok()) return s;
  // No offer because the data is too old: say so, and exit 1.
  if (curve.intervals().empty() && curve.freshness().all_stale()) {
    return StaleError(curve.freshness(),
                      absl::StrCat(curve.corridor().send_country(), " -> ",
                                   curve.corridor().receive_country()));
  }
  return absl::OkStatus();
}

}  // namespace

Command CurveCommand() {
  std::vector<OptionSpec> options = {
      {"from", true, false, "sending country"},
      {"to", true, false, "receiving country"},
      {"min", true, false, "smallest amount sent (with --receive: received)"},
      {"max", true, false, "largest amount sent (with --receive: received)"},
      {"receive", false, false,
       "--min and --max are what the recipient gets, in the receiving "
       "currency: who asks the smallest outlay for each amount received"},
      {"samples", true, false,
       "also price each offer at N evenly spaced amounts (json; svg draws "
       "with them: default 241, at least 2)"}};
  const std::vector<OptionSpec> filters = FilterOptionSpecs();
  options.insert(options.end(), filters.begin(), filters.end());
  options.insert(
      options.end(),
      {{"access", true, true,
        "leave out offers the sender cannot use; what the sender has: "
        "bank_account, card, mobile_wallet, internet (paying cash always "
        "counts); and cash_pickup: the recipient must collect cash"},
       {"include-opaque", false, false,
        "count offers whose rate is not disclosed, after all others"},
       {"exclude-promotional", false, false, "leave promotional offers out"},
       {"output", true, false, "write the answer to FILE (also -o)"},
       PeriodOptionSpec(),
       MaxAgeOptionSpec()});
  return {
      "curve",
      "remitrank curve --from=COUNTRY --to=COUNTRY --min=AMOUNT --max=AMOUNT",
      "Who is cheapest at every amount sent from --min to --max.",
      WithDataOptions(std::move(options), kCurveFormats), &RunCurve};
}

absl::StatusOr<v1::GetCostCurveRequest> CurveRequestFromArgs(const Args& args,
                                                             Format format) {
  for (const char* name : {"from", "to"}) {
    if (absl::Status s = CheckCountryOption(args, name); !s.ok()) return s;
  }
  for (const char* name : {"min", "max"}) {
    if (!args.Has(name)) {
      return UsageError(absl::StrCat("--", name, " is required, e.g. --", name,
                                     "=\"", name[1] == 'i' ? "50" : "1000",
                                     " GBP\""));
    }
  }
  absl::StatusOr<v1::Money> min = MoneyOption(args, "min");
  if (!min.ok()) return min.status();
  absl::StatusOr<v1::Money> max = MoneyOption(args, "max");
  if (!max.ok()) return max.status();
  const bool receive = args.Has("receive");
  if (min->currency_code() != max->currency_code()) {
    return UsageError(
        absl::StrCat("--min is in ", min->currency_code(), " and --max in ",
                     max->currency_code(), ": give both in the ",
                     receive ? "receiving" : "send", " currency"));
  }
  v1::GetCostCurveRequest request;
  request.mutable_corridor()->set_send_country(*args.Get("from"));
  request.mutable_corridor()->set_receive_country(*args.Get("to"));
  if (receive) {
    request.mutable_corridor()->set_receive_currency(min->currency_code());
    request.set_receive_amounts(true);
  } else {
    request.mutable_corridor()->set_send_currency(min->currency_code());
  }
  *request.mutable_min_amount() = *min;
  *request.mutable_max_amount() = *max;
  const int least_samples = format == Format::kSvg ? kMinChartSamples : 0;
  if (std::optional<std::string> samples = args.Get("samples")) {
    int n = 0;
    if (!absl::SimpleAtoi(*samples, &n) || n < least_samples || n > 1000) {
      return UsageError(absl::StrCat(
          "--samples: '", *samples, "' is not a whole number from ",
          least_samples, " to 1000",
          format == Format::kSvg ? " (a chart needs at least 2)" : ""));
    }
    request.set_sample_count(n);
  } else if (format == Format::kSvg) {
    request.set_sample_count(kDefaultChartSamples);
  }
  if (absl::Status s = FilterOptions(args, request.mutable_filter()); !s.ok()) {
    return s;
  }
  if (args.Has("access")) {
    if (absl::Status s = AccessOption(args, request.mutable_access());
        !s.ok()) {
      return s;
    }
  }
  request.set_include_opaque(args.Has("include-opaque"));
  request.mutable_filter()->set_exclude_promotional(
      args.Has("exclude-promotional"));
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

std::string CurveOutput(const v1::GetCostCurveResponse& curve, Format format,
                        int width) {
  switch (format) {
    case Format::kSvg:
      return CurveSvg(curve, "");
    case Format::kCsv:
      return CurveCsv(curve);
    case Format::kJson:
      return Json(curve);
    default:
      return CurveTable(curve, width);
  }
}

}  // namespace remit::cli
