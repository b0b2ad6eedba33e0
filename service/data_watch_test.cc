#include "service/data_watch.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/testing/kubernetes_volume.h"

namespace remit::service {
namespace {

using ::remit::service::testing::KubernetesVolume;
using ::testing::ElementsAre;

TEST(DebounceTest, NothingPendingIsNeverDue) {
  Debounce debounce(absl::Seconds(1));
  EXPECT_EQ(debounce.Remaining(absl::ZeroDuration()), absl::InfiniteDuration());
  EXPECT_FALSE(debounce.Due(absl::Hours(1)));
}

TEST(DebounceTest, EachChangePushesTheActionBackAndItFiresOnce) {
  Debounce debounce(absl::Seconds(1));
  debounce.Change(absl::ZeroDuration());
  EXPECT_EQ(debounce.Remaining(absl::Milliseconds(400)),
            absl::Milliseconds(600));
  EXPECT_FALSE(debounce.Due(absl::Milliseconds(500)));
  debounce.Change(absl::Milliseconds(800));  // Within the burst.
  EXPECT_FALSE(debounce.Due(absl::Seconds(1)));
  EXPECT_EQ(debounce.Remaining(absl::Seconds(1)), absl::Milliseconds(800));
  EXPECT_TRUE(debounce.Due(absl::Milliseconds(1800)));
  EXPECT_FALSE(debounce.Due(absl::Seconds(2)));  // Once per burst.
  EXPECT_EQ(debounce.Remaining(absl::Seconds(2)), absl::InfiniteDuration());
  EXPECT_EQ(debounce.Remaining(absl::Seconds(2)), absl::InfiniteDuration());
  // Overdue: due at once, with nothing left to wait.
  debounce.Change(absl::Seconds(3));
  EXPECT_EQ(debounce.Remaining(absl::Seconds(5)), absl::ZeroDuration());
  EXPECT_TRUE(debounce.Due(absl::Seconds(5)));
}

TEST(DebounceTest, ZeroDelayIsDueAtTheChange) {
  Debounce debounce(absl::ZeroDuration());
  debounce.Change(absl::Seconds(7));
  EXPECT_EQ(debounce.Remaining(absl::Seconds(7)), absl::ZeroDuration());
  EXPECT_TRUE(debounce.Due(absl::Seconds(7)));
}

// A fresh directory in the test's scratch space.
std::string NewDirectory(const std::string& name) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  const std::string path =
      absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/", name);
  EXPECT_EQ(mkdir(path.c_str(), 0755), 0) << path;
  return path;
}

void Write(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The callback's calls, waited for with a bound.
class Calls {
 public:
  DataWatch::Callback Callback() {
    return [this](const std::vector<std::string>& changed) {
      absl::MutexLock lock(&mu_);
      calls_.push_back(changed);
    };
  }
  // The calls so far, once there are at least `n` (after 30 s, fewer).
  std::vector<std::vector<std::string>> WaitFor(size_t n) {
    absl::MutexLock lock(&mu_);
    const auto enough = [this, n] { return calls_.size() >= n; };
    mu_.AwaitWithTimeout(absl::Condition(&enough), absl::Seconds(30));
    return calls_;
  }

 private:
  absl::Mutex mu_;
  std::vector<std::vector<std::string>> calls_;
};

TEST(DataWatchTest, SeesEveryDataLinkSwapOfAKubernetesVolume) {
  const std::string dir = NewDirectory("volume");
  absl::StatusOr<KubernetesVolume> volume =
      KubernetesVolume::Create(dir + "/data", "corridors.textproto", "first");
  ASSERT_TRUE(volume.ok()) << volume.status();
  Write(dir + "/data/notes.txt", "");
  Calls calls;
  absl::StatusOr<std::unique_ptr<DataWatch>> watch = DataWatch::Start(
      {volume->path()}, absl::Milliseconds(10), calls.Callback());
  ASSERT_TRUE(watch.ok()) << watch.status();

  // A file beside the data is not the data; then the first swap.
  Write(dir + "/data/notes.txt", "x");
  ASSERT_TRUE(volume->Update("second").ok());
  std::vector<std::vector<std::string>> seen = calls.WaitFor(1);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_THAT(seen[0], ElementsAre(volume->data_link()));
  EXPECT_EQ(Read(volume->path()), "second");

  // A watch on the file would have ended with its old target; the
  // directory's carries on.
  ASSERT_TRUE(volume->Update("third").ok());
  seen = calls.WaitFor(2);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_THAT(seen[1], ElementsAre(volume->data_link()));
  EXPECT_EQ(Read(volume->path()), "third");
}

TEST(DataWatchTest, SeesPlainFilesReplacedOrRewritten) {
  const std::string dir = NewDirectory("plain");
  const std::string a = dir + "/a.textproto";
  const std::string b = dir + "/b.csv";
  Write(a, "a");
  Write(b, "b");
  Calls calls;
  absl::StatusOr<std::unique_ptr<DataWatch>> watch =
      DataWatch::Start({a, b}, absl::Milliseconds(10), calls.Callback());
  ASSERT_TRUE(watch.ok()) << watch.status();

  // Renamed into place, as editors and deploy tools do.
  Write(dir + "/b.csv.new", "b2");
  ASSERT_EQ(std::rename((dir + "/b.csv.new").c_str(), b.c_str()), 0);
  std::vector<std::vector<std::string>> seen = calls.WaitFor(1);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_THAT(seen[0], ElementsAre(b));

  // Rewritten in place: seen when closed.
  Write(a, "a2");
  seen = calls.WaitFor(2);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_THAT(seen[1], ElementsAre(a));
}

TEST(DataWatchTest, StopDropsAChangeInItsDebounce) {
  const std::string dir = NewDirectory("stopped");
  const std::string a = dir + "/a.textproto";
  Write(a, "a");
  Calls calls;
  absl::StatusOr<std::unique_ptr<DataWatch>> watch =
      DataWatch::Start({a}, absl::Hours(1), calls.Callback());
  ASSERT_TRUE(watch.ok()) << watch.status();
  Write(a, "b");
  (*watch)->Stop();  // Returns at once, not an hour later.
  (*watch)->Stop();
  EXPECT_TRUE(calls.WaitFor(0).empty());
}

TEST(DataWatchTest, AMissingDirectoryIsNamed) {
  const std::string path =
      absl::StrCat(std::getenv("TEST_TMPDIR"), "/no-such-dir/a.textproto");
  absl::StatusOr<std::unique_ptr<DataWatch>> watch =
      DataWatch::Start({path}, absl::Seconds(1), [](const auto&) {});
  EXPECT_EQ(watch.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(watch.status().message(),
            absl::StrCat("cannot watch ", std::getenv("TEST_TMPDIR"),
                         "/no-such-dir (the directory of ", path,
                         "): No such file or directory"));
}

TEST(DataWatchTest, NothingToWatchIsRefused) {
  absl::StatusOr<std::unique_ptr<DataWatch>> watch =
      DataWatch::Start({}, absl::Seconds(1), [](const auto&) {});
  EXPECT_EQ(watch.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace remit::service
