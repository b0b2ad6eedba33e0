#include "service/delay_queue.h"

#include <memory>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace remit::service {
namespace {

TEST(DelayQueueTest, RunsWhatIsDueInOrder) {
  DelayQueue queue;
  absl::Mutex mutex;
  std::vector<int> ran;
  absl::Notification done;
  for (int i = 0; i < 3; ++i) {
    queue.After(absl::ZeroDuration(), [&, i] {
      absl::MutexLock lock(&mutex);
      ran.push_back(i);
    });
  }
  queue.After(absl::ZeroDuration(), [&] { done.Notify(); });
  ASSERT_TRUE(done.WaitForNotificationWithTimeout(absl::Seconds(30)));
  absl::MutexLock lock(&mutex);
  EXPECT_EQ(ran, (std::vector<int>{0, 1, 2}));
}

TEST(DelayQueueTest, AnEarlierDeadlineRunsFirst) {
  DelayQueue queue;
  absl::Notification soon;
  bool late_ran_first = false;
  auto late = std::make_shared<bool>(false);
  queue.After(absl::Hours(1), [late] { *late = true; });
  queue.After(absl::ZeroDuration(), [&] {
    late_ran_first = *late;
    soon.Notify();
  });
  ASSERT_TRUE(soon.WaitForNotificationWithTimeout(absl::Seconds(30)));
  EXPECT_FALSE(late_ran_first);
}

TEST(DelayQueueTest, DestructionRunsWhatIsStillWaiting) {
  int ran = 0;
  {
    DelayQueue queue;
    queue.After(absl::Hours(1), [&] { ++ran; });
    queue.After(absl::Hours(2), [&] { ++ran; });
  }
  EXPECT_EQ(ran, 2);
}

}  // namespace
}  // namespace remit::service
