// RateLimitedLog: writes at most one line per period and counts the rest,
// so that a flood of the same event (failed admin authentications) cannot
// flood the log. The next line written says how many were left out since
// the previous one.
//
// Thread-safety: thread-safe. The clock must outlive it.
//
// Example:
//   RateLimitedLog log(&clock, absl::Seconds(1), [](const std::string& l) {
//     std::fprintf(stderr, "remitrank: %s\n", l.c_str());
//   });
//   log.Log("admin: refused GetDatasetInfo from ipv4:10.0.0.7:5123: ...");
//   // Within the same second: counted, not written. Later:
//   //   "admin: refused ... (41 more not logged since the last line)"
#ifndef REMIT_SERVICE_RATE_LIMITED_LOG_H_
#define REMIT_SERVICE_RATE_LIMITED_LOG_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "engine/time/clock.h"

namespace remit::service {

class RateLimitedLog {
 public:
  using Write = std::function<void(const std::string& line)>;

  RateLimitedLog(const Clock* clock, absl::Duration period, Write write)
      : clock_(clock), period_(period), write_(std::move(write)) {}

  // Writes `line` unless a line was written less than a period ago; then
  // only counts it.
  void Log(absl::string_view line);

 private:
  const Clock* const clock_;
  const absl::Duration period_;
  const Write write_;
  absl::Mutex mutex_;
  std::optional<absl::Time> last_ ABSL_GUARDED_BY(mutex_);
  int64_t left_out_ ABSL_GUARDED_BY(mutex_) = 0;
};

}  // namespace remit::service

#endif  // REMIT_SERVICE_RATE_LIMITED_LOG_H_
