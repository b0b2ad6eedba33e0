#include "service/delay_queue.h"

#include <vector>

#include "absl/time/clock.h"

namespace remit::service {

DelayQueue::DelayQueue() : thread_([this] { Run(); }) {}

DelayQueue::~DelayQueue() {
  {
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
    changed_.Signal();
  }
  thread_.join();
}

void DelayQueue::After(absl::Duration delay, std::function<void()> function) {
  absl::MutexLock lock(&mutex_);
  due_.emplace(std::make_pair(absl::Now() + delay, added_++),
               std::move(function));
  changed_.Signal();
}

void DelayQueue::Run() {
  absl::MutexLock lock(&mutex_);
  for (;;) {
    if (due_.empty()) {
      if (stopping_) return;
      changed_.Wait(&mutex_);
      continue;
    }
    auto first = due_.begin();
    if (!stopping_ && first->first.first > absl::Now()) {
      changed_.WaitWithDeadline(&mutex_, first->first.first);
      continue;
    }
    std::function<void()> function = std::move(first->second);
    due_.erase(first);
    mutex_.Unlock();
    function();
    mutex_.Lock();
  }
}

}  // namespace remit::service
