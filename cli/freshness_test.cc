#include "cli/freshness.h"

#include "gtest/gtest.h"

namespace remit::cli {
namespace {

v1::Freshness Fresh() {
  v1::Freshness f;
  f.set_as_of_date("2026-12-02");
  f.mutable_max_quote_age()->set_seconds(183 * 24 * 3600);
  f.set_newest_price_date("2026-11-02");
  f.set_oldest_price_date("2026-05-12");
  f.set_quote_count(6);
  f.set_stale_quote_count(1);
  return f;
}

TEST(FreshnessTextTest, DatesAndTheLimit) {
  EXPECT_EQ(FreshnessText(Fresh()),
            "dated 2026-05-12 to 2026-11-02, judged at 2026-12-02; prices "
            "older than 183 days are left out (1 of 6).");
  v1::Freshness one = Fresh();
  one.set_oldest_price_date("2026-11-02");
  one.set_stale_quote_count(0);
  EXPECT_EQ(FreshnessText(one),
            "dated 2026-11-02, judged at 2026-12-02; prices older than 183 "
            "days are left out.");
  v1::Freshness period = Fresh();
  period.clear_max_quote_age();
  period.set_stale_quote_count(0);
  EXPECT_EQ(FreshnessText(period),
            "dated 2026-05-12 to 2026-11-02, judged at 2026-12-02; no age "
            "limit for a survey period asked for.");
  EXPECT_EQ(FreshnessText(v1::Freshness()), "");
}

TEST(FreshnessTextTest, IllustrativeDataSaysSo) {
  v1::Freshness f = Fresh();
  f.set_illustrative(true);
  f.set_as_of_date("2026-11-02");
  EXPECT_EQ(FreshnessText(f),
            "illustrative data as of 2026-11-02 (made-up prices, judged at "
            "that date, not today); dated 2026-05-12 to 2026-11-02; prices "
            "older than 183 days are left out (1 of 6).");
}

TEST(FreshnessTextTest, AllStaleNamesTheNewestDateTheLimitAndTheWayOut) {
  v1::Freshness f = Fresh();
  f.set_as_of_date("2030-01-01");
  f.clear_oldest_price_date();
  f.set_stale_quote_count(6);
  f.set_all_stale(true);
  EXPECT_EQ(FreshnessText(f),
            "every price is stale: the newest is dated 2026-11-02, older "
            "than 183 days at 2030-01-01.");
  const std::string text = StaleText(f);
  EXPECT_NE(text.find("No offer: every price in this corridor is stale."),
            std::string::npos);
  EXPECT_NE(text.find("The newest price is dated 2026-11-02; prices older "
                      "than 183 days at 2030-01-01 are left out."),
            std::string::npos);
  EXPECT_NE(text.find("--data=FILE"), std::string::npos);
  EXPECT_NE(text.find("--max-age=DAYS"), std::string::npos);
  EXPECT_NE(text.find("--as-of=YYYY-MM-DD"), std::string::npos);
  const absl::Status error = StaleError(f, "USA -> MEX");
  EXPECT_EQ(error.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(error.message(),
            "no current price for USA -> MEX: the newest is dated "
            "2026-11-02, older than 183 days at 2030-01-01; load newer data "
            "(--data), or override with --max-age=DAYS or "
            "--as-of=YYYY-MM-DD");
}

TEST(SourceLinesTest, EverySourceWithItsLicenceAndAttribution) {
  google::protobuf::RepeatedPtrField<v1::DatasetMetadata> sources;
  v1::DatasetMetadata* sample = sources.Add();
  sample->set_name("Sample");
  sample->set_publisher("remitrank");
  sample->set_as_of("2026-11-02");
  sample->set_license("CC0 1.0");
  v1::DatasetMetadata* rpw = sources.Add();
  rpw->set_name("Remittance Prices Worldwide 2026_2Q");
  rpw->set_publisher("The World Bank");
  rpw->set_license("CC BY 4.0");
  rpw->set_attribution("Source: World Bank, Remittance Prices Worldwide.");
  EXPECT_EQ(SourceLines(sources, "58b8ab0982a9ffff"),
            "Data: Sample, by remitrank, as of 2026-11-02, licence CC0 1.0.\n"
            "Data: Remittance Prices Worldwide 2026_2Q, by The World Bank, "
            "licence CC BY 4.0; version 58b8ab0982a9.\n"
            "Source: World Bank, Remittance Prices Worldwide.\n");
  EXPECT_EQ(SourceLines({}, "58b8ab0982a9ffff"),
            "Data: version 58b8ab0982a9.\n");
}

TEST(MaxAgeTest, Days) {
  v1::Freshness f = Fresh();
  EXPECT_EQ(MaxAgeText(f), "183 days");
  EXPECT_EQ(MaxAgeDays(f), "183");
  f.mutable_max_quote_age()->set_seconds(24 * 3600);
  EXPECT_EQ(MaxAgeText(f), "1 day");
  f.clear_max_quote_age();
  EXPECT_EQ(MaxAgeText(f), "");
  EXPECT_EQ(MaxAgeDays(f), "");
}

}  // namespace
}  // namespace remit::cli
