// Localizer: how one language writes what the CLI shows people, through
// ICU: country names, numbers, amounts of money, percentages, and sentences
// whose words depend on a count ("1 offer", "2 offers") or a choice.
//
// Numbers are formatted from their exact decimal text, never from a
// double: the digits printed are the digits given, grouped and with the
// language's decimal mark ("1234.50" is "1,234.50" in English, "1 234,50"
// in French, "1234,50" in Spanish, which groups from five digits). Nothing
// is rounded; text that is not a plain decimal is returned as it is.
//
// Sentences are ICU MessageFormat patterns with named arguments:
//   "{count, plural, one {# corridor} other {# corridors}} in {files}"
// The plural categories are the language's own (CLDR), so a catalog in a
// new language only writes its sentences. In a pattern, an ASCII
// apostrophe directly before '{', '}', '#' or '|' starts quoted text: write
// the typographic ’ there instead.
//
// Thread-safety: a Localizer is immutable after construction; its const
// methods may be called from any number of threads.
//
// Example:
//   const Localizer fr("fr");
//   fr.CountryName("GB");              // "Royaume-Uni"
//   fr.Money("241900.00", "NGN");      // "241 900,00 NGN"
//   fr.Format("{n, plural, one {# offre} other {# offres}}", {{"n", 2}});
#ifndef REMIT_CLI_I18N_LOCALIZER_H_
#define REMIT_CLI_I18N_LOCALIZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/strings/string_view.h"

namespace remit::cli {

// One named argument of a pattern: text, or a count (for plural).
struct MessageArg {
  MessageArg(std::string name_in, std::string text)
      : name(std::move(name_in)), value(std::move(text)) {}
  MessageArg(std::string name_in, const char* text)
      : name(std::move(name_in)), value(std::string(text)) {}
  MessageArg(std::string name_in, int64_t count)
      : name(std::move(name_in)), value(count) {}
  MessageArg(std::string name_in, int count)
      : name(std::move(name_in)), value(static_cast<int64_t>(count)) {}
  MessageArg(std::string name_in, size_t count)
      : name(std::move(name_in)), value(static_cast<int64_t>(count)) {}

  std::string name;
  std::variant<std::string, int64_t> value;
};

class Localizer {
 public:
  // `language`: a BCP 47 language tag ICU knows ("en", "fr", "es"). An
  // unknown tag gets ICU's root conventions.
  explicit Localizer(const std::string& language);
  ~Localizer();
  Localizer(Localizer&&) noexcept;
  Localizer& operator=(Localizer&&) noexcept;
  Localizer(const Localizer&) = delete;
  Localizer& operator=(const Localizer&) = delete;

  const std::string& language() const { return language_; }

  // The country's name in the language: "GB" or "GBR" -> "Royaume-Uni"
  // (fr). The code itself when ICU has no name for it.
  std::string CountryName(absl::string_view iso_code) const;

  // "18019999999981.98" -> "18,019,999,999,981.98" (en): grouped, the
  // decimal mark localised, every given digit kept (trailing zeros too).
  std::string Number(absl::string_view decimal) const;

  // An amount with its currency as the language writes it: ("150.00",
  // "GBP") -> "£150.00" (en), "150,00 £GB" (fr), "150,00 GBP" (es). Every
  // given digit is kept. `decimal` unchanged, then the code, when ICU
  // cannot format it.
  std::string Money(absl::string_view decimal,
                    absl::string_view currency) const;

  // A percentage given in percent: "1.67" -> "1.67%" (en), "1,67 %" (fr).
  std::string Percent(absl::string_view decimal) const;

  // A calendar date as the language writes it in full: "2026-11-02" ->
  // "November 2, 2026" (en), "2 novembre 2026" (fr). Text that is not a
  // YYYY-MM-DD date is returned as it is.
  std::string Date(absl::string_view iso_date) const;

  // `pattern` (ICU MessageFormat) filled with `args`. A pattern ICU cannot
  // read comes back as it is, unfilled: a fault of the catalog, which
  // cli/i18n's tests look for.
  std::string Format(absl::string_view pattern,
                     const std::vector<MessageArg>& args) const;

 private:
  struct Icu;
  std::string language_;
  std::unique_ptr<Icu> icu_;
};

// The English localizer the CLI's tables use (created once).
const Localizer& EnglishLocalizer();

}  // namespace remit::cli

#endif  // REMIT_CLI_I18N_LOCALIZER_H_
