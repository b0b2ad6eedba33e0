#include "cli/args.h"

#include "gtest/gtest.h"

namespace remit::cli {
namespace {

const std::vector<OptionSpec> kSpecs = {
    {"from", true, false, ""},
    {"receive-method", true, true, ""},
    {"receive", false, false, ""},
};

TEST(ParseArgsTest, FormsOfValues) {
  absl::StatusOr<Args> args =
      ParseArgs({"--from=GB", "--receive-method", "cash_pickup,bank_account",
                 "--receive-method=mobile_money", "--receive", "file.csv"},
                kSpecs);
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_EQ(*args->Get("from"), "GB");
  EXPECT_EQ(args->GetAll("receive-method"),
            (std::vector<std::string>{"cash_pickup", "bank_account",
                                      "mobile_money"}));
  EXPECT_TRUE(args->Has("receive"));
  EXPECT_EQ(args->positional, std::vector<std::string>{"file.csv"});
  EXPECT_FALSE(args->Get("to").has_value());
}

TEST(ParseArgsTest, ErrorsNameTheArgumentAndSuggest) {
  EXPECT_EQ(ParseArgs({"--form=GB"}, kSpecs).status().message(),
            "unknown option '--form'; did you mean --from?");
  EXPECT_EQ(ParseArgs({"--fomr=GB"}, kSpecs).status().message(),
            "unknown option '--fomr'; did you mean --from?");
  EXPECT_EQ(ParseArgs({"--zzzzzz=1"}, kSpecs).status().message(),
            "unknown option '--zzzzzz'");
  EXPECT_EQ(ParseArgs({"--from"}, kSpecs).status().message(),
            "--from needs a value");
  EXPECT_EQ(ParseArgs({"--receive=yes"}, kSpecs).status().message(),
            "--receive takes no value (got 'yes')");
}

struct TypoCase {
  const char* typed;
  const char* meant;
};

// Swapped neighbours count as one slip, so "fromat" is "format", not
// "from" (two letters away either way by plain Levenshtein distance).
TEST(ClosestTest, TyposOfTheToolsOptions) {
  const std::vector<std::string> options = {
      "from",   "to",     "amount",         "receive", "receive-method",
      "format", "output", "lang",           "period",  "limit",
      "as-of",  "data",   "payment-method", "server",  "amounts"};
  const TypoCase cases[] = {
      {"fromat", "format"},
      {"foramt", "format"},
      {"formt", "format"},
      {"form", "from"},
      {"fomr", "from"},
      {"ot", "to"},
      {"too", "to"},
      {"amonut", "amount"},
      {"ammount", "amount"},
      {"recieve", "receive"},
      {"recieve-method", "receive-method"},
      {"ouptut", "output"},
      {"lnag", "lang"},
      {"preiod", "period"},
      {"limti", "limit"},
      {"as_of", "as-of"},
      {"dtaa", "data"},
      {"sevrer", "server"},
      {"amoutns", "amounts"},
  };
  for (const TypoCase& c : cases) {
    std::optional<std::string> close = Closest(c.typed, options);
    ASSERT_TRUE(close.has_value()) << c.typed;
    EXPECT_EQ(*close, c.meant) << c.typed;
  }
  EXPECT_FALSE(Closest("verbose", options).has_value());
}

TEST(ClosestTest, OnlyCloseWords) {
  EXPECT_EQ(*Closest("GBA", {"GBR", "USA"}), "GBR");
  EXPECT_FALSE(Closest("XYZW", {"GBR", "USA"}).has_value());
}

}  // namespace
}  // namespace remit::cli
