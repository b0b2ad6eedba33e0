#include <algorithm>
#include <iterator>
#include <map>
#include <memory>

#include "absl/synchronization/mutex.h"
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

const Localizer& LocalizerFor(const Messages& messages) {
  static absl::Mutex mutex(absl::kConstInit);
  static auto* localizers =  // Guarded by mutex.
      new std::map<std::string, std::unique_ptr<Localizer>>();
  absl::MutexLock lock(&mutex);
  std::unique_ptr<Localizer>& localizer = (*localizers)[messages.code];
  if (localizer == nullptr)
    localizer = std::make_unique<Localizer>(messages.code);
  return *localizer;
}

}  // namespace remit::cli
