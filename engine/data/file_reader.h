// FileReader: where dataset files are read from, injected so that tests
// (and embedders that keep data elsewhere) can replace the file system.
//
// Thread-safety: implementations must be safe for concurrent Read calls;
// LocalFiles() is.
//
// Example:
//   DatasetOptions options;
//   options.files = &LocalFiles();  // The default when left null.
//   absl::StatusOr<std::string> bytes = options.files->Read("a.textproto");
#ifndef REMIT_ENGINE_DATA_FILE_READER_H_
#define REMIT_ENGINE_DATA_FILE_READER_H_

#include <string>

#include "absl/status/statusor.h"

namespace remit {

class FileReader {
 public:
  virtual ~FileReader() = default;
  // The whole file. NOT_FOUND, PERMISSION_DENIED or UNAVAILABLE with a
  // message "cannot open: <reason>" (the caller names the path).
  virtual absl::StatusOr<std::string> Read(const std::string& path) const = 0;
};

// The local file system.
const FileReader& LocalFiles();

}  // namespace remit

#endif  // REMIT_ENGINE_DATA_FILE_READER_H_
