#include "engine/book/quote_book.h"

#include <algorithm>
#include <tuple>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace remit {
namespace {

absl::Status QuoteError(const Quote& quote, absl::string_view field,
                        absl::string_view message) {
  return absl::InvalidArgumentError(
      absl::StrCat("quote '", quote.id, "': ", field, ": ", message));
}

absl::Status CheckQuote(const Quote& quote) {
  if (quote.min_send_minor < 0 || quote.min_send_minor > quote.max_send_minor) {
    return QuoteError(
        quote, "min_send",
        absl::StrCat(quote.min_send_minor, " must be between 0 and max_send ",
                     quote.max_send_minor));
  }
  const std::vector<FeeBand>& bands = quote.fees.bands;
  for (size_t i = 0; i < bands.size(); ++i) {
    const FeeBand& band = bands[i];
    if (i > 0 && band.from_minor <= bands[i - 1].from_minor) {
      return QuoteError(quote, absl::StrCat("fees.bands[", i, "].from"),
                        "bands must start at increasing amounts");
    }
    if (band.min_fee_minor.has_value() && band.max_fee_minor.has_value() &&
        *band.min_fee_minor > *band.max_fee_minor) {
      return QuoteError(quote, absl::StrCat("fees.bands[", i, "].min_fee"),
                        "is above max_fee");
    }
  }
  const std::vector<SurveyPoint>& points = quote.survey_points;
  for (size_t i = 0; i < points.size(); ++i) {
    if (points[i].send_minor <= 0 ||
        (i > 0 && points[i].send_minor <= points[i - 1].send_minor)) {
      return QuoteError(quote, absl::StrCat("survey_points[", i, "].send"),
                        "points must be at positive, increasing amounts");
    }
    if (!points[i].FeeIsRounded()) {
      return QuoteError(
          quote, absl::StrCat("survey_points[", i, "].fee_remainder11"),
          absl::StrCat(points[i].fee_remainder11,
                       " is not what rounding the fee half-even to ",
                       points[i].fee_minor, " minor units left out"));
    }
  }
  if (points.empty() && !quote.rate.has_value() &&
      !quote.margin_over_mid.has_value()) {
    return QuoteError(quote, "rate",
                      "a quote needs a rate, a margin_over_mid or survey "
                      "points");
  }
  if (quote.rate.has_value() && quote.margin_over_mid.has_value()) {
    return QuoteError(quote, "margin_over_mid",
                      "give either a rate or a margin over mid, not both");
  }
  const bool recipient_fees = quote.fees.recipient_fixed_fee_minor != 0 ||
                              quote.fees.recipient_percent_fee != Percent();
  if (recipient_fees && !quote.rate_currency.has_value()) {
    return QuoteError(quote, "rate_currency",
                      "recipient fees need the payout currency");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<QuoteBook> QuoteBook::Create(std::vector<Provider> providers,
                                            std::vector<Quote> quotes,
                                            ReferenceRates references) {
  auto data = std::make_unique<Data>();
  data->providers = std::move(providers);
  data->quotes = std::move(quotes);
  data->references = std::move(references);

  for (size_t i = 0; i < data->providers.size(); ++i) {
    const Provider& provider = data->providers[i];
    if (provider.id.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("providers[", i, "]: id: must not be empty"));
    }
    if (!data->provider_index.try_emplace(provider.id, i).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("provider '", provider.id, "': id: is used twice"));
    }
  }

  absl::flat_hash_set<absl::string_view> quote_ids;
  for (size_t i = 0; i < data->quotes.size(); ++i) {
    const Quote& quote = data->quotes[i];
    if (quote.id.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("quotes[", i, "]: id: must not be empty"));
    }
    if (!quote_ids.insert(quote.id).second) {
      return QuoteError(quote, "id", "is used twice");
    }
    auto provider = data->provider_index.find(quote.provider_id);
    if (provider == data->provider_index.end()) {
      return QuoteError(
          quote, "provider_id",
          absl::StrCat("'", quote.provider_id, "' is not a provider"));
    }
    if (absl::Status status = CheckQuote(quote); !status.ok()) return status;

    PreparedQuote prepared;
    prepared.quote = &quote;
    prepared.provider = &data->providers[provider->second];
    if (absl::Status status = PrepareQuote(data->references, &prepared);
        !status.ok()) {
      return absl::InvalidArgumentError(status.message());
    }
    data->by_corridor[quote.corridor].push_back(std::move(prepared));
  }

  for (auto& [corridor, prepared] : data->by_corridor) {
    // Sort compact keys rather than the quotes: the comparisons then read
    // contiguous memory instead of following two pointers each.
    struct Key {
      uint64_t provider_prefix;  // First 8 bytes, big-endian: integer
      uint64_t id_prefix;        // order is byte order.
      absl::string_view provider_id;
      absl::string_view id;
      uint32_t index;
    };
    auto prefix = [](absl::string_view s) {
      uint64_t p = 0;
      for (size_t i = 0; i < 8; ++i) {
        p = (p << 8) | (i < s.size() ? static_cast<unsigned char>(s[i]) : 0);
      }
      return p;
    };
    std::vector<Key> keys;
    keys.reserve(prepared.size());
    for (size_t i = 0; i < prepared.size(); ++i) {
      const Quote& q = *prepared[i].quote;
      keys.push_back({prefix(q.provider_id), prefix(q.id), q.provider_id, q.id,
                      static_cast<uint32_t>(i)});
    }
    // Equal prefixes fall back to comparing the strings.
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
      if (a.provider_prefix != b.provider_prefix) {
        return a.provider_prefix < b.provider_prefix;
      }
      if (a.provider_id != b.provider_id) return a.provider_id < b.provider_id;
      if (a.id_prefix != b.id_prefix) return a.id_prefix < b.id_prefix;
      return a.id < b.id;
    });
    std::vector<PreparedQuote> sorted;
    sorted.reserve(prepared.size());
    for (const Key& key : keys) {
      sorted.push_back(std::move(prepared[key.index]));
      sorted.back().tie_rank = static_cast<uint32_t>(sorted.size() - 1);
    }
    prepared = std::move(sorted);
    data->corridors.push_back(corridor);
  }
  std::sort(data->corridors.begin(), data->corridors.end());
  return QuoteBook(std::move(data));
}

absl::Span<const PreparedQuote> QuoteBook::QuotesIn(
    const Corridor& corridor) const {
  auto it = data_->by_corridor.find(corridor);
  if (it == data_->by_corridor.end()) return {};
  return it->second;
}

const Provider* QuoteBook::FindProvider(absl::string_view id) const {
  auto it = data_->provider_index.find(id);
  return it == data_->provider_index.end() ? nullptr
                                           : &data_->providers[it->second];
}

}  // namespace remit
