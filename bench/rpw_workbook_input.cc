#include "bench/rpw_workbook_input.h"

#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "bench/synthetic_workbook.h"

namespace remit::bench {
namespace {

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "%s\n", message.c_str());
  std::abort();
}

RpwBenchInput Load() {
  RpwBenchInput input;
  const char* path = std::getenv("RPW_BENCH_WORKBOOK");
  if (path != nullptr && *path != '\0') {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream content;
    content << file.rdbuf();
    if (!file) Die(std::string(path) + ": cannot read");
    input.source = path;
    input.bytes = content.str();
  } else {
    int rows = kRpwPublishedRows;
    const char* text = std::getenv("RPW_BENCH_ROWS");
    if (text != nullptr && !absl::SimpleAtoi(text, &rows)) {
      Die("RPW_BENCH_ROWS: not a number");
    }
    absl::StatusOr<SyntheticWorkbook> book = MakeRpwPublishedWorkbook(rows);
    if (!book.ok()) Die(book.status().ToString());
    input.source = "generated";
    input.bytes = std::move(book->bytes);
  }
  // The dataset sheets' parts: the entries named like worksheets, as the
  // generator writes them (sheet1.xml, sheet2.xml).
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(
      input.bytes.data(), input.bytes.size(), 0, &error);
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (zip == nullptr) Die(input.source + ": not a zip");
  for (zip_int64_t i = 0; i < zip_get_num_entries(zip, 0); ++i) {
    zip_stat_t stat;
    if (zip_stat_index(zip, i, 0, &stat) != 0) continue;
    const std::string name = stat.name;
    if (absl::StartsWith(name, "xl/worksheets/sheet")) {
      input.sheet_parts.push_back(name);
      input.sheet_xml_bytes += stat.size;
    }
  }
  zip_discard(zip);
  return input;
}

}  // namespace

const RpwBenchInput& RpwBenchWorkbook() {
  static const auto* const kInput = new RpwBenchInput(Load());
  return *kInput;
}

uint64_t InflateAndDiscard(const std::string& bytes, const std::string& part) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source =
      zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (zip == nullptr) Die("not a zip");
  zip_file_t* file = zip_fopen(zip, part.c_str(), 0);
  if (file == nullptr) Die(part + ": not in the zip");
  std::unique_ptr<char[]> buffer(new char[64 * 1024]);
  uint64_t total = 0;
  while (true) {
    const zip_int64_t got = zip_fread(file, buffer.get(), 64 * 1024);
    if (got <= 0) break;
    // Read the chunk, so that the work cannot be skipped.
    volatile char sink = buffer[static_cast<size_t>(got) - 1];
    (void)sink;
    total += static_cast<uint64_t>(got);
  }
  zip_fclose(file);
  zip_discard(zip);
  return total;
}

}  // namespace remit::bench
