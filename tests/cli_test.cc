// The remitrank tool, run as a user would run it.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "engine/testing/test_util.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "proto/remit/v1/remit_service.pb.h"
#include "tests/server_process.h"

namespace remit::testing {
namespace {

constexpr char kTool[] = "cli/remitrank";
constexpr char kData[] = "--data=testdata/sample_corridors.textproto";
constexpr char kAsOf[] = "--as-of=2026-11-15";
// Real survey data in RPW's layout (not illustrative): it goes stale.
constexpr char kRpw[] = "--data=testdata/rpw_sample.csv";

CommandResult Tool(std::vector<std::string> args) {
  return RunCommand(kTool, args);
}

std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, '\n', absl::SkipEmpty());
}

// COLUMNS as the tool sees it, for one scope: `value`, or unset when null.
class ScopedColumns {
 public:
  explicit ScopedColumns(const char* value) {
    if (const char* old = std::getenv("COLUMNS")) saved_ = old;
    if (value == nullptr) {
      unsetenv("COLUMNS");
    } else {
      setenv("COLUMNS", value, 1);
    }
  }
  ~ScopedColumns() {
    if (saved_.has_value()) {
      setenv("COLUMNS", saved_->c_str(), 1);
    } else {
      unsetenv("COLUMNS");
    }
  }

 private:
  std::optional<std::string> saved_;
};

// Not a terminal and no COLUMNS: the table fits 80 columns.
TEST(CliTest, RankTable) {
  ScopedColumns columns(nullptr);
  CommandResult r =
      Tool({"rank", "--from=US", "--to=MX", "--amount=200 USD", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(
      r.out,
      "USA (USD) -> MEX (MXN), 200.00 USD\n"
      "\n"
      "#  Provider                    Fee    FX cost      Total cost  "
      "Recipient gets\n"
      "1  SwiftSend              0.00 USD  -0.55 USD  0.55 USD gain*    "
      "3,650.00 MXN\n"
      "   debit card -> bank account, same day; FX margin -0.27%; total 0.27% "
      "gain\n"
      "2  Northwind Remit        1.99 USD   1.98 USD        3.97 USD    "
      "3,604.00 MXN\n"
      "   debit card -> bank account, less than one hour; FX margin 0.99%; "
      "total 1.98%\n"
      "3  Globe Money Transfer   4.99 USD   4.95 USD        9.94 USD    "
      "3,550.00 MXN\n"
      "   cash -> cash pickup, less than one hour; FX margin 2.47%; total "
      "4.97%\n"
      "4  First Harbor Bank     25.00 USD   6.59 USD       31.59 USD    "
      "3,520.00 MXN\n"
      "   bank account -> bank account, two days; FX margin 3.30%; total "
      "15.80%\n"
      "\n"
      "Total cost = fee + FX cost, in the send currency. The FX cost is the "
      "cost hidden\n"
      "in the exchange rate: the provider's rate against the mid-market rate.\n"
      "* promotional: an offer's price for a promotion (e.g. a first "
      "transfer), not\n"
      "  its usual one; --exclude-promotional leaves these out.\n"
      "1 SwiftSend: promotional rate better than the market rate: even after "
      "fees the\n"
      "  recipient gets 0.55 USD more than at the market rate (a total cost "
      "of\n"
      "  -0.55 USD).\n"
      "Left out: Corner Exchange (rate not disclosed), PostaLink (price too "
      "old).\n"
      "Corridor: 4 offers: average 5.62%, median 3.48%; SmaRT 2.23%\n"
      "Prices: illustrative data as of 2026-11-02 (made-up prices, judged at "
      "that\n"
      "  date, not today); dated 2026-11-02; prices older than 183 days are "
      "left out (1\n"
      "  of 6).\n"
      "Data: remitrank sample corridors, by remitrank, as of 2026-11-02, "
      "licence CC0\n"
      "  1.0; version 758d0177bb4d.\n"
      "remitrank sample corridors, by the remitrank project, CC0 1.0\n");
}

TEST(CliTest, RankCsv) {
  CommandResult r = Tool({"rank", "--from=USA", "--to=MEX", "--amount=USD 200",
                          "--format=csv", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0],
            "rank,provider_id,provider,payment_instrument,receive_method,"
            "speed,send_amount,fee,funding_surcharge,recipient_fee,"
            "recipient_fee_in_send_currency,fx_margin_percent,fx_margin_cost,"
            "total_cost,total_cost_percent,total_outlay,receive_amount,"
            "transparent,estimated,promotional,data_notes,price_date,"
            "prices_judged_at,max_age_days,illustrative,no_offers_reason,"
            "no_offers_message");
  EXPECT_EQ(lines[2],
            "2,northwind,Northwind Remit,debit card,bank account,less than "
            "one hour,200.00 USD,1.99 USD,0.00 USD,0.00 MXN,0.00 USD,"
            "0.989010989,1.98 USD,3.97 USD,1.984010989,201.99 USD,3604.00 MXN,"
            "true,false,false,,2026-11-02,2026-11-02,183,true,,");
  // The promotion says so.
  EXPECT_TRUE(absl::StartsWith(lines[1], "1,swiftsend,")) << lines[1];
  EXPECT_TRUE(absl::EndsWith(lines[1],
                             ",true,false,true,,2026-11-02,"
                             "2026-11-02,183,true,,"))
      << lines[1];
}

TEST(CliTest, RankJsonIsTheApiResponse) {
  CommandResult r = Tool({"rank", "--from=US", "--to=MX", "--amount=200 USD",
                          "--format=json", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  v1::RankOffersResponse response;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(r.out, &response).ok());
  ASSERT_EQ(response.offers_size(), 4);
  EXPECT_EQ(response.offers(0).provider_name(), "SwiftSend");
  EXPECT_EQ(response.offers(1).total_cost_percent(), "1.984010989");
  EXPECT_TRUE(absl::StrContains(r.out, "\"totalCostPercent\""));
  EXPECT_TRUE(absl::StrContains(r.out, "\"providerName\""));
}

TEST(CliTest, ReceiveModeAndFilters) {
  CommandResult r = Tool({"rank", "--from=US", "--to=MX", "--receive",
                          "--amount=3400 MXN", "--format=csv", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 5u);
  // SwiftSend at 18.25 needs 186.31 USD for 3400 MXN.
  EXPECT_TRUE(absl::StartsWith(lines[1], "1,swiftsend,")) << lines[1];
  EXPECT_TRUE(absl::StrContains(lines[1], ",186.31 USD,")) << lines[1];

  r = Tool({"rank", "--from=US", "--to=MX", "--amount=200 USD",
            "--receive-method=cash_pickup", "--format=csv", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(absl::StrContains(lines[1], "Globe Money Transfer"));

  r = Tool({"rank", "--from=US", "--to=MX", "--amount=200 USD",
            "--provider-type=bank", "--limit=1", "--format=csv", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.out).size(), 2u);
}

TEST(CliTest, CorridorsAndSummary) {
  CommandResult r = Tool({"corridors", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 16u);
  for (const std::string& line : lines) EXPECT_LE(line.size(), 80u) << line;
  EXPECT_EQ(lines[0],
            "From     To       Quotes  Offers  Average cost          At  "
            "Newest price");
  EXPECT_EQ(lines[1],
            "ARE AED  IND INR       4       4         2.54%  734.50 AED  "
            "2026-11-02");
  EXPECT_EQ(lines[5],
            "KEN KES  TZA TZS       5       -             -              "
            "2026-11-02");
  EXPECT_EQ(lines[7],
            "USA USD  MEX MXN       6       4         5.62%  200.00 USD  "
            "2026-11-02");

  r = Tool({"corridors", "--format=json", kData});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, "\"corridors\""));

  r = Tool(
      {"summary", "--from=GB", "--to=NG", "--amount=120 GBP", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, "SmaRT               3.46%\n")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out,
                                "cheapest            NairaLink, "
                                "1.67%\n"));
}

struct ErrorCase {
  std::vector<std::string> args;
  int exit_code;
  const char* message;
};

TEST(CliTest, ErrorsHaveExitCodesAndSayWhatToFix) {
  const ErrorCase cases[] = {
      {{}, 2, "usage: remitrank COMMAND"},
      {{"rnak"}, 2, "remitrank: unknown command 'rnak'; did you mean rank?"},
      {{"rank", "--form=GB"},
       2,
       "remitrank rank: unknown option '--form'; did you mean --from?"},
      {{"rank", "--from=GBA", "--to=NG", "--amount=1 GBP", kData},
       2,
       "remitrank: --from: 'GBA' is not an ISO 3166-1 country code; did you "
       "mean GBR or GHA?"},
      {{"rank", "--from=GB", "--to=NG", kData},
       2,
       "remitrank: --amount is required"},
      {{"rank", "--from=GB", "--to=NG", "--amount=12.345 GBP", kData},
       2,
       "remitrank: --amount: '12.345 GBP': amount has more than 2"},
      // Sending euros from the UK is a fair question; the data has none,
      // and says what it has.
      {{"rank", "--from=GB", "--to=NG", "--amount=120 EUR", kData},
       1,
       "remitrank: corridor GBR/EUR->NGA/NGN has no quotes; between these "
       "countries the data has GBR/GBP->NGA/NGN"},
      {{"rank", "--from=GB", "--to=NG", "--amount=120 GBP",
        "--receive-method=cash_pikup", kData},
       2,
       "remitrank: --receive-method: 'cash_pikup' is not one of"},
      {{"rank", "--from=GB", "--to=NG", "--amount=120 GBP", "--order=cheap",
        kData},
       2,
       "remitrank: --order: 'cheap' is not one of cost, received, speed"},
      {{"rank", "--from=GB", "--to=NG", "--amount=120 GBP", "--format=xml",
        kData},
       2,
       "remitrank: --format: 'xml' is not one of table, csv, json"},
      {{"rank", "--from=US", "--to=IN", "--amount=200 USD", kData},
       1,
       "remitrank: corridor USA/USD->IND/INR has no quotes"},
      {{"rank", "--from=US", "--to=MX", "--amount=200 USD",
        "--data=testdata/missing.textproto"},
       1,
       "remitrank: testdata/missing.textproto: cannot open"},
      {{"rank", "--from=US", "--to=MX", "--amount=200 USD",
        "--server=127.0.0.1:1", "--deadline=2s"},
       1,
       "remitrank: the server did not answer"},
      {{"rank", "--from=US", "--to=MX", "--amount=200 USD",
        "--server=127.0.0.1:1", kData},
       2,
       "remitrank: --server answers from the server's data"},
      {{"history", "--from=GB", "--to=NG", "--server=127.0.0.1:1",
        "--deadline=2s"},
       1,
       "remitrank: the server did not answer"},
      {{"indicators", "--server=127.0.0.1:1", "--deadline=2s"},
       1,
       "remitrank: the server did not answer"},
      {{"history", "--from=GB", "--to=NG", "--format=pdf", kData},
       2,
       "remitrank: --format: 'pdf' is not one of table, csv, json, svg"},
  };
  for (const ErrorCase& c : cases) {
    CommandResult r = Tool(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
    EXPECT_TRUE(absl::StartsWith(r.err, c.message))
        << "expected: " << c.message << "\n got: " << r.err;
  }
}

TEST(CliTest, BundledSampleByDefault) {
  CommandResult r = Tool({"corridors", "--format=csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.out).size(), 9u);  // Header and the 8 sample corridors.
}

TEST(CliTest, HelpForEveryCommand) {
  for (const char* command : {"rank", "corridors", "summary", "history",
                              "indicators", "validate", "sheet"}) {
    CommandResult r = Tool({command, "--help"});
    EXPECT_EQ(r.exit_code, 0) << command;
    EXPECT_TRUE(absl::StartsWith(r.out, "usage: remitrank ")) << r.out;
  }
}

TEST(CliTest, Validate) {
  CommandResult r = Tool({"validate", "testdata/sample_corridors.textproto"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "OK: 36 quotes, 17 providers, 8 corridors in 1 file.\n");

  const std::string bad = TempPath("bad.textproto");
  WriteFile(bad,
            "providers { id: \"p\" name: \"P\" type: PROVIDER_TYPE_BANK }\n"
            "quotes {\n"
            "  id: \"q\"\n"
            "  provider_id: \"nobody\"\n"
            "  corridor { send_country: \"US\" receive_country: \"MX\" }\n"
            "  payment_instrument: PAYMENT_INSTRUMENT_CASH\n"
            "  access_point: ACCESS_POINT_INTERNET\n"
            "  receive_method: RECEIVE_METHOD_CASH_PICKUP\n"
            "  speed: SPEED_SAME_DAY\n"
            "  quoted_at: \"2026-13-01\"\n"
            "  fees { bands { fixed_fee: \"-1\" } }\n"
            "  rate: \"17\"\n"
            "}\n");
  r = Tool({"validate", bad});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, bad +
                       ":4:3: quotes[0].provider_id: 'nobody' is not a "
                       "provider in the loaded files\n" +
                       bad +
                       ":10:3: quotes[0].quoted_at: '2026-13-01' is "
                       "not a real date\n" +
                       bad +
                       ":11:18: quotes[0].fees.bands[0].fixed_fee: "
                       "'-1' must not be negative\n");
  EXPECT_EQ(r.err, "remitrank: 3 errors; nothing was loaded\n");
}

// Tags open and close in order (void elements aside); false otherwise.
bool WellFormed(const std::string& html) {
  std::vector<std::string> open;
  for (size_t i = html.find('<'); i != std::string::npos;
       i = html.find('<', i + 1)) {
    const size_t end = html.find('>', i);
    if (end == std::string::npos) return false;
    std::string tag = html.substr(i + 1, end - i - 1);
    if (tag.empty() || tag[0] == '!') continue;  // <!DOCTYPE html>
    const bool closing = tag[0] == '/';
    std::string name = tag.substr(closing ? 1 : 0);
    name = name.substr(0, name.find_first_of(" \n"));
    if (name == "meta" || name == "br") continue;
    if (!closing) {
      open.push_back(name);
      if (name == "style") i = html.find("</style>", i) - 1;
    } else {
      if (open.empty() || open.back() != name) return false;
      open.pop_back();
    }
  }
  return open.empty();
}

struct SheetCase {
  const char* lang;
  const char* total_percent;  // NairaLink at 120 GBP, in the language.
  const char* receives;
  const char* heading;
};

// The sheet names who is cheapest for each amount, from half the smallest
// amount it shows to twice the largest, with the switch curve finds; the
// promotional price is marked, and the mark explained.
TEST(CliTest, BriefingSheetSaysWhoIsCheapestForEachAmount) {
  CommandResult r = Tool({"sheet", "--from=US", "--to=MX", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(
      r.out,
      "<p class=\"cheapest-by-amount\">Cheapest for the amount you send, "
      "from $100 to $1,000: SwiftSend* up to $500; Northwind Remit from "
      "$500.01.</p>\n<p class=\"note\">* Promotional price"))
      << r.out;
  CommandResult fr = Tool({"sheet", "--from=US", "--to=MX", "--amounts=300 USD",
                           "--lang=fr", kData, kAsOf});
  ASSERT_EQ(fr.exit_code, 0) << fr.err;
  EXPECT_TRUE(absl::StrContains(
      fr.out,
      "de 150\u00a0$US \u00e0 600\u00a0$US\u00a0: SwiftSend* "
      "jusqu\u2019\u00e0 500\u00a0$US\u00a0; Northwind Remit \u00e0 "
      "partir de 500,01\u00a0$US.</p>"))
      << fr.out;
}

TEST(CliTest, BriefingSheetInEachLanguage) {
  const SheetCase cases[] = {
      {"en", "1.67%", "NGN\u00a0241,900.00", "Questions to ask at the counter"},
      {"fr", "1,67\u00a0%", "241\u202f900,00\u00a0NGN",
       "Questions à poser au guichet"},
      {"es", "1,67\u00a0%", "241.900,00\u00a0NGN",
       "Preguntas para hacer en la ventanilla"},
  };
  for (const SheetCase& c : cases) {
    const std::string path = TempPath(std::string("sheet-") + c.lang + ".html");
    CommandResult r =
        Tool({"sheet", "--from=GB", "--to=NG", "--amounts=120 GBP,300 GBP",
              std::string("--lang=") + c.lang, "-o", path, kData, kAsOf});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(path);
    const std::string html((std::istreambuf_iterator<char>(in)),
                           std::istreambuf_iterator<char>());
    EXPECT_TRUE(WellFormed(html)) << c.lang;
    EXPECT_TRUE(
        absl::StrContains(html, std::string("<html lang=\"") + c.lang + "\">"));
    for (const char* external :
         {"http://", "https://", "src=", "<link", "@import", "url("}) {
      EXPECT_FALSE(absl::StrContains(html, external)) << c.lang << external;
    }
    EXPECT_TRUE(absl::StrContains(html, "@page { size: A4"));
    EXPECT_TRUE(absl::StrContains(html, c.total_percent)) << c.lang;
    EXPECT_TRUE(absl::StrContains(html, c.receives)) << c.lang;
    EXPECT_TRUE(absl::StrContains(html, c.heading)) << c.lang;
    // The worked example names the cheapest offer and its hidden cost.
    EXPECT_TRUE(absl::StrContains(html, "class=\"example\">")) << c.lang;
    EXPECT_TRUE(absl::StrContains(html, "NairaLink")) << c.lang;
    size_t questions = 0;
    for (size_t i = html.find("<li>"); i != std::string::npos;
         i = html.find("<li>", i + 1)) {
      ++questions;
    }
    EXPECT_EQ(questions, 6u) << c.lang;
    EXPECT_TRUE(absl::StrContains(html, "758d0177bb4d")) << c.lang;
  }
}

TEST(CliTest, SheetDefaultsAndErrors) {
  CommandResult r = Tool({"sheet", "--from=US", "--to=MX", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(WellFormed(r.out));
  // RPW's two amounts: the USD 200 and USD 500 equivalents.
  EXPECT_TRUE(absl::StrContains(r.out, "Cheapest offers for sending $200<"));
  EXPECT_TRUE(absl::StrContains(r.out, "Cheapest offers for sending $500<"));

  r = Tool({"sheet", "--from=US", "--to=MX", "--lang=de", kData});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "remitrank: --lang: 'de' is not one of en, fr, es\n");
  r = Tool({"sheet", "--from=US", "--to=MX", kData,
            "--amounts=1 USD,2 USD,3 USD,4 USD"});
  EXPECT_EQ(r.exit_code, 2);
  // KES has no USD 200 equivalent in the sample: ask for amounts.
  r = Tool({"sheet", "--from=KE", "--to=TZ", kData, kAsOf});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(r.err, "(use --amounts)")) << r.err;
}

// The same question, asked of the files and of a server over the same
// files, gets the same JSON.
TEST(CliTest, RemoteModeGivesTheSameJson) {
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start({kData, "--clock_time=2026-11-15T00:00:00Z"});
  ASSERT_TRUE(server.ok()) << server.status();
  const std::vector<std::string> question = {
      "rank", "--from=US", "--to=MX", "--amount=200 USD", "--format=json"};
  std::vector<std::string> local = question;
  local.insert(local.end(), {kData, kAsOf});
  std::vector<std::string> remote = question;
  remote.push_back("--server=" + (*server)->address());
  CommandResult a = Tool(local);
  CommandResult b = Tool(remote);
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(a.out, b.out);
}

// --server takes gRPC targets: an address list (with a dead address in
// it, which the calls pass over) and a name for DNS (localhost may have
// ::1 too, where nothing listens) answer as host:port does.
TEST(CliTest, ServerTakesTargetUris) {
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start({kData, "--clock_time=2026-11-15T00:00:00Z"});
  ASSERT_TRUE(server.ok()) << server.status();
  const std::string port = absl::StrCat((*server)->port());
  const std::vector<std::string> question = {
      "rank", "--from=US", "--to=MX", "--amount=200 USD", "--format=json"};
  std::vector<std::string> local = question;
  local.insert(local.end(), {kData, kAsOf});
  CommandResult expected = Tool(local);
  ASSERT_EQ(expected.exit_code, 0) << expected.err;
  for (const std::string& target :
       {absl::StrCat("ipv4:127.0.0.1:", port),
        absl::StrCat("ipv4:127.0.0.1:1,127.0.0.1:", port),
        absl::StrCat("dns:///localhost:", port),
        absl::StrCat("localhost:", port)}) {
    std::vector<std::string> remote = question;
    remote.push_back("--server=" + target);
    CommandResult r = Tool(remote);
    ASSERT_EQ(r.exit_code, 0) << target << ": " << r.err;
    EXPECT_EQ(r.out, expected.out) << target;
  }
}

// No address of the target answers: the usual message, after the retries.
TEST(CliTest, ServerTargetWithNoLiveAddress) {
  CommandResult r =
      Tool({"rank", "--from=US", "--to=MX", "--amount=200 USD",
            "--server=ipv4:127.0.0.1:1,127.0.0.1:2", "--deadline=2s"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(absl::StartsWith(r.err, "remitrank: the server did not answer"))
      << r.err;
}

// The sample has no survey periods: history and indicators are errors
// whether asked of the files or of a server over them (exit 1, nothing on
// stdout), and the server's answer comes back as one line.
TEST(CliTest, HistoryAndIndicatorsWithoutSurveyPeriods) {
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start({kData, "--clock_time=2026-11-15T00:00:00Z"});
  ASSERT_TRUE(server.ok()) << server.status();
  const std::vector<std::vector<std::string>> questions = {
      {"history", "--from=GB", "--to=NG", "--format=json"},
      {"indicators", "--format=csv"}};
  for (const std::vector<std::string>& question : questions) {
    std::vector<std::string> local = question;
    local.insert(local.end(), {kData, kAsOf});
    std::vector<std::string> remote = question;
    remote.push_back("--server=" + (*server)->address());
    for (const std::vector<std::string>& args : {local, remote}) {
      CommandResult r = Tool(args);
      EXPECT_EQ(r.exit_code, 1) << args.back() << ": " << r.err;
      EXPECT_EQ(r.out, "") << args.back();
      EXPECT_TRUE(absl::StartsWith(r.err, "remitrank: ")) << r.err;
      EXPECT_TRUE(absl::EndsWith(r.err, "\n")) << r.err;
    }
  }
}

struct LocalSheetCase {
  const char* lang;
  // In the sheet's language: the title, the round amounts' headings, the
  // figures at RPW's exact amount, an amount received with its digits
  // grouped.
  std::vector<std::string> expected;
};

// Without --amounts, the sheet shows round amounts near RPW's USD 200 and
// USD 500 equivalents (151.60 and 379 GBP in the sample) and gives the
// corridor's figures at the exact ones; country names, amounts and plurals
// are the language's; SmaRT is said in plain words.
TEST(CliTest, SheetSpeaksTheReadersLanguage) {
  const LocalSheetCase cases[] = {
      {"en",
       {"<h1>Sending money: United Kingdom \u2192 Nigeria</h1>",
        "Cheapest offers for sending \u00a3150</h2>",
        "Cheapest offers for sending \u00a3400</h2>",
        "For \u00a3151.60, the usual amount for comparing prices (about 200 "
        "US dollars), the 4 offers in our data cost 5.64% on average.",
        "For \u00a3379, the usual amount for comparing prices (about 500 "
        "US dollars),",
        "the three cheapest offers that show their exchange rate and arrive "
        "within 5 days cost",
        "NGN\u00a0302,500.00", "prices as of November 2, 2026"}},
      {"fr",
       {"<h1>Envoyer de l\u2019argent\u00a0: Royaume-Uni \u2192 "
        "Nigeria</h1>",
        "Offres les moins chères pour envoyer 150\u00a0\u00a3GB</h2>",
        "Offres les moins chères pour envoyer 400\u00a0\u00a3GB</h2>",
        "Pour 151,60\u00a0\u00a3GB, le montant habituel pour comparer les "
        "prix (environ 200 dollars américains), les 4 offres de nos données "
        "coûtent 5,64\u00a0% en moyenne.",
        "les trois offres les moins chères qui affichent leur taux de change",
        "302\u202f500,00\u00a0NGN", "prix au 2 novembre 2026"}},
      {"es",
       {"<h1>Enviar dinero: Reino Unido \u2192 Nigeria</h1>",
        "Ofertas más baratas para enviar 150\u00a0GBP</h2>",
        "Ofertas más baratas para enviar 400\u00a0GBP</h2>",
        "Para 151,60\u00a0GBP, el monto habitual para comparar precios (unos "
        "200 dólares estadounidenses), las 4 ofertas de nuestros datos "
        "cuestan 5,64\u00a0% en promedio.",
        "las tres ofertas más baratas que muestran su tipo de cambio",
        "302.500,00\u00a0NGN", "precios al 2 de noviembre de 2026"}},
  };
  for (const LocalSheetCase& c : cases) {
    CommandResult r = Tool({"sheet", "--from=GB", "--to=NG",
                            std::string("--lang=") + c.lang, kData, kAsOf});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(WellFormed(r.out)) << c.lang;
    for (const std::string& text : c.expected) {
      EXPECT_TRUE(absl::StrContains(r.out, text))
          << c.lang << ": " << text << "\n"
          << r.out;
    }
    EXPECT_FALSE(absl::StrContains(r.out, "SmaRT")) << c.lang;
    EXPECT_FALSE(absl::StrContains(r.out, "151.60 GBP")) << c.lang;
    if (std::string(c.lang) != "en") {
      for (const char* english : {"United Kingdom", "Sending", "offers"}) {
        EXPECT_FALSE(absl::StrContains(r.out, english)) << c.lang << english;
      }
    }
  }
}

TEST(CliTest, TableGroupsDigitsOfLargeAmounts) {
  ScopedColumns wide("250");
  CommandResult r = Tool({"rank", "--from=US", "--to=MX",
                          "--amount=1000000000000 USD", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StartsWith(
      r.out, "USA (USD) -> MEX (MXN), 1,000,000,000,000.00 USD\n"))
      << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, " 18,020,000,000,000.00 MXN ")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, " 24,725,274,734.99 USD ")) << r.out;
  // Machines get plain digits.
  r = Tool({"rank", "--from=US", "--to=MX", "--amount=1000000000000 USD",
            "--format=csv", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, ",18020000000000.00 MXN,")) << r.out;
  EXPECT_FALSE(absl::StrContains(r.out, "18,020")) << r.out;
}

// The list of commands says what each one does.
TEST(CliTest, HelpDescribesEachCommand) {
  CommandResult r = Tool({"--help"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* line :
       {"\n  rank         Ranks the offers of a corridor by what they really "
        "cost.\n",
        "\n  corridors    Lists the corridors in the data, with how many "
        "offers each has\n               and their average cost.\n",
        "\n  sheet        A printable pre-departure briefing sheet (HTML) for "
        "a corridor.\n",
        "\n  validate     Checks dataset files; prints every error with its "
        "file and line.\n"}) {
    EXPECT_TRUE(absl::StrContains(r.out, line)) << line << "\n" << r.out;
  }
  for (absl::string_view line : absl::StrSplit(r.out, '\n')) {
    EXPECT_LE(line.size(), 80u) << line;
  }
  // The sheet writes HTML only: no --format offered or taken.
  r = Tool({"sheet", "--help"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(absl::StrContains(r.out, "--format")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "\n  --lang=...\n")) << r.out;
  r = Tool({"sheet", "--from=GB", "--to=NG", "--format=json", kData});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(
      absl::StartsWith(r.err, "remitrank sheet: unknown option '--format'"))
      << r.err;
}

TEST(CliTest, TyposSuggestTheOptionMeant) {
  const ErrorCase cases[] = {
      {{"rank", "--fromat=csv"},
       2,
       "remitrank rank: unknown option '--fromat'; did you mean --format?"},
      {{"rank", "--foramt=csv"},
       2,
       "remitrank rank: unknown option '--foramt'; did you mean --format?"},
      {{"rank", "--fomr=GB"},
       2,
       "remitrank rank: unknown option '--fomr'; did you mean --from?"},
      {{"rank", "--amonut=1 GBP"},
       2,
       "remitrank rank: unknown option '--amonut'; did you mean --amount?"},
      {{"sheet", "--lnag=fr"},
       2,
       "remitrank sheet: unknown option '--lnag'; did you mean --lang?"},
      {{"history", "--ouptut=x"},
       2,
       "remitrank history: unknown option '--ouptut'; did you mean "
       "--output?"},
      {{"rnka"}, 2, "remitrank: unknown command 'rnka'; did you mean rank?"},
  };
  for (const ErrorCase& c : cases) {
    CommandResult r = Tool(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
    EXPECT_TRUE(absl::StartsWith(r.err, c.message))
        << "expected: " << c.message << "\n got: " << r.err;
  }
}

// One of a thing is said in the singular.
TEST(CliTest, OneCorridorInTheSingular) {
  const std::string one = TempPath("one.textproto");
  WriteFile(one,
            "providers { id: \"p\" name: \"P\" type: PROVIDER_TYPE_BANK }\n"
            "quotes {\n"
            "  id: \"q\"\n"
            "  provider_id: \"p\"\n"
            "  corridor { send_country: \"US\" receive_country: \"MX\" }\n"
            "  payment_instrument: PAYMENT_INSTRUMENT_CASH\n"
            "  access_point: ACCESS_POINT_BRANCH_OR_AGENT\n"
            "  receive_method: RECEIVE_METHOD_CASH_PICKUP\n"
            "  speed: SPEED_SAME_DAY\n"
            "  quoted_at: \"2026-11-01\"\n"
            "  fees { bands { fixed_fee: \"5\" } }\n"
            "  rate: \"18.02\"\n"
            "  mid_market_rate: \"18.20\"\n"
            "  rate_currency: \"MXN\"\n"
            "}\n");
  CommandResult r = Tool({"validate", one});
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_EQ(r.out, "OK: 1 quote, 1 provider, 1 corridor in 1 file.\n");
  ScopedColumns wide("250");
  r = Tool({"rank", "--from=US", "--to=MX", "--amount=200 USD", "--data=" + one,
            "--as-of=2026-11-15"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(
      r.out,
      "Corridor: 1 offer: average 3.49%, median 3.49%; SmaRT none (1 "
      "of the 3 needed offers qualifies)\n"))
      << r.out;
  r = Tool({"validate", "testdata/sample_corridors.textproto", one});
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
}

// "12.34 USD" -> 1234; "-0.55 USD" -> -55; "500 JPY" -> 500.
int64_t MinorUnits(const std::string& money) {
  std::string digits = money.substr(0, money.find(' '));
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  int64_t value = 0;
  EXPECT_TRUE(absl::SimpleAtoi(digits, &value)) << money;
  return value;
}

// The fee, funding surcharge, recipient-side fee (in the send currency)
// and FX cost of every offer add up to its total cost, in csv and in the
// table; the table names the parts it shows.
TEST(CliTest, BreakdownAddsUpInEveryFormat) {
  struct Case {
    const char* from;
    const char* to;
    const char* amount;
  };
  int offers = 0;
  for (const Case& c :
       {Case{"GB", "NG", "120 GBP"}, Case{"US", "PH", "200 USD"},
        Case{"JP", "PH", "31040 JPY"}, Case{"US", "MX", "200 USD"},
        Case{"AE", "IN", "734.50 AED"}}) {
    CommandResult r =
        Tool({"rank", absl::StrCat("--from=", c.from),
              absl::StrCat("--to=", c.to), absl::StrCat("--amount=", c.amount),
              "--format=csv", "--include-opaque", kData, kAsOf});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> lines = Lines(r.out);
    ASSERT_GT(lines.size(), 1u) << c.from << c.to;
    for (size_t i = 1; i < lines.size(); ++i) {
      const std::vector<std::string> f = absl::StrSplit(lines[i], ',');
      ASSERT_EQ(f.size(), 27u) << lines[i];
      // fee, funding_surcharge, recipient_fee_in_send_currency,
      // fx_margin_cost (empty when the rate is not disclosed), total_cost.
      const int64_t parts = MinorUnits(f[7]) + MinorUnits(f[8]) +
                            MinorUnits(f[10]) +
                            (f[12].empty() ? 0 : MinorUnits(f[12]));
      EXPECT_EQ(parts, MinorUnits(f[13])) << lines[i];
      ++offers;
    }
  }
  EXPECT_GE(offers, 20);

  // The issue's corridor: NairaLink's 500 NGN is 0.24 GBP of its 2.00.
  ScopedColumns wide("250");
  CommandResult r =
      Tool({"rank", "--from=GB", "--to=NG", "--amount=120 GBP", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(
      r.out, "0.00 GBP    0.24 GBP      1.46%  1.76 GBP    2.00 GBP"))
      << r.out;
  EXPECT_TRUE(absl::StrContains(
      r.out, "Total cost = fee + payout fee + FX cost, in the send currency."))
      << r.out;
  // A 6.00 USD card surcharge is a column of its own.
  r = Tool({"rank", "--from=US", "--to=PH", "--amount=200 USD", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(
      r.out,
      "credit card -> mobile money    2.99 USD   6.00 USD      0.77%  "
      "1.54 USD   10.53 USD"))
      << r.out;
  EXPECT_TRUE(
      absl::StrContains(r.out, "Total cost = fee + surcharge + FX cost"))
      << r.out;
}

// A promotion is marked and explained in the table; a negative total is
// said in words; --exclude-promotional leaves it out. Estimated prices are
// marked "~" and explained.
TEST(CliTest, PromotionsAndEstimatesAreMarked) {
  ScopedColumns columns("80");
  CommandResult r =
      Tool({"rank", "--from=US", "--to=MX", "--amount=200 USD", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(
      r.out, "1  SwiftSend              0.00 USD  -0.55 USD  0.55 USD gain*"))
      << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "* promotional: ")) << r.out;
  EXPECT_TRUE(absl::StrContains(
      r.out, "1 SwiftSend: promotional rate better than the market rate:"))
      << r.out;
  EXPECT_FALSE(absl::StrContains(r.out, "-0.27%  ")) << r.out;

  // The summary says it in words too.
  r = Tool({"summary", "--from=US", "--to=MX", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(
      r.out,
      "cheapest            SwiftSend, 0.55 USD gain (promotional rate better "
      "than the\n"
      "                    market rate)\n"))
      << r.out;

  r = Tool({"rank", "--from=US", "--to=MX", "--amount=200 USD",
            "--exclude-promotional", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, "1  Northwind Remit")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "SwiftSend (filtered out)")) << r.out;
  EXPECT_FALSE(absl::StrContains(r.out, "* promotional")) << r.out;

  // RPW's sample surveys 120 and 300 GBP: 150 GBP is an estimate.
  r = Tool({"rank", "--from=GB", "--to=BD", "--amount=150 GBP",
            "--data=testdata/rpw_sample.csv", "--as-of=2026-07-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, "~4.76 GBP  ~24,765.00 BDT")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "~ estimated: between the amounts"))
      << r.out;
  r = Tool({"rank", "--from=GB", "--to=BD", "--amount=120 GBP",
            "--data=testdata/rpw_sample.csv", "--as-of=2026-07-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(absl::StrContains(r.out, "~")) << r.out;
}

// Receive mode: what to send and the total to pay; an amount in the
// sender's currency is refused with the currency it must be in.
TEST(CliTest, ReceiveModeSaysWhatToSendAndPay) {
  ScopedColumns wide("200");
  CommandResult r = Tool({"rank", "--from=US", "--to=MX", "--receive",
                          "--amount=3400 MXN", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StartsWith(
      r.out, "USA (USD) -> MEX (MXN), 3,400.00 MXN received\n"))
      << r.out;
  EXPECT_TRUE(absl::StrContains(
      r.out,
      "#  Provider              How                             You send  "
      "      Fee  FX margin    FX cost      Total cost       Total     You "
      "pay  Recipient gets  Speed\n"))
      << r.out;
  // Northwind: send 188.68 USD, pay 190.67 USD (its 1.99 USD fee on top).
  EXPECT_TRUE(absl::StrContains(r.out, "188.68 USD   1.99 USD")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "2.04%  190.67 USD    3,400.01 MXN"))
      << r.out;

  // In 80 columns "You send" and "You pay" stay.
  ScopedColumns narrow("80");
  r = Tool({"rank", "--from=US", "--to=MX", "--receive", "--amount=3400 MXN",
            kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, "You send")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "You pay")) << r.out;

  r = Tool({"rank", "--from=US", "--to=MX", "--receive", "--amount=200 USD",
            kData, kAsOf});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "remitrank: --amount: with --receive the amount is what the "
            "recipient gets: give it in MXN (USA->MEX quotes pay out in MXN, "
            "not USD)\n");
  EXPECT_EQ(r.out, "");
}

// --access prints the personal SmaRT; its help says what each value means.
TEST(CliTest, AccessPrintsThePersonalSmart) {
  ScopedColumns wide("200");
  CommandResult r =
      Tool({"rank", "--from=US", "--to=MX", "--amount=200 USD", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(absl::StrContains(r.out, "Your SmaRT")) << r.out;

  // Only Globe Money Transfer pays out cash.
  r = Tool({"rank", "--from=US", "--to=MX", "--amount=200 USD",
            "--access=cash_pickup", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(
      r.out,
      "Your SmaRT (with your --access): none (1 of the 3 needed offers "
      "qualify)\n"))
      << r.out;

  // Card and internet: SwiftSend, Northwind and Globe (cash always counts).
  r = Tool({"rank", "--from=US", "--to=MX", "--amount=200 USD", "--access=card",
            "--access=internet", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(
      r.out, "Your SmaRT (with your --access): 2.23% (corridor SmaRT 2.23%)\n"))
      << r.out;
  r = Tool({"rank", "--from=US", "--to=MX", "--amount=200 USD", "--access=card",
            "--access=internet", "--format=json", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, "\"personalSmartPercent\": \"2.2256"))
      << r.out;

  r = Tool({"rank", "--help"});
  EXPECT_TRUE(absl::StrContains(r.out,
                                "cash_pickup: the\n      recipient must "
                                "collect cash"))
      << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "--exclude-promotional")) << r.out;
}

// The table reads COLUMNS: in 80 and 60 columns no line is wider, in a wide
// terminal every column shows; figures are never cut.
TEST(CliTest, RankTableFitsTheTerminal) {
  for (int width : {60, 80, 200}) {
    ScopedColumns columns(std::to_string(width).c_str());
    CommandResult r = Tool({"rank", "--from=GB", "--to=BD", "--amount=150 GBP",
                            "--data=testdata/rpw_sample.csv",
                            "--as-of=2026-07-01", "--include-opaque"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const std::string& line : Lines(r.out)) {
      if (absl::StartsWith(line, "Data: ")) continue;
      EXPECT_LE(line.size(), static_cast<size_t>(width)) << line;
    }
    for (const char* figure : {"~1.52 GBP", "~17.84 GBP", "~24,360.00 BDT"}) {
      EXPECT_TRUE(absl::StrContains(r.out, figure)) << width << "\n" << r.out;
    }
    // A long name wraps rather than being cut.
    EXPECT_TRUE(absl::StrContains(r.out, "Bengal Bank,")) << r.out;
    EXPECT_TRUE(absl::StrContains(r.out, "Branch")) << r.out;
    EXPECT_EQ(absl::StrContains(r.out, "  Speed\n"), width == 200) << r.out;
  }
}

// The sheet marks promotions and estimates and explains them, says a
// negative total in words, and never takes them as its worked example.
TEST(CliTest, SheetAmountsInTheWrongCurrencyNameTheOption) {
  CommandResult r = Tool(
      {"sheet", "--from=US", "--to=MX", "--amounts=200 MXN", kData, kAsOf});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "remitrank: --amounts: 200.00 MXN: the amount is what the sender "
            "sends: give it in USD (USA->MEX quotes take USD, not MXN)\n");
  EXPECT_EQ(r.out, "");
}

TEST(CliTest, SheetMarksPromotionsAndEstimates) {
  CommandResult r = Tool({"sheet", "--from=US", "--to=MX", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(
      absl::StrContains(r.out,
                        "promotional rate better than the market rate: <span "
                        "class=\"num\">$0.55</span> in your favour*"))
      << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "* Promotional price")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "Example: with Northwind Remit,"))
      << r.out;
  EXPECT_FALSE(absl::StrContains(r.out, "the transfer costs you -")) << r.out;

  r = Tool({"sheet", "--from=US", "--to=MX", "--lang=es", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(absl::StrContains(r.out, "el envío le cuesta -")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "Ejemplo: con Northwind Remit,"))
      << r.out;

  // At 150 GBP every RPW price is an estimate: the example is priced at an
  // amount the survey measured (120 GBP).
  r = Tool({"sheet", "--from=GB", "--to=BD", "--amounts=150 GBP",
            "--data=testdata/rpw_sample.csv", "--as-of=2026-07-01",
            "--date=2026-07-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Each figure kept whole on the printed page.
  EXPECT_TRUE(absl::StrContains(r.out,
                                "<span class=\"num\">~£4.76</span> <span "
                                "class=\"num\">(3.18%)</span>"))
      << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "~ Estimated: ")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "Example: with M-Wallet, sending £120 "))
      << r.out;

  // Parts on the sheet add up too: fee + other charges + hidden = total.
  r = Tool({"sheet", "--from=US", "--to=PH", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, "<th>Other charges</th>")) << r.out;
  EXPECT_TRUE(absl::StrContains(
      r.out, "Total cost = fee + other charges + hidden in the rate."))
      << r.out;
}

// One EUR -> XOF quote (France to Senegal) whose fee and rate are
// `fee` and `rate`, measured against the fixed parity 655.957 as a
// reference rate: the fee is on line 15, the rate on line 16.
std::string FranceSenegal(const std::string& fee, const std::string& rate,
                          const std::string& extra = "") {
  return absl::StrCat(
      "providers { id: \"p\" name: \"P\" type: PROVIDER_TYPE_BANK }\n"
      "reference_rates {\n"
      "  base_currency: \"EUR\" quote_currency: \"XOF\" rate: \"655.957\"\n"
      "  as_of: \"2026-10-01\" source: \"fixed parity\"\n"
      "}\n"
      "quotes {\n"
      "  id: \"q\"\n"
      "  provider_id: \"p\"\n"
      "  corridor { send_country: \"FR\" receive_country: \"SN\" }\n"
      "  payment_instrument: PAYMENT_INSTRUMENT_CASH\n"
      "  access_point: ACCESS_POINT_BRANCH_OR_AGENT\n"
      "  receive_method: RECEIVE_METHOD_CASH_PICKUP\n"
      "  speed: SPEED_SAME_DAY\n"
      "  quoted_at: \"2026-11-02\"\n"
      "  fees { bands { fixed_fee: \"",
      fee,
      "\" } }\n"
      "  rate: \"",
      rate, "\"\n", extra, "}\n");
}

// Rates that cannot be true, and decimals that could be read two ways, are
// refused by `validate` with the place, the value, the mid-market rate and
// the margin; nothing is loaded.
TEST(CliTest, ValidateRefusesImplausibleData) {
  const struct {
    const char* name;
    const char* fee;
    const char* rate;
    const char* error;  // After "<file>:".
  } cases[] = {
      {"inverted", "2", "0.001524",
       "16:3: quotes[0].rate: '0.001524' implies an FX margin of 100.00 % "
       "against the mid-market rate 655.957 (reference rate EUR->XOF of "
       "2026-10-01); plausible margins are -20 % to 50 %; looks inverted: "
       "1/0.001524 = 656.167979 (margin -0.03 %); if it is real, set "
       "rate_outlier_confirmed: true"},
      {"ten_times_high", "2", "6500",
       "16:3: quotes[0].rate: '6500' implies an FX margin of -890.92 % "
       "against the mid-market rate 655.957 (reference rate EUR->XOF of "
       "2026-10-01); plausible margins are -20 % to 50 %; looks off by a "
       "factor of 10 (too high); if it is real, set rate_outlier_confirmed: "
       "true"},
      {"hundred_times_low", "2", "6.5",
       "16:3: quotes[0].rate: '6.5' implies an FX margin of 99.01 % against "
       "the mid-market rate 655.957 (reference rate EUR->XOF of 2026-10-01); "
       "plausible margins are -20 % to 50 %; looks off by a factor of 100 "
       "(too low); if it is real, set rate_outlier_confirmed: true"},
      {"far_below_mid", "2", "300",
       "16:3: quotes[0].rate: '300' implies an FX margin of 54.27 % against "
       "the mid-market rate 655.957 (reference rate EUR->XOF of 2026-10-01); "
       "plausible margins are -20 % to 50 %; if it is real, set "
       "rate_outlier_confirmed: true"},
      {"decimal_comma", "2", "6,500",
       "16:3: quotes[0].rate: '6,500': rate is not a decimal number (',' is "
       "not accepted: a plain decimal has no thousands separator and '.' as "
       "its decimal point)"},
      {"thousands_separator", "1,500", "650",
       "15:18: quotes[0].fees.bands[0].fixed_fee: '1,500': amount is not a "
       "decimal number (',' is not accepted: a plain decimal has no "
       "thousands separator and '.' as its decimal point)"},
  };
  for (const auto& c : cases) {
    const std::string file = TempPath(absl::StrCat(c.name, ".textproto"));
    WriteFile(file, FranceSenegal(c.fee, c.rate));
    CommandResult r = Tool({"validate", file});
    EXPECT_EQ(r.exit_code, 1) << c.name << ": " << r.out << r.err;
    EXPECT_EQ(r.out, absl::StrCat(file, ":", c.error, "\n")) << c.name;
    EXPECT_EQ(r.err, "remitrank: 1 error; nothing was loaded\n") << c.name;
  }
  // A real outlier loads when the quote says so.
  const std::string confirmed = TempPath("confirmed.textproto");
  WriteFile(confirmed,
            FranceSenegal("2", "300", "  rate_outlier_confirmed: true\n"));
  CommandResult r = Tool({"validate", confirmed});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "OK: 1 quote, 1 provider, 1 corridor in 1 file.\n");
}

// A quote without rate_currency is in the corridor's receive currency: it
// is ranked against the reference rate, and the recipient's amount stated.
TEST(CliTest, QuoteWithoutRateCurrencyTakesTheReceiveCurrency) {
  const std::string file = TempPath("no_rate_currency.textproto");
  WriteFile(file, FranceSenegal("2", "650"));
  CommandResult r =
      Tool({"rank", "--from=FR", "--to=SN", "--amount=100 EUR", "--format=csv",
            "--data=" + file, "--as-of=2026-11-15"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_TRUE(absl::StrContains(lines[1], ",65000 XOF,")) << lines[1];

  // Sending and receiving US dollars (Ecuador), the rate's currency cannot
  // be assumed: an error, not a quote that silently cannot be ranked.
  const std::string ecuador = TempPath("ecuador.textproto");
  WriteFile(ecuador, absl::StrReplaceAll(FranceSenegal("2", "1"),
                                         {{"send_country: \"FR\" "
                                           "receive_country: \"SN\"",
                                           "send_country: \"US\" "
                                           "receive_country: \"EC\""}}));
  r = Tool({"validate", ecuador});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, ecuador +
                       ":6:1: quotes[0].rate_currency: is required: the "
                       "corridor sends and receives USD, so the currency the "
                       "rate is in (what the recipient is paid in) must be "
                       "named, or the quote's mid_market_rate given\n");
}

// An RPW row whose surveyed rate is far from its own interbank rate (0.006
// against 168.40: entered inverted) loads with a note, and is left out of
// the ranking with its reason, although its published margin would make it
// the cheapest.
TEST(CliTest, ImplausibleRpwRowIsNotedAndNeverRanked) {
  const std::string sample = ReadFile("testdata/rpw_sample.csv");
  const std::string csv = TempPath("rpw.csv");
  // Line 8, Northwind Remit's 2026_3Q row.
  WriteFile(csv, absl::StrReplaceAll(
                     sample, {{",165.10,1.96,3.62,", ",0.006,-5.00,-3.34,"},
                              {",165.10,1.96,2.29,", ",0.006,-5.00,-4.67,"}}));
  CommandResult r = Tool({"validate", csv});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(
      r.out,
      "1 x cc1 lcu fx rate: implies an FX margin outside -20 % to 50 % "
      "against inter lcu bank fx (looks inverted); the row is kept but not "
      "ranked (" +
          csv + ":8)"))
      << r.out;
  r = Tool({"rank", "--from=GB", "--to=BD", "--amount=120 GBP", "--data=" + csv,
            "--as-of=2026-09-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The table wraps to the terminal: words, whatever the line breaks.
  const std::string words = absl::StrJoin(
      absl::StrSplit(r.out, absl::ByAnyChar(" \n"), absl::SkipEmpty()), " ");
  EXPECT_TRUE(absl::StrContains(
      words, "Northwind Remit (rate implausible against the market rate)"))
      << r.out;
  r = Tool({"rank", "--from=GB", "--to=BD", "--amount=120 GBP", "--format=csv",
            "--data=" + csv, "--as-of=2026-09-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(absl::StrContains(r.out, "Northwind")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "\n1,rpw-m-wallet,")) << r.out;
}

// Real (not illustrative) data judged years later: every answer says the
// prices are stale, how old they are and what to do; rank, summary and
// sheet exit 1, and the sheet prints stale prices only when asked, with a
// warning in its language.
TEST(CliTest, StaleDataIsExplainedNeverSilentlyEmpty) {
  ScopedColumns wide("400");
  const std::string later = "--as-of=2030-01-01";
  CommandResult r =
      Tool({"rank", "--from=GB", "--to=BD", "--amount=120 GBP", kRpw, later});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_FALSE(absl::StrContains(r.out, "No offer matches.")) << r.out;
  EXPECT_TRUE(absl::StrContains(
      r.out,
      "No offer: every price in this corridor is stale.\n"
      "The newest price is dated 2026-08-18; prices older than 183 days at "
      "2030-01-01 are left out.\n"
      "To refresh, load newer data (--data=FILE). To see these old prices "
      "anyway, allow a longer age with --max-age=DAYS, or judge them at "
      "another date with --as-of=YYYY-MM-DD (local data only).\n"))
      << r.out;
  EXPECT_EQ(r.err,
            "remitrank: no current price for GBR -> BGD: the newest is dated "
            "2026-08-18, older than 183 days at 2030-01-01; load newer data "
            "(--data), or override with --max-age=DAYS or "
            "--as-of=YYYY-MM-DD\n");

  // JSON carries the same in fields a partner app can use.
  r = Tool({"rank", "--from=GB", "--to=BD", "--amount=120 GBP", "--format=json",
            kRpw, later});
  EXPECT_EQ(r.exit_code, 1);
  v1::RankOffersResponse response;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(r.out, &response).ok())
      << r.out;
  EXPECT_TRUE(response.freshness().all_stale());
  EXPECT_EQ(response.freshness().newest_price_date(), "2026-08-18");
  EXPECT_EQ(response.freshness().as_of_date(), "2030-01-01");
  EXPECT_EQ(response.freshness().max_quote_age().seconds(), 183 * 86400);

  // The age limit can be lengthened: the old prices come back, dated.
  r = Tool({"rank", "--from=GB", "--to=BD", "--amount=120 GBP",
            "--max-age=2000", kRpw, later});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out,
                                "Prices: dated 2026-08-18, judged at "
                                "2030-01-01; prices older than 2000 days "
                                "are left out.\n"))
      << r.out;

  // A cost curve over stale prices says so the same way, and exits 1.
  r = Tool({"curve", "--from=GB", "--to=BD", "--min=50 GBP", "--max=500 GBP",
            kRpw, later});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(
      r.out, "No offer: every price in this corridor is stale.\n"))
      << r.out;
  EXPECT_TRUE(absl::StartsWith(r.err,
                               "remitrank: no current price for "
                               "GBR -> BGD: the newest is dated "
                               "2026-08-18"))
      << r.err;
  r = Tool({"curve", "--from=GB", "--to=BD", "--min=50 GBP", "--max=500 GBP",
            "--max-age=2000", kRpw, later});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out,
                                "Prices: dated 2026-08-18, judged at "
                                "2030-01-01; prices older than 2000 days "
                                "are left out.\n"))
      << r.out;

  r = Tool({"summary", "--from=GB", "--to=BD", kRpw, later});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(r.out,
                                "every price is stale: the newest is "
                                "dated 2026-08-18"))
      << r.out;

  r = Tool({"corridors", kRpw, later});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, "2026-08-18 stale\n")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out,
                                "stale: every price of the corridor "
                                "is older than 183 days at "
                                "2030-01-01"))
      << r.out;

  const std::string path = TempPath("stale.html");
  r = Tool({"sheet", "--from=GB", "--to=BD", "-o", path, kRpw, later});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(r.err, "--allow-stale")) << r.err;
  EXPECT_FALSE(std::ifstream(path).good());
  // The warning, and the newest price date as the language writes it.
  const std::vector<std::pair<std::string, std::string>> warnings = {
      {"en",
       "Warning: these prices are out of date. The newest is from "
       "August 18, 2026"},
      {"fr",
       "Attention\u00a0: ces prix ne sont plus à jour. Le plus récent "
       "date du 18 août 2026"},
      {"es",
       "Atención: estos precios no están actualizados. El más reciente "
       "es del 18 de agosto de 2026"}};
  for (const auto& [lang, warning] : warnings) {
    r = Tool({"sheet", "--from=GB", "--to=BD", "--allow-stale",
              "--lang=" + lang, kRpw, later});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(WellFormed(r.out)) << lang;
    EXPECT_TRUE(absl::StrContains(r.out, "<p class=\"warning\">" + warning))
        << lang;
    EXPECT_TRUE(absl::StrContains(r.out, "Northwind Remit")) << lang;
  }
}

// The bundled sample is illustrative: judged at its own date, it still
// ranks in 2030, and says so.
TEST(CliTest, TheBundledSampleNeverExpires) {
  ScopedColumns wide("400");
  CommandResult r = Tool({"rank", "--from=US", "--to=MX", "--amount=200 USD",
                          kData, "--as-of=2030-07-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, "1  SwiftSend")) << r.out;
  EXPECT_TRUE(absl::StrContains(
      r.out,
      "Prices: illustrative data as of 2026-11-02 (made-up prices, "
      "judged at that date, not today)"))
      << r.out;
  r = Tool({"sheet", "--from=US", "--to=MX", kData, "--as-of=2030-07-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(
      absl::StrContains(r.out, "Illustrative data as of November 2, 2026"))
      << r.out;
}

// RPW's licence (CC BY 4.0) asks for attribution: under the table, on the
// sheet, and in the JSON every partner app reads.
TEST(CliTest, RpwDataIsAttributedWhereverItIsShown) {
  ScopedColumns wide("400");
  const std::string attribution =
      "Source: World Bank, Remittance Prices Worldwide "
      "(remittanceprices.worldbank.org), licensed under CC BY 4.0.";
  const std::string as_of = "--as-of=2026-09-01";
  CommandResult r =
      Tool({"rank", "--from=GB", "--to=BD", "--amount=120 GBP", kRpw, as_of});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(
      r.out,
      "Data: Remittance Prices Worldwide 2026_2Q to 2026_3Q, by The World "
      "Bank, as of 2026-08-18, licence CC BY 4.0; version "))
      << r.out;
  EXPECT_TRUE(absl::EndsWith(r.out, attribution + "\n")) << r.out;
  r = Tool({"sheet", "--from=GB", "--to=BD", kRpw, as_of, "--date=2026-09-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(
      absl::StrContains(r.out, "<p class=\"source\">" + attribution + "</p>"))
      << r.out;
  r = Tool({"summary", "--from=GB", "--to=BD", "--format=json", kRpw, as_of});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  v1::CorridorSummary summary;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(r.out, &summary).ok())
      << r.out;
  ASSERT_EQ(summary.data_sources_size(), 1);
  EXPECT_EQ(summary.data_sources(0).license(), "CC BY 4.0");
  EXPECT_EQ(summary.data_sources(0).attribution(), attribution);
  EXPECT_EQ(summary.data_sources(0).as_of(), "2026-08-18");
}

// Who is cheapest at each amount: the switch from SwiftSend (up to its
// 500.00 USD limit) to Northwind at 500.01, as rank says at both amounts;
// SwiftSend's promotional gain is said as rank says it, and the data named.
TEST(CliTest, CurveSaysWhereTheCheapestChanges) {
  ScopedColumns columns(nullptr);
  CommandResult r = Tool({"curve", "--from=US", "--to=MX", "--min=1 USD",
                          "--max=600 USD", kData, kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Cheapest offer by amount sent, USA -> MEX\n"
            "  1.00 - 500.00 USD: SwiftSend, 0.27% gain*\n"
            "500.01 - 600.00 USD: Northwind Remit, 0.99%\n"
            "Total % is the cheapest offer's at the first amount of its "
            "row.\n"
            "* promotional: an offer's price for a promotion (e.g. a first "
            "transfer), not\n"
            "  its usual one; --exclude-promotional leaves these out.\n"
            "Prices: illustrative data as of 2026-11-02 (made-up prices, "
            "judged at that\n"
            "  date, not today); dated 2026-11-02; prices older than 183 "
            "days are left out (1\n"
            "  of 6).\n"
            "Data: remitrank sample corridors, by remitrank, as of "
            "2026-11-02, licence CC0\n"
            "  1.0; version 758d0177bb4d.\n"
            "remitrank sample corridors, by the remitrank project, CC0 1.0\n");
  for (const std::string& line : Lines(r.out)) EXPECT_LE(line.size(), 80u);
  for (const auto& [amount, first] :
       {std::pair<std::string, std::string>{"500 USD", "SwiftSend"},
        {"500.01 USD", "Northwind Remit"}}) {
    CommandResult rank =
        Tool({"rank", "--from=US", "--to=MX", "--amount=" + amount,
              "--format=csv", kData, kAsOf});
    ASSERT_EQ(rank.exit_code, 0) << rank.err;
    ASSERT_GE(Lines(rank.out).size(), 2u);
    EXPECT_NE(Lines(rank.out)[1].find(first), std::string::npos) << amount;
  }

  CommandResult csv = Tool({"curve", "--from=US", "--to=MX", "--min=1 USD",
                            "--max=600 USD", "--format=csv", kData, kAsOf});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(Lines(csv.out)[0],
            "from_amount,to_amount,currency,quote_id,provider_id,"
            "provider_name,total_cost,total_cost_currency,total_cost_percent,"
            "estimated,promotional,price_date,prices_judged_at,max_age_days,"
            "illustrative");
  EXPECT_EQ(Lines(csv.out)[2],
            "500.01,600.00,USD,us-mx-northwind-app,northwind,Northwind "
            "Remit,4.95,USD,0.989010989,false,false,2026-11-02,2026-11-02,183,"
            "true");

  CommandResult json =
      Tool({"curve", "--from=US", "--to=MX", "--min=1 USD", "--max=600 USD",
            "--samples=3", "--format=json", kData, kAsOf});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  v1::GetCostCurveResponse parsed;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(json.out, &parsed).ok());
  ASSERT_EQ(parsed.intervals_size(), 2);
  EXPECT_TRUE(parsed.freshness().illustrative());
  EXPECT_EQ(parsed.freshness().stale_quote_count(), 1);
  EXPECT_EQ(parsed.intervals(1).from_amount().nanos(), 10'000'000);
  EXPECT_EQ(parsed.sample_amounts_size(), 3);
  for (const char* name :
       {"\"intervals\"", "\"fromAmount\"", "\"toAmount\"", "\"cheapest\""}) {
    EXPECT_NE(json.out.find(name), std::string::npos) << name;
  }

  CommandResult missing =
      Tool({"curve", "--from=US", "--to=MX", "--min=1 USD", kData});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("--max is required"), std::string::npos)
      << missing.err;
  // The chart, written to a file: one line per offer, the switch labelled.
  const std::string chart = TempPath("curve.svg");
  CommandResult svg =
      Tool({"curve", "--from=US", "--to=MX", "--min=1 USD", "--max=600 USD",
            "--format=svg", "-o", chart, kData, kAsOf});
  ASSERT_EQ(svg.exit_code, 0) << svg.err;
  EXPECT_EQ(svg.out, "");
  const std::string drawn = ReadFile(chart);
  EXPECT_TRUE(absl::StartsWith(drawn, "<?xml")) << drawn.substr(0, 80);
  EXPECT_NE(drawn.find(">500.01 USD</text>"), std::string::npos);
  EXPECT_NE(drawn.find("data-quote=\"us-mx-swiftsend-promo\""),
            std::string::npos);
  EXPECT_NE(drawn.find("data-quote=\"us-mx-northwind-app\""),
            std::string::npos);
  // The filter, as rank reads it: only cash pick-up offers.
  CommandResult cash =
      Tool({"curve", "--from=US", "--to=MX", "--min=1 USD", "--max=600 USD",
            "--receive-method=cash_pickup", kData, kAsOf});
  ASSERT_EQ(cash.exit_code, 0) << cash.err;
  EXPECT_EQ(cash.out.find("SwiftSend"), std::string::npos) << cash.out;
  EXPECT_NE(cash.out.find("Globe Money Transfer"), std::string::npos)
      << cash.out;
  // PostaLink's cash pick-up price, cheaper above 122.54 USD, is older
  // than the age limit: left out, as rank leaves it out, unless the limit
  // is raised.
  EXPECT_EQ(cash.out.find("PostaLink"), std::string::npos) << cash.out;
  CommandResult old_prices =
      Tool({"curve", "--from=US", "--to=MX", "--min=1 USD", "--max=600 USD",
            "--receive-method=cash_pickup", "--max-age=36500", kData, kAsOf});
  ASSERT_EQ(old_prices.exit_code, 0) << old_prices.err;
  EXPECT_NE(old_prices.out.find("PostaLink"), std::string::npos)
      << old_prices.out;

  // Amounts received: the cheapest at each is rank --receive's first.
  CommandResult received =
      Tool({"curve", "--from=US", "--to=MX", "--receive", "--min=100 MXN",
            "--max=12000 MXN", "--format=csv", kData, kAsOf});
  ASSERT_EQ(received.exit_code, 0) << received.err;
  CommandResult table =
      Tool({"curve", "--from=US", "--to=MX", "--receive", "--min=100 MXN",
            "--max=12000 MXN", kData, kAsOf});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_EQ(table.out,
            "Cheapest offer by amount received, USA -> MEX\n"
            "  100.00 -  9,125.00 MXN: SwiftSend, 0.27% gain*\n"
            "9,125.01 - 12,000.00 MXN: Northwind Remit, 0.99%\n"
            "Cheapest: the least outlay that delivers the amount. Total % "
            "at the first\n"
            "  amount of its row.\n"
            "* promotional: an offer's price for a promotion (e.g. a first "
            "transfer), not\n"
            "  its usual one; --exclude-promotional leaves these out.\n"
            "Prices: illustrative data as of 2026-11-02 (made-up prices, "
            "judged at that\n"
            "  date, not today); dated 2026-11-02; prices older than 183 "
            "days are left out (1\n"
            "  of 6).\n"
            "Data: remitrank sample corridors, by remitrank, as of "
            "2026-11-02, licence CC0\n"
            "  1.0; version 758d0177bb4d.\n"
            "remitrank sample corridors, by the remitrank project, CC0 1.0\n");
  for (const std::string& line : Lines(table.out)) EXPECT_LE(line.size(), 80u);
  const std::vector<std::string> rows = Lines(received.out);
  ASSERT_GE(rows.size(), 2u);
  for (size_t i = 1; i < rows.size(); ++i) {
    const std::vector<std::string> cells = absl::StrSplit(rows[i], ',');
    ASSERT_GE(cells.size(), 8u) << rows[i];
    EXPECT_EQ(cells[2], "MXN");
    // The amounts are received; the cost is paid in the send currency.
    EXPECT_EQ(cells[7], "USD");
    CommandResult rank =
        Tool({"rank", "--from=US", "--to=MX", "--receive",
              "--amount=" + cells[0] + " MXN", "--format=csv", kData, kAsOf});
    ASSERT_EQ(rank.exit_code, 0) << rank.err;
    ASSERT_GE(Lines(rank.out).size(), 2u);
    EXPECT_NE(Lines(rank.out)[1].find("," + cells[4] + ","), std::string::npos)
        << cells[0] << "\n"
        << rank.out;
  }

  CommandResult reversed = Tool(
      {"curve", "--from=US", "--to=MX", "--min=600 USD", "--max=1 USD", kData});
  EXPECT_EQ(reversed.exit_code, 2) << reversed.err;
  EXPECT_EQ(reversed.err,
            "remitrank: --min: 600.00 USD is more than --max 1.00 USD\n");
}

// The briefing sheet laid out by a real browser (headless Chromium, when
// the machine has one; skipped otherwise) at the width of an A4 page
// between the sheet's margins (182 mm, 688 CSS pixels): the page and its
// tables fit that width, and every figure (span.num) is on one line inside
// its cell, in every language and for the widest corridors of the sample
// (long amounts in KES and TZS, a promotion said in words). Screen layout
// at the print width stands in for print: the sheet's print rules only
// decide where pages break, not widths.
constexpr char kChromium[] = "/usr/bin/chromium";

// Run in the page once it is laid out: what does not fit, or "fits", in
// the body's data-layout attribute (which --dump-dom prints).
constexpr char kLayoutCheck[] = R"js(<script>
window.addEventListener('load', () => {
  const bad = [];
  const page = document.body.getBoundingClientRect();
  if (document.documentElement.scrollWidth > window.innerWidth) {
    bad.push('page wider than A4');
  }
  for (const t of document.querySelectorAll('table')) {
    if (t.getBoundingClientRect().right > page.right + 0.5) {
      bad.push('table wider than the page');
    }
  }
  // Sections are never split across pages (each starts with the sheet's
  // notes): each must fit an A4 page between the margins (269 mm).
  for (const s of document.querySelectorAll('section')) {
    if (s.getBoundingClientRect().height > 1016) {
      bad.push('section taller than a page');
    }
  }
  for (const s of document.querySelectorAll('.num')) {
    const cell = s.closest('td').getBoundingClientRect();
    const r = s.getBoundingClientRect();
    if (s.getClientRects().length !== 1) bad.push('split: ' + s.textContent);
    if (r.right > cell.right + 0.5 || r.left < cell.left - 0.5) {
      bad.push('cut: ' + s.textContent);
    }
  }
  document.body.setAttribute('data-layout', bad.length ? bad.join('; ') :
                                                         'fits');
});
</script>)js";

bool HaveChromium() { return std::ifstream(kChromium).good(); }

TEST(CliTest, SheetFitsA4WithEveryFigureWholeInChromium) {
  if (!HaveChromium()) GTEST_SKIP() << "no " << kChromium;
  const char* tmp = std::getenv("TEST_TMPDIR");
  ASSERT_NE(tmp, nullptr);
  // Chromium keeps its profile under HOME: the test's own directory, for
  // this test only.
  const std::optional<std::string> home =
      std::getenv("HOME") == nullptr
          ? std::nullopt
          : std::optional<std::string>(std::getenv("HOME"));
  setenv("HOME", tmp, 1);
  struct RestoreHome {
    const std::optional<std::string>& home;
    ~RestoreHome() {
      if (home.has_value()) {
        setenv("HOME", home->c_str(), 1);
      } else {
        unsetenv("HOME");
      }
    }
  } restore_home{home};
  const std::vector<std::vector<std::string>> sheets = {
      {"--from=US", "--to=MX", "--lang=en"},
      {"--from=US", "--to=MX", "--lang=es"},
      {"--from=US", "--to=MX", "--lang=fr"},
      {"--from=KE", "--to=TZ", "--lang=fr", "--amounts=18000 KES,45000 KES"},
      {"--from=GB", "--to=NG", "--lang=es"},
      // Old prices: the warning in every section.
      {"--data=testdata/rpw_sample.csv", "--as-of=2026-07-01",
       "--date=2027-07-01", "--from=GB", "--to=BD", "--lang=fr"},
  };
  for (const std::vector<std::string>& options : sheets) {
    const std::string what = absl::StrJoin(options, " ");
    std::vector<std::string> args = {"sheet"};
    if (!absl::StartsWith(options.front(), "--data=")) {
      args.insert(args.end(), {kData, kAsOf});
    }
    args.insert(args.end(), options.begin(), options.end());
    CommandResult sheet = RunCommand(kTool, args);
    ASSERT_EQ(sheet.exit_code, 0) << what << ": " << sheet.err;
    ASSERT_NE(sheet.out.find("<span class=\"num\">"), std::string::npos);
    const std::string path = TempPath("sheet.html");
    std::ofstream(path, std::ios::trunc) << absl::StrReplaceAll(
        sheet.out, {{"</body>", absl::StrCat(kLayoutCheck, "</body>")}});
    CommandResult dom = RunCommand(
        kChromium, {"--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-dev-shm-usage",
                    absl::StrCat("--user-data-dir=", tmp, "/chromium"),
                    "--window-size=688,1000", "--dump-dom",
                    absl::StrCat("file://", path)});
    if (dom.out.find("data-layout=") == std::string::npos) {
      GTEST_SKIP() << "Chromium did not lay the page out here: " << dom.err;
    }
    EXPECT_NE(dom.out.find("data-layout=\"fits\""), std::string::npos)
        << what << ": " << dom.out.substr(dom.out.find("data-layout="), 400);
  }
}

}  // namespace
}  // namespace remit::testing
