#include "engine/data/file_reader.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace remit {
namespace {

class LocalFileReader final : public FileReader {
 public:
  absl::StatusOr<std::string> Read(const std::string& path) const override {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      const int error = errno;
      const std::string message =
          absl::StrCat("cannot open: ", std::strerror(error));
      return error == ENOENT   ? absl::NotFoundError(message)
             : error == EACCES ? absl::PermissionDeniedError(message)
                               : absl::UnavailableError(message);
    }
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
  }
};

}  // namespace

const FileReader& LocalFiles() {
  static const LocalFileReader* const files = new LocalFileReader();
  return *files;
}

}  // namespace remit
