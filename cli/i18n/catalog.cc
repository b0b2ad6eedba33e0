#include <algorithm>
#include <iterator>

#include "cli/i18n/messages.h"

namespace remit::cli {

extern const Messages kEnglish;
extern const Messages kFrench;
extern const Messages kSpanish;

namespace {
// One line per language.
const Messages* const kCatalogs[] = {&kEnglish, &kFrench, &kSpanish};
}  // namespace

const Messages* FindMessages(const std::string& code) {
  for (const Messages* m : kCatalogs) {
    if (code == m->code) return m;
  }
  return nullptr;
}

std::vector<std::string> LanguageCodes() {
  std::vector<std::string> codes;
  for (const Messages* m : kCatalogs) codes.push_back(m->code);
  return codes;
}

}  // namespace remit::cli
