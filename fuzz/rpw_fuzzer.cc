// Fuzzes the RPW CSV importer and ranks whatever it loads.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/formats/formats.h"
#include "engine/importers/rpw/rpw_import.h"
#include "fuzz/rank_all.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string content(reinterpret_cast<const char*>(data), size);
  std::vector<remit::DatasetError> errors;
  absl::StatusOr<remit::ParsedDataset> file =
      remit::ImportRpwCsv("fuzz.csv", content, {}, &errors);
  if (!file.ok()) {
    remit::fuzz::Require(!errors.empty(), "a refused file says why");
    return 0;
  }
  absl::StatusOr<remit::QuoteBook> book =
      remit::BuildQuoteBook({*file}, {}, &errors);
  if (book.ok()) remit::fuzz::RankEveryCorridor(*book);
  return 0;
}
