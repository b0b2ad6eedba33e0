// Fuzzes the dataset loaders (text, JSON, binary; the first byte picks the
// format) and ranks every corridor of whatever loads.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "engine/data/dataset.h"
#include "engine/formats/formats.h"
#include "engine/time/clock.h"
#include "fuzz/invariants.h"
#include "fuzz/rank_all.h"
#include "google/protobuf/stubs/logging.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Protobuf logs each string field with invalid UTF-8 that it refuses;
  // the loader's own error says what is wrong.
  // A static object, not a leaked pointer: LeakSanitizer would see an
  // unused pointer optimised away as a leak.
  [[maybe_unused]] static google::protobuf::LogSilencer quiet;
  if (size == 0) return 0;
  const char* const names[] = {"fuzz.textproto", "fuzz.json", "fuzz.binpb"};
  const char* const name = names[data[0] % 3];
  const std::string content(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::vector<remit::DatasetError> errors;
  absl::StatusOr<remit::ParsedDataset> file =
      remit::ParseDataset(name, content, {}, &errors);
  if (!file.ok()) {
    remit::fuzz::Require(!errors.empty(), "a refused file says why");
    return 0;
  }
  absl::StatusOr<remit::QuoteBook> book =
      remit::BuildQuoteBook({*file}, {}, &errors);
  if (!book.ok()) {
    remit::fuzz::Require(!errors.empty(), "a refused dataset says why");
    return 0;
  }
  remit::fuzz::RankEveryCorridor(*book);
  return 0;
}
