#include "engine/snapshot/internal/background_executor.h"

#include <utility>

namespace remit::snapshot_internal {

BackgroundExecutor::BackgroundExecutor(size_t max_queued)
    : max_queued_(max_queued) {}

BackgroundExecutor::~BackgroundExecutor() { Shutdown(); }

void BackgroundExecutor::Run(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!stopping_ && queue_.size() < max_queued_) {
      queue_.push_back(std::move(task));
      if (!thread_.joinable()) thread_ = std::thread([this] { Loop(); });
      wake_.notify_one();
      return;
    }
  }
  task();  // Full, or shut down: here, now.
}

void BackgroundExecutor::Shutdown() {
  std::thread thread;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    thread = std::move(thread_);
  }
  wake_.notify_one();
  if (thread.joinable()) thread.join();
}

size_t BackgroundExecutor::ran_in_background() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return ran_in_background_;
}

void BackgroundExecutor::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // Stopping, and nothing left to run.
    std::function<void()> task = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    task();
    task = nullptr;  // Whatever it captured goes here too, off the lock.
    lock.lock();
    ++ran_in_background_;
  }
}

}  // namespace remit::snapshot_internal
