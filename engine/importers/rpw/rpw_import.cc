#include "engine/importers/rpw/rpw_import.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "engine/importers/rpw/internal/csv.h"
#include "engine/model/model.h"
#include "engine/money/country.h"
#include "engine/money/currency.h"
#include "engine/money/internal/fixed_point.h"
#include "engine/money/money.h"
#include "engine/money/percent.h"
#include "engine/money/rate.h"
#include "engine/money/rounding.h"
#include "engine/pricing/plausibility.h"

namespace remit {

struct RpwImporter::Column {
  const char* name;       // As documented, for messages.
  const char* key;        // Normalized.
  const char* alternate;  // Another normalized spelling, or "".
  // Where SetHeader keeps the column's index: each column its own, below
  // kColumnSlots.
  int slot;
};

// One surveyed amount's block: cc1 or cc2.
struct RpwImporter::Block {
  Column code, amount, fee, rate, margin, total;
};

namespace {

// Where RPW is published, and the credit its licence (CC BY 4.0) asks for.
constexpr char kRpwSourceUrl[] = "https://remittanceprices.worldbank.org";
constexpr char kRpwAttribution[] =
    "Source: World Bank, Remittance Prices Worldwide "
    "(remittanceprices.worldbank.org), licensed under CC BY 4.0.";

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

constexpr RpwImporter::Column kId = {"id", "id", "", 0};
constexpr RpwImporter::Column kPeriod = {"period", "period", "", 1};
constexpr RpwImporter::Column kSource = {"source_code", "sourcecode", "", 2};
constexpr RpwImporter::Column kDestination = {"destination_code",
                                              "destinationcode", "", 3};
constexpr RpwImporter::Column kCorridor = {"corridor", "corridor", "", 4};
constexpr RpwImporter::Column kFirm = {"firm", "firm", "", 5};
constexpr RpwImporter::Column kFirmType = {"firm_type", "firmtype", "", 6};
// The older sheet has "product" and "sending location" instead.
constexpr RpwImporter::Column kInstrument = {"payment instrument",
                                             "paymentinstrument", "product", 7};
constexpr RpwImporter::Column kAccess = {"access point", "accesspoint",
                                         "sendinglocation", 8};
constexpr RpwImporter::Column kSpeed = {"speed actual", "speedactual", "", 9};
constexpr RpwImporter::Column kPickup = {"pick-up method", "pickupmethod", "",
                                         10};
constexpr RpwImporter::Column kCoverage = {
    "receiving network coverage", "receivingnetworkcoverage", "coverage", 11};
constexpr RpwImporter::Column kTransparent = {"transparent", "transparent", "",
                                              12};
constexpr RpwImporter::Column kDate = {"date", "date", "", 13};
constexpr RpwImporter::Column kInterbank = {"inter lcu bank fx",
                                            "interlcubankfx", "", 14};
constexpr RpwImporter::Column kPayout = {"receiving currency",
                                         "receivingcurrency", "", 15};
constexpr RpwImporter::Column kDenomination = {"cc1 denomination amount",
                                               "cc1denominationamount", "", 28};
// The countries' descriptions, for each side of the corridor.
constexpr RpwImporter::Column kCountryColumns[2][5] = {
    {{"source_name", "sourcename", "", 29},
     {"source_region", "sourceregion", "", 30},
     {"source_income", "sourceincome", "", 31},
     {"source_lending", "sourcelending", "", 32},
     {"source_G8G20", "sourceg8g20", "", 33}},
    {{"destination_name", "destinationname", "", 34},
     {"destination_region", "destinationregion", "", 35},
     {"destination_income", "destinationincome", "", 36},
     {"destination_lending", "destinationlending", "", 37},
     {"destination_G8G20", "destinationg8g20", "", 38}},
};

static_assert(RpwImporter::kColumnSlots == 39, "a slot for each column");

RpwImporter::Block BlockColumns(int n) {
  static const RpwImporter::Block kBlocks[2] = {
      {{"cc1 lcu code", "cc1lcucode", "", 16},
       {"cc1 lcu amount", "cc1lcuamount", "", 17},
       {"cc1 lcu fee", "cc1lcufee", "", 18},
       {"cc1 lcu fx rate", "cc1lcufxrate", "", 19},
       {"cc1 fx margin", "cc1fxmargin", "", 20},
       {"cc1 total cost %", "cc1totalcost", "", 21}},
      {{"cc2 lcu code", "cc2lcucode", "", 22},
       {"cc2 lcu amount", "cc2lcuamount", "", 23},
       {"cc2 lcu fee", "cc2lcufee", "", 24},
       {"cc2 lcu fx rate", "cc2lcufxrate", "", 25},
       {"cc2 fx margin", "cc2fxmargin", "", 26},
       {"cc2 total cost %", "cc2totalcost", "", 27}},
  };
  return kBlocks[n];
}

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
  if (t == "less than one hour" || t == "less than 1 hour" || t == "< 1 hour" ||
      t == "minutes" || t == "instant") {
    return v1::SPEED_LESS_THAN_ONE_HOUR;
  }
  if (t == "same day") return v1::SPEED_SAME_DAY;
  if (t == "next day" || t == "1 day") return v1::SPEED_NEXT_DAY;
  if (t == "2 days" || t == "1-2 days") return v1::SPEED_TWO_DAYS;
  // Ranges go to the band of their slowest case.
  if (t == "3-5 days" || t == "1-3 days" || t == "2-3 days" || t == "3 days" ||
      t == "4 days" || t == "5 days" || t == "2-5 days" || t == "3-4 days") {
    return v1::SPEED_THREE_TO_FIVE_DAYS;
  }
  if (t == "6 days or more" || t == "more than 5 days" || t == "6 days") {
    return v1::SPEED_SIX_DAYS_OR_MORE;
  }
  return std::nullopt;
}

v1::Coverage CoverageOf(const std::string& text) {
  const std::string t = absl::AsciiStrToLower(text);
  if (t == "high") return v1::COVERAGE_HIGH;
  if (t == "medium") return v1::COVERAGE_MEDIUM;
  if (t == "low") return v1::COVERAGE_LOW;
  return v1::COVERAGE_UNSPECIFIED;
}

// Published totals above this (100 %, in Percent's unit) are noted.
constexpr int64_t kExtremeTotal = 100'000'000'000;
// Published totals are kept within the bounds the dataset validator
// accepts (-1000 to 100000 points); beyond them the row counts with its
// computed total.
constexpr int64_t kLowestTotal = -1'000'000'000'000;
constexpr int64_t kHighestTotal = 100'000'000'000'000;

// 20242 -> "2024_2Q".
std::string PeriodName(int key) {
  return absl::StrCat(key / 10, "_", key % 10, "Q");
}

// Unknown values as RPW writes them.
bool IsUnknown(absl::string_view text) {
  return text.empty() || text == ".." || text == "." ||
         absl::EqualsIgnoreCase(text, "n/a") ||
         absl::EqualsIgnoreCase(text, "na");
}

// "YYYY-MM-DD", from ISO text, "14/May/2013", or an Excel date serial
// (days since 1899-12-30); nullopt when it is none of them.
std::optional<std::string> NormalizeDate(absl::string_view text) {
  auto iso = [](absl::CivilDay day) {
    const int64_t y = day.year();
    if (y < 0 || y > 9999) return absl::FormatCivilTime(day).substr(0, 10);
    const char text[10] = {static_cast<char>('0' + y / 1000 % 10),
                           static_cast<char>('0' + y / 100 % 10),
                           static_cast<char>('0' + y / 10 % 10),
                           static_cast<char>('0' + y % 10),
                           '-',
                           static_cast<char>('0' + day.month() / 10),
                           static_cast<char>('0' + day.month() % 10),
                           '-',
                           static_cast<char>('0' + day.day() / 10),
                           static_cast<char>('0' + day.day() % 10)};
    return std::string(text, sizeof(text));
  };
  absl::CivilDay day;
  if (text.size() >= 10 && absl::ParseCivilTime(text.substr(0, 10), &day) &&
      text[4] == '-') {
    return iso(day);
  }
  // An Excel serial: digits, perhaps with a fraction of a day.
  absl::string_view whole = text.substr(0, text.find('.'));
  int serial = 0;
  if (!whole.empty() && absl::SimpleAtoi(whole, &serial) && serial > 0 &&
      serial < 100000 && std::all_of(whole.begin(), whole.end(), [](char c) {
        return absl::ascii_isdigit(c);
      })) {
    return iso(absl::CivilDay(1899, 12, 30) + serial);
  }
  // "14/May/2013", "14-May-2013", "14 May 2013".
  std::vector<absl::string_view> parts =
      absl::StrSplit(text, absl::ByAnyChar("/- "), absl::SkipEmpty());
  if (parts.size() == 3) {
    static constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr",
                                              "may", "jun", "jul", "aug",
                                              "sep", "oct", "nov", "dec"};
    int d = 0, y = 0, m = 0;
    const std::string month = absl::AsciiStrToLower(parts[1].substr(0, 3));
    for (int i = 0; i < 12; ++i) {
      if (month == kMonths[i]) m = i + 1;
    }
    if (m > 0 && absl::SimpleAtoi(parts[0], &d) &&
        absl::SimpleAtoi(parts[2], &y) && y >= 1900 && y < 2200) {
      const absl::CivilDay parsed(y, m, d);
      if (parsed.day() == d && parsed.month() == m) return iso(parsed);
    }
  }
  return std::nullopt;
}

}  // namespace

RpwImporter::RpwImporter(std::string name, const DatasetOptions& options)
    : name_(std::move(name)),
      file_slug_(Slug(name_.substr(name_.find_last_of('/') + 1))),
      options_(options),
      arena_(std::make_shared<google::protobuf::Arena>()) {
  slots_.fill(-1);
  if (!options.rpw_period.empty()) {
    wanted_period_ = PeriodKey(options.rpw_period);
    bad_wanted_period_ = !wanted_period_.has_value();
  }
}

int RpwImporter::Index(const Column& c) const { return slots_[c.slot]; }

int RpwImporter::Lookup(const Column& c) const {
  auto it = index_.find(c.key);
  if (it == index_.end() && c.alternate[0] != '\0') {
    it = index_.find(c.alternate);  // The older sheet's name.
  }
  return it == index_.end() ? -1 : it->second;
}

bool RpwImporter::Reads(int column) const {
  return column >= 0 &&
         std::find(slots_.begin(), slots_.end(), column) != slots_.end();
}

std::string RpwImporter::Cell(absl::Span<const absl::string_view> cells,
                              const Column& c) const {
  const int i = Index(c);
  if (i < 0 || i >= static_cast<int>(cells.size())) return "";
  absl::string_view text = absl::StripAsciiWhitespace(cells[i]);
  return IsUnknown(text) ? "" : std::string(text);
}

absl::Status RpwImporter::SetHeader(absl::Span<const std::string> cells,
                                    absl::string_view place) {
  index_.clear();
  for (size_t i = 0; i < cells.size(); ++i) {
    const std::string key = Normalize(cells[i]);
    if (!key.empty()) index_.try_emplace(key, static_cast<int>(i));
  }
  // Every column's index, looked up once per header rather than per cell.
  for (const Column& c :
       {kId, kPeriod, kSource, kDestination, kCorridor, kFirm, kFirmType,
        kInstrument, kAccess, kSpeed, kPickup, kCoverage, kTransparent, kDate,
        kInterbank, kPayout, kDenomination}) {
    slots_[c.slot] = Lookup(c);
  }
  for (const auto& side : kCountryColumns) {
    for (const Column& c : side) slots_[c.slot] = Lookup(c);
  }
  for (int n = 0; n < 2; ++n) {
    const Block b = BlockColumns(n);
    for (const Column& c :
         {b.code, b.amount, b.fee, b.rate, b.margin, b.total}) {
      slots_[c.slot] = Lookup(c);
    }
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
    return absl::InvalidArgumentError(absl::StrCat(
        place, ": missing required column", missing.size() > 1 ? "s" : "", ": ",
        absl::StrJoin(missing, ", ")));
  }
  has_header_ = true;
  return absl::OkStatus();
}

void RpwImporter::AddCountry(absl::Span<const absl::string_view> cells,
                             absl::string_view code, bool source) {
  if (countries_.count(std::string(code)) > 0) return;
  const RpwImporter::Column* columns = kCountryColumns[source ? 0 : 1];
  v1::CountryInfo info;
  info.set_name(Cell(cells, columns[0]));
  info.set_region(Cell(cells, columns[1]));
  info.set_income_group(Cell(cells, columns[2]));
  info.set_lending_category(Cell(cells, columns[3]));
  info.set_g8_g20(Cell(cells, columns[4]));
  if (info.name().empty() && info.region().empty() &&
      info.income_group().empty() && info.lending_category().empty() &&
      info.g8_g20().empty()) {
    return;  // Nothing to say; a later row may describe it.
  }
  info.set_code(std::string(code));
  countries_.emplace(std::string(code), std::move(info));
}

void RpwImporter::Count(std::map<std::string, Tally>* tallies,
                        const std::string& reason, absl::string_view place) {
  Tally& tally = (*tallies)[reason];
  ++tally.rows;
  if (tally.first_places.size() < ImportReport::kPlacesPerReason) {
    tally.first_places.emplace_back(place);
  }
}

void RpwImporter::AddRow(absl::Span<const std::string> cells, int line,
                         absl::string_view place) {
  row_views_.assign(cells.begin(), cells.end());
  AddRow(row_views_, line, place);
}

void RpwImporter::AddRow(absl::Span<const absl::string_view> cells, int line,
                         absl::string_view place) {
  if (std::all_of(cells.begin(), cells.end(), [](absl::string_view c) {
        return absl::StripAsciiWhitespace(c).empty();
      })) {
    return;  // A blank row.
  }
  if (std::optional<std::string> reason = ImportRow(cells, line, place)) {
    Count(&quarantined_, *reason, place);
  }
}

std::optional<std::string> RpwImporter::ImportBlock(
    absl::Span<const absl::string_view> cells, int n,
    const std::string& currency, bool transparent, absl::string_view place,
    v1::Quote* quote) {
  const Block b = BlockColumns(n);
  const std::string prefix = n == 0 ? "cc1" : "cc2";
  const std::string amount_text = Cell(cells, b.amount);
  const std::string code = Cell(cells, b.code);
  if (!code.empty() && absl::AsciiStrToUpper(code) != currency) {
    return absl::StrCat(b.code.name, ": differs from cc1 lcu code");
  }
  absl::StatusOr<Money> amount =
      Money::FromDecimal(amount_text, *CurrencyCode::FromString(currency));
  if (amount_text.empty() || !amount.ok() || amount->minor_units() <= 0) {
    return absl::StrCat(b.amount.name, ": not a positive amount in ", currency);
  }
  // The fee is a survey figure: exact, to 11 digits past the minor unit.
  const std::string fee_text = Cell(cells, b.fee);
  absl::StatusOr<absl::int128> fee11 =
      ParseSurveyFee11(fee_text, *CurrencyCode::FromString(currency));
  if (fee_text.empty() || !fee11.ok()) {
    return absl::StrCat(b.fee.name, ": not a non-negative number");
  }
  // On the arena, as the quote: added to it without a copy.
  auto* point =
      google::protobuf::Arena::CreateMessage<v1::SurveyPoint>(arena_.get());
  point->set_send_amount(amount_text);
  point->set_fee(fee_text);
  if (transparent) {
    const std::string rate_text = Cell(cells, b.rate);
    const std::string margin_text = Cell(cells, b.margin);
    absl::StatusOr<Rate> rate = Rate::FromString(rate_text);
    absl::StatusOr<Percent> margin = Percent::FromString(margin_text);
    if (rate_text.empty() || !rate.ok() || rate->scaled() <= 0) {
      return absl::StrCat(b.rate.name, ": not a positive rate");
    }
    if (margin_text.empty() || !margin.ok()) {
      return absl::StrCat(b.margin.name, ": not a percentage");
    }
    point->set_rate(rate_text);
    point->set_published_margin_percent(margin_text);
    // The published total should be fee / amount + margin. Remarks go in
    // the import report and stay with the quote (shown with its offers).
    auto note = [&](v1::DataNote data_note, std::string reason) {
      Count(&notes_, absl::StrCat(b.total.name, ": ", reason), place);
      if (std::find(quote->data_notes().begin(), quote->data_notes().end(),
                    data_note) == quote->data_notes().end()) {
        quote->add_data_notes(data_note);
      }
    };
    const std::string total_text = Cell(cells, b.total);
    absl::StatusOr<Percent> total = Percent::FromString(total_text);
    if (!total_text.empty() && total.ok() && total->scaled() >= kLowestTotal &&
        total->scaled() <= kHighestTotal) {
      point->set_published_total_cost_percent(total_text);
    }
    if (!total_text.empty() && total.ok()) {
      if (total->scaled() < 0) {
        note(v1::DATA_NOTE_NEGATIVE_TOTAL,
             "negative (a rate better than the market rate)");
      } else if (total->scaled() > kExtremeTotal) {
        note(v1::DATA_NOTE_TOTAL_ABOVE_100_PERCENT, "above 100 %");
      }
      const int64_t fee_share = static_cast<int64_t>(DivideRounded(
          *fee11, amount->minor_units(), RoundingMode::kHalfEven));
      if (std::llabs(fee_share + margin->scaled() - total->scaled()) >
          10'000'000) {
        note(v1::DATA_NOTE_TOTAL_DIFFERS_FROM_PARTS,
             "published total differs from fee / amount + margin by more "
             "than 0.01 points");
      }
    }
  } else {
    // Opaque: the published margin (0) and rate (often 1) mean nothing.
    point->set_rate("1");
  }
  if (n == 1) {
    const v1::SurveyPoint& cc1 = quote->survey_points(0);
    absl::StatusOr<Money> first = Money::FromDecimal(
        cc1.send_amount(), *CurrencyCode::FromString(currency));
    if (!first.ok() || amount->minor_units() <= first->minor_units()) {
      return absl::StrCat(b.amount.name, ": not above cc1 lcu amount");
    }
  }
  quote->mutable_survey_points()->AddAllocated(point);
  return std::nullopt;
}

void RpwImporter::NoteImplausibleRates(Rate mid, absl::string_view place,
                                       v1::Quote* quote) {
  for (int n = 0; n < quote->survey_points_size(); ++n) {
    absl::StatusOr<Rate> rate =
        Rate::FromString(quote->survey_points(n).rate());
    if (!rate.ok()) continue;
    const RateCheck check = CheckRate(*rate, mid);
    if (check.plausible) continue;
    // Grouped by what is wrong; the row's place says which.
    Count(&notes_,
          absl::StrCat(
              BlockColumns(n).rate.name, ": implies an FX margin outside ",
              kLowestPlausibleMargin, " % to ", kHighestPlausibleMargin,
              " % against inter lcu bank fx",
              check.looks_inverted          ? " (looks inverted)"
              : check.power_of_ten_off != 0 ? " (looks off by a power of ten)"
                                            : "",
              "; the row is kept but not ranked"),
          place);
    if (std::find(quote->data_notes().begin(), quote->data_notes().end(),
                  v1::DATA_NOTE_RATE_IMPLAUSIBLE) ==
        quote->data_notes().end()) {
      quote->add_data_notes(v1::DATA_NOTE_RATE_IMPLAUSIBLE);
    }
  }
}

std::optional<std::string> RpwImporter::PayoutCurrency(
    absl::Span<const absl::string_view> cells, CurrencyCode send,
    CountryCode receive_country, const absl::StatusOr<Rate>& mid_rate) const {
  const std::optional<CurrencyCode> local = receive_country.default_currency();
  if (!local.has_value() || !mid_rate.ok() || mid_rate->scaled() <= 0) {
    return std::nullopt;
  }
  const CurrencyCode usd = *CurrencyCode::FromString("USD");
  if (*local == usd) return "USD";  // A dollarised destination.
  // RPW rows do not say which currency their rates are in: some quote the
  // receiving currency, some US dollars. cc1's US dollar denomination
  // (200) over its amount in the sending currency gives US dollars per
  // unit sent, at the survey's (often dated) reference: within a factor of
  // two of it, the rates are in dollars.
  absl::StatusOr<Money> amount =
      Money::FromDecimal(Cell(cells, BlockColumns(0).amount), send);
  absl::StatusOr<Rate> denomination =
      Rate::FromString(Cell(cells, kDenomination));
  if (!amount.ok() || amount->minor_units() <= 0 || !denomination.ok() ||
      denomination->scaled() <= 0) {
    return std::string(local->code());
  }
  // ratio = m / (denomination / amount), compared with 1/2 and 2 exactly:
  // m x amount vs denomination x 10^exponent (both at Rate's scale).
  const absl::int128 lhs =
      absl::int128(mid_rate->scaled()) * amount->minor_units();
  const absl::int128 rhs =
      absl::int128(denomination->scaled()) *
      static_cast<int64_t>(engine_internal::Pow10(send.exponent()));
  const bool dollar_like = lhs * 2 >= rhs && lhs <= rhs * 2;
  if (!dollar_like) return std::string(local->code());
  // A receiving currency near the dollar (EUR, GBP, CHF, ...) could be
  // either: say nothing rather than guess.
  for (const char* near :
       {"EUR", "GBP", "CHF", "CAD", "AUD", "NZD", "SGD", "BND", "PAB", "BSD",
        "BMD", "KYD", "JOD", "KWD", "BHD", "OMR", "GIP", "FKP", "SHP", "JEP",
        "GGP", "IMP", "XCD", "BZD", "BBD", "TTD", "ANG", "AWG"}) {
    if (local->code() == near) return std::nullopt;
  }
  return "USD";
}

std::optional<std::string> RpwImporter::ImportRow(
    absl::Span<const absl::string_view> cells, int line,
    absl::string_view place) {
  const std::string period = Cell(cells, kPeriod);
  const std::optional<int> key = PeriodKey(period);
  if (!key.has_value()) return "period: not like 2024_2Q";
  seen_periods_.insert(*key);
  if (wanted_period_.has_value() && *key != *wanted_period_) {
    ++skipped_other_periods_;
    return std::nullopt;
  }
  // Corridor: source/destination codes, else "GBRBGD".
  std::string from = Cell(cells, kSource);
  std::string to = Cell(cells, kDestination);
  if (from.empty() && to.empty()) {
    const std::string corridor = Cell(cells, kCorridor);
    if (corridor.size() != 6) return "corridor: not two country codes";
    from = corridor.substr(0, 3);
    to = corridor.substr(3);
  }
  absl::StatusOr<CountryCode> send_country = CountryCode::FromString(from);
  if (!send_country.ok()) return "source_code: not a country";
  absl::StatusOr<CountryCode> receive_country = CountryCode::FromString(to);
  if (!receive_country.ok()) return "destination_code: not a country";
  const Column code_column = BlockColumns(0).code;
  absl::StatusOr<CurrencyCode> currency =
      CurrencyCode::FromString(Cell(cells, code_column));
  if (!currency.ok()) return "cc1 lcu code: not a currency";
  const std::string firm = Cell(cells, kFirm);
  const std::string firm_slug = Slug(firm);
  if (firm_slug.empty()) return "firm: missing";
  bool transparent = true;
  const std::string transparency =
      absl::AsciiStrToLower(Cell(cells, kTransparent));
  if (transparency == "no" || transparency == "n") {
    transparent = false;
  } else if (!transparency.empty() && transparency != "yes" &&
             transparency != "y") {
    return "transparent: not yes or no";
  }
  const std::string id = Cell(cells, kId);
  // Without RPW's id column, the file and line tell rows apart (two
  // extracts of one quarter may be loaded together).
  const std::string quote_id =
      id.empty() ? absl::StrCat("rpw-", period, "-", file_slug_, "-", line)
                 : absl::StrCat("rpw-", period, "-", Slug(id));
  if (quote_ids_.contains(quote_id)) return "id: repeats another row's";

  // On the arena the parsed dataset keeps: moved there without a copy.
  auto* quote = google::protobuf::Arena::CreateMessage<v1::Quote>(arena_.get());
  quote->set_id(quote_id);
  for (int n = 0; n < 2; ++n) {
    if (n == 1 && Cell(cells, BlockColumns(1).amount).empty()) break;
    std::optional<std::string> problem = ImportBlock(
        cells, n, std::string(currency->code()), transparent, place, quote);
    if (!problem.has_value()) continue;
    if (n == 0) return problem;
    // cc2 is optional: price the row at cc1 alone.
    Count(&notes_, absl::StrCat(*problem, " (the row is priced at cc1)"),
          place);
  }
  if (transparent) {
    // The interbank rate is the mid-market rate; RPW's published margin
    // prices the row without it.
    const std::string mid = Cell(cells, kInterbank);
    absl::StatusOr<Rate> mid_rate = Rate::FromString(mid);
    if (!mid.empty() && mid_rate.ok() && mid_rate->scaled() > 0) {
      quote->set_mid_market_rate(mid);
      NoteImplausibleRates(*mid_rate, place, quote);
    }
    const std::string payout = Cell(cells, kPayout);
    if (!payout.empty() && CurrencyCode::FromString(payout).ok()) {
      quote->set_rate_currency(absl::AsciiStrToUpper(payout));
    } else if (std::optional<std::string> inferred = PayoutCurrency(
                   cells, *currency, *receive_country,
                   mid_rate.ok()
                       ? mid_rate
                       : Rate::FromString(Cell(cells, BlockColumns(0).rate)))) {
      quote->set_rate_currency(*inferred);
    } else {
      Count(&notes_,
            "payout currency: the rates could be US dollars or the "
            "receiving currency; no amount received is stated",
            place);
      quote->add_data_notes(v1::DATA_NOTE_PAYOUT_CURRENCY_UNKNOWN);
    }
  }

  quote_ids_.insert(quote_id);
  AddCountry(cells, send_country->alpha3(), /*source=*/true);
  AddCountry(cells, receive_country->alpha3(), /*source=*/false);
  // Prefixed, so that RPW's firms never collide with the providers of
  // other files loaded with it.
  const std::string provider_id = absl::StrCat("rpw-", firm_slug);
  quote->set_provider_id(provider_id);
  if (providers_.count(provider_id) == 0) {
    v1::Provider& provider = providers_[provider_id];
    provider.set_id(provider_id);
    provider.set_name(firm);
    provider.set_type(FirmType(Cell(cells, kFirmType)));
  }
  v1::Corridor* corridor = quote->mutable_corridor();
  corridor->set_send_country(std::string(send_country->alpha3()));
  corridor->set_send_currency(std::string(currency->code()));
  corridor->set_receive_country(std::string(receive_country->alpha3()));
  quote->set_payment_instrument(Instrument(Cell(cells, kInstrument)));
  quote->set_access_point(Access(Cell(cells, kAccess)));
  quote->set_receive_method(Pickup(Cell(cells, kPickup)));
  quote->set_speed(
      SpeedOf(Cell(cells, kSpeed))
          .value_or(v1::SPEED_SIX_DAYS_OR_MORE));  // Unknown: the slowest.
  quote->set_receiving_network_coverage(CoverageOf(Cell(cells, kCoverage)));
  quote->set_transparent(transparent);
  std::optional<std::string> date = NormalizeDate(Cell(cells, kDate));
  if (!date.has_value()) {
    // The first day of the period's quarter.
    const int quarter = *key % 10;
    date = absl::StrCat(*key / 10, "-",
                        quarter == 1   ? "01"
                        : quarter == 2 ? "04"
                        : quarter == 3 ? "07"
                                       : "10",
                        "-01");
  }
  quote->set_quoted_at(*date);
  quote->set_source(absl::StrCat("RPW ", period));
  quote->set_period(PeriodName(*key));
  Period& bucket = periods_[*key];
  bucket.quotes.push_back(quote);
  bucket.lines.push_back(line);
  return std::nullopt;
}

absl::StatusOr<ParsedDataset> RpwImporter::Finish() {
  if (!has_header_) {
    return absl::InvalidArgumentError(
        absl::StrCat(name_, ": empty file: no header row"));
  }
  if (bad_wanted_period_) {
    return absl::InvalidArgumentError(
        absl::StrCat(name_, ": period: '", options_.rpw_period,
                     "' is not a period like 2024_2Q"));
  }
  if (wanted_period_.has_value() && periods_.count(*wanted_period_) == 0) {
    std::vector<std::string> names;
    for (int k : seen_periods_) names.push_back(PeriodName(k));
    return absl::InvalidArgumentError(
        absl::StrCat(name_, ": period: '", options_.rpw_period,
                     "' is not in the file; it has ",
                     names.empty() ? "no rows" : absl::StrJoin(names, ", ")));
  }
  ImportReport report;
  // On the arena with the quotes, so that they move in without a copy.
  v1::Dataset& dataset =
      *google::protobuf::Arena::CreateMessage<v1::Dataset>(arena_.get());
  // "Remittance Prices Worldwide 2011_1Q to 2025_3Q".
  std::string title = "Remittance Prices Worldwide";
  if (!periods_.empty()) {
    absl::StrAppend(&title, " ", PeriodName(periods_.begin()->first));
    if (periods_.size() > 1) {
      absl::StrAppend(&title, " to ", PeriodName(periods_.rbegin()->first));
    }
  }
  dataset.mutable_metadata()->set_name(title);
  dataset.mutable_metadata()->set_publisher("The World Bank");
  dataset.mutable_metadata()->set_license("CC BY 4.0");
  dataset.mutable_metadata()->set_source_url(kRpwSourceUrl);
  dataset.mutable_metadata()->set_attribution(kRpwAttribution);
  std::vector<int> lines;
  absl::flat_hash_set<std::string> used_providers;
  size_t quotes = 0;
  for (const auto& [key, period] : periods_) quotes += period.quotes.size();
  dataset.mutable_quotes()->Reserve(static_cast<int>(quotes));
  lines.reserve(quotes);
  // The data is as of its newest price date ("YYYY-MM-DD" sorts as text).
  std::string newest;
  for (auto& [key, period] : periods_) {
    report.loaded.push_back({PeriodName(key), period.quotes.size()});
    for (v1::Quote* quote : period.quotes) {
      if (quote->quoted_at() > newest) newest = quote->quoted_at();
      used_providers.insert(quote->provider_id());
      dataset.mutable_quotes()->AddAllocated(quote);
    }
    lines.insert(lines.end(), period.lines.begin(), period.lines.end());
    period = Period();
  }
  dataset.mutable_metadata()->set_as_of(newest);
  for (auto& [id, provider] : providers_) {
    if (used_providers.contains(id)) *dataset.add_providers() = provider;
  }
  for (auto& [code, country] : countries_) {
    *dataset.add_countries() = std::move(country);
  }
  report.skipped_other_periods += skipped_other_periods_;
  report.quarantined = Groups(quarantined_);
  report.notes = Groups(notes_);
  ParsedDataset parsed(name_, arena_, &dataset);
  parsed.set_quote_lines(std::move(lines));
  parsed.set_report(std::move(report));
  return parsed;
}

std::vector<ImportReport::RowGroup> RpwImporter::Groups(
    const std::map<std::string, Tally>& tallies) {
  std::vector<ImportReport::RowGroup> groups;
  for (const auto& [reason, tally] : tallies) {
    groups.push_back({reason, tally.rows, tally.first_places});
  }
  std::stable_sort(
      groups.begin(), groups.end(),
      [](const auto& a, const auto& b) { return a.rows > b.rows; });
  return groups;
}

absl::StatusOr<ParsedDataset> ImportRpwCsv(absl::string_view name,
                                           absl::string_view content,
                                           const DatasetOptions& options,
                                           std::vector<DatasetError>* errors) {
  auto fail = [&](std::string message) {
    errors->push_back({std::string(name), 0, 0, "", message});
    return absl::InvalidArgumentError(DescribeErrors(*errors));
  };
  absl::StatusOr<std::vector<engine_internal::CsvRow>> rows =
      engine_internal::ReadCsv(content);
  if (!rows.ok()) return fail(std::string(rows.status().message()));
  if (rows->empty()) return fail("empty file: no header row");
  RpwImporter importer(std::string(name), options);
  const engine_internal::CsvRow& header = rows->front();
  if (absl::Status s = importer.SetHeader(header.fields,
                                          absl::StrCat(name, ":", header.line));
      !s.ok()) {
    errors->push_back(
        {std::string(name), header.line, 0, "",
         std::string(absl::StripPrefix(
             s.message(), absl::StrCat(name, ":", header.line, ": ")))});
    return absl::InvalidArgumentError(DescribeErrors(*errors));
  }
  for (size_t r = 1; r < rows->size(); ++r) {
    const engine_internal::CsvRow& row = (*rows)[r];
    importer.AddRow(row.fields, row.line, absl::StrCat(name, ":", row.line));
  }
  absl::StatusOr<ParsedDataset> parsed = importer.Finish();
  if (!parsed.ok()) {
    return fail(std::string(absl::StripPrefix(parsed.status().message(),
                                              absl::StrCat(name, ": "))));
  }
  return parsed;
}

}  // namespace remit
