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

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
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
      : FieldReader(options, errors) {}

  using FieldReader::error_count;

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

  // Where each id was first defined, for duplicates across files.
  absl::flat_hash_map<absl::string_view, IdPlace> provider_ids_;
  absl::flat_hash_map<absl::string_view, IdPlace> quote_ids_;
  // Corridors already parsed, by their four codes as written, packed into
  // one short key ("USA/USD/MEX/").
  absl::flat_hash_map<std::string, Corridor> corridors_;
  // The file AddQuotesAndRates reads: its position in load order, and its
  // as-of date when its data is illustrative.
  uint16_t dataset_index_ = 0;
  std::optional<absl::Time> judged_at_;
};

}  // namespace remit::data_internal

#endif  // REMIT_ENGINE_DATA_INTERNAL_VALIDATOR_H_
