#include "engine/money/echo.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace remit {
namespace {

std::string Shown(absl::string_view value, absl::string_view quote) {
  if (value.size() <= kEchoPrefixBytes) {
    return absl::StrCat(quote, absl::CHexEscape(value), quote);
  }
  return absl::StrCat(quote,
                      absl::CHexEscape(value.substr(0, kEchoPrefixBytes)),
                      "...", quote, " (", value.size(), " bytes)");
}

}  // namespace

std::string EchoText(absl::string_view value) { return Shown(value, ""); }

std::string Echo(absl::string_view value) { return Shown(value, "'"); }

}  // namespace remit
