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
  EXPECT_EQ(ParseArgs({"--zzzzzz=1"}, kSpecs).status().message(),
            "unknown option '--zzzzzz'");
  EXPECT_EQ(ParseArgs({"--from"}, kSpecs).status().message(),
            "--from needs a value");
  EXPECT_EQ(ParseArgs({"--receive=yes"}, kSpecs).status().message(),
            "--receive takes no value (got 'yes')");
}

TEST(ClosestTest, OnlyCloseWords) {
  EXPECT_EQ(*Closest("GBA", {"GBR", "USA"}), "GBR");
  EXPECT_FALSE(Closest("XYZW", {"GBR", "USA"}).has_value());
}

}  // namespace
}  // namespace remit::cli
