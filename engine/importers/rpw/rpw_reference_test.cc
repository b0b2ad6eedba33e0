// The real RPW rows in the reference folder (REMIT_RPW_REFERENCE_DIR, set
// by tools/test.sh when the folder is there) load whole, and the engine
// reproduces every transparent row's published total cost % within 0.01
// percentage points at both surveyed amounts; each period's global
// average is the simple average of its published cc1 totals. No real row's
// rate is outside the plausible band.
#include <dirent.h>

#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "engine/data/dataset.h"
#include "engine/importers/rpw/internal/csv.h"
#include "engine/importers/rpw/rpw_import.h"
#include "engine/indicators/indicators.h"
#include "engine/pricing/pricing.h"
#include "engine/stats/cost_stats.h"
#include "engine/testing/test_util.h"
#include "gtest/gtest.h"

namespace remit {
namespace {

using testing::Must;

std::vector<std::string> ReferenceFiles(const std::string& dir) {
  std::vector<std::string> files;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* entry = readdir(d)) {
      if (absl::EndsWith(entry->d_name, ".csv")) {
        files.push_back(absl::StrCat(dir, "/", entry->d_name));
      }
    }
    closedir(d);
  }
  return files;
}

// Column `name`'s index in the header (names matched ignoring case).
int ColumnOf(const engine_internal::CsvRow& header, absl::string_view name) {
  for (size_t i = 0; i < header.fields.size(); ++i) {
    if (absl::EqualsIgnoreCase(header.fields[i], name)) return i;
  }
  return -1;
}

TEST(RpwReferenceTest, RealRowsLoadAndReproducePublishedTotals) {
  const char* dir = std::getenv("REMIT_RPW_REFERENCE_DIR");
  if (dir == nullptr || ReferenceFiles(dir).empty()) {
    GTEST_SKIP() << "no real RPW rows: REMIT_RPW_REFERENCE_DIR is unset or "
                    "holds no .csv file (tools/test.sh sets it to "
                    "../shared/ref-data/rpw when that folder exists)";
  }
  int checked = 0;
  for (const std::string& path : ReferenceFiles(dir)) {
    const std::string csv = testing::ReadFile(path);
    const auto rows = Must(engine_internal::ReadCsv(csv));
    ASSERT_FALSE(rows.empty()) << path;
    const int period_col = ColumnOf(rows[0], "period");
    const int transparent_col = ColumnOf(rows[0], "transparent");
    const int total_cols[2] = {ColumnOf(rows[0], "cc1 total cost %"),
                               ColumnOf(rows[0], "cc2 total cost %")};
    std::set<std::string> periods;
    for (size_t r = 1; r < rows.size(); ++r) {
      periods.insert(rows[r].fields[period_col]);
    }
    size_t loaded = 0;
    for (const std::string& period : periods) {
      DatasetOptions options;
      options.rpw_period = period;
      std::vector<DatasetError> errors;
      ParsedDataset file = Must(ImportRpwCsv(path, csv, options, &errors));
      EXPECT_EQ(file.report()->quarantined_rows(), 0u)
          << path << " " << period << ": "
          << file.report()->quarantined[0].reason;
      // The plausible rate band admits every real row.
      for (const v1::Quote& quote : file.dataset().quotes()) {
        for (int note : quote.data_notes()) {
          EXPECT_NE(note, v1::DATA_NOTE_RATE_IMPLAUSIBLE)
              << path << " " << quote.id();
        }
      }
      loaded += file.report()->loaded_rows();
      absl::StatusOr<QuoteBook> book = BuildQuoteBook({file}, {}, &errors);
      ASSERT_TRUE(book.ok()) << DescribeErrors(errors);
      // RPW's global average of the period: the simple average of the
      // published cc1 totals of its transparent rows, added up here from
      // the CSV itself, exactly.
      absl::int128 sum = 0;
      int64_t services = 0;
      for (size_t r = 1; r < rows.size(); ++r) {
        const std::vector<std::string>& row = rows[r].fields;
        if (row[period_col] != period ||
            absl::AsciiStrToLower(row[transparent_col]) != "yes") {
          continue;
        }
        sum += testing::P(row[total_cols[0]].c_str()).scaled();
        ++services;
      }
      const RpwIndicators indicators = Must(Indicators(
          *book, std::nullopt, CountryAttributes(), IndicatorOptions()));
      EXPECT_EQ(indicators.period.ToString(), period);
      EXPECT_EQ(indicators.service_count, static_cast<size_t>(services))
          << path << " " << period;
      if (services > 0) {
        EXPECT_EQ(indicators.global_average, PercentOfKey(sum, services))
            << path << " " << period;
      }
      for (const Corridor& corridor : book->corridors()) {
        for (const PreparedQuote& q : book->QuotesIn(corridor)) {
          // "rpw-<period>-line-<n>": the CSV line of the row.
          int line = 0;
          ASSERT_TRUE(absl::SimpleAtoi(
              q.quote->id.substr(q.quote->id.rfind('-') + 1), &line));
          const std::vector<std::string>& row = rows[line - 1].fields;
          if (absl::AsciiStrToLower(row[transparent_col]) != "yes") continue;
          for (size_t point = 0; point < q.quote->survey_points.size();
               ++point) {
            const int64_t amount = q.quote->survey_points[point].send_minor;
            CostBreakdown cost = Must(PriceSend(q, amount));
            const Percent published =
                testing::P(row[total_cols[point]].c_str());
            EXPECT_LE(std::llabs(cost.total_cost_percent.scaled() -
                                 published.scaled()),
                      10'000'000)
                << path << ":" << line << " cc" << point + 1 << ": "
                << cost.total_cost_percent.ToString(4) << " vs published "
                << published.ToString(4);
            // The published total rides along, as published.
            EXPECT_EQ(q.quote->survey_points[point].published_total, published)
                << path << ":" << line << " cc" << point + 1;
            ++checked;
          }
        }
      }
    }
    EXPECT_EQ(loaded, rows.size() - 1) << path << ": every row loads";
  }
  EXPECT_GT(checked, 200);
}

}  // namespace
}  // namespace remit
