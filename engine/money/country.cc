#include "engine/money/country.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/money/echo.h"

namespace remit {
namespace {

struct CountryInfo {
  const char* alpha3;
  const char* alpha2;
  const char* currency;  // "" when there is none.
  const char* name;
};

// ISO 3166-1, ordered by alpha-3 (a test checks the order), plus Kosovo.
// Default currencies are ISO 4217 legal tender, except where recipients are
// paid in another currency in practice: Zimbabwe (USD; ZWG exists but
// remittances pay out in US dollars), and the dollarised Ecuador, El
// Salvador, Panama and Timor-Leste (USD, also legal tender there).
constexpr CountryInfo kCountries[] = {
    {"ABW", "AW", "AWG", "Aruba"},
    {"AFG", "AF", "AFN", "Afghanistan"},
    {"AGO", "AO", "AOA", "Angola"},
    {"AIA", "AI", "XCD", "Anguilla"},
    {"ALA", "AX", "EUR", "Aland Islands"},
    {"ALB", "AL", "ALL", "Albania"},
    {"AND", "AD", "EUR", "Andorra"},
    {"ARE", "AE", "AED", "United Arab Emirates"},
    {"ARG", "AR", "ARS", "Argentina"},
    {"ARM", "AM", "AMD", "Armenia"},
    {"ASM", "AS", "USD", "American Samoa"},
    {"ATA", "AQ", "", "Antarctica"},
    {"ATF", "TF", "EUR", "French Southern Territories"},
    {"ATG", "AG", "XCD", "Antigua and Barbuda"},
    {"AUS", "AU", "AUD", "Australia"},
    {"AUT", "AT", "EUR", "Austria"},
    {"AZE", "AZ", "AZN", "Azerbaijan"},
    {"BDI", "BI", "BIF", "Burundi"},
    {"BEL", "BE", "EUR", "Belgium"},
    {"BEN", "BJ", "XOF", "Benin"},
    {"BES", "BQ", "USD", "Bonaire, Sint Eustatius and Saba"},
    {"BFA", "BF", "XOF", "Burkina Faso"},
    {"BGD", "BD", "BDT", "Bangladesh"},
    {"BGR", "BG", "BGN", "Bulgaria"},
    {"BHR", "BH", "BHD", "Bahrain"},
    {"BHS", "BS", "BSD", "Bahamas"},
    {"BIH", "BA", "BAM", "Bosnia and Herzegovina"},
    {"BLM", "BL", "EUR", "Saint Barthelemy"},
    {"BLR", "BY", "BYN", "Belarus"},
    {"BLZ", "BZ", "BZD", "Belize"},
    {"BMU", "BM", "BMD", "Bermuda"},
    {"BOL", "BO", "BOB", "Bolivia"},
    {"BRA", "BR", "BRL", "Brazil"},
    {"BRB", "BB", "BBD", "Barbados"},
    {"BRN", "BN", "BND", "Brunei Darussalam"},
    {"BTN", "BT", "BTN", "Bhutan"},
    {"BVT", "BV", "NOK", "Bouvet Island"},
    {"BWA", "BW", "BWP", "Botswana"},
    {"CAF", "CF", "XAF", "Central African Republic"},
    {"CAN", "CA", "CAD", "Canada"},
    {"CCK", "CC", "AUD", "Cocos (Keeling) Islands"},
    {"CHE", "CH", "CHF", "Switzerland"},
    {"CHL", "CL", "CLP", "Chile"},
    {"CHN", "CN", "CNY", "China"},
    {"CIV", "CI", "XOF", "Cote d'Ivoire"},
    {"CMR", "CM", "XAF", "Cameroon"},
    {"COD", "CD", "CDF", "Congo, Democratic Republic of the"},
    {"COG", "CG", "XAF", "Congo"},
    {"COK", "CK", "NZD", "Cook Islands"},
    {"COL", "CO", "COP", "Colombia"},
    {"COM", "KM", "KMF", "Comoros"},
    {"CPV", "CV", "CVE", "Cabo Verde"},
    {"CRI", "CR", "CRC", "Costa Rica"},
    {"CUB", "CU", "CUP", "Cuba"},
    {"CUW", "CW", "XCG", "Curacao"},
    {"CXR", "CX", "AUD", "Christmas Island"},
    {"CYM", "KY", "KYD", "Cayman Islands"},
    {"CYP", "CY", "EUR", "Cyprus"},
    {"CZE", "CZ", "CZK", "Czechia"},
    {"DEU", "DE", "EUR", "Germany"},
    {"DJI", "DJ", "DJF", "Djibouti"},
    {"DMA", "DM", "XCD", "Dominica"},
    {"DNK", "DK", "DKK", "Denmark"},
    {"DOM", "DO", "DOP", "Dominican Republic"},
    {"DZA", "DZ", "DZD", "Algeria"},
    {"ECU", "EC", "USD", "Ecuador"},
    {"EGY", "EG", "EGP", "Egypt"},
    {"ERI", "ER", "ERN", "Eritrea"},
    {"ESH", "EH", "MAD", "Western Sahara"},
    {"ESP", "ES", "EUR", "Spain"},
    {"EST", "EE", "EUR", "Estonia"},
    {"ETH", "ET", "ETB", "Ethiopia"},
    {"FIN", "FI", "EUR", "Finland"},
    {"FJI", "FJ", "FJD", "Fiji"},
    {"FLK", "FK", "FKP", "Falkland Islands (Malvinas)"},
    {"FRA", "FR", "EUR", "France"},
    {"FRO", "FO", "DKK", "Faroe Islands"},
    {"FSM", "FM", "USD", "Micronesia"},
    {"GAB", "GA", "XAF", "Gabon"},
    {"GBR", "GB", "GBP", "United Kingdom"},
    {"GEO", "GE", "GEL", "Georgia"},
    {"GGY", "GG", "GBP", "Guernsey"},
    {"GHA", "GH", "GHS", "Ghana"},
    {"GIB", "GI", "GIP", "Gibraltar"},
    {"GIN", "GN", "GNF", "Guinea"},
    {"GLP", "GP", "EUR", "Guadeloupe"},
    {"GMB", "GM", "GMD", "Gambia"},
    {"GNB", "GW", "XOF", "Guinea-Bissau"},
    {"GNQ", "GQ", "XAF", "Equatorial Guinea"},
    {"GRC", "GR", "EUR", "Greece"},
    {"GRD", "GD", "XCD", "Grenada"},
    {"GRL", "GL", "DKK", "Greenland"},
    {"GTM", "GT", "GTQ", "Guatemala"},
    {"GUF", "GF", "EUR", "French Guiana"},
    {"GUM", "GU", "USD", "Guam"},
    {"GUY", "GY", "GYD", "Guyana"},
    {"HKG", "HK", "HKD", "Hong Kong"},
    {"HMD", "HM", "AUD", "Heard Island and McDonald Islands"},
    {"HND", "HN", "HNL", "Honduras"},
    {"HRV", "HR", "EUR", "Croatia"},
    {"HTI", "HT", "HTG", "Haiti"},
    {"HUN", "HU", "HUF", "Hungary"},
    {"IDN", "ID", "IDR", "Indonesia"},
    {"IMN", "IM", "GBP", "Isle of Man"},
    {"IND", "IN", "INR", "India"},
    {"IOT", "IO", "USD", "British Indian Ocean Territory"},
    {"IRL", "IE", "EUR", "Ireland"},
    {"IRN", "IR", "IRR", "Iran"},
    {"IRQ", "IQ", "IQD", "Iraq"},
    {"ISL", "IS", "ISK", "Iceland"},
    {"ISR", "IL", "ILS", "Israel"},
    {"ITA", "IT", "EUR", "Italy"},
    {"JAM", "JM", "JMD", "Jamaica"},
    {"JEY", "JE", "GBP", "Jersey"},
    {"JOR", "JO", "JOD", "Jordan"},
    {"JPN", "JP", "JPY", "Japan"},
    {"KAZ", "KZ", "KZT", "Kazakhstan"},
    {"KEN", "KE", "KES", "Kenya"},
    {"KGZ", "KG", "KGS", "Kyrgyzstan"},
    {"KHM", "KH", "KHR", "Cambodia"},
    {"KIR", "KI", "AUD", "Kiribati"},
    {"KNA", "KN", "XCD", "Saint Kitts and Nevis"},
    {"KOR", "KR", "KRW", "Korea, Republic of"},
    {"KWT", "KW", "KWD", "Kuwait"},
    {"LAO", "LA", "LAK", "Lao People's Democratic Republic"},
    {"LBN", "LB", "LBP", "Lebanon"},
    {"LBR", "LR", "LRD", "Liberia"},
    {"LBY", "LY", "LYD", "Libya"},
    {"LCA", "LC", "XCD", "Saint Lucia"},
    {"LIE", "LI", "CHF", "Liechtenstein"},
    {"LKA", "LK", "LKR", "Sri Lanka"},
    {"LSO", "LS", "LSL", "Lesotho"},
    {"LTU", "LT", "EUR", "Lithuania"},
    {"LUX", "LU", "EUR", "Luxembourg"},
    {"LVA", "LV", "EUR", "Latvia"},
    {"MAC", "MO", "MOP", "Macao"},
    {"MAF", "MF", "EUR", "Saint Martin (French part)"},
    {"MAR", "MA", "MAD", "Morocco"},
    {"MCO", "MC", "EUR", "Monaco"},
    {"MDA", "MD", "MDL", "Moldova"},
    {"MDG", "MG", "MGA", "Madagascar"},
    {"MDV", "MV", "MVR", "Maldives"},
    {"MEX", "MX", "MXN", "Mexico"},
    {"MHL", "MH", "USD", "Marshall Islands"},
    {"MKD", "MK", "MKD", "North Macedonia"},
    {"MLI", "ML", "XOF", "Mali"},
    {"MLT", "MT", "EUR", "Malta"},
    {"MMR", "MM", "MMK", "Myanmar"},
    {"MNE", "ME", "EUR", "Montenegro"},
    {"MNG", "MN", "MNT", "Mongolia"},
    {"MNP", "MP", "USD", "Northern Mariana Islands"},
    {"MOZ", "MZ", "MZN", "Mozambique"},
    {"MRT", "MR", "MRU", "Mauritania"},
    {"MSR", "MS", "XCD", "Montserrat"},
    {"MTQ", "MQ", "EUR", "Martinique"},
    {"MUS", "MU", "MUR", "Mauritius"},
    {"MWI", "MW", "MWK", "Malawi"},
    {"MYS", "MY", "MYR", "Malaysia"},
    {"MYT", "YT", "EUR", "Mayotte"},
    {"NAM", "NA", "NAD", "Namibia"},
    {"NCL", "NC", "XPF", "New Caledonia"},
    {"NER", "NE", "XOF", "Niger"},
    {"NFK", "NF", "AUD", "Norfolk Island"},
    {"NGA", "NG", "NGN", "Nigeria"},
    {"NIC", "NI", "NIO", "Nicaragua"},
    {"NIU", "NU", "NZD", "Niue"},
    {"NLD", "NL", "EUR", "Netherlands"},
    {"NOR", "NO", "NOK", "Norway"},
    {"NPL", "NP", "NPR", "Nepal"},
    {"NRU", "NR", "AUD", "Nauru"},
    {"NZL", "NZ", "NZD", "New Zealand"},
    {"OMN", "OM", "OMR", "Oman"},
    {"PAK", "PK", "PKR", "Pakistan"},
    {"PAN", "PA", "USD", "Panama"},
    {"PCN", "PN", "NZD", "Pitcairn"},
    {"PER", "PE", "PEN", "Peru"},
    {"PHL", "PH", "PHP", "Philippines"},
    {"PLW", "PW", "USD", "Palau"},
    {"PNG", "PG", "PGK", "Papua New Guinea"},
    {"POL", "PL", "PLN", "Poland"},
    {"PRI", "PR", "USD", "Puerto Rico"},
    {"PRK", "KP", "KPW", "Korea, Democratic People's Republic of"},
    {"PRT", "PT", "EUR", "Portugal"},
    {"PRY", "PY", "PYG", "Paraguay"},
    {"PSE", "PS", "ILS", "Palestine, State of"},
    {"PYF", "PF", "XPF", "French Polynesia"},
    {"QAT", "QA", "QAR", "Qatar"},
    {"REU", "RE", "EUR", "Reunion"},
    {"ROU", "RO", "RON", "Romania"},
    {"RUS", "RU", "RUB", "Russian Federation"},
    {"RWA", "RW", "RWF", "Rwanda"},
    {"SAU", "SA", "SAR", "Saudi Arabia"},
    {"SDN", "SD", "SDG", "Sudan"},
    {"SEN", "SN", "XOF", "Senegal"},
    {"SGP", "SG", "SGD", "Singapore"},
    {"SGS", "GS", "GBP", "South Georgia and the South Sandwich Islands"},
    {"SHN", "SH", "SHP", "Saint Helena, Ascension and Tristan da Cunha"},
    {"SJM", "SJ", "NOK", "Svalbard and Jan Mayen"},
    {"SLB", "SB", "SBD", "Solomon Islands"},
    {"SLE", "SL", "SLE", "Sierra Leone"},
    {"SLV", "SV", "USD", "El Salvador"},
    {"SMR", "SM", "EUR", "San Marino"},
    {"SOM", "SO", "SOS", "Somalia"},
    {"SPM", "PM", "EUR", "Saint Pierre and Miquelon"},
    {"SRB", "RS", "RSD", "Serbia"},
    {"SSD", "SS", "SSP", "South Sudan"},
    {"STP", "ST", "STN", "Sao Tome and Principe"},
    {"SUR", "SR", "SRD", "Suriname"},
    {"SVK", "SK", "EUR", "Slovakia"},
    {"SVN", "SI", "EUR", "Slovenia"},
    {"SWE", "SE", "SEK", "Sweden"},
    {"SWZ", "SZ", "SZL", "Eswatini"},
    {"SXM", "SX", "XCG", "Sint Maarten (Dutch part)"},
    {"SYC", "SC", "SCR", "Seychelles"},
    {"SYR", "SY", "SYP", "Syrian Arab Republic"},
    {"TCA", "TC", "USD", "Turks and Caicos Islands"},
    {"TCD", "TD", "XAF", "Chad"},
    {"TGO", "TG", "XOF", "Togo"},
    {"THA", "TH", "THB", "Thailand"},
    {"TJK", "TJ", "TJS", "Tajikistan"},
    {"TKL", "TK", "NZD", "Tokelau"},
    {"TKM", "TM", "TMT", "Turkmenistan"},
    {"TLS", "TL", "USD", "Timor-Leste"},
    {"TON", "TO", "TOP", "Tonga"},
    {"TTO", "TT", "TTD", "Trinidad and Tobago"},
    {"TUN", "TN", "TND", "Tunisia"},
    {"TUR", "TR", "TRY", "Turkiye"},
    {"TUV", "TV", "AUD", "Tuvalu"},
    {"TWN", "TW", "TWD", "Taiwan"},
    {"TZA", "TZ", "TZS", "Tanzania"},
    {"UGA", "UG", "UGX", "Uganda"},
    {"UKR", "UA", "UAH", "Ukraine"},
    {"UMI", "UM", "USD", "United States Minor Outlying Islands"},
    {"URY", "UY", "UYU", "Uruguay"},
    {"USA", "US", "USD", "United States"},
    {"UZB", "UZ", "UZS", "Uzbekistan"},
    {"VAT", "VA", "EUR", "Holy See"},
    {"VCT", "VC", "XCD", "Saint Vincent and the Grenadines"},
    {"VEN", "VE", "VES", "Venezuela"},
    {"VGB", "VG", "USD", "Virgin Islands (British)"},
    {"VIR", "VI", "USD", "Virgin Islands (U.S.)"},
    {"VNM", "VN", "VND", "Viet Nam"},
    {"VUT", "VU", "VUV", "Vanuatu"},
    {"WLF", "WF", "XPF", "Wallis and Futuna"},
    {"WSM", "WS", "WST", "Samoa"},
    {"XKX", "XK", "EUR", "Kosovo"},
    {"YEM", "YE", "YER", "Yemen"},
    {"ZAF", "ZA", "ZAR", "South Africa"},
    {"ZMB", "ZM", "ZMW", "Zambia"},
    {"ZWE", "ZW", "USD", "Zimbabwe"},
};

// Codes that name a country in the table under another code.
struct Alias {
  const char* code;
  const char* alpha3;
};
constexpr Alias kAliases[] = {
    {"KSV", "XKX"},  // Kosovo as RPW writes it.
    {"UK", "GBR"},   // Reserved by ISO for the United Kingdom.
};

constexpr int kCountryCount = static_cast<int>(std::size(kCountries));

int IndexOfAlpha3(absl::string_view upper) {
  auto it =
      std::lower_bound(std::begin(kCountries), std::end(kCountries), upper,
                       [](const CountryInfo& info, absl::string_view code) {
                         return absl::string_view(info.alpha3) < code;
                       });
  if (it == std::end(kCountries) || absl::string_view(it->alpha3) != upper) {
    return -1;
  }
  return static_cast<int>(it - std::begin(kCountries));
}

// Index of each alpha-2 code in kCountries by its two letters, -1 where
// none: built once, so that a lookup is one load.
using Alpha2Table = std::array<int16_t, 26 * 26>;
const Alpha2Table& Alpha2Index() {
  static const Alpha2Table* const table = [] {
    auto* built = new Alpha2Table;
    built->fill(-1);
    for (int i = 0; i < kCountryCount; ++i) {
      const char* alpha2 = kCountries[i].alpha2;
      (*built)[(alpha2[0] - 'A') * 26 + (alpha2[1] - 'A')] =
          static_cast<int16_t>(i);
    }
    return built;
  }();
  return *table;
}

int IndexOfAlpha2(absl::string_view upper) {
  if (upper.size() != 2 || !absl::ascii_isupper(upper[0]) ||
      !absl::ascii_isupper(upper[1])) {
    return -1;
  }
  return Alpha2Index()[(upper[0] - 'A') * 26 + (upper[1] - 'A')];
}

int Lookup(absl::string_view upper) {
  // No alias (KSV, UK) is a code of the table, so the order is free.
  const int index = upper.size() == 3   ? IndexOfAlpha3(upper)
                    : upper.size() == 2 ? IndexOfAlpha2(upper)
                                        : -1;
  if (index >= 0) return index;
  for (const Alias& alias : kAliases) {
    if (upper == alias.code) return IndexOfAlpha3(alias.alpha3);
  }
  return -1;
}

// Codes of the same length that differ from `upper` in one letter, or whose
// name starts with it: "GBA" -> GBR; "NGR" -> NGA, NER.
std::vector<std::string> Suggestions(absl::string_view upper) {
  std::vector<std::string> out;
  for (const CountryInfo& info : kCountries) {
    absl::string_view code = upper.size() == 2 ? info.alpha2 : info.alpha3;
    int differences = 0;
    if (code.size() == upper.size()) {
      for (size_t i = 0; i < code.size(); ++i)
        differences += code[i] != upper[i];
    } else {
      differences = 99;
    }
    bool name_match = upper.size() >= 3 &&
                      absl::StartsWith(absl::AsciiStrToUpper(info.name), upper);
    if (differences == 1 || name_match) out.emplace_back(info.alpha3);
    if (out.size() == 5) break;
  }
  return out;
}

}  // namespace

namespace engine_internal {
// For country_test.cc: the table must stay sorted for the binary search.
bool CountryTableIsSorted() {
  return std::is_sorted(std::begin(kCountries), std::end(kCountries),
                        [](const CountryInfo& a, const CountryInfo& b) {
                          return std::strcmp(a.alpha3, b.alpha3) < 0;
                        });
}
}  // namespace engine_internal

absl::StatusOr<CountryCode> CountryCode::FromString(absl::string_view code) {
  if (code.size() <= 3) {
    char upper[3];
    for (size_t i = 0; i < code.size(); ++i) {
      upper[i] = absl::ascii_toupper(static_cast<unsigned char>(code[i]));
    }
    const int index = Lookup(absl::string_view(upper, code.size()));
    if (index >= 0) return CountryCode(static_cast<uint16_t>(index));
  }
  const std::string upper = absl::AsciiStrToUpper(code);
  std::string message =
      absl::StrCat(Echo(code), " is not an ISO 3166-1 country code");
  std::vector<std::string> close = Suggestions(upper);
  if (!close.empty()) {
    absl::StrAppend(&message, "; did you mean ", absl::StrJoin(close, " or "),
                    "?");
  }
  return absl::InvalidArgumentError(message);
}

absl::string_view CountryCode::alpha3() const {
  return kCountries[index_].alpha3;
}
absl::string_view CountryCode::alpha2() const {
  return kCountries[index_].alpha2;
}
absl::string_view CountryCode::name() const { return kCountries[index_].name; }

std::optional<CurrencyCode> CountryCode::default_currency() const {
  // Looked up once for every country.
  using Currencies = std::array<std::optional<CurrencyCode>, kCountryCount>;
  static const Currencies* const currencies = [] {
    auto* table = new Currencies;
    for (int i = 0; i < kCountryCount; ++i) {
      absl::string_view code = kCountries[i].currency;
      if (code.empty()) continue;
      absl::StatusOr<CurrencyCode> currency = CurrencyCode::FromString(code);
      // Every currency in kCountries is in the currency table (tested).
      if (!currency.ok()) std::abort();
      (*table)[i] = *currency;
    }
    return table;
  }();
  return (*currencies)[index_];
}

std::vector<CountryCode> CountryCode::All() {
  std::vector<CountryCode> all;
  all.reserve(kCountryCount);
  for (int i = 0; i < kCountryCount; ++i) {
    all.push_back(CountryCode(static_cast<uint16_t>(i)));
  }
  return all;
}

}  // namespace remit
