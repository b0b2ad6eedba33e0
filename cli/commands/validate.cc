#include "cli/commands/validate.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/errors.h"
#include "engine/data/dataset.h"
#include "engine/formats/formats.h"

namespace remit::cli {
namespace {

absl::Status RunValidate(const Args& args, const CommandIo& io) {
  if (args.positional.empty()) {
    return UsageError("validate needs at least one FILE");
  }
  DatasetOptions options;
  options.rpw_period = args.Get("period").value_or("");
  std::vector<DatasetError> errors;
  std::vector<ParsedDataset> files;
  for (const std::string& path : args.positional) {
    absl::StatusOr<ParsedDataset> file =
        ReadDatasetFile(path, options, &errors);
    if (file.ok()) files.push_back(*std::move(file));
  }
  if (errors.empty()) {
    absl::StatusOr<QuoteBook> book = BuildQuoteBook(files, options, &errors);
    if (book.ok()) {
      io.out << "OK: " << book->quotes().size() << " quotes, "
             << book->providers().size() << " providers, "
             << book->corridors().size() << " corridors in "
             << args.positional.size() << " file"
             << (args.positional.size() == 1 ? "" : "s") << ".\n";
      return absl::OkStatus();
    }
  }
  for (const DatasetError& e : errors) io.out << e.ToString() << "\n";
  // Not a usage error: the files, not the command line, are wrong.
  return absl::InvalidArgumentError(absl::StrCat(errors.size(), " error",
                                                 errors.size() == 1 ? "" : "s",
                                                 "; nothing was loaded"));
}

}  // namespace

Command ValidateCommand() {
  return {"validate",
          "remitrank validate FILE...",
          "Checks dataset files; prints every error with its file and line.",
          {{"period", true, false, "for RPW files, the quarter"},
           {"help", false, false, "this help"}},
          &RunValidate};
}

}  // namespace remit::cli
