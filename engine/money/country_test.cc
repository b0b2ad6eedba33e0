#include "engine/money/country.h"

#include "gtest/gtest.h"

namespace remit {
namespace engine_internal {
bool CountryTableIsSorted();
}  // namespace engine_internal
namespace {

TEST(CountryCodeTest, TableIsSorted) {
  EXPECT_TRUE(engine_internal::CountryTableIsSorted());
}

TEST(CountryCodeTest, AllOfIso3166PlusKosovo) {
  EXPECT_EQ(CountryCode::All().size(), 250u);  // 249 ISO 3166-1 + XKX.
}

TEST(CountryCodeTest, EveryCountryHasAKnownCurrencyButAntarctica) {
  for (CountryCode country : CountryCode::All()) {
    EXPECT_EQ(country.default_currency().has_value(), country.alpha3() != "ATA")
        << country;
    EXPECT_EQ(country.alpha3().size(), 3u);
    EXPECT_EQ(country.alpha2().size(), 2u);
    // alpha-2 and alpha-3 lead back to the same country.
    EXPECT_EQ(*CountryCode::FromString(country.alpha2()), country);
    EXPECT_EQ(*CountryCode::FromString(country.alpha3()), country);
  }
}

struct Case {
  const char* input;
  const char* alpha3;
  const char* currency;
};

constexpr Case kCases[] = {
    {"GBR", "GBR", "GBP"}, {"gb", "GBR", "GBP"}, {"UK", "GBR", "GBP"},
    {"KEN", "KEN", "KES"}, {"ke", "KEN", "KES"}, {"BGD", "BGD", "BDT"},
    {"USA", "USA", "USD"}, {"MX", "MEX", "MXN"}, {"PH", "PHL", "PHP"},
    {"jpn", "JPN", "JPY"}, {"KW", "KWT", "KWD"}, {"IN", "IND", "INR"},
    {"AE", "ARE", "AED"},  {"DE", "DEU", "EUR"}, {"TR", "TUR", "TRY"},
    {"NG", "NGA", "NGN"},  {"TZ", "TZA", "TZS"}, {"XKX", "XKX", "EUR"},
    {"KSV", "XKX", "EUR"}, {"XK", "XKX", "EUR"}, {"SV", "SLV", "USD"},
    {"ZW", "ZWE", "USD"},  {"SN", "SEN", "XOF"}, {"SL", "SLE", "SLE"},
};

TEST(CountryCodeTest, Table) {
  for (const Case& c : kCases) {
    absl::StatusOr<CountryCode> country = CountryCode::FromString(c.input);
    ASSERT_TRUE(country.ok()) << c.input << ": " << country.status();
    EXPECT_EQ(country->alpha3(), c.alpha3) << c.input;
    EXPECT_EQ(country->default_currency()->code(), c.currency) << c.input;
  }
}

TEST(CountryCodeTest, NamesAreThere) {
  EXPECT_EQ(CountryCode::FromString("BD")->name(), "Bangladesh");
}

TEST(CountryCodeTest, ErrorsNameTheInputAndSuggest) {
  absl::StatusOr<CountryCode> typo = CountryCode::FromString("GBA");
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(typo.status().message().find("'GBA' is not an ISO 3166-1"),
            absl::string_view::npos);
  EXPECT_NE(typo.status().message().find("GBR"), absl::string_view::npos)
      << typo.status();

  absl::StatusOr<CountryCode> by_name = CountryCode::FromString("Kenya");
  ASSERT_FALSE(by_name.ok());
  EXPECT_NE(by_name.status().message().find("KEN"), absl::string_view::npos)
      << by_name.status();

  for (const char* bad : {"", "X", "ZZZZ", "QQQ"}) {
    EXPECT_FALSE(CountryCode::FromString(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace remit
