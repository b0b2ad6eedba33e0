#include "cli/commands/validate.h"

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/errors.h"
#include "cli/i18n/localizer.h"
#include "engine/data/dataset.h"
#include "engine/formats/formats.h"

namespace remit::cli {
namespace {

// What an import did with a file's rows: per period the rows loaded, then
// the rows left out and the rows kept with a remark, grouped by reason with
// their first places.
void PrintReport(const std::string& name, const ImportReport& report,
                 std::ostream& out) {
  out << name << ": " << report.Summary() << "\n";
  for (const ImportReport::PeriodCount& p : report.loaded) {
    out << "  " << p.period << ": "
        << EnglishLocalizer().Format("{n, plural, one {# row} other {# rows}}",
                                     {{"n", static_cast<int64_t>(p.rows)}})
        << "\n";
  }
  auto groups = [&](const char* title,
                    const std::vector<ImportReport::RowGroup>& list) {
    if (list.empty()) return;
    out << "  " << title << ":\n";
    for (const ImportReport::RowGroup& g : list) {
      out << "    " << g.rows << " x " << g.reason << " ("
          << absl::StrJoin(g.first_places, ", ")
          << (g.rows > g.first_places.size() ? ", ..." : "") << ")\n";
    }
  };
  groups("quarantined (left out)", report.quarantined);
  groups("notes (loaded)", report.notes);
}

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
  size_t quarantined = 0;
  for (const ParsedDataset& file : files) {
    if (file.report() == nullptr) continue;
    PrintReport(file.name(), *file.report(), io.out);
    quarantined += file.report()->quarantined_rows();
  }
  if (errors.empty()) {
    absl::StatusOr<QuoteBook> book =
        BuildQuoteBook(std::move(files), options, &errors);
    if (book.ok()) {
      io.out << EnglishLocalizer().Format(
                    "OK: {quotes, plural, one {# quote} other {# quotes}}, "
                    "{providers, plural, one {# provider} other {# "
                    "providers}}, {corridors, plural, one {# corridor} other "
                    "{# corridors}} in {files, plural, one {# file} other {# "
                    "files}}.",
                    {{"quotes", book->quotes().size()},
                     {"providers", book->providers().size()},
                     {"corridors", book->corridors().size()},
                     {"files", args.positional.size()}})
             << "\n";
      if (args.Has("strict") && quarantined > 0) {
        return absl::InvalidArgumentError(EnglishLocalizer().Format(
            "--strict: {n, plural, one {# row} other {# rows}} quarantined",
            {{"n", quarantined}}));
      }
      return absl::OkStatus();
    }
  }
  for (const DatasetError& e : errors) io.out << e.ToString() << "\n";
  // Not a usage error: the files, not the command line, are wrong.
  return absl::InvalidArgumentError(EnglishLocalizer().Format(
      "{n, plural, one {# error} other {# errors}}; nothing was loaded",
      {{"n", errors.size()}}));
}

}  // namespace

Command ValidateCommand() {
  return {"validate",
          "remitrank validate FILE...",
          "Checks dataset files; prints every error with its file and line.",
          {{"period", true, false, "for RPW files, the quarter"},
           {"strict", false, false,
            "fail (exit 1) when any RPW row is quarantined"},
           {"help", false, false, "this help"}},
          &RunValidate};
}

}  // namespace remit::cli
