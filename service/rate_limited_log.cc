#include "service/rate_limited_log.h"

#include "absl/strings/str_cat.h"

namespace remit::service {

void RateLimitedLog::Log(absl::string_view line) {
  absl::MutexLock lock(&mutex_);
  const absl::Time now = clock_->Now();
  if (last_.has_value() && now - *last_ < period_) {
    ++left_out_;
    return;
  }
  last_ = now;
  std::string text(line);
  if (left_out_ > 0) {
    absl::StrAppend(&text, " (", left_out_,
                    " more not logged since the last line)");
    left_out_ = 0;
  }
  write_(text);
}

}  // namespace remit::service
