// Importing World Bank Remittance Prices Worldwide (RPW) data: the rows of
// a CSV file or of the published workbook's dataset sheets.
//
// RPW publishes one row per service and quarter, with a block of prices for
// each surveyed amount: cc1 (the USD 200 equivalent in the sending
// currency) and cc2 (USD 500). Each row becomes one quote priced at those
// two survey points, with RPW's published FX margin as authoritative.
//
// Columns are matched by name, ignoring case and everything but letters and
// digits, so both the published names ("cc1 lcu fee", "pick-up method")
// and upper-case extracts ("CC1 LCU FEE", "PICK-UP METHOD") work. Required:
// period, firm, source and destination codes (or corridor, e.g.
// "GBRBGD"), cc1 lcu code, cc1 lcu amount, cc1 lcu fee, cc1 lcu fx rate,
// cc1 fx margin and inter lcu bank fx. Everything else is optional.
//
// A published file is never refused for its rows. A row that cannot be
// priced is quarantined: left out, with its reason and its place
// ("rpw.csv:1234"), and counted in the file's ImportReport. The file fails
// whole only when it cannot be read as RPW at all (no header, required
// columns missing, a period asked for that it does not have). What has one
// clear meaning is normalised:
// - "..", "N/A", "n/a" and blank cells are unknown;
// - transparent = no (any case): an opaque quote, its margin unknown, never
//   zero (the published 0 margin and placeholder rate are ignored);
// - survey fees are kept exact as published, even with more decimals than
//   the currency's minor unit (they are survey figures, not payable
//   amounts);
// - speed labels beyond RPW's six ("1-3 days", "less than 1 hour") map to
//   the RPW band that holds their slowest case; an unknown label is read as
//   "6 days or more", the slowest;
// - dates as YYYY-MM-DD, as text like 14/May/2013, or as Excel date
//   serials (days since 1899-12-30); an unreadable date is the first day
//   of the row's quarter;
// - Kosovo as KSV or XKX.
// Rows are kept, and listed in the report's notes, when a cc2 block is
// unusable (the row is priced at cc1 only) or when the published total cost
// % differs from fee / amount + margin by more than 0.01 points.
//
// Providers get ids from the firm names, prefixed "rpw-" ("rpw-western-
// union"), so that they never collide with other files' providers; the
// same firm in two RPW files is one provider. Quotes get
// "rpw-<period>-<id>" from RPW's id column, else
// "rpw-<period>-<file>-<line>" ("rpw-2024_2Q-rpw-csv-12").
//
// Periods: every quarter of the file is loaded, each quote with its period
// (Quote.period: rankings then use each corridor's latest period unless a
// request names one). DatasetOptions::rpw_period ("2024_2Q") loads that
// period only.
//
// Thread-safety: RpwImporter is for one import at a time; ImportRpwCsv is
// a pure function.
//
// Example:
//   std::vector<DatasetError> errors;
//   absl::StatusOr<ParsedDataset> file =
//       ImportRpwCsv("rpw.csv", content, DatasetOptions(), &errors);
//   file->report()->quarantined_rows();
#ifndef REMIT_ENGINE_IMPORTERS_RPW_RPW_IMPORT_H_
#define REMIT_ENGINE_IMPORTERS_RPW_RPW_IMPORT_H_

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "engine/data/parsed_dataset.h"
#include "engine/money/country.h"
#include "engine/money/currency.h"
#include "engine/money/rate.h"
#include "google/protobuf/arena.h"
#include "proto/remit/v1/dataset.pb.h"

namespace remit {

// Reads the CSV and imports its rows. File-level errors are appended to
// `errors` and the status is then INVALID_ARGUMENT.
absl::StatusOr<ParsedDataset> ImportRpwCsv(absl::string_view name,
                                           absl::string_view content,
                                           const DatasetOptions& options,
                                           std::vector<DatasetError>* errors);

// The import itself, fed a header and then rows of cells, for every source
// of RPW rows (CSV, workbook sheets).
class RpwImporter {
 public:
  RpwImporter(std::string name, const DatasetOptions& options);

  // A header row: the columns of the rows that follow (a workbook has two
  // sheets with different columns). INVALID_ARGUMENT naming `place` and
  // the missing columns when required ones are missing.
  absl::Status SetHeader(absl::Span<const std::string> cells,
                         absl::string_view place);

  // One data row, at `line` (its line or row number) and `place`. The
  // cells are read during the call only.
  void AddRow(absl::Span<const absl::string_view> cells, int line,
              absl::string_view place);
  void AddRow(absl::Span<const std::string> cells, int line,
              absl::string_view place);

  // The dataset of the rows kept, with its ImportReport. INVALID_ARGUMENT
  // when no header was set, or the period asked for is not in the file.
  absl::StatusOr<ParsedDataset> Finish();

  // Whether the rows' cells at `column` (0-based, as in the header) are
  // read: a caller may leave the others unconverted (their text is then
  // only checked for being blank). False before SetHeader.
  bool Reads(int column) const;

  // A column's names, and the columns of one survey amount (cc1, cc2);
  // defined where they are used, in rpw_import.cc.
  struct Column;
  struct Block;
  // How many columns the importer knows: Column::slot is below this.
  static constexpr int kColumnSlots = 39;

 private:
  struct Period {
    std::vector<v1::Quote*> quotes;  // On arena_.
    std::vector<int> lines;
  };
  struct Tally {
    size_t rows = 0;
    std::vector<std::string> first_places;
  };

  // The column's index in the current header, or -1: from slots_.
  int Index(const Column& c) const;
  // The same, looked up by name in index_ (SetHeader fills slots_ with it).
  int Lookup(const Column& c) const;
  std::string Cell(absl::Span<const absl::string_view> cells,
                   const Column& c) const;
  // The reason when the row cannot be priced, else nullopt.
  std::optional<std::string> ImportRow(
      absl::Span<const absl::string_view> cells, int line,
      absl::string_view place);
  std::optional<std::string> ImportBlock(
      absl::Span<const absl::string_view> cells, int n,
      const std::string& currency, bool transparent, absl::string_view place,
      v1::Quote* quote);
  // The currency the row's rates are in (and so the recipient is paid
  // in), when the data shows it; nullopt when it cannot be told.
  std::optional<std::string> PayoutCurrency(
      absl::Span<const absl::string_view> cells, CurrencyCode send,
      CountryCode receive_country, const absl::StatusOr<Rate>& mid_rate) const;
  // Flags the quote DATA_NOTE_RATE_IMPLAUSIBLE, and notes the row, when a
  // survey point's rate implies a margin outside the plausible band
  // (engine/pricing/plausibility.h) against the row's own interbank rate
  // `mid`: the row can still be priced from its published margin, but is
  // never ranked.
  void NoteImplausibleRates(Rate mid, absl::string_view place,
                            v1::Quote* quote);
  // Keeps the first description of `code` the rows give: the row's source_*
  // columns when `source`, else its destination_* ones.
  void AddCountry(absl::Span<const absl::string_view> cells,
                  absl::string_view code, bool source);
  void Count(std::map<std::string, Tally>* tallies, const std::string& reason,
             absl::string_view place);
  // Most rows first.
  static std::vector<ImportReport::RowGroup> Groups(
      const std::map<std::string, Tally>& tallies);

  std::string name_;
  std::string file_slug_;  // "rpw-csv" for "data/rpw.csv".
  // AddRow's views of a row of strings, kept for their capacity.
  std::vector<absl::string_view> row_views_;
  DatasetOptions options_;
  std::optional<int> wanted_period_;
  bool bad_wanted_period_ = false;
  bool has_header_ = false;
  absl::flat_hash_map<std::string, int> index_;
  std::array<int, kColumnSlots> slots_;  // By Column::slot; -1 when absent.
  std::map<int, Period> periods_;        // By period key (20242 for 2024_2Q).
  std::set<int> seen_periods_;           // Every row's, loaded or not.
  std::map<std::string, Tally> quarantined_;
  std::map<std::string, Tally> notes_;
  size_t skipped_other_periods_ = 0;
  absl::flat_hash_set<std::string> quote_ids_;
  std::map<std::string, v1::Provider> providers_;  // By id.
  // The countries the loaded rows describe, by alpha-3 code: the first
  // row's description of each.
  std::map<std::string, v1::CountryInfo> countries_;
  // Holds the quotes, then the dataset Finish returns (shared with it).
  std::shared_ptr<google::protobuf::Arena> arena_;
};

}  // namespace remit

#endif  // REMIT_ENGINE_IMPORTERS_RPW_RPW_IMPORT_H_
