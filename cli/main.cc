// remitrank: ranks remittance offers by what they really cost, from dataset
// files or a remitrank server. 'remitrank --help' lists the commands.
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"

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

}  // namespace

int main(int argc, char** argv) {
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
  return remit::cli::Run(arguments, sample, std::cout, std::cerr);
}
