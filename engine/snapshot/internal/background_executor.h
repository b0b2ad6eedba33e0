// BackgroundExecutor: one thread that runs tasks off the caller's path,
// with a bounded queue, joined at shutdown. The snapshot store frees large
// snapshots on it, so that no request thread pays for freeing millions of
// objects. Internal to engine/snapshot.
//
// Bounded: when `max_queued` tasks already wait, Run() runs the task on the
// caller's thread instead (back-pressure, never unbounded memory). After
// Shutdown() every task runs on the caller's thread. The thread starts at
// the first queued task.
//
// Thread-safety: thread-safe.
//
// Example:
//   BackgroundExecutor executor(/*max_queued=*/4);
//   executor.Run([big] { delete big; });
//   executor.Shutdown();  // Runs what is queued, joins the thread.
#ifndef REMIT_ENGINE_SNAPSHOT_INTERNAL_BACKGROUND_EXECUTOR_H_
#define REMIT_ENGINE_SNAPSHOT_INTERNAL_BACKGROUND_EXECUTOR_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace remit::snapshot_internal {

class BackgroundExecutor {
 public:
  explicit BackgroundExecutor(size_t max_queued);
  // Shutdown().
  ~BackgroundExecutor();
  BackgroundExecutor(const BackgroundExecutor&) = delete;
  BackgroundExecutor& operator=(const BackgroundExecutor&) = delete;

  void Run(std::function<void()> task);

  // Runs every queued task, then joins the thread. Idempotent.
  void Shutdown();

  // Tasks run on the background thread so far.
  size_t ran_in_background() const;

 private:
  void Loop();

  const size_t max_queued_;
  // std::mutex rather than absl::Mutex: the system Abseil is not built
  // with ThreadSanitizer, which then cannot see absl::Mutex's ordering.
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;  // Guarded by mutex_.
  bool stopping_ = false;                    // Guarded by mutex_.
  size_t ran_in_background_ = 0;             // Guarded by mutex_.
  std::thread thread_;                       // Started under mutex_.
};

}  // namespace remit::snapshot_internal

#endif  // REMIT_ENGINE_SNAPSHOT_INTERNAL_BACKGROUND_EXECUTOR_H_
