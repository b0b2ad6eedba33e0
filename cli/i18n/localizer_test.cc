#include "cli/i18n/localizer.h"

#include "gtest/gtest.h"

namespace remit::cli {
namespace {

// U+202F, the narrow no-break space French groups digits with; U+00A0,
// the no-break space before a currency or a percent sign.
constexpr char kNarrow[] = "\u202f";
constexpr char kNbsp[] = "\u00a0";

struct NumberCase {
  const char* language;
  const char* decimal;
  std::string expected;
};

TEST(LocalizerTest, NumbersKeepEveryDigitAndGroupPerLanguage) {
  const NumberCase cases[] = {
      {"en", "18019999999981.98", "18,019,999,999,981.98"},
      {"en", "1000000", "1,000,000"},
      {"en", "2020", "2,020"},
      {"en", "0.50", "0.50"},
      {"en", "-0.55", "-0.55"},
      {"en", "999", "999"},
      // More digits than a double holds: still exact.
      {"en", "92233720368547758.07", "92,233,720,368,547,758.07"},
      {"en", "17.123456789012", "17.123456789012"},
      {"fr", "241900.00", std::string("241") + kNarrow + "900,00"},
      {"fr", "-0.55", "-0,55"},
      {"es", "241900.00", "241.900,00"},
      // Spanish groups only from five digits.
      {"es", "1234.56", "1234,56"},
      {"es", "999", "999"},
  };
  for (const NumberCase& c : cases) {
    EXPECT_EQ(Localizer(c.language).Number(c.decimal), c.expected)
        << c.language << " " << c.decimal;
  }
}

TEST(LocalizerTest, TextThatIsNotADecimalIsLeftAlone) {
  const Localizer en("en");
  for (const char* text :
       {"", "-", "1.", ".5", "1,000", "1e6", "abc", "1.2.3", "12 USD"}) {
    EXPECT_EQ(en.Number(text), text);
  }
}

TEST(LocalizerTest, MoneyAsEachLanguageWritesIt) {
  EXPECT_EQ(Localizer("en").Money("150.00", "GBP"), "\u00a3150.00");
  EXPECT_EQ(Localizer("en").Money("241900.00", "NGN"),
            std::string("NGN") + kNbsp + "241,900.00");
  EXPECT_EQ(Localizer("fr").Money("1234.56", "EUR"),
            std::string("1") + kNarrow + "234,56" + kNbsp + "\u20ac");
  EXPECT_EQ(Localizer("fr").Money("241900.00", "NGN"),
            std::string("241") + kNarrow + "900,00" + kNbsp + "NGN");
  EXPECT_EQ(Localizer("es").Money("241900.00", "NGN"),
            std::string("241.900,00") + kNbsp + "NGN");
  // The digits given, not the currency's usual ones: nothing is rounded.
  EXPECT_EQ(Localizer("en").Money("7", "USD"), "$7");
  EXPECT_EQ(Localizer("en").Money("0.125", "USD"), "$0.125");
  EXPECT_EQ(Localizer("en").Money("1.5", "ZZ"), "1.5 ZZ");
  EXPECT_EQ(Localizer("en").Money("x", "USD"), "x USD");
}

TEST(LocalizerTest, Percentages) {
  EXPECT_EQ(Localizer("en").Percent("1.67"), "1.67%");
  EXPECT_EQ(Localizer("fr").Percent("1.67"), std::string("1,67") + kNbsp + "%");
  EXPECT_EQ(Localizer("es").Percent("-0.27"),
            std::string("-0,27") + kNbsp + "%");
  EXPECT_EQ(Localizer("en").Percent("1234.50"), "1,234.50%");
}

TEST(LocalizerTest, CountryNames) {
  struct Case {
    const char* language;
    const char* code;
    const char* name;
  } cases[] = {
      {"en", "GB", "United Kingdom"},  {"fr", "GB", "Royaume-Uni"},
      {"es", "GB", "Reino Unido"},     {"fr", "GBR", "Royaume-Uni"},
      {"fr", "US", "\u00c9tats-Unis"}, {"es", "MX", "M\u00e9xico"},
      {"fr", "TZ", "Tanzanie"},        {"es", "KE", "Kenia"},
      {"fr", "XK", "Kosovo"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Localizer(c.language).CountryName(c.code), c.name)
        << c.language << " " << c.code;
  }
}

TEST(LocalizerTest, Dates) {
  EXPECT_EQ(Localizer("en").Date("2026-11-02"), "November 2, 2026");
  EXPECT_EQ(Localizer("fr").Date("2026-11-02"), "2 novembre 2026");
  EXPECT_EQ(Localizer("es").Date("2026-01-31"), "31 de enero de 2026");
  // The day itself, whatever the machine's time zone.
  EXPECT_EQ(Localizer("en").Date("2030-12-31"), "December 31, 2030");
  for (const char* text : {"", "2026-13-01", "2026-11-2", "2026_3Q", "soon"}) {
    EXPECT_EQ(Localizer("en").Date(text), text);
  }
}

TEST(LocalizerTest, PluralsFollowTheLanguagesRules) {
  const char kEnglish[] =
      "{n, plural, one {# corridor} other {# corridors}} in {file}";
  const Localizer en("en");
  EXPECT_EQ(en.Format(kEnglish, {{"n", 1}, {"file", "a.csv"}}),
            "1 corridor in a.csv");
  EXPECT_EQ(en.Format(kEnglish, {{"n", 2}, {"file", "a.csv"}}),
            "2 corridors in a.csv");
  EXPECT_EQ(en.Format(kEnglish, {{"n", 0}, {"file", "a.csv"}}),
            "0 corridors in a.csv");
  EXPECT_EQ(en.Format(kEnglish, {{"n", 12345}, {"file", "a.csv"}}),
            "12,345 corridors in a.csv");
  // French counts 0 and 1 as singular.
  const char kFrench[] = "{n, plural, one {# offre} other {# offres}}";
  const Localizer fr("fr");
  EXPECT_EQ(fr.Format(kFrench, {{"n", 0}}), "0 offre");
  EXPECT_EQ(fr.Format(kFrench, {{"n", 1}}), "1 offre");
  EXPECT_EQ(fr.Format(kFrench, {{"n", 2}}), "2 offres");
  const char kSpanish[] = "{n, plural, one {# oferta} other {# ofertas}}";
  EXPECT_EQ(Localizer("es").Format(kSpanish, {{"n", 0}}), "0 ofertas");
  EXPECT_EQ(Localizer("es").Format(kSpanish, {{"n", 1}}), "1 oferta");
}

TEST(LocalizerTest, SelectAndApostrophes) {
  const Localizer fr("fr");
  EXPECT_EQ(fr.Format("{k, select, yes {oui} other {non}}", {{"k", "yes"}}),
            "oui");
  // The typographic apostrophe is plain text, before a brace too.
  EXPECT_EQ(fr.Format("l\u2019argent d\u2019{x}", {{"x", "ici"}}),
            "l\u2019argent d\u2019ici");
  // A pattern ICU cannot read comes back unfilled.
  EXPECT_EQ(fr.Format("{n, plural, one {x}", {{"n", 1}}),
            "{n, plural, one {x}");
}

TEST(LocalizerTest, EnglishLocalizerIsEnglish) {
  EXPECT_EQ(EnglishLocalizer().language(), "en");
  EXPECT_EQ(&EnglishLocalizer(), &EnglishLocalizer());
}

}  // namespace
}  // namespace remit::cli
