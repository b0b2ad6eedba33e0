// DelayQueue: runs functions after a delay, on one thread of its own, so
// that whoever asks is not held up (the admin service answers failed
// authentications late this way without blocking a gRPC thread).
//
// Functions due at the same time run in the order they were added. The
// destructor runs every function still waiting at once, then joins the
// thread: a call whose answer waits here is always answered.
//
// Thread-safety: After() is thread-safe. The functions run on the queue's
// thread and must not call After() on a queue being destroyed.
//
// Example:
//   DelayQueue queue;
//   queue.After(absl::Seconds(1), [reactor, status] {
//     reactor->Finish(status);
//   });
#ifndef REMIT_SERVICE_DELAY_QUEUE_H_
#define REMIT_SERVICE_DELAY_QUEUE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <thread>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace remit::service {

class DelayQueue {
 public:
  DelayQueue();
  ~DelayQueue();
  DelayQueue(const DelayQueue&) = delete;
  DelayQueue& operator=(const DelayQueue&) = delete;

  // Runs `function` once `delay` has passed (at once for a delay <= 0, but
  // still on the queue's thread).
  void After(absl::Duration delay, std::function<void()> function);

 private:
  void Run();

  absl::Mutex mutex_;
  absl::CondVar changed_;
  // By due time, then by order of arrival.
  std::map<std::pair<absl::Time, uint64_t>, std::function<void()>> due_
      ABSL_GUARDED_BY(mutex_);
  uint64_t added_ ABSL_GUARDED_BY(mutex_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::thread thread_;
};

}  // namespace remit::service

#endif  // REMIT_SERVICE_DELAY_QUEUE_H_
