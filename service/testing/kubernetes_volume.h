// KubernetesVolume: a directory laid out and updated as Kubernetes' atomic
// writer does for ConfigMap, Secret and projected volumes (and sidecars
// that use the same scheme), for tests of the data watch:
//
//   dir/..2026_12_02_10_00_01/<file>   the files of one version
//   dir/..data -> ..2026_12_02_10_00_01
//   dir/<file> -> ..data/<file>        the path the program is given
//
// Update() writes a new timestamped directory, points a temporary link
// (..data_tmp) at it, renames that link over ..data (the one atomic step)
// and removes the old directory.
//
// Thread-compatible.
//
// Example:
//   absl::StatusOr<KubernetesVolume> volume =
//       KubernetesVolume::Create(dir, "corridors.textproto", content);
//   server --data=volume->path() ...
//   ASSERT_TRUE(volume->Update(new_content).ok());
#ifndef REMIT_SERVICE_TESTING_KUBERNETES_VOLUME_H_
#define REMIT_SERVICE_TESTING_KUBERNETES_VOLUME_H_

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"

namespace remit::service::testing {

class KubernetesVolume {
 public:
  // Creates `dir` (which must not exist) holding `file` with `content`.
  static absl::StatusOr<KubernetesVolume> Create(const std::string& dir,
                                                 const std::string& file,
                                                 absl::string_view content) {
    if (mkdir(dir.c_str(), 0755) != 0) return Error("mkdir", dir);
    KubernetesVolume volume(dir, file);
    if (absl::Status s = volume.Update(content); !s.ok()) return s;
    const std::string target = "..data/" + file;
    if (symlink(target.c_str(), volume.path().c_str()) != 0) {
      return Error("symlink", volume.path());
    }
    return volume;
  }

  // The file's path as the program sees it: dir/<file>.
  std::string path() const { return dir_ + "/" + file_; }
  // The link that each update replaces.
  std::string data_link() const { return dir_ + "/..data"; }

  // Swaps in a new version holding `content`.
  absl::Status Update(absl::string_view content) {
    const std::string stamp =
        absl::StrFormat("..2026_12_02_10_00_%02d.%d", ++version_, getpid());
    const std::string stamped = dir_ + "/" + stamp;
    if (mkdir(stamped.c_str(), 0755) != 0) return Error("mkdir", stamped);
    {
      std::ofstream out(stamped + "/" + file_,
                        std::ios::binary | std::ios::trunc);
      out.write(content.data(), static_cast<std::streamsize>(content.size()));
      if (!out) return absl::InternalError("cannot write " + stamped);
    }
    const std::string temporary = dir_ + "/..data_tmp";
    if (symlink(stamp.c_str(), temporary.c_str()) != 0) {
      return Error("symlink", temporary);
    }
    if (std::rename(temporary.c_str(), data_link().c_str()) != 0) {
      return Error("rename", temporary);
    }
    if (!previous_.empty()) {
      const std::string old = dir_ + "/" + previous_;
      if (unlink((old + "/" + file_).c_str()) != 0 || rmdir(old.c_str()) != 0) {
        return Error("remove", old);
      }
    }
    previous_ = stamp;
    return absl::OkStatus();
  }

 private:
  KubernetesVolume(std::string dir, std::string file)
      : dir_(std::move(dir)), file_(std::move(file)) {}

  static absl::Status Error(absl::string_view what, const std::string& path) {
    return absl::InternalError(
        absl::StrCat(what, " ", path, ": ", std::strerror(errno)));
  }

  std::string dir_;
  std::string file_;
  int version_ = 0;
  std::string previous_;
};

}  // namespace remit::service::testing

#endif  // REMIT_SERVICE_TESTING_KUBERNETES_VOLUME_H_
