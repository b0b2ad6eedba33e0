#include "service/data_watch.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <limits>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace remit::service {
namespace {

// What changes an entry: written and closed, renamed in or away (the
// `..data` swap is a rename in), created, deleted.
constexpr uint32_t kEvents = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM |
                             IN_CREATE | IN_DELETE | IN_ONLYDIR;

// The name Kubernetes' atomic writer swaps by rename.
constexpr char kDataLink[] = "..data";

// The directory and the name of `path`, as given.
std::pair<std::string, std::string> Split(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return {".", path};
  return {slash == 0 ? "/" : path.substr(0, slash), path.substr(slash + 1)};
}

std::string Join(const std::string& directory, const std::string& name) {
  return directory == "/" ? "/" + name : absl::StrCat(directory, "/", name);
}

void AddOnce(const std::string& path, std::vector<std::string>* paths) {
  if (std::find(paths->begin(), paths->end(), path) == paths->end()) {
    paths->push_back(path);
  }
}

// Milliseconds for poll(): -1 for "no timeout", rounded up otherwise.
int PollTimeout(absl::Duration remaining) {
  if (remaining == absl::InfiniteDuration()) return -1;
  const int64_t ms =
      absl::ToInt64Milliseconds(absl::Ceil(remaining, absl::Milliseconds(1)));
  return static_cast<int>(
      std::clamp<int64_t>(ms, 0, std::numeric_limits<int>::max()));
}

}  // namespace

absl::Duration Debounce::Remaining(absl::Duration now) const {
  if (!pending_) return absl::InfiniteDuration();
  return std::max(absl::ZeroDuration(), due_ - now);
}

bool Debounce::Due(absl::Duration now) {
  if (!pending_ || now < due_) return false;
  pending_ = false;
  return true;
}

absl::StatusOr<std::unique_ptr<DataWatch>> DataWatch::Start(
    const std::vector<std::string>& paths, absl::Duration debounce,
    Callback callback) {
  if (paths.empty()) {
    return absl::InvalidArgumentError("no data files to watch");
  }
  const int inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (inotify_fd < 0) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "cannot start a file watch (inotify): ", std::strerror(errno)));
  }
  const int stop_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (stop_fd < 0) {
    const int error = errno;
    close(inotify_fd);
    return absl::ResourceExhaustedError(
        absl::StrCat("cannot start a file watch: ", std::strerror(error)));
  }
  // Owns both descriptors from here on.
  std::unique_ptr<DataWatch> watch(
      new DataWatch(inotify_fd, stop_fd, debounce, std::move(callback)));
  for (const std::string& path : paths) {
    auto [directory, name] = Split(path);
    if (name.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path,
                       ": a data file's path names a file, not a "
                       "directory"));
    }
    const int wd = inotify_add_watch(inotify_fd, directory.c_str(), kEvents);
    if (wd < 0) {
      const int error = errno;
      const std::string why =
          absl::StrCat("cannot watch ", directory, " (the directory of ", path,
                       "): ", std::strerror(error));
      if (error == ENOSPC || error == ENOMEM) {
        return absl::ResourceExhaustedError(why);
      }
      return absl::NotFoundError(why);
    }
    // Two paths in one directory (or two spellings of it) share a watch.
    Directory& watched = watch->directories_[wd];
    if (watched.path.empty()) watched.path = directory;
    watched.names.emplace(name, path);
    watched.names.emplace(kDataLink, Join(directory, kDataLink));
  }
  watch->thread_ = std::thread([w = watch.get()] { w->Run(); });
  return watch;
}

DataWatch::~DataWatch() {
  Stop();
  close(inotify_fd_);
  close(stop_fd_);
}

void DataWatch::Stop() {
  if (!thread_.joinable()) return;
  const uint64_t one = 1;
  // An eventfd write of 1 cannot fail short of overflowing its counter.
  (void)!write(stop_fd_, &one, sizeof(one));
  thread_.join();
}

bool DataWatch::ReadEvents(std::vector<std::string>* changed) {
  bool any = false;
  alignas(inotify_event) char buffer[16 * 1024];
  for (;;) {
    const ssize_t n = read(inotify_fd_, buffer, sizeof(buffer));
    if (n <= 0) return any;  // EAGAIN: all read.
    for (ssize_t at = 0; at < n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
      at += sizeof(inotify_event) + event->len;
      if (event->mask & IN_Q_OVERFLOW) {
        // Events were lost: count every file as changed.
        for (const auto& [wd, directory] : directories_) {
          for (const auto& [name, path] : directory.names) {
            AddOnce(path, changed);
          }
        }
        any = true;
        continue;
      }
      auto directory = directories_.find(event->wd);
      if (directory == directories_.end()) continue;
      if (event->mask & IN_IGNORED) {
        // The directory itself went away: its files are gone with it (the
        // reload says so), and nothing more will come from it.
        for (const auto& [name, path] : directory->second.names) {
          if (name != kDataLink) AddOnce(path, changed);
        }
        directories_.erase(directory);
        any = true;
        continue;
      }
      if (event->len == 0) continue;
      auto name = directory->second.names.find(event->name);
      if (name == directory->second.names.end()) continue;
      AddOnce(name->second, changed);
      any = true;
    }
  }
}

void DataWatch::Run() {
  const auto origin = std::chrono::steady_clock::now();
  const auto now = [origin] {
    return absl::FromChrono(std::chrono::steady_clock::now() - origin);
  };
  Debounce debounce(debounce_);
  std::vector<std::string> changed;
  for (;;) {
    pollfd fds[] = {{inotify_fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    const int ready = poll(fds, 2, PollTimeout(debounce.Remaining(now())));
    if (ready < 0 && errno != EINTR) return;
    if (fds[1].revents != 0) return;
    if (fds[0].revents != 0 && ReadEvents(&changed)) debounce.Change(now());
    if (debounce.Due(now())) {
      callback_(changed);
      changed.clear();
    }
  }
}

}  // namespace remit::service
