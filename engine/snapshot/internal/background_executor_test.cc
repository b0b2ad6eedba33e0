#include "engine/snapshot/internal/background_executor.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "gtest/gtest.h"

namespace remit::snapshot_internal {
namespace {

// A gate a task waits at until the test opens it.
class Gate {
 public:
  void Wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    opened_.wait(lock, [this] { return open_; });
  }
  void Open() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      open_ = true;
    }
    opened_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable opened_;
  bool open_ = false;
};

TEST(BackgroundExecutorTest, RunsTasksOffTheCallersThreadAndJoins) {
  BackgroundExecutor executor(4);
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<int> elsewhere{0};
  for (int i = 0; i < 3; ++i) {
    executor.Run([&] {
      if (std::this_thread::get_id() != caller) ++elsewhere;
    });
  }
  executor.Shutdown();  // Runs what is queued before joining.
  EXPECT_EQ(elsewhere.load(), 3);
  EXPECT_EQ(executor.ran_in_background(), 3u);
}

TEST(BackgroundExecutorTest, AFullQueueRunsTheTaskOnTheCaller) {
  BackgroundExecutor executor(1);
  Gate gate;
  Gate running;
  // The thread takes the first task and blocks in it; the second waits in
  // the queue (1 of 1); the third finds the queue full.
  executor.Run([&] {
    running.Open();
    gate.Wait();
  });
  running.Wait();
  executor.Run([] {});
  const std::thread::id caller = std::this_thread::get_id();
  bool ran_here = false;
  executor.Run([&] { ran_here = std::this_thread::get_id() == caller; });
  EXPECT_TRUE(ran_here);
  gate.Open();
  executor.Shutdown();
  EXPECT_EQ(executor.ran_in_background(), 2u);
}

TEST(BackgroundExecutorTest, AfterShutdownTasksRunOnTheCaller) {
  BackgroundExecutor executor(4);
  executor.Shutdown();
  executor.Shutdown();  // Idempotent.
  bool ran = false;
  executor.Run([&] { ran = true; });
  EXPECT_TRUE(ran);
  EXPECT_EQ(executor.ran_in_background(), 0u);
}

TEST(BackgroundExecutorTest, DestructionJoinsAfterRunningTheQueue) {
  std::atomic<int> ran{0};
  {
    BackgroundExecutor executor(8);
    for (int i = 0; i < 8; ++i) executor.Run([&] { ++ran; });
  }
  EXPECT_EQ(ran.load(), 8);
}

}  // namespace
}  // namespace remit::snapshot_internal
