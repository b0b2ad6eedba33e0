#include "cli/freshness.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace remit::cli {

std::string DateText(const google::protobuf::Timestamp& time) {
  if (time.seconds() == 0 && time.nanos() == 0) return "";
  return absl::FormatTime("%Y-%m-%d", absl::FromUnixSeconds(time.seconds()),
                          absl::UTCTimeZone());
}

std::string MaxAgeDays(const v1::Freshness& f) {
  if (!f.has_max_quote_age()) return "";
  return absl::StrCat(f.max_quote_age().seconds() / (24 * 60 * 60));
}

std::string MaxAgeText(const v1::Freshness& f) {
  if (!f.has_max_quote_age()) return "";
  const int64_t seconds = f.max_quote_age().seconds();
  constexpr int64_t kDay = 24 * 60 * 60;
  if (seconds % kDay == 0) {
    const int64_t days = seconds / kDay;
    return absl::StrCat(days, days == 1 ? " day" : " days");
  }
  return absl::StrCat(seconds, " seconds");
}

std::string FreshnessText(const v1::Freshness& f) {
  if (f.as_of_date().empty()) return "";
  std::string out;
  if (f.illustrative()) {
    absl::StrAppend(&out, "illustrative data as of ", f.as_of_date(),
                    " (made-up prices, judged at that date, not today); ");
  }
  if (f.all_stale()) {
    absl::StrAppend(&out, "every price is stale: the newest is dated ",
                    f.newest_price_date(), ", older than ", MaxAgeText(f),
                    " at ", f.as_of_date(), ".");
    return out;
  }
  const std::string& oldest = f.oldest_price_date().empty()
                                  ? f.newest_price_date()
                                  : f.oldest_price_date();
  absl::StrAppend(&out, "dated ",
                  oldest == f.newest_price_date()
                      ? oldest
                      : absl::StrCat(oldest, " to ", f.newest_price_date()));
  if (!f.illustrative()) absl::StrAppend(&out, ", judged at ", f.as_of_date());
  if (!f.has_max_quote_age()) {
    absl::StrAppend(&out, "; no age limit for a survey period asked for.");
    return out;
  }
  absl::StrAppend(&out, "; prices older than ", MaxAgeText(f), " are left out");
  if (f.stale_quote_count() > 0) {
    absl::StrAppend(&out, " (", f.stale_quote_count(), " of ", f.quote_count(),
                    ")");
  }
  absl::StrAppend(&out, ".");
  return out;
}

std::string StaleText(const v1::Freshness& f) {
  return absl::StrCat(
      "No offer: every price in this corridor is stale.\n"
      "The newest price is dated ",
      f.newest_price_date(), "; prices older than ", MaxAgeText(f), " at ",
      f.as_of_date(),
      " are left out.\n"
      "To refresh, load newer data (--data=FILE). To see these old prices "
      "anyway, allow a longer age with --max-age=DAYS, or judge them at "
      "another date with --as-of=YYYY-MM-DD (local data only).\n");
}

absl::Status StaleError(const v1::Freshness& f, const std::string& corridor) {
  return absl::FailedPreconditionError(absl::StrCat(
      "no current price for ", corridor, ": the newest is dated ",
      f.newest_price_date(), ", older than ", MaxAgeText(f), " at ",
      f.as_of_date(),
      "; load newer data (--data), or override with --max-age=DAYS or "
      "--as-of=YYYY-MM-DD"));
}

std::string SourceText(const v1::DatasetMetadata& s) {
  std::string out = s.name().empty() ? "unnamed dataset" : s.name();
  if (!s.publisher().empty()) absl::StrAppend(&out, ", by ", s.publisher());
  if (!s.as_of().empty()) absl::StrAppend(&out, ", as of ", s.as_of());
  if (!s.license().empty()) absl::StrAppend(&out, ", licence ", s.license());
  return out;
}

std::string SourceLines(
    const google::protobuf::RepeatedPtrField<v1::DatasetMetadata>& sources,
    const std::string& version) {
  const std::string tail = absl::StrCat("version ", version.substr(0, 12), ".");
  if (sources.empty()) return absl::StrCat("Data: ", tail, "\n");
  std::string out;
  for (int i = 0; i < sources.size(); ++i) {
    const v1::DatasetMetadata& s = sources[i];
    absl::StrAppend(&out, "Data: ", SourceText(s),
                    i + 1 == sources.size() ? absl::StrCat("; ", tail) : ".",
                    "\n");
    if (!s.attribution().empty()) absl::StrAppend(&out, s.attribution(), "\n");
  }
  return out;
}

}  // namespace remit::cli
