// remitrank: ranks remittance offers by what they really cost, from dataset
// files or a remitrank server. 'remitrank --help' lists the commands.
#include <sys/ioctl.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "grpc/support/log.h"

namespace {

// The bundled sample corridors in this binary's runfiles, when present
// (bazel run, or bazel-bin/cli/remitrank).
std::vector<std::string> BundledSample(const char* argv0) {
  const std::string relative = "remitrank/testdata/sample_corridors.textproto";
  std::vector<std::string> roots;
  if (const char* dir = std::getenv("RUNFILES_DIR")) roots.push_back(dir);
  roots.push_back(std::string(argv0) + ".runfiles");
  for (const std::string& root : roots) {
    const std::string path = root + "/" + relative;
    char absolute[PATH_MAX];
    if (realpath(path.c_str(), absolute) != nullptr) return {absolute};
  }
  return {};
}

// The columns tables fit in: COLUMNS when it holds a width, else the
// terminal's when the output is one, else 80.
int TerminalWidth() {
  if (const char* columns = std::getenv("COLUMNS")) {
    char* end = nullptr;
    const long value = std::strtol(columns, &end, 10);
    if (end != columns && *end == '\0' && value > 0 && value < 10000) {
      return static_cast<int>(value);
    }
  }
  winsize size{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 &&
      size.ws_col > 0) {
    return size.ws_col;
  }
  return 80;
}

// gRPC's own log lines (say, that a server's edge does not serve health
// watches) are not for the tool's users, who get every failed call's
// status from the tool itself; GRPC_VERBOSITY brings them back.
void QuietGrpcLog(gpr_log_func_args* /*args*/) {}

}  // namespace

int main(int argc, char** argv) {
  if (std::getenv("GRPC_VERBOSITY") == nullptr) {
    gpr_set_log_function(QuietGrpcLog);
  }
  std::vector<std::string> arguments(argv + 1, argv + argc);
  const std::vector<std::string> sample = BundledSample(argv[0]);
  // Under `bazel run` the tool starts in its runfiles; the user's relative
  // paths are relative to where they typed the command.
  if (const char* dir = std::getenv("BUILD_WORKING_DIRECTORY")) {
    if (chdir(dir) != 0) {
      std::cerr << "remitrank: cannot change to " << dir << "\n";
      return 1;
    }
  }
  return remit::cli::Run(arguments, sample, std::cout, std::cerr,
                         TerminalWidth());
}
