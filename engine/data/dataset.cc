#include "engine/data/dataset.h"

#include <utility>

#include "absl/status/status.h"
#include "engine/book/internal/checked_book.h"
#include "engine/data/internal/validator.h"

namespace remit {

using data_internal::Validator;

namespace {

// Validates `files` and builds the book; clears `release` (when not null)
// once the files are no longer read, before the book is made.
absl::StatusOr<QuoteBook> Build(const std::vector<ParsedDataset>& files,
                                const DatasetOptions& options,
                                std::vector<DatasetError>* errors,
                                CountryAttributes* countries,
                                std::vector<ParsedDataset>* release) {
  Validator validator(options, errors);
  size_t quote_count = 0;
  for (const ParsedDataset& file : files) {
    quote_count += file.dataset().quotes_size();
  }
  validator.ReserveQuotes(quote_count);
  for (const ParsedDataset& file : files) validator.AddProviders(file);
  for (const ParsedDataset& file : files) validator.AddQuotesAndRates(file);
  for (const ParsedDataset& file : files) validator.AddCountries(file);
  const std::string first = files.empty() ? "" : files.front().name();
  absl::StatusOr<ReferenceRates> references =
      std::move(validator.references).Build();
  // Rates against the mid-market rates they will be measured with, once
  // every file's reference rates are known.
  if (references.ok()) validator.CheckRates(*references);
  // What passed is in the validator now (the quotes own their values).
  if (release != nullptr) std::vector<ParsedDataset>().swap(*release);
  if (validator.error_count() == 0) {
    if (!references.ok()) {
      errors->push_back({first, 0, 0, "reference_rates",
                         std::string(references.status().message())});
    } else {
      // The validator checked ids, providers and the quote rules, and found
      // each quote's provider.
      absl::StatusOr<QuoteBook> book = book_internal::CreateFromCheckedQuotes(
          std::move(validator.providers), std::move(validator.quotes),
          validator.quote_providers, *std::move(references));
      if (book.ok()) {
        if (countries != nullptr) *countries = std::move(validator.countries);
        return book;
      }
      errors->push_back(
          {first, 0, 0, "", std::string(book.status().message())});
    }
  }
  return absl::InvalidArgumentError(DescribeErrors(*errors));
}

}  // namespace

absl::StatusOr<QuoteBook> BuildQuoteBook(
    const std::vector<ParsedDataset>& files, const DatasetOptions& options,
    std::vector<DatasetError>* errors, CountryAttributes* countries) {
  return Build(files, options, errors, countries, nullptr);
}

absl::StatusOr<QuoteBook> BuildQuoteBook(std::vector<ParsedDataset>&& files,
                                         const DatasetOptions& options,
                                         std::vector<DatasetError>* errors,
                                         CountryAttributes* countries) {
  return Build(files, options, errors, countries, &files);
}

}  // namespace remit
