#include "engine/data/dataset.h"

#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "engine/formats/formats.h"
#include "engine/pricing/pricing.h"
#include "engine/ranking/ranking.h"
#include "engine/snapshot/snapshot.h"
#include "engine/testing/test_util.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace remit {
namespace {

using testing::C;
using testing::Day;
using testing::kSampleCorridors;
using testing::M;
using testing::Must;
using testing::ReadFile;

ParsedDataset ParseOk(absl::string_view name, absl::string_view content) {
  std::vector<DatasetError> errors;
  absl::StatusOr<ParsedDataset> parsed =
      ParseDataset(name, content, {}, &errors);
  EXPECT_TRUE(parsed.ok()) << DescribeErrors(errors);
  return *std::move(parsed);
}

TEST(DatasetTest, RpwAndNativeFilesLoadTogether) {
  FakeClock clock(Day(2026, 11, 15));
  std::shared_ptr<const Snapshot> both = Must(
      Snapshot::Load({kSampleCorridors, "testdata/rpw_sample.csv"}, {}, clock));
  // Both RPW quarters, six services each.
  EXPECT_EQ(both->info().quote_count, 36u + 12u);
  EXPECT_EQ(both->info().corridor_count, 9u);
}

// Two RPW extracts of the same quarter load together: the same firm is one
// provider, and rows without RPW's id column are told apart by file.
TEST(DatasetTest, TwoRpwFilesShareTheirFirms) {
  const std::string csv = ReadFile("testdata/rpw_sample.csv");
  std::vector<DatasetError> errors;
  ParsedDataset a = Must(ParseDataset("a/rpw.csv", csv, {}, &errors));
  ParsedDataset b = Must(ParseDataset("b/extract.csv", csv, {}, &errors));
  absl::StatusOr<QuoteBook> book = BuildQuoteBook({a, b}, {}, &errors);
  ASSERT_TRUE(book.ok()) << DescribeErrors(errors);
  EXPECT_EQ(book->providers().size(), 6u);
  EXPECT_EQ(book->quotes().size(), 24u);
  // A native file still may not redefine an id.
  ParsedDataset native =
      Must(ParseDataset("n.textproto",
                        "providers { id: \"rpw-northwind-remit\" name: \"N\" "
                        "type: PROVIDER_TYPE_BANK }",
                        {}, &errors));
  EXPECT_FALSE(BuildQuoteBook({a, native}, {}, &errors).ok());
}

TEST(DatasetTest, LoadsTheSampleCorridors) {
  std::vector<DatasetError> errors;
  absl::StatusOr<ParsedDataset> file =
      ReadDatasetFile(kSampleCorridors, {}, &errors);
  ASSERT_TRUE(file.ok()) << DescribeErrors(errors);
  absl::StatusOr<QuoteBook> book = BuildQuoteBook({*file}, {}, &errors);
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ(book->quotes().size(), 36u);
  EXPECT_EQ(book->providers().size(), 17u);
  EXPECT_EQ(book->corridors().size(), 8u);
  EXPECT_EQ(book->references().size(), 7u);
  EXPECT_TRUE(errors.empty());
}

TEST(DatasetTest, TakingTheFilesLetsThemGoAndBuildsTheSameBook) {
  std::vector<DatasetError> errors;
  const ParsedDataset file =
      Must(ReadDatasetFile(kSampleCorridors, {}, &errors));
  const QuoteBook kept = Must(BuildQuoteBook({file}, {}, &errors));
  std::vector<ParsedDataset> files = {file};
  const std::vector<ParsedDataset>& lvalue = files;
  const QuoteBook read = Must(BuildQuoteBook(lvalue, {}, &errors));
  EXPECT_EQ(files.size(), 1u);  // Read, not taken.
  const QuoteBook taken = Must(BuildQuoteBook(std::move(files), {}, &errors));
  EXPECT_TRUE(files.empty());
  EXPECT_TRUE(errors.empty()) << DescribeErrors(errors);
  const v1::DatasetMetadata metadata;
  EXPECT_EQ(BookVersion(taken, metadata), BookVersion(kept, metadata));
  EXPECT_EQ(BookVersion(read, metadata), BookVersion(kept, metadata));

  // Errors found before the files are let go of are reported in full.
  v1::Dataset broken = file.dataset();
  broken.mutable_quotes(0)->set_provider_id("no-such-provider");
  std::vector<ParsedDataset> bad = {ParsedDataset("bad.textproto", broken)};
  EXPECT_FALSE(BuildQuoteBook(std::move(bad), {}, &errors).ok());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].file, "bad.textproto");
  EXPECT_NE(errors[0].message.find("no-such-provider"), std::string::npos)
      << errors[0].ToString();
}

// testdata/survey_periods.textproto: the figures worked out in its
// comments, period by period.
TEST(DatasetTest, RanksTheSurveyPeriodsFile) {
  FakeClock clock(Day(2024, 9, 1));
  std::shared_ptr<const Snapshot> snapshot =
      Must(Snapshot::Load({testing::kSurveyPeriods}, {}, clock));
  const QuoteBook& book = snapshot->book();
  EXPECT_EQ(book.quotes().size(), 9u);
  EXPECT_EQ(book.LatestPeriod(C("US", "MX"))->ToString(), "2024_2Q");
  EXPECT_EQ(book.LatestPeriod(C("GB", "NG"))->ToString(), "2024_1Q");
  auto ranked = [&](const char* from, const char* to, const char* amount,
                    const char* period) {
    RankRequest request(C(from, to), M(amount));
    if (period != nullptr) request.period = Must(Period::Parse(period));
    RankResult result = Must(Rank(book, request, clock));
    std::vector<std::string> offers;
    for (const Offer& o : result.offers) {
      offers.push_back(absl::StrCat(o.quote->quote->id, " ",
                                    o.cost.total_cost_percent.ToString(4)));
    }
    return offers;
  };
  EXPECT_EQ(ranked("US", "MX", "200 USD", nullptr),
            (std::vector<std::string>{"us-mx-alpha-2q 2.5000",
                                      "us-mx-gamma-2q 2.8571",
                                      "us-mx-beta-2q 4.0000"}));
  EXPECT_EQ(ranked("US", "MX", "200 USD", "2024_1Q"),
            (std::vector<std::string>{"us-mx-beta-1q 3.8571",
                                      "us-mx-alpha-1q 4.2143"}));
  EXPECT_EQ(ranked("GB", "NG", "155 GBP", nullptr),
            (std::vector<std::string>{"gb-ng-alpha-1q 3.0000",
                                      "gb-ng-beta-1q 3.5000"}));
  EXPECT_EQ(ranked("GB", "NG", "160 GBP", "2023_4Q"),
            (std::vector<std::string>{"gb-ng-alpha-4q 4.5000",
                                      "gb-ng-beta-4q 6.0000"}));
}

class SampleRankingTest : public ::testing::Test {
 protected:
  SampleRankingTest() : clock_(Day(2026, 11, 15)) {
    snapshot_ = Must(Snapshot::Load({kSampleCorridors}, {}, clock_));
  }
  RankResult Rank(const char* from, const char* to, const char* amount) {
    return Must(remit::Rank(snapshot_->book(),
                            RankRequest(C(from, to), M(amount)), clock_));
  }
  static std::vector<std::string> Ids(const RankResult& result) {
    std::vector<std::string> ids;
    for (const Offer& o : result.offers) ids.push_back(o.quote->quote->id);
    return ids;
  }

  FakeClock clock_;
  std::shared_ptr<const Snapshot> snapshot_;
};

// Golden figures, worked out by hand with exact fractions.
TEST_F(SampleRankingTest, UsaToMexicoAt200Dollars) {
  RankResult r = Rank("US", "MX", "200 USD");
  EXPECT_EQ(Ids(r), (std::vector<std::string>{
                        "us-mx-swiftsend-promo", "us-mx-northwind-app",
                        "us-mx-globe-cash", "us-mx-first-harbor-wire"}));
  const char* totals[] = {"-0.2747", "1.9840", "4.9675", "15.7967"};
  for (size_t i = 0; i < r.offers.size(); ++i) {
    EXPECT_EQ(r.offers[i].cost.total_cost_percent.ToString(4), totals[i]);
  }
  ASSERT_EQ(r.excluded.size(), 2u);
  EXPECT_EQ(r.excluded[0].quote->quote->id, "us-mx-corner-exchange");
  EXPECT_EQ(r.excluded[0].reason, ExclusionReason::kOpaque);
  EXPECT_EQ(r.excluded[1].quote->quote->id, "us-mx-postalink");
  EXPECT_EQ(r.excluded[1].reason, ExclusionReason::kStale);
  EXPECT_EQ(r.summary.average_total_cost_percent->ToString(4), "5.6184");
  EXPECT_EQ(r.summary.median_total_cost_percent->ToString(4), "3.4758");
  EXPECT_EQ(r.summary.smart_percent->ToString(4), "2.2256");
}

TEST_F(SampleRankingTest, KenyaToTanzaniaPaysOneOfferInDollars) {
  RankResult r = Rank("KE", "TZ", "20000 KES");
  EXPECT_EQ(Ids(r), (std::vector<std::string>{
                        "ke-tz-globe-cash", "ke-tz-m-wallet",
                        "ke-tz-regional-usd", "ke-tz-kilimanjaro-wire"}));
  const char* totals[] = {"4.5227", "4.5303", "4.6452", "8.7879"};
  for (size_t i = 0; i < r.offers.size(); ++i) {
    EXPECT_EQ(r.offers[i].cost.total_cost_percent.ToString(4), totals[i]);
  }
  EXPECT_EQ(r.offers[2].cost.amount_received->ToString(), "154.00 USD");
  EXPECT_EQ(r.offers[1].cost.fee.ToString(), "300.00 KES");  // Second band.
}

TEST_F(SampleRankingTest, GermanyToTurkeyUsesReferenceRates) {
  RankResult r = Rank("DE", "TR", "200 EUR");
  EXPECT_EQ(Ids(r), (std::vector<std::string>{
                        "de-tr-northwind-app", "de-tr-globe-cash",
                        "de-tr-postalink-cash", "de-tr-rheinbank-wire"}));
  const char* totals[] = {"2.3197", "3.8933", "4.5619", "7.4871"};
  for (size_t i = 0; i < r.offers.size(); ++i) {
    EXPECT_EQ(r.offers[i].cost.total_cost_percent.ToString(4), totals[i]);
    EXPECT_EQ(r.offers[i].cost.mid_source, MidSource::kReferenceAtOrBefore);
    EXPECT_EQ(*r.offers[i].cost.mid_market_rate, testing::R("48.50"));
  }
}

TEST_F(SampleRankingTest, FeeDeductedWithAMinimum) {
  RankResult r = Rank("AE", "IN", "1000 AED");
  const Offer* sahara = nullptr;
  for (const Offer& o : r.offers) {
    if (o.quote->quote->id == "ae-in-sahara-deducted") sahara = &o;
  }
  ASSERT_NE(sahara, nullptr);
  EXPECT_EQ(sahara->cost.fee.ToString(), "15.00 AED");
  EXPECT_EQ(sahara->cost.amount_converted.ToString(), "985.00 AED");
  EXPECT_EQ(sahara->cost.amount_received->ToString(), "23689.25 INR");
  EXPECT_EQ(sahara->cost.total_cost.ToString(), "17.04 AED");
}

TEST(DatasetTest, SameContentInEveryFormatHasOneVersion) {
  const std::string text = ReadFile(kSampleCorridors);
  ParsedDataset from_text = ParseOk("a.textproto", text);
  std::string json;
  ASSERT_TRUE(
      google::protobuf::util::MessageToJsonString(from_text.dataset(), &json)
          .ok());
  std::string binary;
  ASSERT_TRUE(from_text.dataset().SerializeToString(&binary));
  ParsedDataset from_json = ParseOk("a.json", json);
  ParsedDataset from_binary = ParseOk("a.binpb", binary);
  const std::string version = DatasetVersion({from_text});
  EXPECT_EQ(version.size(), 64u);
  EXPECT_EQ(DatasetVersion({from_json}), version);
  EXPECT_EQ(DatasetVersion({from_binary}), version);
  EXPECT_EQ(DatasetVersion({ParseOk("b.textproto", text)}), version);

  // Any change gives a new version.
  const std::string changed = absl::StrReplaceAll(
      text, {{"fixed_fee: \"4.99\"", "fixed_fee: \"4.98\""}});
  ASSERT_NE(changed, text);
  EXPECT_NE(DatasetVersion({ParseOk("a.textproto", changed)}), version);
  // So does the order of files.
  ParsedDataset rates = ParseOk(
      "r.textproto",
      "reference_rates { base_currency: \"USD\" quote_currency: \"MXN\" "
      "rate: \"18\" as_of: \"2026-01-01\" }");
  EXPECT_NE(DatasetVersion({from_text, rates}),
            DatasetVersion({rates, from_text}));
}

TEST(DatasetTest, FormatsByExtension) {
  EXPECT_EQ((*FormatOfPath("a/b.textproto"))->name, "textproto");
  EXPECT_EQ((*FormatOfPath("b.TXTPB"))->name, "textproto");
  EXPECT_EQ((*FormatOfPath("b.json"))->name, "json");
  EXPECT_EQ((*FormatOfPath("b.binpb"))->name, "binpb");
  EXPECT_EQ((*FormatOfPath("rpw.csv"))->name, "rpw-csv");
  EXPECT_EQ((*FormatOfPath("rpw.XLSX"))->name, "rpw-xlsx");
  EXPECT_EQ(FormatOfPath("data.xls").status().message(),
            "data.xls: unknown dataset format; use .textproto, .txtpb, "
            ".json, .binpb, .csv (RPW) or .xlsx (the RPW workbook)");
}

TEST(DatasetTest, MissingFileIsNotFound) {
  std::vector<DatasetError> errors;
  absl::StatusOr<ParsedDataset> file =
      ReadDatasetFile("testdata/no_such_file.textproto", {}, &errors);
  EXPECT_EQ(file.status().code(), absl::StatusCode::kNotFound);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].ToString(),
            "testdata/no_such_file.textproto: cannot open: No such file or "
            "directory");
}

// Files kept in memory, for the FileReader injected through
// DatasetOptions::files.
class MemoryFiles final : public FileReader {
 public:
  explicit MemoryFiles(std::map<std::string, std::string> files)
      : files_(std::move(files)) {}
  absl::StatusOr<std::string> Read(const std::string& path) const override {
    auto it = files_.find(path);
    if (it == files_.end()) {
      return absl::PermissionDeniedError("cannot open: not in memory");
    }
    return it->second;
  }

 private:
  std::map<std::string, std::string> files_;
};

TEST(DatasetTest, ReadsThroughTheInjectedFileReader) {
  const MemoryFiles files(
      {{"mem/a.textproto", "providers { id: \"p\" }"},
       {"mem/b.json", "{\"providers\": [{\"id\": \"q\"}]}"}});
  DatasetOptions options;
  options.files = &files;
  std::vector<DatasetError> errors;
  ParsedDataset a = Must(ReadDatasetFile("mem/a.textproto", options, &errors));
  ParsedDataset b = Must(ReadDatasetFile("mem/b.json", options, &errors));
  EXPECT_EQ(a.dataset().providers(0).id(), "p");
  EXPECT_EQ(b.dataset().providers(0).id(), "q");
  EXPECT_TRUE(errors.empty());
  // The reader's own error, with the path in front; the code is kept.
  absl::StatusOr<ParsedDataset> missing =
      ReadDatasetFile("mem/c.binpb", options, &errors);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(missing.status().message(),
            "mem/c.binpb: cannot open: not in memory");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].ToString(), "mem/c.binpb: cannot open: not in memory");
}

TEST(DatasetTest, EveryFormatInTheTableParsesByItsExtension) {
  for (const DatasetFormat& format : DatasetFormats()) {
    ASSERT_FALSE(format.extensions.empty()) << format.name;
    ASSERT_NE(format.parse, nullptr) << format.name;
    for (absl::string_view extension : format.extensions) {
      const std::string path = absl::StrCat("dir/File", extension);
      EXPECT_EQ(*FormatOfPath(path), &format) << path;
      EXPECT_EQ(*FormatOfPath(absl::AsciiStrToUpper(path)), &format) << path;
    }
  }
  std::vector<DatasetError> errors;
  EXPECT_EQ(ParseDataset("notes.txt", "", {}, &errors).status().code(),
            absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].file, "notes.txt");
}

// A small valid dataset; each bad case below replaces one piece of it.
// clang-format off
constexpr char kValid[] = R"data(metadata { name: "t" as_of: "2026-11-01" }
providers { id: "p1" name: "P One" type: PROVIDER_TYPE_BANK }
providers { id: "p2" name: "P Two" type: PROVIDER_TYPE_OTHER }
reference_rates {
  base_currency: "USD"
  quote_currency: "MXN"
  rate: "18.2"
  as_of: "2026-11-01"
}
quotes {
  id: "q1"
  provider_id: "p1"
  corridor { send_country: "US" receive_country: "MX" }
  payment_instrument: PAYMENT_INSTRUMENT_CASH
  access_point: ACCESS_POINT_BRANCH_OR_AGENT
  receive_method: RECEIVE_METHOD_CASH_PICKUP
  speed: SPEED_SAME_DAY
  quoted_at: "2026-11-02"
  min_send_amount: "10"
  max_send_amount: "1000"
  fees {
    bands { fixed_fee: "4.99" }
    bands { from_amount: "500" fixed_fee: "2.00" percent_fee: "0.5" min_fee: "1" max_fee: "9" }
  }
  rate: "17.9"
  mid_market_rate: "18.2"
  rate_currency: "MXN"
}
quotes {
  id: "q2"
  provider_id: "p2"
  corridor { send_country: "US" receive_country: "MX" }
  payment_instrument: PAYMENT_INSTRUMENT_CASH
  access_point: ACCESS_POINT_BRANCH_OR_AGENT
  receive_method: RECEIVE_METHOD_CASH_PICKUP
  speed: SPEED_SAME_DAY
  quoted_at: "2026-11-02T10:30:00Z"
  survey_points { send_amount: "200" fee: "5" rate: "17.8" }
  survey_points { send_amount: "500" fee: "8" rate: "17.9" published_margin_percent: "1.6" }
  mid_market_rate: "18.2"
}
)data";
// clang-format on

TEST(DatasetTest, TheValidBaseIsValid) {
  std::vector<DatasetError> errors;
  ParsedDataset file = ParseOk("t.textproto", kValid);
  EXPECT_TRUE(BuildQuoteBook({file}, {}, &errors).ok())
      << DescribeErrors(errors);
}

TEST(DatasetTest, ReadsTheSurveyPeriod) {
  const std::string text = absl::StrReplaceAll(
      kValid, {{"quoted_at: \"2026-11-02T10:30:00Z\"",
                "quoted_at: \"2026-11-02T10:30:00Z\"\n  period: \"2024_2Q\""}});
  std::vector<DatasetError> errors;
  absl::StatusOr<QuoteBook> book =
      BuildQuoteBook({ParseOk("t.textproto", text)}, {}, &errors);
  ASSERT_TRUE(book.ok()) << DescribeErrors(errors);
  ASSERT_EQ(book->quotes().size(), 2u);
  EXPECT_FALSE(book->quotes()[0].period.has_value());
  ASSERT_TRUE(book->quotes()[1].period.has_value());
  EXPECT_EQ(book->quotes()[1].period->ToString(), "2024_2Q");
}

// Illustrative data is judged at its own as-of date: each quote carries
// it, and the file it came from.
TEST(DatasetTest, IllustrativeDataIsJudgedAtItsOwnDate) {
  const std::string illustrative = absl::StrReplaceAll(
      kValid, {{"metadata { name: \"t\" as_of: \"2026-11-01\" }",
                "metadata { name: \"t\" as_of: \"2026-11-01\" "
                "illustrative: true }"}});
  std::vector<DatasetError> errors;
  absl::StatusOr<QuoteBook> book = BuildQuoteBook(
      {ParseOk("a.textproto", kValid),
       ParseOk("b.textproto",
               absl::StrReplaceAll(
                   illustrative,
                   {{"\"q", "\"b-q"},
                    {"quote_currency: \"MXN\"", "quote_currency: \"PHP\""},
                    {"id: \"p", "id: \"b-p"},
                    {"provider_id: \"p", "provider_id: \"b-p"}}))},
      {}, &errors);
  ASSERT_TRUE(book.ok()) << DescribeErrors(errors);
  ASSERT_EQ(book->quotes().size(), 4u);
  EXPECT_FALSE(book->quotes()[0].judged_at.has_value());
  EXPECT_EQ(book->quotes()[0].dataset_index, 0);
  EXPECT_EQ(book->quotes()[2].judged_at, Day(2026, 11, 1));
  EXPECT_EQ(book->quotes()[2].dataset_index, 1);

  // It needs its date.
  errors.clear();
  const std::string undated = absl::StrReplaceAll(
      kValid, {{"metadata { name: \"t\" as_of: \"2026-11-01\" }",
                "metadata { name: \"t\" illustrative: true }"}});
  EXPECT_FALSE(
      BuildQuoteBook({ParseOk("u.textproto", undated)}, {}, &errors).ok());
  ASSERT_EQ(errors.size(), 1u) << DescribeErrors(errors);
  EXPECT_EQ(errors[0].ToString(),
            "u.textproto:1:1: metadata.as_of: is required for illustrative "
            "data (the date its prices are judged at)");
}

struct BadCase {
  const char* replace;  // In kValid...
  const char* with;     // ...by this; the error is where `with` starts.
  const char* field;
  const char* message;
};

// Each one breaks one rule; the error must name the field, the value and
// the place (line and column of the bad field in the text).
const BadCase kBadCases[] = {
    {"fixed_fee: \"4.99\"", "fixed_fee: \"-3.00\"",
     "quotes[0].fees.bands[0].fixed_fee", "'-3.00' must not be negative"},
    {"fixed_fee: \"4.99\"", "fixed_fee: \"4.999\"",
     "quotes[0].fees.bands[0].fixed_fee",
     "'4.999': amount has more than 2 fractional digits, the most USD "
     "allows"},
    {"fixed_fee: \"4.99\"", "fixed_fee: \"1e3\"",
     "quotes[0].fees.bands[0].fixed_fee",
     "'1e3': amount is not a decimal number (no exponent allowed)"},
    {"percent_fee: \"0.5\"", "percent_fee: \"101\"",
     "quotes[0].fees.bands[1].percent_fee", "'101' must be from 0 to 100"},
    {"from_amount: \"500\"", "from_amount: \"0\"",
     "quotes[0].fees.bands[1].from_amount",
     "'0' must be above the previous band's from_amount: bands are sorted "
     "and do not overlap"},
    {"min_fee: \"1\"", "min_fee: \"10\"", "quotes[0].fees.bands[1].min_fee",
     "'10' is above max_fee '9'"},
    {"rate: \"17.9\"\n  mid", "rate: \"0\"\n  mid", "quotes[0].rate",
     "'0': rate must be greater than zero"},
    {"rate: \"17.9\"\n  mid", "rate: \"-17.9\"\n  mid", "quotes[0].rate",
     "'-17.9': rate must not be negative"},
    {"mid_market_rate: \"18.2\"\n  rate_currency",
     "mid_market_rate: \"abc\"\n  rate_currency", "quotes[0].mid_market_rate",
     "'abc': rate is not a decimal number (unexpected character 'a')"},
    {"rate_currency: \"MXN\"", "rate_currency: \"MXX\"",
     "quotes[0].rate_currency", "'MXX' is not an ISO 4217 currency code"},
    {"rate_currency: \"MXN\"", "rate_currency: \"USD\"",
     "quotes[0].rate_currency",
     "'USD' is the send currency; a rate is in the payout currency"},
    {"send_country: \"US\" receive_country: \"MX\" }\n  payment_instrument: "
     "PAYMENT_INSTRUMENT_CASH\n  access_point: ACCESS_POINT_BRANCH_OR_AGENT\n  "
     "receive_method: RECEIVE_METHOD_CASH_PICKUP\n  speed: SPEED_SAME_DAY\n  "
     "quoted_at: \"2026-11-02\"",
     "send_country: \"XX\" receive_country: \"MX\" }\n  payment_instrument: "
     "PAYMENT_INSTRUMENT_CASH\n  access_point: ACCESS_POINT_BRANCH_OR_AGENT\n  "
     "receive_method: RECEIVE_METHOD_CASH_PICKUP\n  speed: SPEED_SAME_DAY\n  "
     "quoted_at: \"2026-11-02\"",
     "quotes[0].corridor.send_country",
     "'XX' is not an ISO 3166-1 country code"},
    {"receive_country: \"MX\" }\n  payment_instrument: "
     "PAYMENT_INSTRUMENT_CASH\n  access_point: ACCESS_POINT_BRANCH_OR_AGENT\n  "
     "receive_method: RECEIVE_METHOD_CASH_PICKUP\n  speed: SPEED_SAME_DAY\n  "
     "quoted_at: \"2026-11-02\"\n  min",
     "receive_country: \"US\" }\n  payment_instrument: "
     "PAYMENT_INSTRUMENT_CASH\n  access_point: ACCESS_POINT_BRANCH_OR_AGENT\n  "
     "receive_method: RECEIVE_METHOD_CASH_PICKUP\n  speed: SPEED_SAME_DAY\n  "
     "quoted_at: \"2026-11-02\"\n  min",
     "quotes[0].corridor.receive_country",
     "'USA' is also the sending country; a corridor joins two countries"},
    {"quoted_at: \"2026-11-02\"\n  min", "quoted_at: \"2026-02-30\"\n  min",
     "quotes[0].quoted_at", "'2026-02-30' is not a real date"},
    {"quoted_at: \"2026-11-02\"\n  min", "quoted_at: \"yesterday\"\n  min",
     "quotes[0].quoted_at",
     "'yesterday' is not a date (YYYY-MM-DD) or RFC 3339 time"},
    {"quoted_at: \"2026-11-02T10:30:00Z\"",
     "quoted_at: \"2026-11-02T25:30:00Z\"", "quotes[1].quoted_at",
     "'2026-11-02T25:30:00Z' is not a date (YYYY-MM-DD) or RFC 3339 time"},
    {"quoted_at: \"2026-11-02T10:30:00Z\"",
     "quoted_at: \"2026-11-02T10:30:00Z\"\n  period: \"2024_5Q\"",
     "quotes[1].period",
     "'2024_5Q' is not a survey period (YYYY_nQ, e.g. 2024_2Q): the quarter "
     "must be 1 to 4"},
    {"quoted_at: \"2026-11-02\"\n  min",
     "quoted_at: \"2026-11-02\"\n  period: \"24_1Q\"\n  min",
     "quotes[0].period",
     "'24_1Q' is not a survey period (YYYY_nQ, e.g. 2024_2Q)"},
    {"min_send_amount: \"10\"", "min_send_amount: \"5000\"",
     "quotes[0].min_send_amount", "'5000' is above max_send_amount '1000'"},
    {"id: \"q2\"", "id: \"q1\"", "quotes[1].id",
     "'q1' is already defined at t.textproto:"},
    {"id: \"q2\"", "id: \"q 2!\"", "quotes[1].id",
     "'q 2!' must be 1 to 64 of a-z, A-Z, 0-9, '-', '_', '.'"},
    {"provider_id: \"p2\"", "provider_id: \"p9\"", "quotes[1].provider_id",
     "'p9' is not a provider in the loaded files"},
    {"id: \"p2\"", "id: \"p1\"", "providers[1].id",
     "'p1' is already defined at t.textproto:"},
    {"name: \"P Two\"", "name: \"\"", "providers[1].name", "is required"},
    {"type: PROVIDER_TYPE_OTHER", "type: PROVIDER_TYPE_UNSPECIFIED",
     "providers[1].type", "is required (PROVIDER_TYPE_BANK, ...)"},
    {"speed: SPEED_SAME_DAY\n  quoted_at: \"2026-11-02T",
     "speed: SPEED_UNSPECIFIED\n  quoted_at: \"2026-11-02T", "quotes[1].speed",
     "is required (SPEED_SAME_DAY, ...)"},
    {"send_amount: \"500\"", "send_amount: \"100\"",
     "quotes[1].survey_points[1].send_amount",
     "'100' must be above the previous point's send_amount"},
    {"send_amount: \"200\"", "send_amount: \"0\"",
     "quotes[1].survey_points[0].send_amount", "must be positive"},
    {"published_margin_percent: \"1.6\"", "published_margin_percent: \"150\"",
     "quotes[1].survey_points[1].published_margin_percent",
     "'150' must be above -100 and below 100"},
    {"published_margin_percent: \"1.6\"",
     "published_margin_percent: \"1.6\" published_total_cost_percent: "
     "\"100001\"",
     "quotes[1].survey_points[1].published_total_cost_percent",
     "'100001' must be between -1000 and 100000"},
    {"metadata { name: \"t\" as_of: \"2026-11-01\" }",
     "metadata { name: \"t\" as_of: \"2026-11-01\" }\ncountries { code: "
     "\"XY\" region: \"Nowhere\" }",
     "countries[0].code", "'XY' is not an ISO 3166-1 country code"},
    {"survey_points { send_amount: \"200\"",
     "rate: \"17\"\n  survey_points { send_amount: \"200\"", "quotes[1].rate",
     "give only one of rate, margin_over_mid_percent and survey_points"},
    // A survey fee keeps 11 digits below the minor unit: 13 for USD.
    {"fee: \"5\"", "fee: \"5.00000000000001\"",
     "quotes[1].survey_points[0].fee",
     "'5.00000000000001': fee has more than 13 fractional digits, the most "
     "a survey fee in USD keeps (11 below its minor unit)"},
    {"fee: \"5\"", "fee: \"-0.000001\"", "quotes[1].survey_points[0].fee",
     "'-0.000001' must not be negative"},
    {"fee: \"5\"", "fee: \"5.0.0\"", "quotes[1].survey_points[0].fee",
     "'5.0.0': fee is not a decimal number (unexpected character '.')"},
    // 10^10 cents: past what 10^-11 of a cent can count to in int64.
    {"fee: \"5\"", "fee: \"100000000.001\"", "quotes[1].survey_points[0].fee",
     "'100000000.001': fee has digits below the minor unit of USD and is too "
     "large to keep them (92233720 minor units at most); round it to 2 "
     "decimals"},
    {"fee: \"5\"", "fee: \"100000000000000000000\"",
     "quotes[1].survey_points[0].fee",
     "'100000000000000000000': fee is too large"},
    {"quote_currency: \"MXN\"", "quote_currency: \"USD\"",
     "reference_rates[0].quote_currency", "'USD' is also the base currency"},
    {"rate: \"18.2\"\n  as_of", "rate: \"\"\n  as_of",
     "reference_rates[0].rate", "is required"},
    {"as_of: \"2026-11-01\"\n}", "as_of: \"2026-13-01\"\n}",
     "reference_rates[0].as_of", "'2026-13-01' is not a real date"},
    {"metadata { name: \"t\" as_of: \"2026-11-01\" }",
     "metadata { name: \"t\" as_of: \"2026-11-31\" }", "metadata.as_of",
     "'2026-11-31' is not a real date"},
};

// 1-based line of byte `offset` in `text`.
int LineAt(absl::string_view text, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i)
    line += text[i] == '\n';
  return line;
}

// Rates that cannot be true, and decimals that could be read two ways. Each
// names the field, the value, the mid-market rate and the margin, and what
// the mistake looks like.
const BadCase kImplausibleCases[] = {
    // q1: rate 17.9 against its own mid_market_rate 18.2 (USD -> MXN).
    {"rate: \"17.9\"\n  mid", "rate: \"0.0549\"\n  mid", "quotes[0].rate",
     "'0.0549' implies an FX margin of 99.70 % against the quote's "
     "mid_market_rate 18.2; plausible margins are -20 % to 50 %; looks "
     "inverted: 1/0.0549 = 18.214936 (margin -0.08 %); if it is real, set "
     "rate_outlier_confirmed: true"},
    {"rate: \"17.9\"\n  mid", "rate: \"1.79\"\n  mid", "quotes[0].rate",
     "'1.79' implies an FX margin of 90.16 % against the quote's "
     "mid_market_rate 18.2; plausible margins are -20 % to 50 %; looks off by "
     "a factor of 10 (too low); if it is real, set rate_outlier_confirmed: "
     "true"},
    {"rate: \"17.9\"\n  mid", "rate: \"179\"\n  mid", "quotes[0].rate",
     "'179' implies an FX margin of -883.52 % against the quote's "
     "mid_market_rate 18.2; plausible margins are -20 % to 50 %; looks off by "
     "a factor of 10 (too high); if it is real, set rate_outlier_confirmed: "
     "true"},
    {"rate: \"17.9\"\n  mid", "rate: \"0.179\"\n  mid", "quotes[0].rate",
     "'0.179' implies an FX margin of 99.02 % against the quote's "
     "mid_market_rate 18.2; plausible margins are -20 % to 50 %; looks off by "
     "a factor of 100 (too low)"},
    {"rate: \"17.9\"\n  mid", "rate: \"1790\"\n  mid", "quotes[0].rate",
     "'1790' implies an FX margin of -9735.16 % against the quote's "
     "mid_market_rate 18.2; plausible margins are -20 % to 50 %; looks off by "
     "a factor of 100 (too high)"},
    {"rate: \"17.9\"\n  mid", "rate: \"17900\"\n  mid", "quotes[0].rate",
     "'17900' implies an FX margin of -98251.65 % against the quote's "
     "mid_market_rate 18.2; plausible margins are -20 % to 50 %; looks off by "
     "a factor of 1000 (too high)"},
    // Far outside the band, neither inverted nor a power of ten.
    {"rate: \"17.9\"\n  mid", "rate: \"5\"\n  mid", "quotes[0].rate",
     "'5' implies an FX margin of 72.53 % against the quote's "
     "mid_market_rate 18.2; plausible margins are -20 % to 50 %; if it is "
     "real, set rate_outlier_confirmed: true"},
    {"rate: \"17.9\"\n  mid", "rate: \"25\"\n  mid", "quotes[0].rate",
     "'25' implies an FX margin of -37.36 % against the quote's "
     "mid_market_rate 18.2; plausible margins are -20 % to 50 %; if it is "
     "real, set rate_outlier_confirmed: true"},
    // The mid-market rate from the reference rates, when the quote has none.
    {"rate: \"17.9\"\n  mid_market_rate: \"18.2\"\n  rate_currency",
     "rate: \"0.055\"\n  rate_currency", "quotes[0].rate",
     "'0.055' implies an FX margin of 99.70 % against the mid-market rate "
     "18.2 (reference rate USD->MXN of 2026-11-01); plausible margins are "
     "-20 % to 50 %; looks inverted: 1/0.055 = 18.181818 (margin 0.10 %)"},
    // A mid-market rate off by ten makes every rate look wrong.
    {"rate: \"17.9\"\n  mid_market_rate: \"18.2\"",
     "rate: \"17.9\"\n  mid_market_rate: \"182\"", "quotes[0].rate",
     "'17.9' implies an FX margin of 90.16 % against the quote's "
     "mid_market_rate 182; plausible margins are -20 % to 50 %"},
    // Margins given as such.
    {"rate: \"17.9\"\n  mid", "margin_over_mid_percent: \"60\"\n  mid",
     "quotes[0].margin_over_mid_percent",
     "'60' is outside the plausible band: plausible margins are -20 % to "
     "50 %; if it is real, set rate_outlier_confirmed: true"},
    {"rate: \"17.9\"\n  mid", "margin_over_mid_percent: \"-25\"\n  mid",
     "quotes[0].margin_over_mid_percent",
     "'-25' is outside the plausible band: plausible margins are -20 % to "
     "50 %"},
    // q2's survey points, against its mid_market_rate 18.2.
    {"rate: \"17.8\"", "rate: \"0.0562\"", "quotes[1].survey_points[0].rate",
     "'0.0562' implies an FX margin of 99.69 % against the quote's "
     "mid_market_rate 18.2; plausible margins are -20 % to 50 %; looks "
     "inverted: 1/0.0562 = 17.793594 (margin 2.23 %)"},
    {"rate: \"17.9\" published", "rate: \"1.79\" published",
     "quotes[1].survey_points[1].rate",
     "'1.79' implies an FX margin of 90.16 % against the quote's "
     "mid_market_rate 18.2; plausible margins are -20 % to 50 %; looks off by "
     "a factor of 10 (too low)"},
    {"published_margin_percent: \"1.6\"", "published_margin_percent: \"75\"",
     "quotes[1].survey_points[1].published_margin_percent",
     "'75' is outside the plausible band: plausible margins are -20 % to "
     "50 %"},
    {"published_margin_percent: \"1.6\"", "published_margin_percent: \"-30\"",
     "quotes[1].survey_points[1].published_margin_percent",
     "'-30' is outside the plausible band"},
    // Decimal commas and thousands separators: "6,500" could be 6500 or
    // 6.5. Data files take plain decimals only.
    {"fixed_fee: \"4.99\"", "fixed_fee: \"4,99\"",
     "quotes[0].fees.bands[0].fixed_fee",
     "'4,99': amount is not a decimal number (',' is not accepted: a plain "
     "decimal has no thousands separator and '.' as its decimal point)"},
    {"fixed_fee: \"4.99\"", "fixed_fee: \"1,500\"",
     "quotes[0].fees.bands[0].fixed_fee",
     "'1,500': amount is not a decimal number (',' is not accepted"},
    {"rate: \"17.9\"\n  mid", "rate: \"6,500\"\n  mid", "quotes[0].rate",
     "'6,500': rate is not a decimal number (',' is not accepted: a plain "
     "decimal has no thousands separator and '.' as its decimal point)"},
    {"rate: \"17.9\"\n  mid", "rate: \"17,9\"\n  mid", "quotes[0].rate",
     "'17,9': rate is not a decimal number (',' is not accepted"},
    {"mid_market_rate: \"18.2\"\n  rate_currency",
     "mid_market_rate: \"18,2\"\n  rate_currency", "quotes[0].mid_market_rate",
     "'18,2': rate is not a decimal number (',' is not accepted"},
    {"max_send_amount: \"1000\"", "max_send_amount: \"1,000\"",
     "quotes[0].max_send_amount",
     "'1,000': amount is not a decimal number (',' is not accepted"},
    {"from_amount: \"500\"", "from_amount: \"1,500\"",
     "quotes[0].fees.bands[1].from_amount",
     "'1,500': amount is not a decimal number (',' is not accepted"},
    {"percent_fee: \"0.5\"", "percent_fee: \"0,5\"",
     "quotes[0].fees.bands[1].percent_fee",
     "'0,5': percentage is not a decimal number (',' is not accepted"},
    {"fee: \"5\"", "fee: \"6,500\"", "quotes[1].survey_points[0].fee",
     "'6,500': fee is not a decimal number (',' is not accepted"},
    {"send_amount: \"200\"", "send_amount: \"1,200\"",
     "quotes[1].survey_points[0].send_amount",
     "'1,200': amount is not a decimal number (',' is not accepted"},
    {"rate: \"18.2\"\n  as_of", "rate: \"18,2\"\n  as_of",
     "reference_rates[0].rate",
     "'18,2': rate is not a decimal number (',' is not accepted"},
};

// Replaces c.replace by c.with in kValid and checks the first error: file,
// field, message and the bad field's line and column.
void ExpectNamedWhereItIs(const BadCase& c) {
  const std::string text = absl::StrReplaceAll(kValid, {{c.replace, c.with}});
  ASSERT_NE(text, kValid) << "case does not apply: " << c.replace;
  std::vector<DatasetError> errors;
  ParsedDataset file = ParseOk("t.textproto", text);
  absl::StatusOr<QuoteBook> book = BuildQuoteBook({file}, {}, &errors);
  EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument)
      << c.field;
  ASSERT_FALSE(errors.empty()) << c.field;
  const DatasetError& e = errors.front();
  EXPECT_EQ(e.file, "t.textproto");
  EXPECT_EQ(e.field, c.field);
  EXPECT_TRUE(absl::StartsWith(e.message, c.message))
      << c.field << ": " << e.message;
  const absl::string_view with(c.with);
  const absl::string_view name = absl::string_view(c.field).substr(
      absl::string_view(c.field).rfind('.') + 1);
  size_t offset = absl::string_view(kValid).find(c.replace);
  const size_t name_at = with.find(absl::StrCat(name, ":"));
  if (name_at != absl::string_view::npos) offset += name_at;
  EXPECT_EQ(e.line, LineAt(text, offset)) << c.field << ": " << e.ToString();
  EXPECT_GT(e.column, 0) << e.ToString();
}

TEST(DatasetValidationTest, ImplausibleDataIsNamedWhereItIs) {
  for (const BadCase& c : kImplausibleCases) {
    SCOPED_TRACE(c.with);
    ExpectNamedWhereItIs(c);
  }
  EXPECT_GE(std::size(kImplausibleCases), 20u);
}

// A real outlier loads when the quote says so; the same value without the
// confirmation does not (kImplausibleCases).
TEST(DatasetValidationTest, AConfirmedOutlierLoads) {
  for (const char* rate : {"5", "25", "0.0549"}) {
    const std::string text = absl::StrReplaceAll(
        kValid, {{"rate: \"17.9\"\n  mid",
                  absl::StrCat("rate_outlier_confirmed: true\n  rate: \"", rate,
                               "\"\n  mid")}});
    std::vector<DatasetError> errors;
    EXPECT_TRUE(
        BuildQuoteBook({ParseOk("t.textproto", text)}, {}, &errors).ok())
        << DescribeErrors(errors);
  }
}

// The same checks in JSON, which has no lines: the file and field name the
// place.
TEST(DatasetValidationTest, ImplausibleRateInJsonNamesFileAndField) {
  std::vector<DatasetError> errors;
  ParsedDataset json = ParseOk(
      "d.json",
      R"({"providers": [{"id": "p", "name": "P", "type": "PROVIDER_TYPE_BANK"}],
          "referenceRates": [{"baseCurrency": "EUR", "quoteCurrency": "XOF",
                              "rate": "655.957", "asOf": "2026-10-01"}],
          "quotes": [{"id": "q", "providerId": "p",
                      "corridor": {"sendCountry": "FR", "receiveCountry": "SN"},
                      "paymentInstrument": "PAYMENT_INSTRUMENT_CASH",
                      "accessPoint": "ACCESS_POINT_INTERNET",
                      "receiveMethod": "RECEIVE_METHOD_CASH_PICKUP",
                      "speed": "SPEED_SAME_DAY", "quotedAt": "2026-11-02",
                      "fees": {"bands": [{"fixedFee": "2"}]},
                      "rate": "0.001524"}]})");
  EXPECT_FALSE(BuildQuoteBook({json}, {}, &errors).ok());
  ASSERT_EQ(errors.size(), 1u) << DescribeErrors(errors);
  EXPECT_EQ(errors[0].ToString(),
            "d.json: quotes[0].rate: '0.001524' implies an FX margin of "
            "100.00 % against the mid-market rate 655.957 (reference rate "
            "EUR->XOF of 2026-10-01); plausible margins are -20 % to 50 %; "
            "looks inverted: 1/0.001524 = 656.167979 (margin -0.03 %); if it "
            "is real, set rate_outlier_confirmed: true");
}

// A native quote without rate_currency is in the corridor's receive
// currency: its mid-market rate comes from the reference rates, and the
// amount received is stated.
TEST(DatasetValidationTest, RateCurrencyDefaultsToTheReceiveCurrency) {
  const std::string text = absl::StrReplaceAll(
      kValid, {{"mid_market_rate: \"18.2\"\n  rate_currency: \"MXN\"\n", ""}});
  ASSERT_NE(text, kValid);
  std::vector<DatasetError> errors;
  QuoteBook book =
      Must(BuildQuoteBook({ParseOk("t.textproto", text)}, {}, &errors));
  const PreparedQuote& q1 = book.QuotesIn(C("US", "MX"))[0];
  ASSERT_EQ(q1.quote->id, "q1");
  ASSERT_TRUE(q1.quote->rate_currency.has_value());
  EXPECT_EQ(q1.quote->rate_currency->code(), "MXN");
  EXPECT_TRUE(q1.priceable);
  EXPECT_EQ(q1.mid_source, MidSource::kReferenceAtOrBefore);
  CostBreakdown cost = Must(PriceSend(q1, 20000));
  ASSERT_TRUE(cost.amount_received.has_value());
  EXPECT_EQ(cost.amount_received->ToString(), "3580.00 MXN");
}

// Sending and receiving one currency (Ecuador pays US dollars), the rate's
// currency cannot be assumed: without it, or the quote's own mid rate, the
// quote is an error rather than silently unrankable.
TEST(DatasetValidationTest, RateCurrencyIsRequiredWhenItCannotBeAssumed) {
  const std::string text = absl::StrReplaceAll(
      kValid, {{"receive_country: \"MX\" }\n  payment_instrument: "
                "PAYMENT_INSTRUMENT_CASH\n  access_point: "
                "ACCESS_POINT_BRANCH_OR_AGENT\n  receive_method: "
                "RECEIVE_METHOD_CASH_PICKUP\n  speed: SPEED_SAME_DAY\n  "
                "quoted_at: \"2026-11-02\"\n",
                "receive_country: \"EC\" }\n  payment_instrument: "
                "PAYMENT_INSTRUMENT_CASH\n  access_point: "
                "ACCESS_POINT_BRANCH_OR_AGENT\n  receive_method: "
                "RECEIVE_METHOD_CASH_PICKUP\n  speed: SPEED_SAME_DAY\n  "
                "quoted_at: \"2026-11-02\"\n"},
               {"rate: \"17.9\"\n  mid_market_rate: \"18.2\"\n  "
                "rate_currency: \"MXN\"\n",
                "rate: \"1\"\n"}});
  std::vector<DatasetError> errors;
  EXPECT_FALSE(
      BuildQuoteBook({ParseOk("t.textproto", text)}, {}, &errors).ok());
  ASSERT_EQ(errors.size(), 1u) << DescribeErrors(errors);
  EXPECT_EQ(errors[0].field, "quotes[0].rate_currency");
  EXPECT_GT(errors[0].line, 0);
  EXPECT_EQ(errors[0].message,
            "is required: the corridor sends and receives USD, so the "
            "currency the rate is in (what the recipient is paid in) must be "
            "named, or the quote's mid_market_rate given");
}

TEST(DatasetValidationTest, EachBadValueIsNamedWhereItIs) {
  for (const BadCase& c : kBadCases) {
    const std::string text = absl::StrReplaceAll(kValid, {{c.replace, c.with}});
    ASSERT_NE(text, kValid) << "case does not apply: " << c.replace;
    std::vector<DatasetError> errors;
    ParsedDataset file = ParseOk("t.textproto", text);
    absl::StatusOr<QuoteBook> book = BuildQuoteBook({file}, {}, &errors);
    EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument)
        << c.field;
    ASSERT_FALSE(errors.empty()) << c.field;
    const DatasetError& e = errors.front();
    EXPECT_EQ(e.file, "t.textproto");
    EXPECT_EQ(e.field, c.field);
    EXPECT_TRUE(absl::StartsWith(e.message, c.message))
        << c.field << ": " << e.message;
    // The place is the bad field's line: where the replacement went in,
    // at the field's name within it.
    const absl::string_view with(c.with);
    const absl::string_view name = absl::string_view(c.field).substr(
        absl::string_view(c.field).rfind('.') + 1);
    size_t offset = absl::string_view(kValid).find(c.replace);
    const size_t name_at = with.find(absl::StrCat(name, ":"));
    if (name_at != absl::string_view::npos) offset += name_at;
    EXPECT_EQ(e.line, LineAt(text, offset)) << c.field << ": " << e.ToString();
    EXPECT_GT(e.column, 0) << e.ToString();
  }
  EXPECT_GE(std::size(kBadCases), 30u);
}

// kValid's survey quote (q2) after replacing its first fee by `fee`.
std::vector<SurveyPoint> SurveyPointsWithFee(absl::string_view fee) {
  const std::string text = absl::StrReplaceAll(
      kValid, {{"fee: \"5\"", absl::StrCat("fee: \"", fee, "\"")}});
  std::vector<DatasetError> errors;
  absl::StatusOr<QuoteBook> book =
      BuildQuoteBook({ParseOk("t.textproto", text)}, {}, &errors);
  EXPECT_TRUE(book.ok()) << DescribeErrors(errors);
  if (!book.ok()) return {};
  return book->quotes()[1].survey_points;
}

TEST(DatasetValidationTest, SurveyFeesKeepElevenDigitsBelowTheMinorUnit) {
  constexpr int64_t kScale = 100'000'000'000;
  struct Case {
    const char* fee;
    absl::int128 fee11;  // Cents x 10^11, exact.
    int64_t paid;        // Cents, rounded half-even.
  };
  const Case cases[] = {
      {"5", absl::int128(500) * kScale, 500},
      {"5.0000000000001", absl::int128(500) * kScale + 1, 500},  // 13 places
      {"0.005", kScale / 2, 0},  // Half a cent: to the even 0.
      {"0.015", 3 * kScale / 2, 2},
      {"4.9950000000000", absl::int128(499) * kScale + kScale / 2, 500},
      {"1234.5678", absl::int128(123456) * kScale + 78 * kScale / 100, 123457},
      // The largest fee kept to 13 places, and a larger whole one.
      {"922337.2036854775807", std::numeric_limits<int64_t>::max(), 92'233'720},
      {"100000000", absl::int128(10'000'000'000) * kScale, 10'000'000'000},
  };
  for (const Case& c : cases) {
    std::vector<SurveyPoint> points = SurveyPointsWithFee(c.fee);
    ASSERT_EQ(points.size(), 2u) << c.fee;
    EXPECT_EQ(points[0].fee11(), c.fee11) << c.fee;
    EXPECT_EQ(points[0].fee_minor, c.paid) << c.fee;
    EXPECT_EQ(points[1].fee11(), absl::int128(800) * kScale);  // "8"
  }
}

// A real RPW row (2024_2Q, BPR Bank Rwanda, RWA->KEN, cash; World Bank,
// CC BY 4.0): a fee of 46172.7 RWF, where RWF has no minor unit. RPW's
// total cost % is 46172.7 / 150000 x 100 + 14.86 = 45.6418.
TEST(DatasetTest, RpwFeeBelowTheMinorUnitIsKeptExact) {
  // clang-format off
  constexpr char kRow[] = R"data(
providers { id: "bpr" name: "BPR Bank Rwanda PLC" type: PROVIDER_TYPE_BANK }
quotes {
  id: "bpr-cash"
  provider_id: "bpr"
  corridor { send_country: "RWA" receive_country: "KEN" }
  payment_instrument: PAYMENT_INSTRUMENT_CASH
  access_point: ACCESS_POINT_BRANCH_OR_AGENT
  receive_method: RECEIVE_METHOD_CASH_PICKUP
  speed: SPEED_LESS_THAN_ONE_HOUR
  quoted_at: "2024-05-29"
  survey_points { send_amount: "150000" fee: "46172.7" rate: "0.087" published_margin_percent: "14.86" }
  survey_points { send_amount: "375000" fee: "46172.7" rate: "0.087" published_margin_percent: "14.86" }
  mid_market_rate: "0.1022"
  rate_currency: "KES"
}
)data";
  // clang-format on
  std::vector<DatasetError> errors;
  absl::StatusOr<QuoteBook> book =
      BuildQuoteBook({ParseOk("bpr.textproto", kRow)}, {}, &errors);
  ASSERT_TRUE(book.ok()) << DescribeErrors(errors);
  FakeClock clock(Day(2024, 6, 1));
  RankResult result =
      Must(Rank(*book, RankRequest(C("RW", "KE"), M("150000 RWF")), clock));
  ASSERT_EQ(result.offers.size(), 1u);
  const CostBreakdown& cost = result.offers[0].cost;
  EXPECT_EQ(cost.fee.ToString(), "46173 RWF");
  EXPECT_EQ(cost.total_cost_percent.ToString(4), "45.6418");
  EXPECT_EQ(cost.total_cost_percent.scaled(), 45'641'800'000);
  // The summary counts it the same way.
  EXPECT_EQ(result.summary.average_total_cost_percent->scaled(),
            45'641'800'000);
  // At 375000 RWF: 46172.7 / 375000 x 100 + 14.86 = 27.17272 (RPW: 27.17).
  result =
      Must(Rank(*book, RankRequest(C("RW", "KE"), M("375000 RWF")), clock));
  EXPECT_EQ(result.offers[0].cost.total_cost_percent.scaled(), 27'172'720'000);
}

TEST(DatasetValidationTest, CountriesAndPublishedTotals) {
  const std::string text = absl::StrCat(
      absl::StrReplaceAll(kValid,
                          {{"published_margin_percent: \"1.6\"",
                            "published_margin_percent: \"1.6\" "
                            "published_total_cost_percent: \"-250.5\""}}),
      "countries { code: \"KE\" name: \"Kenya\" region: \"Sub-Saharan "
      "Africa\" g8_g20: \"\" }\n");
  std::vector<DatasetError> errors;
  CountryAttributes countries;
  absl::StatusOr<QuoteBook> book =
      BuildQuoteBook({ParseOk("t.textproto", text)}, {}, &errors, &countries);
  ASSERT_TRUE(book.ok()) << DescribeErrors(errors);
  // Negative published totals are survey figures like any other.
  EXPECT_EQ(book->quotes()[1].survey_points[1].published_total,
            testing::P("-250.5"));
  EXPECT_FALSE(book->quotes()[1].survey_points[0].published_total.has_value());
  ASSERT_EQ(countries.size(), 1u);
  const CountryAttributes::const_iterator kenya =
      countries.find(Must(CountryCode::FromString("KEN")));
  ASSERT_NE(kenya, countries.end());
  EXPECT_EQ(kenya->second.region, "Sub-Saharan Africa");
}

TEST(DatasetValidationTest, ImportedFilesDescribeCountriesLeniently) {
  v1::Dataset dataset = ParseOk("t.textproto", kValid).dataset();
  dataset.add_countries()->set_code("KSV");  // Kosovo, as RPW writes it.
  dataset.mutable_countries(0)->set_region("Europe & Central Asia");
  dataset.add_countries()->set_code("not a code");
  dataset.add_countries()->set_code("XKX");  // Again: the first stands.
  ParsedDataset imported("rpw.xlsx", dataset);
  imported.set_report(ImportReport());
  std::vector<DatasetError> errors;
  CountryAttributes countries;
  ASSERT_TRUE(BuildQuoteBook({imported}, {}, &errors, &countries).ok())
      << DescribeErrors(errors);
  ASSERT_EQ(countries.size(), 1u);
  EXPECT_EQ(countries.begin()->first.alpha3(), "XKX");
  EXPECT_EQ(countries.begin()->second.region, "Europe & Central Asia");

  // The same in a native file is an error.
  ParsedDataset native("t.binpb", dataset);
  errors.clear();
  EXPECT_FALSE(BuildQuoteBook({native}, {}, &errors, &countries).ok());
  ASSERT_EQ(errors.size(), 2u) << DescribeErrors(errors);
  EXPECT_EQ(errors[0].field, "countries[1].code");
  EXPECT_EQ(errors[1].field, "countries[2].code");
  EXPECT_EQ(errors[1].message, "'XKX' is described twice");
}

TEST(DatasetValidationTest, CollectsEveryErrorNotJustTheFirst) {
  const std::string text = absl::StrReplaceAll(
      kValid, {{"fixed_fee: \"4.99\"", "fixed_fee: \"-1\""},
               {"provider_id: \"p2\"", "provider_id: \"nobody\""},
               {"quote_currency: \"MXN\"", "quote_currency: \"ZZZ\""}});
  std::vector<DatasetError> errors;
  ParsedDataset file = ParseOk("t.textproto", text);
  absl::StatusOr<QuoteBook> book = BuildQuoteBook({file}, {}, &errors);
  ASSERT_FALSE(book.ok());
  ASSERT_EQ(errors.size(), 3u) << DescribeErrors(errors);
  EXPECT_TRUE(absl::StartsWith(book.status().message(),
                               "3 errors in dataset files:\n"));
  EXPECT_NE(book.status().message().find("quotes[1].provider_id"),
            absl::string_view::npos);
}

TEST(DatasetValidationTest, ErrorCapIsHonoured) {
  std::string text = kValid;
  for (int i = 0; i < 20; ++i) {
    absl::StrAppend(&text, "providers { id: \"bad id ", i,
                    "\" name: \"x\" "
                    "type: PROVIDER_TYPE_BANK }\n");
  }
  std::vector<DatasetError> errors;
  DatasetOptions options;
  options.max_errors = 5;
  ParsedDataset file = ParseOk("t.textproto", text);
  EXPECT_FALSE(BuildQuoteBook({file}, options, &errors).ok());
  EXPECT_EQ(errors.size(), 5u);
}

TEST(DatasetValidationTest, SyntaxErrorsNameLineAndColumn) {
  std::vector<DatasetError> errors;
  absl::StatusOr<ParsedDataset> file = ParseDataset(
      "s.textproto", "providers {\n  id: \"a\"\n  nmae: \"x\"\n}", {}, &errors);
  EXPECT_FALSE(file.ok());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 3);
  EXPECT_EQ(errors[0].column, 7);  // Where the parser stops, after the name.
  EXPECT_NE(errors[0].message.find("nmae"), std::string::npos);
}

TEST(DatasetValidationTest, JsonAndBinaryErrorsNameFileAndField) {
  std::vector<DatasetError> errors;
  EXPECT_FALSE(ParseDataset("d.json", "{\"quotes\": [", {}, &errors).ok());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(absl::StartsWith(errors[0].ToString(),
                               "d.json: not valid remit.v1.Dataset JSON"));

  errors.clear();
  EXPECT_FALSE(ParseDataset("d.json", "{\"quotez\": []}", {}, &errors).ok());
  EXPECT_NE(errors[0].message.find("quotez"), std::string::npos);

  errors.clear();
  EXPECT_FALSE(ParseDataset("d.binpb", "\xff\xff\xff", {}, &errors).ok());
  EXPECT_EQ(errors[0].ToString(), "d.binpb: not a binary remit.v1.Dataset");

  // A field error in JSON names the file and the field, without a line.
  errors.clear();
  ParsedDataset json = ParseOk(
      "d.json",
      R"({"providers": [{"id": "p", "name": "P", "type": "PROVIDER_TYPE_BANK"}],
          "quotes": [{"id": "q", "providerId": "p",
                      "corridor": {"sendCountry": "US", "receiveCountry": "MX"},
                      "paymentInstrument": "PAYMENT_INSTRUMENT_CASH",
                      "accessPoint": "ACCESS_POINT_INTERNET",
                      "receiveMethod": "RECEIVE_METHOD_CASH_PICKUP",
                      "speed": "SPEED_SAME_DAY", "quotedAt": "2026-11-02",
                      "fees": {"bands": [{"fixedFee": "-2"}]},
                      "rate": "17.5", "midMarketRate": "18"}]})");
  EXPECT_FALSE(BuildQuoteBook({json}, {}, &errors).ok());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].ToString(),
            "d.json: quotes[0].fees.bands[0].fixed_fee: '-2' must not be "
            "negative");
}

TEST(DatasetValidationTest, IdsMustBeUniqueAcrossFiles) {
  std::vector<DatasetError> errors;
  ParsedDataset a = ParseOk("a.textproto", kValid);
  ParsedDataset b = ParseOk("b.textproto", kValid);
  EXPECT_FALSE(BuildQuoteBook({a, b}, {}, &errors).ok());
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].file, "b.textproto");
  EXPECT_EQ(errors[0].message, "'p1' is already defined at a.textproto:2");
}

TEST(DatasetValidationTest, OneBadQuoteRejectsTheWholeDataset) {
  const std::string text = absl::StrReplaceAll(
      kValid, {{"send_amount: \"200\"", "send_amount: \"-200\""}});
  std::vector<DatasetError> errors;
  ParsedDataset file = ParseOk("t.textproto", text);
  absl::StatusOr<QuoteBook> book = BuildQuoteBook({file}, {}, &errors);
  EXPECT_FALSE(book.ok());  // No partial book with only q1.
  ASSERT_EQ(errors.size(), 1u);
}

TEST(ImportReportTest, SummaryCountsInTheSingularAndPlural) {
  ImportReport one;
  one.loaded = {{"2024_2Q", 1}};
  EXPECT_EQ(one.Summary(), "1 row loaded (2024_2Q: 1), 0 quarantined");
  ImportReport two;
  two.loaded = {{"2024_1Q", 1}, {"2024_2Q", 1}};
  EXPECT_EQ(two.Summary(),
            "2 rows loaded (2024_1Q: 1, 2024_2Q: 1), 0 quarantined");
}

}  // namespace
}  // namespace remit
