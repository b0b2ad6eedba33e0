// DataWatch: calls back when the dataset files change on disk, so that the
// server reloads them (remitrank_server --watch_data).
//
// It watches the DIRECTORIES that hold the files (inotify), not the files.
// A Kubernetes volume (ConfigMap, Secret, projected, or a sidecar using
// the same atomic writer) presents dir/file as a symlink to
// dir/..data/file, with dir/..data a symlink to a timestamped directory,
// and updates by renaming a new `..data` symlink over the old one: a watch
// on the file would follow the old target and die at the first swap; the
// directory sees the rename. So an entry of a watched directory counts as
// a change when it is a data file's name or `..data`, and it was written
// and closed, renamed in or away, created or deleted. Other entries (the
// timestamped directories, temporary links) are ignored.
//
// Changes are debounced: the callback runs once `debounce` has passed with
// no further change, on the watch's own thread, with the paths that
// changed. What it does is the caller's: the server calls
// RemitServer::Reload, which is all or nothing and, when the new files do
// not load, keeps the old snapshot and logs why.
//
// The paths are watched as given: pass the path the volume presents
// (dir/file), not one through `..data`, whose target is replaced.
//
// Thread-safety: Start, Stop and the destructor belong to one owner
// thread. The callback runs on the watch's thread, one call at a time,
// and never after Stop() returns.
//
// Example:
//   absl::StatusOr<std::unique_ptr<DataWatch>> watch = DataWatch::Start(
//       {"/etc/remitrank/data/corridors.textproto"}, absl::Seconds(1),
//       [&server](const std::vector<std::string>& changed) {
//         (void)server->Reload();
//       });
//   ...
//   (*watch)->Stop();
#ifndef REMIT_SERVICE_DATA_WATCH_H_
#define REMIT_SERVICE_DATA_WATCH_H_

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace remit::service {

// The debounce rule on its own, over times the caller gives (any fixed
// origin): a change makes the action due `delay` later, unless another
// change comes first and pushes it back.
//
// Thread-compatible.
//
// Example:
//   Debounce debounce(absl::Seconds(1));
//   debounce.Change(now);
//   ... if (debounce.Due(later)) Reload();
class Debounce {
 public:
  explicit Debounce(absl::Duration delay) : delay_(delay) {}

  void Change(absl::Duration now) {
    pending_ = true;
    due_ = now + delay_;
  }
  // How long until the action is due (zero when it is);
  // absl::InfiniteDuration() with no change pending.
  absl::Duration Remaining(absl::Duration now) const;
  // True, once per burst of changes, when the action is due at `now`.
  bool Due(absl::Duration now);

 private:
  absl::Duration delay_;
  bool pending_ = false;
  absl::Duration due_;
};

class DataWatch {
 public:
  // Receives the changed paths (the data file's path as given, or
  // "<dir>/..data"), each once, in the order first seen.
  using Callback = std::function<void(const std::vector<std::string>&)>;

  // Watches the directories of `paths` (a path without a directory: the
  // current one). NOT_FOUND naming the directory and the file for a
  // directory that cannot be watched (missing, not a directory, not
  // readable); RESOURCE_EXHAUSTED when the system's inotify limits are
  // reached; INVALID_ARGUMENT without paths.
  static absl::StatusOr<std::unique_ptr<DataWatch>> Start(
      const std::vector<std::string>& paths, absl::Duration debounce,
      Callback callback);

  ~DataWatch();  // Stop().

  // Ends the watch; waits for a callback under way. A change still in its
  // debounce is dropped. Idempotent.
  void Stop();

 private:
  DataWatch(int inotify_fd, int stop_fd, absl::Duration debounce,
            Callback callback)
      : inotify_fd_(inotify_fd),
        stop_fd_(stop_fd),
        debounce_(debounce),
        callback_(std::move(callback)) {}

  void Run();
  // Reads the pending events; adds the paths that changed to `changed`
  // (each once). False when nothing among them mattered.
  bool ReadEvents(std::vector<std::string>* changed);

  const int inotify_fd_;
  const int stop_fd_;
  const absl::Duration debounce_;
  const Callback callback_;
  // Watch descriptor -> its directory, and the names there that matter,
  // each with the path reported for it.
  struct Directory {
    std::string path;
    absl::flat_hash_map<std::string, std::string> names;
  };
  absl::flat_hash_map<int, Directory> directories_;
  std::thread thread_;
};

}  // namespace remit::service

#endif  // REMIT_SERVICE_DATA_WATCH_H_
