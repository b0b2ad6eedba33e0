#include "engine/model/reference_rates.h"

#include <algorithm>
#include <tuple>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace remit {

absl::string_view Name(MidSource value) {
  switch (value) {
    case MidSource::kQuote:
      return "quote";
    case MidSource::kReferenceAtOrBefore:
      return "reference_at_or_before";
    case MidSource::kReferenceLatest:
      return "reference_latest";
  }
  return "quote";
}

absl::StatusOr<ReferenceRates> ReferenceRates::Builder::Build() && {
  ReferenceRates result;
  result.rates_ = std::move(rates_);
  std::sort(result.rates_.begin(), result.rates_.end(),
            [](const ReferenceRate& a, const ReferenceRate& b) {
              return std::make_tuple(a.base, a.quote, a.as_of) <
                     std::make_tuple(b.base, b.quote, b.as_of);
            });
  for (size_t i = 0; i < result.rates_.size(); ++i) {
    const ReferenceRate& r = result.rates_[i];
    if (r.base == r.quote) {
      return absl::InvalidArgumentError(
          absl::StrCat("reference rate ", r.base.code(), "->", r.quote.code(),
                       ": base and quote currency must differ"));
    }
    auto key = std::make_pair(r.base, r.quote);
    auto [it, inserted] = result.index_.try_emplace(key, i, i + 1);
    if (!inserted) {
      const ReferenceRate& previous = result.rates_[i - 1];
      if (previous.as_of == r.as_of) {
        return absl::InvalidArgumentError(
            absl::StrCat("reference rate ", r.base.code(), "->", r.quote.code(),
                         " at ", absl::FormatTime(r.as_of), " is given twice"));
      }
      it->second.second = i + 1;
    }
  }
  return result;
}

std::optional<ReferenceRates::Match> ReferenceRates::Find(CurrencyCode base,
                                                          CurrencyCode quote,
                                                          absl::Time at) const {
  auto it = index_.find(std::make_pair(base, quote));
  if (it == index_.end()) return std::nullopt;
  auto begin = rates_.begin() + it->second.first;
  auto end = rates_.begin() + it->second.second;
  // First rate strictly after `at`; the one before it is at or before.
  auto after = std::upper_bound(
      begin, end, at,
      [](absl::Time t, const ReferenceRate& r) { return t < r.as_of; });
  if (after == begin) return Match{&*(end - 1), MidSource::kReferenceLatest};
  return Match{&*(after - 1), MidSource::kReferenceAtOrBefore};
}

}  // namespace remit
