#include "engine/book/quote_book.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/pricing/quote_rules.h"

namespace remit {
namespace {

absl::Status QuoteError(const Quote& quote, absl::string_view field,
                        absl::string_view message) {
  return absl::InvalidArgumentError(
      absl::StrCat("quote '", quote.id, "': ", field, ": ", message));
}

// What the shared quote rules (engine/pricing/quote_rules.h) leave to the
// book: survey points' order and exact fees, and recipient fees' currency.
absl::Status CheckStructure(const Quote& quote) {
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
    // Opaque quotes too: a rate of 1 stands for "undisclosed".
    return QuoteError(quote, "rate",
                      "a quote needs a rate, a margin_over_mid or survey "
                      "points");
  }
  const bool recipient_fees = quote.fees.recipient_fixed_fee_minor != 0 ||
                              quote.fees.recipient_percent_fee != Percent();
  if (recipient_fees && !quote.rate_currency.has_value()) {
    return QuoteError(quote, "rate_currency",
                      "recipient fees need the payout currency");
  }
  return absl::OkStatus();
}

// What orders a quote within its corridor, taken from the quote while the
// book reads the quotes in order, so that sorting a corridor need not
// follow a pointer to each of its quotes again.
struct OrderFields {
  uint32_t period = 0;         // Quarters since year 0 plus one; 0: none.
  uint32_t provider_rank = 0;  // The provider's place in id order.
  uint64_t id_prefix = 0;      // The id's first 8 bytes, big-endian:
                               // integer order is byte order.
  size_t id_size = 0;
};

OrderFields OrderOf(const Quote& quote, uint32_t provider_rank) {
  OrderFields fields;
  if (quote.period.has_value()) {
    fields.period = static_cast<uint32_t>(quote.period->year() * 4 +
                                          quote.period->quarter());
  }
  fields.provider_rank = provider_rank;
  const std::string& id = quote.id;
  for (size_t i = 0; i < 8; ++i) {
    fields.id_prefix = (fields.id_prefix << 8) |
                       (i < id.size() ? static_cast<unsigned char>(id[i]) : 0);
  }
  fields.id_size = id.size();
  return fields;
}

// Sorts a corridor's quotes by (period, provider id, quote id), quotes
// without a period first; by (provider id, quote id) alone when
// `by_period` is false. `order[k]` is OrderOf(quotes_base[k]), where
// quotes_base is the book's quotes. Sorts compact keys rather than the
// quotes: the comparisons then read contiguous memory, and ids of up to 8
// bytes are compared whole as integers.
void SortCorridor(bool by_period, const Quote* quotes_base,
                  absl::Span<const OrderFields> order,
                  std::vector<PreparedQuote>* quotes) {
  struct Key {
    uint64_t group;  // Period (when by_period) above the provider's rank.
    uint64_t id_prefix;
    size_t id_size;
    uint32_t index;
  };
  std::vector<PreparedQuote>& prepared = *quotes;
  std::vector<Key> keys;
  keys.reserve(prepared.size());
  for (size_t i = 0; i < prepared.size(); ++i) {
    const OrderFields& f = order[prepared[i].quote - quotes_base];
    const uint64_t period = by_period ? f.period : 0;
    keys.push_back({period << 32 | f.provider_rank, f.id_prefix, f.id_size,
                    static_cast<uint32_t>(i)});
  }
  // Equal prefixes: ids of up to 8 bytes differ in length only (the shorter
  // first); longer ones are compared as strings.
  std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
    if (a.group != b.group) return a.group < b.group;
    if (a.id_prefix != b.id_prefix) return a.id_prefix < b.id_prefix;
    if (a.id_size <= 8 && b.id_size <= 8) return a.id_size < b.id_size;
    return prepared[a.index].quote->id < prepared[b.index].quote->id;
  });
  std::vector<PreparedQuote> sorted;
  sorted.reserve(prepared.size());
  for (const Key& key : keys) sorted.push_back(std::move(prepared[key.index]));
  prepared = std::move(sorted);
}

}  // namespace

absl::StatusOr<QuoteBook> QuoteBook::Create(std::vector<Provider> providers,
                                            std::vector<Quote> quotes,
                                            ReferenceRates references,
                                            const Clock* clock) {
  return Make(std::move(providers), std::move(quotes), {},
              std::move(references), clock, /*checked=*/false);
}

absl::StatusOr<QuoteBook> book_internal::CreateFromCheckedQuotes(
    std::vector<Provider> providers, std::vector<Quote> quotes,
    absl::Span<const uint32_t> quote_providers, ReferenceRates references) {
  return QuoteBook::Make(std::move(providers), std::move(quotes),
                         quote_providers, std::move(references), nullptr,
                         /*checked=*/true);
}

absl::StatusOr<QuoteBook> QuoteBook::Make(
    std::vector<Provider> providers, std::vector<Quote> quotes,
    absl::Span<const uint32_t> quote_providers, ReferenceRates references,
    const Clock* clock, bool checked) {
  const std::optional<absl::Time> now =
      clock == nullptr ? std::nullopt : std::optional<absl::Time>(clock->Now());
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

  // Each provider's place in id order: quotes are sorted by it.
  std::vector<uint32_t> provider_rank(data->providers.size());
  {
    std::vector<uint32_t> by_id(data->providers.size());
    for (size_t i = 0; i < by_id.size(); ++i) {
      by_id[i] = static_cast<uint32_t>(i);
    }
    std::sort(by_id.begin(), by_id.end(), [&](uint32_t a, uint32_t b) {
      return data->providers[a].id < data->providers[b].id;
    });
    for (size_t r = 0; r < by_id.size(); ++r) {
      provider_rank[by_id[r]] = static_cast<uint32_t>(r);
    }
  }

  const bool providers_found =
      checked && quote_providers.size() == data->quotes.size();
  std::vector<OrderFields> order(data->quotes.size());
  absl::flat_hash_set<absl::string_view> quote_ids;
  for (size_t i = 0; i < data->quotes.size(); ++i) {
    const Quote& quote = data->quotes[i];
    if (!checked && quote.id.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("quotes[", i, "]: id: must not be empty"));
    }
    if (!checked && !quote_ids.insert(quote.id).second) {
      return QuoteError(quote, "id", "is used twice");
    }
    size_t provider_at;
    if (providers_found && quote_providers[i] < data->providers.size()) {
      provider_at = quote_providers[i];
    } else {
      auto provider = data->provider_index.find(quote.provider_id);
      if (provider == data->provider_index.end()) {
        return QuoteError(
            quote, "provider_id",
            absl::StrCat("'", quote.provider_id, "' is not a provider"));
      }
      provider_at = provider->second;
    }
    if (!checked) {
      const std::vector<QuoteProblem> problems =
          CheckQuote(quote, data->references, now);
      if (!problems.empty()) {
        return QuoteError(quote, problems[0].field, problems[0].message);
      }
    }
    if (absl::Status status = CheckStructure(quote); !status.ok()) {
      return status;
    }

    order[i] = OrderOf(quote, provider_rank[provider_at]);
    PreparedQuote prepared;
    prepared.quote = &quote;
    prepared.provider = &data->providers[provider_at];
    if (absl::Status status = PrepareQuote(data->references, &prepared);
        !status.ok()) {
      return absl::InvalidArgumentError(status.message());
    }
    data->by_corridor[quote.corridor].all.push_back(std::move(prepared));
  }

  for (auto& [corridor, index] : data->by_corridor) {
    SortCorridor(/*by_period=*/true, data->quotes.data(), order, &index.all);
    std::vector<PreparedQuote>& all = index.all;
    // Groups are contiguous after the sort: no period first, then each
    // period in order. tie_rank counts within a group.
    size_t unperiodised = 0;
    auto period_of = [&](const PreparedQuote& p) {
      return order[p.quote - data->quotes.data()].period;
    };
    for (size_t begin = 0; begin < all.size();) {
      const uint32_t period = period_of(all[begin]);
      size_t end = begin;
      while (end < all.size() && period_of(all[end]) == period) {
        all[end].tie_rank = static_cast<uint32_t>(end - begin);
        ++end;
      }
      if (period != 0) {
        index.periods.push_back(*all[begin].quote->period);
        index.ranges.emplace_back(begin, end);
      } else {
        unperiodised = end - begin;
      }
      begin = end;
    }
    if (unperiodised > 0 && !index.periods.empty()) {
      // A corridor with both: each period's ranking takes in the quotes
      // without a period, in one span of its own.
      for (const auto& [begin, end] : index.ranges) {
        std::vector<PreparedQuote> merged(all.begin(),
                                          all.begin() + unperiodised);
        merged.insert(merged.end(), all.begin() + begin, all.begin() + end);
        SortCorridor(/*by_period=*/false, data->quotes.data(), order, &merged);
        for (size_t i = 0; i < merged.size(); ++i) {
          merged[i].tie_rank = static_cast<uint32_t>(i);
        }
        index.merged.push_back(std::move(merged));
      }
    }
    auto rows_of = [](const std::vector<PreparedQuote>& quotes) {
      CorridorQuotes::Rows rows;
      rows.rows.resize(quotes.size());
      rows.more.resize(quotes.size());
      rows.facets.resize(quotes.size());
      for (size_t i = 0; i < quotes.size(); ++i) {
        engine_internal::MakeScanRow(quotes[i], &rows.rows[i], &rows.more[i],
                                     &rows.facets[i]);
      }
      return rows;
    };
    index.all_rows = rows_of(index.all);
    for (const std::vector<PreparedQuote>& merged : index.merged) {
      index.merged_rows.push_back(rows_of(merged));
    }
    if (index.periods.empty()) {
      index.all_facts = QuoteSetFacts::Of(index.all);
    }
    for (size_t i = 0; i < index.periods.size(); ++i) {
      const auto [begin, end] = index.ranges[i];
      index.period_facts.push_back(QuoteSetFacts::Of(
          index.merged.empty()
              ? absl::MakeConstSpan(index.all).subspan(begin, end - begin)
              : absl::MakeConstSpan(index.merged[i])));
    }
    data->corridors.push_back(corridor);
  }
  std::sort(data->corridors.begin(), data->corridors.end());
  return QuoteBook(std::shared_ptr<const Data>(std::move(data)));
}

const QuoteBook::CorridorQuotes* QuoteBook::Find(
    const Corridor& corridor) const {
  auto it = data_->by_corridor.find(corridor);
  return it == data_->by_corridor.end() ? nullptr : &it->second;
}

absl::Span<const PreparedQuote> QuoteBook::QuotesIn(
    const Corridor& corridor) const {
  const CorridorQuotes* index = Find(corridor);
  if (index == nullptr) return {};
  return index->all;
}

PeriodQuotes QuoteBook::PeriodAt(const CorridorQuotes& index, size_t i) {
  PeriodQuotes selected;
  selected.period = index.periods[i];
  selected.facts = &index.period_facts[i];
  if (!index.merged.empty()) {
    selected.quotes = index.merged[i];
    selected.rows = index.merged_rows[i].rows;
    selected.more = index.merged_rows[i].more;
    selected.facets = index.merged_rows[i].facets;
  } else {
    const auto [begin, end] = index.ranges[i];
    selected.quotes =
        absl::MakeConstSpan(index.all).subspan(begin, end - begin);
    selected.rows =
        absl::MakeConstSpan(index.all_rows.rows).subspan(begin, end - begin);
    selected.more =
        absl::MakeConstSpan(index.all_rows.more).subspan(begin, end - begin);
    selected.facets =
        absl::MakeConstSpan(index.all_rows.facets).subspan(begin, end - begin);
  }
  return selected;
}

absl::Span<const PreparedQuote> QuoteBook::QuotesIn(const Corridor& corridor,
                                                    Period period) const {
  const CorridorQuotes* index = Find(corridor);
  if (index == nullptr) return {};
  auto it =
      std::lower_bound(index->periods.begin(), index->periods.end(), period);
  if (it == index->periods.end() || *it != period) return {};
  return PeriodAt(*index, static_cast<size_t>(it - index->periods.begin()))
      .quotes;
}

absl::Span<const Period> QuoteBook::PeriodsOf(const Corridor& corridor) const {
  const CorridorQuotes* index = Find(corridor);
  if (index == nullptr) return {};
  return index->periods;
}

std::optional<Period> QuoteBook::LatestPeriod(const Corridor& corridor) const {
  absl::Span<const Period> periods = PeriodsOf(corridor);
  if (periods.empty()) return std::nullopt;
  return periods.back();
}

std::vector<Corridor> QuoteBook::CorridorsBetween(CountryCode from,
                                                  CountryCode to) const {
  std::vector<Corridor> between;
  for (const Corridor& c : corridors()) {
    if (c.send_country() == from && c.receive_country() == to) {
      between.push_back(c);
    }
  }
  return between;
}

absl::StatusOr<PeriodQuotes> QuoteBook::QuotesFor(
    const Corridor& corridor, std::optional<Period> period) const {
  const CorridorQuotes* index = Find(corridor);
  if (index == nullptr) {
    // Between the same countries in other currencies, say which: an amount
    // in the wrong currency asks for a corridor that does not exist.
    std::vector<std::string> others;
    for (const Corridor& c : CorridorsBetween(corridor.send_country(),
                                              corridor.receive_country())) {
      others.push_back(c.ToString());
    }
    return absl::NotFoundError(absl::StrCat(
        "corridor ", corridor.ToString(), " has no quotes",
        others.empty() ? ""
                       : absl::StrCat("; between these countries the data has ",
                                      absl::StrJoin(others, ", "))));
  }
  if (!period.has_value()) {
    if (index->periods.empty()) {
      return PeriodQuotes{std::nullopt,           index->all,
                          index->all_rows.rows,   index->all_rows.more,
                          index->all_rows.facets, &index->all_facts};
    }
    period = index->periods.back();
  }
  auto it =
      std::lower_bound(index->periods.begin(), index->periods.end(), *period);
  if (it == index->periods.end() || *it != *period) {
    std::string has = "its quotes have no period";
    if (!index->periods.empty()) {
      has = absl::StrCat(
          "its periods are ",
          absl::StrJoin(index->periods, ", ", [](std::string* out, Period p) {
            absl::StrAppend(out, p.ToString());
          }));
    }
    return absl::NotFoundError(absl::StrCat("corridor ", corridor.ToString(),
                                            " has no quotes in period ",
                                            period->ToString(), "; ", has));
  }
  return PeriodAt(*index, static_cast<size_t>(it - index->periods.begin()));
}

QuoteSetFacts QuoteSetFacts::Of(absl::Span<const PreparedQuote> quotes) {
  QuoteSetFacts facts;
  for (const PreparedQuote& p : quotes) {
    const Quote& q = *p.quote;
    facts.newest_quoted_at = std::max(facts.newest_quoted_at, q.quoted_at);
    facts.oldest_quoted_at = std::min(facts.oldest_quoted_at, q.quoted_at);
    facts.datasets |= uint64_t{1} << std::min<unsigned>(q.dataset_index, 63);
    if (q.judged_at.has_value()) {
      ++facts.illustrative_count;
      facts.latest_judged_at = std::max(facts.latest_judged_at, *q.judged_at);
    }
  }
  return facts;
}

const Provider* QuoteBook::FindProvider(absl::string_view id) const {
  auto it = data_->provider_index.find(id);
  return it == data_->provider_index.end() ? nullptr
                                           : &data_->providers[it->second];
}

}  // namespace remit
