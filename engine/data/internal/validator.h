// Validator: checks every field of dataset files and turns them into
// engine values (providers, quotes, reference rates), reporting every
// problem with its place. Ids must be unique across files. Internal to
// engine/data; BuildQuoteBook (engine/data/dataset.h) is its user.
//
// Thread-safety: one validator per load; not thread-safe. The files must
// outlive it (its id maps view their strings).
//
// Example:
//   Validator validator(options, &errors);
//   for (const ParsedDataset& f : files) validator.AddProviders(f);
//   for (const ParsedDataset& f : files) validator.AddQuotesAndRates(f);
#ifndef REMIT_ENGINE_DATA_INTERNAL_VALIDATOR_H_
#define REMIT_ENGINE_DATA_INTERNAL_VALIDATOR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
#include "engine/data/internal/field_reader.h"
#include "engine/data/internal/locations.h"
#include "engine/data/parsed_dataset.h"
#include "engine/model/model.h"
#include "engine/model/reference_rates.h"
#include "engine/pricing/pricing.h"
#include "proto/remit/v1/dataset.pb.h"

namespace remit::data_internal {

class Validator : private FieldReader {
 public:
  Validator(const DatasetOptions& options, std::vector<DatasetError>* errors)
      : FieldReader(options, errors),
        quote_ids_(0, IdHash{&quote_id_places_}, IdEq{&quote_id_places_}) {}
  Validator(const Validator&) = delete;
  Validator& operator=(const Validator&) = delete;

  using FieldReader::error_count;

  // Room for `count` quotes in all (an estimate is fine).
  void ReserveQuotes(size_t count);

  // Providers first, from every file, so that quotes may name a provider
  // of another file.
  void AddProviders(const ParsedDataset& file);
  void AddQuotesAndRates(const ParsedDataset& file);
  // The countries files describe. Native files: a bad or repeated code is
  // an error; imported ones (RPW): such a country is left undescribed (the
  // first description of a code stands).
  void AddCountries(const ParsedDataset& file);
  // After every file's quotes and rates: each native quote's rate against
  // the mid-market rate pricing will measure it with (FindMidMarket). A
  // margin outside the plausible band (engine/pricing/plausibility.h) is
  // an error naming the rate's place, the rate, the mid rate and the
  // margin, and whether it looks inverted or off by a power of ten,
  // unless the quote sets rate_outlier_confirmed. Imported files are not
  // checked here: their importer flags such rows itself.
  void CheckRates(const ReferenceRates& references);

  // What passed, in file order.
  std::vector<Provider> providers;
  std::vector<Quote> quotes;
  // quote_providers[i]: the position in `providers` of quotes[i]'s
  // provider, found once, while the quote is read.
  std::vector<uint32_t> quote_providers;
  ReferenceRates::Builder references;
  CountryAttributes countries;

 private:
  std::optional<Corridor> CorridorField(const Node& node,
                                        const v1::Quote& quote);
  void AddQuote(const Node& node, const v1::Quote& proto);
  bool AddFees(const Node& node, const v1::FeeSchedule& proto,
               const Corridor& corridor, Quote* quote);
  // The rate `text` of field `field` (at `node` in `message`) against `mid`.
  void CheckRate(const Node& node, const google::protobuf::Message& message,
                 absl::string_view field, const std::string& text, Rate rate,
                 const MidMarket& mid, CurrencyCode send, CurrencyCode payout);
  // A margin given as such, `text` of field `field`.
  void CheckMargin(const Node& node, const google::protobuf::Message& message,
                   absl::string_view field, const std::string& text,
                   Percent margin);

  // Where each quote that passed came from, in `quotes`' order.
  struct QuotePlace {
    const ParsedDataset* file;
    int index;  // In the file's quotes.
  };
  std::vector<QuotePlace> quote_places_;

  // Whether quotes[k]'s rate could be implausible (a margin outside the
  // plausible band), as far as can be told while the quote is read: its
  // own mid-market rate makes it implausible, or it has none and
  // CheckRates must look for one among the reference rates.
  bool RateNeedsCheck(const Quote& quote, bool rate_given) const;

  // Where each provider id was first defined, for duplicates across files,
  // and the provider's position in `providers`.
  struct ProviderPlace {
    IdPlace place;
    uint32_t index;  // kNoProvider when the provider did not pass.
  };
  static constexpr uint32_t kNoProvider = ~uint32_t{0};
  absl::flat_hash_map<absl::string_view, ProviderPlace> provider_ids_;

  // Every quote id read, and where it was first defined, for duplicates
  // across files. The set holds positions in quote_id_places_, hashed and
  // compared by the id they stand for: four bytes a slot keep it small
  // enough to stay in cache while a large file is read.
  struct QuoteIdPlace {
    absl::string_view id;
    IdPlace place;
  };
  struct IdHash {
    using is_transparent = void;
    const std::vector<QuoteIdPlace>* places;
    size_t operator()(absl::string_view id) const {
      return absl::Hash<absl::string_view>()(id);
    }
    size_t operator()(uint32_t i) const { return (*this)((*places)[i].id); }
  };
  struct IdEq {
    using is_transparent = void;
    const std::vector<QuoteIdPlace>* places;
    absl::string_view Id(absl::string_view id) const { return id; }
    absl::string_view Id(uint32_t i) const { return (*places)[i].id; }
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return Id(a) == Id(b);
    }
  };
  std::vector<QuoteIdPlace> quote_id_places_;
  absl::flat_hash_set<uint32_t, IdHash, IdEq> quote_ids_;
  // Positions in `quotes` of those CheckRates must look at (RateNeedsCheck),
  // ascending.
  std::vector<uint32_t> rate_checks_;
  // Corridors already parsed, by their four codes as written, packed into
  // 16 bytes ("USA/USD/MEX/", zero-padded): the first kFirstCorridors in a
  // short array, searched first (most files have a few corridors), the
  // rest in a map.
  struct CorridorKey {
    uint64_t low = 0;
    uint64_t high = 0;
    friend bool operator==(const CorridorKey& a, const CorridorKey& b) {
      return a.low == b.low && a.high == b.high;
    }
    template <typename H>
    friend H AbslHashValue(H h, const CorridorKey& key) {
      return H::combine(std::move(h), key.low, key.high);
    }
  };
  static constexpr size_t kFirstCorridors = 16;
  std::vector<std::pair<CorridorKey, Corridor>> first_corridors_;
  absl::flat_hash_map<CorridorKey, Corridor> corridors_;
  // The file AddQuotesAndRates reads: its position in load order, and its
  // as-of date when its data is illustrative.
  uint16_t dataset_index_ = 0;
  std::optional<absl::Time> judged_at_;
};

}  // namespace remit::data_internal

#endif  // REMIT_ENGINE_DATA_INTERNAL_VALIDATOR_H_
