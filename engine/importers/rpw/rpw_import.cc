#include "engine/importers/rpw/rpw_import.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/importers/rpw/internal/csv.h"
#include "engine/money/country.h"
#include "engine/money/money.h"
#include "engine/money/percent.h"

namespace remit {
namespace {

// "CC1 LCU FEE", "cc1 lcu fee", "cc1_lcu_fee" -> "cc1lcufee".
std::string Normalize(absl::string_view header) {
  std::string out;
  for (char c : header) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      out.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

struct Column {
  const char* name;       // As documented, for messages.
  const char* key;        // Normalized.
  const char* alternate;  // Another normalized spelling, or "".
};

constexpr Column kPeriod = {"period", "period", ""};
constexpr Column kSource = {"source_code", "sourcecode", ""};
constexpr Column kDestination = {"destination_code", "destinationcode", ""};
constexpr Column kCorridor = {"corridor", "corridor", ""};
constexpr Column kFirm = {"firm", "firm", ""};
constexpr Column kFirmType = {"firm_type", "firmtype", ""};
constexpr Column kInstrument = {"payment instrument", "paymentinstrument", ""};
constexpr Column kAccess = {"access point", "accesspoint", ""};
constexpr Column kSpeed = {"speed actual", "speedactual", ""};
constexpr Column kPickup = {"pick-up method", "pickupmethod", ""};
constexpr Column kCoverage = {"receiving network coverage",
                              "receivingnetworkcoverage", ""};
constexpr Column kTransparent = {"transparent", "transparent", ""};
constexpr Column kDate = {"date", "date", ""};
constexpr Column kInterbank = {"inter lcu bank fx", "interlcubankfx", ""};
constexpr Column kPayout = {"receiving currency", "receivingcurrency", ""};

// One surveyed amount's block: cc1 or cc2.
struct Block {
  Column code, amount, fee, rate, margin, total;
};
Block BlockColumns(int n) {
  static const Block kBlocks[2] = {
      {{"cc1 lcu code", "cc1lcucode", ""},
       {"cc1 lcu amount", "cc1lcuamount", ""},
       {"cc1 lcu fee", "cc1lcufee", ""},
       {"cc1 lcu fx rate", "cc1lcufxrate", ""},
       {"cc1 fx margin", "cc1fxmargin", ""},
       {"cc1 total cost %", "cc1totalcost", ""}},
      {{"cc2 lcu code", "cc2lcucode", ""},
       {"cc2 lcu amount", "cc2lcuamount", ""},
       {"cc2 lcu fee", "cc2lcufee", ""},
       {"cc2 lcu fx rate", "cc2lcufxrate", ""},
       {"cc2 fx margin", "cc2fxmargin", ""},
       {"cc2 total cost %", "cc2totalcost", ""}},
  };
  return kBlocks[n];
}

class Importer {
 public:
  Importer(absl::string_view name, std::vector<DatasetError>* errors)
      : name_(name), errors_(errors) {}

  absl::StatusOr<ParsedDataset> Run(absl::string_view content,
                                    absl::string_view period);

 private:
  void Error(int line, const Column& column, std::string message) {
    errors_->push_back({name_, line, 0, column.name, std::move(message)});
    ++count_;
  }
  int Index(const Column& c) const {
    auto it = index_.find(c.key);
    return it == index_.end() ? -1 : it->second;
  }
  // The cell, trimmed; empty when the column is absent.
  std::string Cell(const engine_internal::CsvRow& row, const Column& c) const {
    const int i = Index(c);
    if (i < 0 || i >= static_cast<int>(row.fields.size())) return "";
    return std::string(absl::StripAsciiWhitespace(row.fields[i]));
  }
  void ImportRow(const engine_internal::CsvRow& row, v1::Dataset* dataset);
  bool ImportBlock(const engine_internal::CsvRow& row, int n,
                   CurrencyCode currency, bool transparent, v1::Quote* quote);

  std::string name_;
  std::vector<DatasetError>* errors_;
  int count_ = 0;
  absl::flat_hash_map<std::string, int> index_;
  absl::flat_hash_set<std::string> providers_;
};

// "2024_2Q" -> 20242, for ordering; nullopt when malformed.
std::optional<int> PeriodKey(absl::string_view period) {
  if (period.size() != 7 || period[4] != '_' || period[6] != 'Q') {
    return std::nullopt;
  }
  int year = 0;
  for (int i = 0; i < 4; ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(period[i]))) {
      return std::nullopt;
    }
    year = year * 10 + (period[i] - '0');
  }
  const int quarter = period[5] - '0';
  if (quarter < 1 || quarter > 4) return std::nullopt;
  return year * 10 + quarter;
}

std::string Slug(absl::string_view name) {
  std::string out;
  for (char c : name) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      out.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.substr(0, 64);
}

bool Contains(const std::string& lower, absl::string_view word) {
  return absl::StrContains(lower, word);
}

v1::ProviderType FirmType(const std::string& text) {
  const std::string t = absl::AsciiStrToLower(text);
  if (t == "bank") return v1::PROVIDER_TYPE_BANK;
  if (Contains(t, "money transfer")) {
    return v1::PROVIDER_TYPE_MONEY_TRANSFER_OPERATOR;
  }
  if (Contains(t, "mobile")) return v1::PROVIDER_TYPE_MOBILE_OPERATOR;
  if (Contains(t, "post")) return v1::PROVIDER_TYPE_POST_OFFICE;
  return v1::PROVIDER_TYPE_OTHER;
}

v1::PaymentInstrument Instrument(const std::string& text) {
  const std::string t = absl::AsciiStrToLower(text);
  if (Contains(t, "credit")) return v1::PAYMENT_INSTRUMENT_CREDIT_CARD;
  if (Contains(t, "debit")) return v1::PAYMENT_INSTRUMENT_DEBIT_CARD;
  if (Contains(t, "mobile") || Contains(t, "wallet")) {
    return v1::PAYMENT_INSTRUMENT_MOBILE_WALLET;
  }
  if (Contains(t, "account") || Contains(t, "bank")) {
    return v1::PAYMENT_INSTRUMENT_BANK_ACCOUNT;
  }
  if (Contains(t, "cash")) return v1::PAYMENT_INSTRUMENT_CASH;
  return v1::PAYMENT_INSTRUMENT_OTHER;
}

v1::AccessPoint Access(const std::string& text) {
  const std::string t = absl::AsciiStrToLower(text);
  if (Contains(t, "internet") || Contains(t, "online")) {
    return v1::ACCESS_POINT_INTERNET;
  }
  if (Contains(t, "mobile") || Contains(t, "app")) {
    return v1::ACCESS_POINT_MOBILE_APP;
  }
  if (Contains(t, "branch") || Contains(t, "agent")) {
    return v1::ACCESS_POINT_BRANCH_OR_AGENT;
  }
  return v1::ACCESS_POINT_OTHER;
}

v1::ReceiveMethod Pickup(const std::string& text) {
  const std::string t = absl::AsciiStrToLower(text);
  if (Contains(t, "home") || Contains(t, "door")) {
    return v1::RECEIVE_METHOD_HOME_DELIVERY;
  }
  if (Contains(t, "mobile")) return v1::RECEIVE_METHOD_MOBILE_MONEY;
  if (Contains(t, "account") || Contains(t, "bank")) {
    return v1::RECEIVE_METHOD_BANK_ACCOUNT;
  }
  if (Contains(t, "cash")) return v1::RECEIVE_METHOD_CASH_PICKUP;
  return v1::RECEIVE_METHOD_OTHER;
}

std::optional<v1::Speed> SpeedOf(const std::string& text) {
  const std::string t = absl::AsciiStrToLower(text);
  if (t == "less than one hour" || t == "less than 1 hour") {
    return v1::SPEED_LESS_THAN_ONE_HOUR;
  }
  if (t == "same day") return v1::SPEED_SAME_DAY;
  if (t == "next day" || t == "1 day") return v1::SPEED_NEXT_DAY;
  if (t == "2 days") return v1::SPEED_TWO_DAYS;
  if (t == "3-5 days") return v1::SPEED_THREE_TO_FIVE_DAYS;
  if (t == "6 days or more") return v1::SPEED_SIX_DAYS_OR_MORE;
  return std::nullopt;
}

v1::Coverage CoverageOf(const std::string& text) {
  const std::string t = absl::AsciiStrToLower(text);
  if (t == "high") return v1::COVERAGE_HIGH;
  if (t == "medium") return v1::COVERAGE_MEDIUM;
  if (t == "low") return v1::COVERAGE_LOW;
  return v1::COVERAGE_UNSPECIFIED;
}

bool Importer::ImportBlock(const engine_internal::CsvRow& row, int n,
                           CurrencyCode currency, bool transparent,
                           v1::Quote* quote) {
  const Block b = BlockColumns(n);
  const std::string amount_text = Cell(row, b.amount);
  if (n == 1 && amount_text.empty()) return true;  // cc2 is optional.
  const int before = count_;
  const std::string code = Cell(row, b.code);
  if (!code.empty() && absl::AsciiStrToUpper(code) != currency.code()) {
    Error(row.line, b.code,
          absl::StrCat("'", code, "' differs from cc1's ", currency.code()));
  }
  auto money = [&](const Column& c, bool required) -> std::optional<Money> {
    const std::string text = Cell(row, c);
    if (text.empty()) {
      if (required) Error(row.line, c, "is required");
      return std::nullopt;
    }
    absl::StatusOr<Money> m = Money::FromDecimal(text, currency);
    if (!m.ok()) {
      Error(row.line, c, std::string(m.status().message()));
      return std::nullopt;
    }
    if (m->minor_units() < 0) {
      Error(row.line, c, absl::StrCat("'", text, "' must not be negative"));
      return std::nullopt;
    }
    return *m;
  };
  std::optional<Money> amount = money(b.amount, true);
  std::optional<Money> fee = money(b.fee, true);
  if (amount && amount->minor_units() == 0) {
    Error(row.line, b.amount, "must be positive");
  }
  v1::SurveyPoint* point = quote->add_survey_points();
  point->set_send_amount(Cell(row, b.amount));
  point->set_fee(Cell(row, b.fee));
  if (transparent) {
    point->set_rate(Cell(row, b.rate));
    const std::string margin_text = Cell(row, b.margin);
    point->set_published_margin_percent(margin_text);
    absl::StatusOr<Percent> margin = Percent::FromString(margin_text);
    if (!margin.ok()) {
      Error(row.line, b.margin, std::string(margin.status().message()));
    }
    // The published total must agree with fee / amount + margin.
    const std::string total_text = Cell(row, b.total);
    if (!total_text.empty() && margin.ok() && amount && fee &&
        amount->minor_units() > 0) {
      absl::StatusOr<Percent> total = Percent::FromString(total_text);
      absl::StatusOr<Percent> fee_share = Percent::FromRatio(
          fee->minor_units(), amount->minor_units(), RoundingMode::kHalfEven);
      if (!total.ok()) {
        Error(row.line, b.total, std::string(total.status().message()));
      } else if (fee_share.ok()) {
        const int64_t computed = fee_share->scaled() + margin->scaled();
        if (std::llabs(computed - total->scaled()) > 10'000'000) {
          Error(row.line, b.total,
                absl::StrCat("published ", total_text,
                             " but fee and margin "
                             "give ",
                             Percent::FromScaled(computed).ToString(),
                             " (more than 0.01 percentage points apart)"));
        }
      }
    }
  }
  return count_ == before;
}

void Importer::ImportRow(const engine_internal::CsvRow& row,
                         v1::Dataset* dataset) {
  const int before = count_;
  // Corridor: source/destination codes, else "GBRBGD".
  std::string from = Cell(row, kSource);
  std::string to = Cell(row, kDestination);
  if (from.empty() && to.empty()) {
    const std::string corridor = Cell(row, kCorridor);
    if (corridor.size() == 6) {
      from = corridor.substr(0, 3);
      to = corridor.substr(3);
    } else {
      Error(row.line, kCorridor,
            absl::StrCat("'", corridor,
                         "' is not two ISO 3166 alpha-3 codes (GBRBGD)"));
      return;
    }
  }
  absl::StatusOr<CountryCode> send_country = CountryCode::FromString(from);
  if (!send_country.ok()) {
    Error(row.line, kSource, std::string(send_country.status().message()));
  }
  absl::StatusOr<CountryCode> receive_country = CountryCode::FromString(to);
  if (!receive_country.ok()) {
    Error(row.line, kDestination,
          std::string(receive_country.status().message()));
  }
  const Column code_column = BlockColumns(0).code;
  absl::StatusOr<CurrencyCode> currency =
      CurrencyCode::FromString(Cell(row, code_column));
  if (!currency.ok()) {
    Error(row.line, code_column, std::string(currency.status().message()));
  }
  const std::string firm = Cell(row, kFirm);
  if (firm.empty() || Slug(firm).empty()) {
    Error(row.line, kFirm, "is required");
  }
  bool transparent = true;
  const std::string transparency =
      absl::AsciiStrToLower(Cell(row, kTransparent));
  if (transparency == "no") {
    transparent = false;
  } else if (!transparency.empty() && transparency != "yes") {
    Error(row.line, kTransparent,
          absl::StrCat("'", Cell(row, kTransparent), "' is not yes or no"));
  }
  std::optional<v1::Speed> speed = SpeedOf(Cell(row, kSpeed));
  if (!speed.has_value()) {
    if (Cell(row, kSpeed).empty()) {
      speed = v1::SPEED_SIX_DAYS_OR_MORE;  // Unknown: the slowest.
    } else {
      Error(row.line, kSpeed,
            absl::StrCat("'", Cell(row, kSpeed),
                         "' is not an RPW speed (less than one hour, same "
                         "day, next day, 2 days, 3-5 days, 6 days or more)"));
    }
  }
  if (count_ != before) return;

  v1::Quote* quote = dataset->add_quotes();
  const std::string period = Cell(row, kPeriod);
  quote->set_id(absl::StrCat("rpw-", period, "-line-", row.line));
  // Prefixed, so that RPW's firms never collide with the providers of
  // other files loaded with it.
  const std::string provider_id = absl::StrCat("rpw-", Slug(firm));
  quote->set_provider_id(provider_id);
  if (providers_.insert(provider_id).second) {
    v1::Provider* provider = dataset->add_providers();
    provider->set_id(provider_id);
    provider->set_name(firm);
    provider->set_type(FirmType(Cell(row, kFirmType)));
  }
  v1::Corridor* corridor = quote->mutable_corridor();
  corridor->set_send_country(std::string(send_country->alpha3()));
  corridor->set_send_currency(std::string(currency->code()));
  corridor->set_receive_country(std::string(receive_country->alpha3()));
  quote->set_payment_instrument(Instrument(Cell(row, kInstrument)));
  quote->set_access_point(Access(Cell(row, kAccess)));
  quote->set_receive_method(Pickup(Cell(row, kPickup)));
  quote->set_speed(*speed);
  quote->set_receiving_network_coverage(CoverageOf(Cell(row, kCoverage)));
  quote->set_transparent(transparent);
  std::string date = Cell(row, kDate);
  if (date.empty()) {
    // The first day of the period's quarter.
    const int quarter = period[5] - '0';
    date = absl::StrCat(period.substr(0, 4), "-",
                        quarter == 1   ? "01"
                        : quarter == 2 ? "04"
                        : quarter == 3 ? "07"
                                       : "10",
                        "-01");
  }
  quote->set_quoted_at(date);
  quote->set_source(absl::StrCat("RPW ", period));
  if (transparent) {
    quote->set_mid_market_rate(Cell(row, kInterbank));
    const std::string payout = Cell(row, kPayout);
    if (!payout.empty()) quote->set_rate_currency(payout);
  }
  for (int n = 0; n < 2; ++n) {
    ImportBlock(row, n, *currency, transparent, quote);
  }
}

absl::StatusOr<ParsedDataset> Importer::Run(absl::string_view content,
                                            absl::string_view period) {
  absl::StatusOr<std::vector<engine_internal::CsvRow>> rows =
      engine_internal::ReadCsv(content);
  if (!rows.ok()) {
    errors_->push_back({name_, 0, 0, "", std::string(rows.status().message())});
    return absl::InvalidArgumentError(DescribeErrors(*errors_));
  }
  if (rows->empty()) {
    errors_->push_back({name_, 0, 0, "", "empty file: no header row"});
    return absl::InvalidArgumentError(DescribeErrors(*errors_));
  }
  const engine_internal::CsvRow& header = rows->front();
  for (size_t i = 0; i < header.fields.size(); ++i) {
    index_.try_emplace(Normalize(header.fields[i]), static_cast<int>(i));
  }
  std::vector<std::string> missing;
  for (const Column& c : {kPeriod, kFirm, kInterbank, BlockColumns(0).code,
                          BlockColumns(0).amount, BlockColumns(0).fee,
                          BlockColumns(0).rate, BlockColumns(0).margin}) {
    if (Index(c) < 0) missing.push_back(c.name);
  }
  const bool has_codes = Index(kSource) >= 0 && Index(kDestination) >= 0;
  if (!has_codes && Index(kCorridor) < 0) {
    missing.push_back("source_code and destination_code (or corridor)");
  }
  if (!missing.empty()) {
    errors_->push_back(
        {name_, header.line, 0, "",
         absl::StrCat("missing required column", missing.size() > 1 ? "s" : "",
                      ": ", absl::StrJoin(missing, ", "))});
    return absl::InvalidArgumentError(DescribeErrors(*errors_));
  }

  // Which period: the one asked for, else the latest.
  std::optional<int> wanted;
  if (!period.empty()) {
    wanted = PeriodKey(period);
    if (!wanted.has_value()) {
      errors_->push_back(
          {name_, 0, 0, "period",
           absl::StrCat("'", period, "' is not a period like 2024_2Q")});
      return absl::InvalidArgumentError(DescribeErrors(*errors_));
    }
  }
  std::vector<std::string> periods;
  int latest = 0;
  for (size_t r = 1; r < rows->size(); ++r) {
    const std::string p = Cell((*rows)[r], kPeriod);
    std::optional<int> key = PeriodKey(p);
    if (!key.has_value()) {
      Error((*rows)[r].line, kPeriod,
            absl::StrCat("'", p, "' is not a period like 2024_2Q"));
      continue;
    }
    latest = std::max(latest, *key);
    if (std::find(periods.begin(), periods.end(), p) == periods.end()) {
      periods.push_back(p);
    }
  }
  if (!wanted.has_value()) wanted = latest;
  if (count_ == 0 &&
      std::find_if(periods.begin(), periods.end(), [&](const std::string& p) {
        return PeriodKey(p) == wanted;
      }) == periods.end()) {
    errors_->push_back(
        {name_, 0, 0, "period",
         absl::StrCat(
             "'", period, "' is not in the file; it has ",
             periods.empty() ? "no rows" : absl::StrJoin(periods, ", "))});
  }

  v1::Dataset dataset;
  // `wanted` is set here: the period asked for, or the latest.
  dataset.mutable_metadata()->set_name(absl::StrCat(
      "Remittance Prices Worldwide ", *wanted / 10, "_", *wanted % 10, "Q"));
  dataset.mutable_metadata()->set_publisher("The World Bank");
  dataset.mutable_metadata()->set_license("CC BY 4.0");
  std::vector<int> lines;
  for (size_t r = 1; r < rows->size() && count_ < 100; ++r) {
    const engine_internal::CsvRow& row = (*rows)[r];
    if (PeriodKey(Cell(row, kPeriod)) != wanted) continue;
    const int quotes_before = dataset.quotes_size();
    ImportRow(row, &dataset);
    if (dataset.quotes_size() > quotes_before) lines.push_back(row.line);
  }
  if (count_ > 0 || !errors_->empty()) {
    return absl::InvalidArgumentError(DescribeErrors(*errors_));
  }
  ParsedDataset parsed(name_, std::move(dataset));
  parsed.set_quote_lines(std::move(lines));
  return parsed;
}

}  // namespace

absl::StatusOr<ParsedDataset> ImportRpwCsv(absl::string_view name,
                                           absl::string_view content,
                                           absl::string_view period,
                                           std::vector<DatasetError>* errors) {
  std::vector<DatasetError> local;
  Importer importer(name, &local);
  absl::StatusOr<ParsedDataset> result = importer.Run(content, period);
  errors->insert(errors->end(), local.begin(), local.end());
  return result;
}

}  // namespace remit
