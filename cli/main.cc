// remitrank: ranks remittance offers by what they really cost, from dataset
// files or a remitrank server. 'remitrank --help' lists the commands.
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
    if (FILE* f = std::fopen(path.c_str(), "r")) {
      std::fclose(f);
      return {path};
    }
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> arguments(argv + 1, argv + argc);
  return remit::cli::Run(arguments, BundledSample(argv[0]), std::cout,
                         std::cerr);
}
