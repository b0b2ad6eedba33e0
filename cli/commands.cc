#include "cli/commands.h"

#include <fstream>
#include <memory>
#include <optional>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "cli/args.h"
#include "cli/backend.h"
#include "cli/i18n/messages.h"
#include "cli/output.h"
#include "cli/sheet.h"
#include "engine/data/dataset.h"
#include "engine/money/country.h"
#include "engine/money/money.h"
#include "engine/protoconv/money_proto.h"

namespace remit::cli {
namespace {

constexpr int kOk = 0;
constexpr int kRuntimeError = 1;
constexpr int kUsageError = 2;

// Options every data-reading command takes.
const std::vector<OptionSpec>& DataOptions() {
  static const auto* options = new std::vector<OptionSpec>{
      {"data", true, true,
       "dataset file (.textproto, .txtpb, .json, .binpb, RPW .csv); repeat "
       "or comma-separate"},
      {"period", true, false, "for RPW files, the quarter (e.g. 2025_3Q)"},
      {"server", true, false, "ask a remitrank server at HOST:PORT instead"},
      {"tls_ca", true, false, "with --server: CA certificate (PEM) for TLS"},
      {"deadline", true, false, "with --server: how long to wait (10s)"},
      {"as-of", true, false,
       "judge stale quotes as of this date (YYYY-MM-DD); local data only"},
      {"format", true, false, "table (default), csv or json"},
      {"help", false, false, "this help"},
  };
  return *options;
}

std::vector<OptionSpec> With(std::vector<OptionSpec> specs) {
  specs.insert(specs.end(), DataOptions().begin(), DataOptions().end());
  return specs;
}

struct Command {
  std::string name;
  std::string usage;
  std::vector<OptionSpec> options;
};

const std::vector<Command>& Commands() {
  static const auto* commands = new std::vector<Command>{
      {"rank",
       "remitrank rank --from=COUNTRY --to=COUNTRY --amount=\"120 GBP\" "
       "[options]\n  Ranks the offers of a corridor by what they really cost.",
       With({{"from", true, false, "sending country (GB or GBR)"},
             {"to", true, false, "receiving country"},
             {"amount", true, false,
              "amount sent, e.g. \"120 GBP\" (with --receive: received)"},
             {"receive", false, false,
              "the amount is what the recipient must get"},
             {"receive-method", true, true,
              "cash_pickup, bank_account, mobile_money, home_delivery"},
             {"payment-instrument", true, true,
              "cash, bank_account, debit_card, credit_card, mobile_wallet"},
             {"provider-type", true, true,
              "bank, money_transfer_operator, mobile_operator, post_office"},
             {"max-speed", true, false,
              "less_than_one_hour, same_day, next_day, two_days, "
              "three_to_five_days"},
             {"order", true, false, "cost (default), received or speed"},
             {"include-opaque", false, false,
              "also list offers whose rate is not disclosed"},
             {"access", true, true,
              "the sender's means for a personal SmaRT: bank_account, card, "
              "mobile_wallet, internet, cash_pickup"},
             {"limit", true, false, "at most N offers"}})},
      {"corridors", "remitrank corridors [options]\n  Lists the corridors.",
       With({})},
      {"summary",
       "remitrank summary --from=COUNTRY --to=COUNTRY [--amount=\"200 USD\"]\n"
       "  The corridor's average, median, SmaRT and cheapest offer.",
       With({{"from", true, false, "sending country"},
             {"to", true, false, "receiving country"},
             {"amount", true, false,
              "amount sent (default: the USD 200 equivalent)"}})},
      {"sheet",
       "remitrank sheet --from=COUNTRY --to=COUNTRY [--amounts=\"120 GBP,300 "
       "GBP\"] [--lang=en] [-o FILE]\n  A printable pre-departure briefing "
       "sheet (HTML) for a corridor.",
       With({{"from", true, false, "sending country"},
             {"to", true, false, "receiving country"},
             {"amounts", true, true,
              "one to three amounts sent (default: the USD 200 and USD 500 "
              "equivalents)"},
             {"lang", true, false, "en (default), fr or es"},
             {"output", true, false, "write the page to FILE (also -o)"}})},
      {"validate",
       "remitrank validate FILE...\n  Checks dataset files; prints every "
       "error with its file and line.",
       {{"period", true, false, "for RPW files, the quarter"},
        {"help", false, false, "this help"}}},
  };
  return *commands;
}

std::string Help(const Command& command) {
  std::string out = absl::StrCat("usage: ", command.usage, "\n\noptions:\n");
  for (const OptionSpec& o : command.options) {
    absl::StrAppend(&out, "  --", o.name, o.takes_value ? "=..." : "",
                    "\n      ", o.help, "\n");
  }
  return out;
}

std::string TopHelp() {
  std::string out =
      "usage: remitrank COMMAND [options]\n\nRanks remittance offers by "
      "their total cost: the fee plus the margin\nhidden in the exchange "
      "rate.\n\ncommands:\n";
  for (const Command& c : Commands()) {
    absl::StrAppend(&out, "  ", c.name, "\n");
  }
  absl::StrAppend(&out,
                  "\n'remitrank COMMAND --help' for a command's options.\n");
  return out;
}

// A usage error to print, with the exit code 2.
struct Failure {
  int code;
  std::string message;
};

// API errors use the request's field names; the user typed options.
std::string InTermsOfOptions(std::string message) {
  return absl::StrReplaceAll(message,
                             {{"corridor.send_country", "--from"},
                              {"corridor.receive_country", "--to"},
                              {"send_amount.currency_code", "--amount"},
                              {"receive_amount.currency_code", "--amount"},
                              {"send_amount", "--amount"},
                              {"receive_amount", "--amount"},
                              {"page_size", "--limit"}});
}

Failure FromGrpc(const grpc::Status& status) {
  const std::string message = InTermsOfOptions(status.error_message());
  switch (status.error_code()) {
    case grpc::StatusCode::INVALID_ARGUMENT:
      return {kUsageError, message};
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return {kRuntimeError,
              absl::StrCat("the server did not answer: ", message)};
    default:
      return {kRuntimeError, message};
  }
}

// "--from": a country code, with suggestions.
std::optional<Failure> CheckCountry(const Args& args, const std::string& name) {
  std::optional<std::string> value = args.Get(name);
  if (!value.has_value()) {
    return Failure{kUsageError, absl::StrCat("--", name, " is required")};
  }
  absl::StatusOr<CountryCode> country = CountryCode::FromString(*value);
  if (!country.ok()) {
    return Failure{kUsageError,
                   absl::StrCat("--", name, ": ", country.status().message())};
  }
  return std::nullopt;
}

// Enum option values: "cash_pickup" -> RECEIVE_METHOD_CASH_PICKUP.
template <typename Enum, typename Parse, typename Names>
std::optional<Failure> EnumValues(const Args& args, const std::string& option,
                                  const std::string& prefix, Parse parse,
                                  Names names, std::vector<Enum>* out) {
  for (const std::string& value : args.GetAll(option)) {
    Enum parsed;
    if (!parse(prefix + absl::AsciiStrToUpper(value), &parsed) ||
        static_cast<int>(parsed) == 0) {
      std::string message =
          absl::StrCat("--", option, ": '", value, "' is not one of ",
                       absl::StrJoin(names, ", "));
      if (std::optional<std::string> close = Closest(value, names)) {
        absl::StrAppend(&message, "; did you mean ", *close, "?");
      }
      return Failure{kUsageError, message};
    }
    out->push_back(parsed);
  }
  return std::nullopt;
}

// Lower-case names of an enum's specified values.
template <typename Descriptor>
std::vector<std::string> NamesOf(const Descriptor* descriptor,
                                 const std::string& prefix) {
  std::vector<std::string> names;
  for (int i = 1; i < descriptor->value_count(); ++i) {
    names.push_back(absl::AsciiStrToLower(
        descriptor->value(i)->name().substr(prefix.size())));
  }
  return names;
}

struct Context {
  std::unique_ptr<Backend> backend;
  Format format = Format::kTable;
  std::unique_ptr<Clock> clock;
};

std::string DataLine(const Backend& backend, const std::string& version) {
  const SnapshotInfo* info = backend.info();
  std::string line = "Data";
  if (info != nullptr && !info->metadata.empty()) {
    const v1::DatasetMetadata& m = info->metadata.front();
    if (!m.name().empty()) absl::StrAppend(&line, ": ", m.name());
    if (!m.as_of().empty()) absl::StrAppend(&line, ", as of ", m.as_of());
  }
  return absl::StrCat(line, "; version ", version.substr(0, 12), ".");
}

absl::StatusOr<Context> Open(const Args& args,
                             const std::vector<std::string>& default_data,
                             Failure* failure) {
  Context context;
  if (std::optional<std::string> f = args.Get("format")) {
    absl::StatusOr<Format> format = ParseFormat(*f);
    if (!format.ok()) {
      *failure = {kUsageError, std::string(format.status().message())};
      return format.status();
    }
    context.format = *format;
  }
  if (std::optional<std::string> server = args.Get("server")) {
    if (args.Has("data") || args.Has("as-of")) {
      *failure = {kUsageError,
                  "--server answers from the server's data: leave out --data "
                  "and --as-of"};
      return absl::InvalidArgumentError(failure->message);
    }
    RemoteOptions options;
    options.address = *server;
    if (std::optional<std::string> ca = args.Get("tls_ca")) {
      std::ifstream in(*ca);
      std::ostringstream pem;
      pem << in.rdbuf();
      if (!in) {
        *failure = {kRuntimeError,
                    absl::StrCat("--tls_ca=", *ca, ": cannot read the file")};
        return absl::NotFoundError(failure->message);
      }
      options.tls_ca_pem = pem.str();
    }
    if (std::optional<std::string> d = args.Get("deadline")) {
      if (!absl::ParseDuration(*d, &options.deadline) ||
          options.deadline <= absl::ZeroDuration()) {
        *failure = {kUsageError, absl::StrCat("--deadline: '", *d,
                                              "' is not a duration like 10s")};
        return absl::InvalidArgumentError(failure->message);
      }
    }
    context.backend = std::make_unique<RemoteBackend>(options);
    return context;
  }
  std::vector<std::string> paths = args.GetAll("data");
  if (paths.empty()) paths = default_data;
  if (paths.empty()) {
    *failure = {kRuntimeError,
                "no data: give --data=FILE (a dataset or RPW file) or "
                "--server=HOST:PORT"};
    return absl::FailedPreconditionError(failure->message);
  }
  if (std::optional<std::string> as_of = args.Get("as-of")) {
    absl::Time time;
    std::string why;
    if (!absl::ParseTime("%Y-%m-%d", *as_of, &time, &why)) {
      *failure = {kUsageError,
                  absl::StrCat("--as-of: '", *as_of, "' is not YYYY-MM-DD")};
      return absl::InvalidArgumentError(failure->message);
    }
    context.clock = std::make_unique<FakeClock>(time);
  } else {
    context.clock = std::make_unique<SystemClock>();
  }
  DatasetOptions options;
  options.rpw_period = args.Get("period").value_or("");
  absl::StatusOr<std::unique_ptr<LocalBackend>> backend =
      LocalBackend::Load(paths, options, context.clock.get());
  if (!backend.ok()) {
    *failure = {kRuntimeError, std::string(backend.status().message())};
    return backend.status();
  }
  context.backend = *std::move(backend);
  return context;
}

// The amount option as an API Money; nullopt (and `failure`) when bad.
std::optional<v1::Money> AmountOption(const Args& args, Failure* failure) {
  absl::StatusOr<Money> money = Money::Parse(*args.Get("amount"));
  if (!money.ok()) {
    *failure = {kUsageError,
                absl::StrCat("--amount: ", money.status().message())};
    return std::nullopt;
  }
  return MoneyToProto(*money);
}

int Report(std::ostream& err, const Failure& failure) {
  err << "remitrank: " << failure.message << "\n";
  return failure.code;
}

int RankCommand(const Args& args, Context& context, std::ostream& out,
                std::ostream& err) {
  Failure failure{};
  for (const char* name : {"from", "to"}) {
    if (std::optional<Failure> f = CheckCountry(args, name)) {
      return Report(err, *f);
    }
  }
  if (!args.Has("amount")) {
    return Report(err, {kUsageError,
                        "--amount is required, e.g. "
                        "--amount=\"120 GBP\""});
  }
  std::optional<v1::Money> amount = AmountOption(args, &failure);
  if (!amount.has_value()) return Report(err, failure);

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
  v1::OfferFilter* filter = request.mutable_filter();
  std::vector<v1::ReceiveMethod> receive;
  std::vector<v1::PaymentInstrument> instruments;
  std::vector<v1::ProviderType> providers;
  if (auto f = EnumValues(
          args, "receive-method", "RECEIVE_METHOD_", v1::ReceiveMethod_Parse,
          NamesOf(v1::ReceiveMethod_descriptor(), "RECEIVE_METHOD_"),
          &receive)) {
    return Report(err, *f);
  }
  if (auto f = EnumValues(
          args, "payment-instrument", "PAYMENT_INSTRUMENT_",
          v1::PaymentInstrument_Parse,
          NamesOf(v1::PaymentInstrument_descriptor(), "PAYMENT_INSTRUMENT_"),
          &instruments)) {
    return Report(err, *f);
  }
  if (auto f = EnumValues(
          args, "provider-type", "PROVIDER_TYPE_", v1::ProviderType_Parse,
          NamesOf(v1::ProviderType_descriptor(), "PROVIDER_TYPE_"),
          &providers)) {
    return Report(err, *f);
  }
  for (auto v : receive) filter->add_receive_methods(v);
  for (auto v : instruments) filter->add_payment_instruments(v);
  for (auto v : providers) filter->add_provider_types(v);
  if (args.Has("max-speed")) {
    std::vector<v1::Speed> speed;
    if (auto f =
            EnumValues(args, "max-speed", "SPEED_", v1::Speed_Parse,
                       NamesOf(v1::Speed_descriptor(), "SPEED_"), &speed)) {
      return Report(err, *f);
    }
    filter->set_max_speed(speed.back());
  }
  if (std::optional<std::string> order = args.Get("order")) {
    const std::map<std::string, std::string> orders = {
        {"cost", "total_cost"},
        {"received", "amount_received"},
        {"speed", "speed"}};
    auto it = orders.find(*order);
    if (it == orders.end()) {
      return Report(
          err, {kUsageError, absl::StrCat("--order: '", *order,
                                          "' is not one of cost, received, "
                                          "speed")});
    }
    request.set_order_by(it->second);
  }
  request.set_include_opaque(args.Has("include-opaque"));
  if (args.Has("access")) {
    v1::SenderAccess* access = request.mutable_access();
    for (const std::string& means : args.GetAll("access")) {
      if (means == "bank_account") {
        access->set_has_bank_account(true);
      } else if (means == "card") {
        access->set_has_card(true);
      } else if (means == "mobile_wallet") {
        access->set_has_mobile_wallet(true);
      } else if (means == "internet") {
        access->set_has_internet(true);
      } else if (means == "cash_pickup") {
        access->set_needs_cash_pickup(true);
      } else {
        return Report(
            err, {kUsageError, absl::StrCat("--access: '", means,
                                            "' is not one of bank_account, "
                                            "card, mobile_wallet, internet, "
                                            "cash_pickup")});
      }
    }
  }
  int limit = 1000;
  if (std::optional<std::string> l = args.Get("limit")) {
    if (!absl::SimpleAtoi(*l, &limit) || limit <= 0) {
      return Report(err, {kUsageError, absl::StrCat("--limit: '", *l,
                                                    "' is not a positive "
                                                    "number")});
    }
  }
  request.set_page_size(std::min(limit, 1000));
  v1::RankOffersResponse response;
  grpc::Status status = context.backend->RankOffers(request, &response);
  if (!status.ok()) return Report(err, FromGrpc(status));
  out << RankOutput(response, context.format,
                    DataLine(*context.backend, response.dataset_version()));
  return kOk;
}

int CorridorsCommand(Context& context, std::ostream& out, std::ostream& err) {
  v1::ListCorridorsRequest request;
  request.set_page_size(1000);
  v1::ListCorridorsResponse response;
  grpc::Status status = context.backend->ListCorridors(request, &response);
  if (!status.ok()) return Report(err, FromGrpc(status));
  std::vector<v1::CorridorSummary> summaries;
  if (context.format != Format::kJson) {
    for (const v1::CorridorInfo& info : response.corridors()) {
      v1::GetCorridorSummaryRequest summary_request;
      *summary_request.mutable_corridor() = info.corridor();
      v1::CorridorSummary summary;
      if (!context.backend->GetCorridorSummary(summary_request, &summary)
               .ok()) {
        summary.Clear();  // The USD 200 equivalent is unknown here.
      }
      summaries.push_back(std::move(summary));
    }
  }
  out << CorridorsOutput(response, summaries, context.format);
  return kOk;
}

int SummaryCommand(const Args& args, Context& context, std::ostream& out,
                   std::ostream& err) {
  for (const char* name : {"from", "to"}) {
    if (std::optional<Failure> f = CheckCountry(args, name)) {
      return Report(err, *f);
    }
  }
  v1::GetCorridorSummaryRequest request;
  request.mutable_corridor()->set_send_country(*args.Get("from"));
  request.mutable_corridor()->set_receive_country(*args.Get("to"));
  if (args.Has("amount")) {
    Failure failure{};
    std::optional<v1::Money> amount = AmountOption(args, &failure);
    if (!amount.has_value()) return Report(err, failure);
    *request.mutable_send_amount() = *amount;
    request.mutable_corridor()->set_send_currency(amount->currency_code());
  }
  v1::CorridorSummary summary;
  grpc::Status status = context.backend->GetCorridorSummary(request, &summary);
  if (!status.ok()) return Report(err, FromGrpc(status));
  out << SummaryOutput(summary, context.format,
                       DataLine(*context.backend, summary.dataset_version()));
  return kOk;
}

int SheetCommand(const Args& args, Context& context, std::ostream& out,
                 std::ostream& err) {
  for (const char* name : {"from", "to"}) {
    if (std::optional<Failure> f = CheckCountry(args, name)) {
      return Report(err, *f);
    }
  }
  const std::string lang = args.Get("lang").value_or("en");
  const Messages* messages = FindMessages(lang);
  if (messages == nullptr) {
    return Report(
        err, {kUsageError, absl::StrCat("--lang: '", lang, "' is not one of ",
                                        absl::StrJoin(LanguageCodes(), ", "))});
  }
  v1::Corridor corridor;
  corridor.set_send_country(*args.Get("from"));
  corridor.set_receive_country(*args.Get("to"));

  std::vector<v1::Money> amounts;
  for (const std::string& text : args.GetAll("amounts")) {
    absl::StatusOr<Money> money = Money::Parse(text);
    if (!money.ok()) {
      return Report(err, {kUsageError, absl::StrCat("--amounts: ",
                                                    money.status().message())});
    }
    amounts.push_back(MoneyToProto(*money));
  }
  if (amounts.size() > 3) {
    return Report(err, {kUsageError,
                        "--amounts: at most three amounts fit "
                        "on the sheet"});
  }
  if (amounts.empty()) {
    // RPW's two amounts: the USD 200 and USD 500 equivalents.
    v1::GetCorridorSummaryRequest request;
    *request.mutable_corridor() = corridor;
    v1::CorridorSummary summary;
    grpc::Status status =
        context.backend->GetCorridorSummary(request, &summary);
    if (!status.ok()) {
      Failure failure = FromGrpc(status);
      if (status.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
        absl::StrAppend(&failure.message, " (use --amounts)");
      }
      return Report(err, failure);
    }
    amounts.push_back(summary.amount());
    absl::StatusOr<Money> base = MoneyFromProto(summary.amount());
    if (base.ok()) {
      amounts.push_back(MoneyToProto(Money::FromMinorUnits(
          base->minor_units() / 2 * 5, base->currency())));
    }
  }
  SheetInput input;
  input.from_name =
      std::string(CountryCode::FromString(corridor.send_country())->name());
  input.to_name =
      std::string(CountryCode::FromString(corridor.receive_country())->name());
  for (const v1::Money& amount : amounts) {
    v1::RankOffersRequest request;
    *request.mutable_corridor() = corridor;
    request.mutable_corridor()->set_send_currency(amount.currency_code());
    *request.mutable_send_amount() = amount;
    request.set_page_size(kSheetOffersPerAmount);
    v1::RankOffersResponse response;
    grpc::Status status = context.backend->RankOffers(request, &response);
    if (!status.ok()) return Report(err, FromGrpc(status));
    input.rankings.push_back(std::move(response));
  }
  if (const SnapshotInfo* info = context.backend->info();
      info != nullptr && !info->metadata.empty()) {
    input.data_name = info->metadata.front().name();
    input.data_date = info->metadata.front().as_of();
  } else {
    input.data_name = args.Get("server").value_or("remitrank server");
  }
  const std::string html = RenderSheet(input, *messages);
  if (std::optional<std::string> path = args.Get("output")) {
    std::ofstream file(*path, std::ios::binary | std::ios::trunc);
    file << html;
    if (!file) {
      return Report(err, {kRuntimeError,
                          absl::StrCat("--output=", *path, ": cannot write")});
    }
    err << "remitrank: wrote " << *path << "\n";
    return kOk;
  }
  out << html;
  return kOk;
}

int ValidateCommand(const Args& args, std::ostream& out, std::ostream& err) {
  if (args.positional.empty()) {
    return Report(err, {kUsageError, "validate needs at least one FILE"});
  }
  DatasetOptions options;
  options.rpw_period = args.Get("period").value_or("");
  std::vector<DatasetError> errors;
  std::vector<ParsedDataset> files;
  for (const std::string& path : args.positional) {
    absl::StatusOr<ParsedDataset> file =
        ReadDatasetFile(path, options, &errors);
    if (file.ok()) files.push_back(*std::move(file));
  }
  if (errors.empty()) {
    absl::StatusOr<QuoteBook> book = BuildQuoteBook(files, options, &errors);
    if (book.ok()) {
      out << "OK: " << book->quotes().size() << " quotes, "
          << book->providers().size() << " providers, "
          << book->corridors().size() << " corridors in "
          << args.positional.size() << " file"
          << (args.positional.size() == 1 ? "" : "s") << ".\n";
      return kOk;
    }
  }
  for (const DatasetError& e : errors) out << e.ToString() << "\n";
  err << "remitrank: " << errors.size() << " error"
      << (errors.size() == 1 ? "" : "s") << "; nothing was loaded\n";
  return kRuntimeError;
}

}  // namespace

int Run(const std::vector<std::string>& arguments,
        const std::vector<std::string>& default_data, std::ostream& out,
        std::ostream& err) {
  if (arguments.empty() || arguments[0] == "--help" || arguments[0] == "help") {
    (arguments.empty() ? err : out) << TopHelp();
    return arguments.empty() ? kUsageError : kOk;
  }
  const std::string& name = arguments[0];
  auto command = std::find_if(Commands().begin(), Commands().end(),
                              [&](const Command& c) { return c.name == name; });
  if (command == Commands().end()) {
    std::vector<std::string> names;
    for (const Command& c : Commands()) names.push_back(c.name);
    std::string message = absl::StrCat("unknown command '", name, "'");
    if (std::optional<std::string> close = Closest(name, names)) {
      absl::StrAppend(&message, "; did you mean ", *close, "?");
    }
    err << "remitrank: " << message << "\n" << TopHelp();
    return kUsageError;
  }
  std::vector<std::string> rest(arguments.begin() + 1, arguments.end());
  for (std::string& a : rest) {
    if (a == "-o") a = "--output";  // The short form.
  }
  absl::StatusOr<Args> args = ParseArgs(rest, command->options);
  if (!args.ok()) {
    err << "remitrank " << name << ": " << args.status().message()
        << "\n(see 'remitrank " << name << " --help')\n";
    return kUsageError;
  }
  if (args->Has("help")) {
    out << Help(*command);
    return kOk;
  }
  if (name == "validate") return ValidateCommand(*args, out, err);
  if (!args->positional.empty()) {
    return Report(err,
                  {kUsageError, absl::StrCat("unexpected argument '",
                                             args->positional.front(), "'")});
  }
  Failure failure{};
  absl::StatusOr<Context> context = Open(*args, default_data, &failure);
  if (!context.ok()) return Report(err, failure);
  if (name == "rank") return RankCommand(*args, *context, out, err);
  if (name == "corridors") return CorridorsCommand(*context, out, err);
  if (name == "sheet") return SheetCommand(*args, *context, out, err);
  return SummaryCommand(*args, *context, out, err);
}

}  // namespace remit::cli
