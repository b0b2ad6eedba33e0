// Clock: where the engine gets the current time.
//
// Abseil 20220623 has no clock interface, so remitrank has this one. Code
// that needs "now" takes a `const Clock&`; servers pass SystemClock, tests
// pass FakeClock and never sleep.
//
// Thread-safety: SystemClock is thread-safe. FakeClock is safe for
// concurrent Now() calls; Set/Advance must not race with readers that need
// a stable answer (tests set it up front).
//
// Example:
//   FakeClock clock(absl::FromCivil(absl::CivilDay(2025, 9, 30),
//                                   absl::UTCTimeZone()));
//   RankResult result = *Rank(book, request, clock);
#ifndef REMIT_ENGINE_TIME_CLOCK_H_
#define REMIT_ENGINE_TIME_CLOCK_H_

#include <atomic>
#include <cstdint>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace remit {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

// The wall clock.
class SystemClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

// A clock that stands still until told otherwise.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(absl::Time now) : nanos_(absl::ToUnixNanos(now)) {}
  absl::Time Now() const override {
    return absl::FromUnixNanos(nanos_.load(std::memory_order_relaxed));
  }
  void Set(absl::Time now) {
    nanos_.store(absl::ToUnixNanos(now), std::memory_order_relaxed);
  }
  void Advance(absl::Duration d) { Set(Now() + d); }

 private:
  std::atomic<int64_t> nanos_;
};

}  // namespace remit

#endif  // REMIT_ENGINE_TIME_CLOCK_H_
