// A quote's attributes as a set of bits, one bit per attribute value, so
// that a ranking filter is one mask test: a quote passes when every bit it
// has is allowed, `(facets & ~allowed) == 0`.
//
// Each facet (payment instrument, access point, ...) has a group of eight
// bits; every quote has exactly one bit set in each group.
//
// Thread-safety: pure functions.
#ifndef REMIT_ENGINE_MODEL_INTERNAL_FACETS_H_
#define REMIT_ENGINE_MODEL_INTERNAL_FACETS_H_

#include <cstdint>

#include "engine/model/model.h"

namespace remit::engine_internal {

inline constexpr int kInstrumentGroup = 0;
inline constexpr int kAccessPointGroup = 8;
inline constexpr int kReceiveMethodGroup = 16;
inline constexpr int kProviderTypeGroup = 24;
inline constexpr int kSpeedGroup = 32;
inline constexpr int kCoverageGroup = 40;
inline constexpr int kPromotionalGroup = 48;  // Bit 0: no, bit 1: yes.

template <typename Enum>
constexpr uint64_t FacetBit(int group, Enum value) {
  return uint64_t{1} << (group + static_cast<int>(value));
}

constexpr uint64_t WholeGroup(int group) { return uint64_t{0xff} << group; }

// The facets FacetsOf gives a quote whose speed, coverage and promotional
// flag hold their declared values (the other groups whole): what a
// filter that asks for nothing allows.
inline constexpr uint64_t kOrdinaryFacets =
    WholeGroup(kInstrumentGroup) | WholeGroup(kAccessPointGroup) |
    WholeGroup(kReceiveMethodGroup) | WholeGroup(kProviderTypeGroup) |
    ((uint64_t{1} << (static_cast<int>(Speed::kSixDaysOrMore) + 1)) - 1)
        << kSpeedGroup |
    ((uint64_t{1} << (static_cast<int>(Coverage::kHigh) + 1)) - 1)
        << kCoverageGroup |
    uint64_t{3} << kPromotionalGroup;

inline uint64_t FacetsOf(const Quote& quote, ProviderType provider_type) {
  return FacetBit(kInstrumentGroup, quote.payment_instrument) |
         FacetBit(kAccessPointGroup, quote.access_point) |
         FacetBit(kReceiveMethodGroup, quote.receive_method) |
         FacetBit(kProviderTypeGroup, provider_type) |
         FacetBit(kSpeedGroup, quote.speed) |
         FacetBit(kCoverageGroup, quote.coverage) |
         FacetBit(kPromotionalGroup, quote.promotional ? 1 : 0);
}

}  // namespace remit::engine_internal

#endif  // REMIT_ENGINE_MODEL_INTERNAL_FACETS_H_
