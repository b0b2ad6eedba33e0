#include "engine/ranking/internal/screening.h"

#include <vector>

#include "engine/model/internal/facets.h"

namespace remit::ranking_internal {
namespace {

using engine_internal::FacetBit;
using engine_internal::kAccessPointGroup;
using engine_internal::kCoverageGroup;
using engine_internal::kInstrumentGroup;
using engine_internal::kPromotionalGroup;
using engine_internal::kProviderTypeGroup;
using engine_internal::kReceiveMethodGroup;
using engine_internal::kSpeedGroup;
using engine_internal::WholeGroup;

// The facets (engine/model/internal/facets.h) a filter allows.
template <typename Enum>
uint64_t AllowedIn(int group, const std::vector<Enum>& values) {
  if (values.empty()) return WholeGroup(group);
  uint64_t bits = 0;
  for (Enum v : values) bits |= FacetBit(group, v);
  return bits;
}

uint64_t AllowedFacets(const RankFilter& f) {
  uint64_t allowed = AllowedIn(kInstrumentGroup, f.payment_instruments) |
                     AllowedIn(kAccessPointGroup, f.access_points) |
                     AllowedIn(kReceiveMethodGroup, f.receive_methods) |
                     AllowedIn(kProviderTypeGroup, f.provider_types) |
                     FacetBit(kPromotionalGroup, 0);
  if (f.include_promotional) allowed |= FacetBit(kPromotionalGroup, 1);
  const Speed max_speed = f.max_speed.value_or(Speed::kSixDaysOrMore);
  for (int s = 0; s <= static_cast<int>(max_speed); ++s) {
    allowed |= FacetBit(kSpeedGroup, s);
  }
  for (int c = static_cast<int>(f.min_coverage);
       c <= static_cast<int>(Coverage::kHigh); ++c) {
    allowed |= FacetBit(kCoverageGroup, c);
  }
  return allowed;
}

}  // namespace

uint64_t RefusedFacets(const RankFilter& filter) {
  return ~AllowedFacets(filter);
}

uint64_t AccessRefusedFacets(const SenderAccess& access) {
  uint64_t refused = 0;
  if (!access.has_bank_account) {
    refused |= FacetBit(kInstrumentGroup, PaymentInstrument::kBankAccount);
  }
  if (!access.has_card) {
    refused |= FacetBit(kInstrumentGroup, PaymentInstrument::kDebitCard) |
               FacetBit(kInstrumentGroup, PaymentInstrument::kCreditCard);
  }
  if (!access.has_mobile_wallet) {
    refused |= FacetBit(kInstrumentGroup, PaymentInstrument::kMobileWallet);
  }
  if (!access.has_internet) {
    refused |= FacetBit(kAccessPointGroup, AccessPoint::kInternet) |
               FacetBit(kAccessPointGroup, AccessPoint::kMobileApp);
  }
  if (access.needs_cash_pickup) {
    refused |= WholeGroup(kReceiveMethodGroup) &
               ~FacetBit(kReceiveMethodGroup, ReceiveMethod::kCashPickup);
  }
  for (int s = static_cast<int>(access.max_speed) + 1;
       s <= static_cast<int>(Speed::kSixDaysOrMore); ++s) {
    refused |= FacetBit(kSpeedGroup, s);
  }
  return refused;
}

}  // namespace remit::ranking_internal
