#include "engine/data/dataset.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/data/internal/validator.h"

namespace remit {

using data_internal::Validator;

absl::StatusOr<ParsedDataset> ReadDatasetFile(
    const std::string& path, const DatasetOptions& options,
    std::vector<DatasetError>* errors) {
  absl::StatusOr<const DatasetFormat*> format = FormatOfPath(path);
  if (!format.ok()) {
    errors->push_back({path, 0, 0, "", std::string(format.status().message())});
    return format.status();
  }
  const FileReader& files =
      options.files != nullptr ? *options.files : LocalFiles();
  absl::StatusOr<std::string> content = files.Read(path);
  if (!content.ok()) {
    const std::string message(content.status().message());
    errors->push_back({path, 0, 0, "", message});
    return absl::Status(content.status().code(),
                        absl::StrCat(path, ": ", message));
  }
  return (*format)->parse(path, *content, options, errors);
}

absl::StatusOr<QuoteBook> BuildQuoteBook(
    const std::vector<ParsedDataset>& files, const DatasetOptions& options,
    std::vector<DatasetError>* errors) {
  Validator validator(options, errors);
  size_t quote_count = 0;
  for (const ParsedDataset& file : files) {
    quote_count += file.dataset().quotes_size();
  }
  validator.quotes.reserve(quote_count);
  for (const ParsedDataset& file : files) validator.AddProviders(file);
  for (const ParsedDataset& file : files) validator.AddQuotesAndRates(file);
  const std::string first = files.empty() ? "" : files.front().name();
  if (validator.error_count() == 0) {
    absl::StatusOr<ReferenceRates> references =
        std::move(validator.references).Build();
    if (!references.ok()) {
      errors->push_back({first, 0, 0, "reference_rates",
                         std::string(references.status().message())});
    } else {
      absl::StatusOr<QuoteBook> book = QuoteBook::Create(
          std::move(validator.providers), std::move(validator.quotes),
          *std::move(references));
      if (book.ok()) return book;
      errors->push_back(
          {first, 0, 0, "", std::string(book.status().message())});
    }
  }
  return absl::InvalidArgumentError(DescribeErrors(*errors));
}

}  // namespace remit
