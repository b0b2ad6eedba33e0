#include "engine/workbook/internal/zip_archive.h"

#include <zip.h>

#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"

namespace remit::workbook_internal {
namespace {

struct FileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

}  // namespace

absl::StatusOr<ZipArchive> ZipArchive::Open(absl::string_view bytes) {
  // libzip takes zero bytes for an archive without entries.
  if (bytes.empty()) {
    return absl::InvalidArgumentError("not a zip archive (no bytes at all)");
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source =
      zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    return absl::InvalidArgumentError(
        absl::StrCat("not a zip archive (", text, ")"));
  }
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (zip == nullptr) {
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    zip_source_free(source);
    return absl::InvalidArgumentError(
        absl::StrCat("not a zip archive (", text, ")"));
  }
  zip_error_fini(&error);
  return ZipArchive(zip);
}

ZipArchive::ZipArchive(ZipArchive&& other) noexcept
    : zip_(std::exchange(other.zip_, nullptr)) {}

ZipArchive& ZipArchive::operator=(ZipArchive&& other) noexcept {
  if (this != &other) {
    if (zip_ != nullptr) zip_discard(zip_);
    zip_ = std::exchange(other.zip_, nullptr);
  }
  return *this;
}

ZipArchive::~ZipArchive() {
  // Read-only: discarding frees the archive and its source, writing nothing.
  if (zip_ != nullptr) zip_discard(zip_);
}

bool ZipArchive::Has(absl::string_view name) const {
  const std::string key(name);
  return zip_name_locate(zip_, key.c_str(), ZIP_FL_NOCASE) >= 0;
}

absl::Status ZipArchive::Read(
    absl::string_view name, uint64_t max_bytes,
    absl::FunctionRef<absl::Status(absl::string_view chunk)> on_chunk) const {
  const std::string key(name);
  const zip_int64_t index = zip_name_locate(zip_, key.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return absl::NotFoundError("no such part");
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(zip_, index, 0, &stat) != 0 ||
      (stat.valid & ZIP_STAT_SIZE) == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot read its size (", zip_strerror(zip_), ")"));
  }
  const uint64_t declared = stat.size;
  if (declared > max_bytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "declares ", declared, " bytes uncompressed, more than the limit of ",
        max_bytes));
  }
  std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(zip_, index, 0));
  if (file == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot open (", zip_strerror(zip_), ")"));
  }
  std::unique_ptr<char[]> buffer(new char[kChunkBytes]);
  uint64_t total = 0;
  while (true) {
    // Ask for one byte beyond what is declared, so that an entry that
    // inflates to more is caught at once rather than inflated on.
    const uint64_t left = declared - total + 1;
    const zip_uint64_t want = left < kChunkBytes ? left : kChunkBytes;
    const zip_int64_t got = zip_fread(file.get(), buffer.get(), want);
    if (got < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot inflate (", zip_file_strerror(file.get()), ")"));
    }
    if (got == 0) break;
    total += static_cast<uint64_t>(got);
    if (total > declared) {
      return absl::InvalidArgumentError(absl::StrCat(
          "inflates to more than the ", declared, " bytes it declares"));
    }
    absl::Status status =
        on_chunk(absl::string_view(buffer.get(), static_cast<size_t>(got)));
    if (!status.ok()) return status;
  }
  if (total != declared) {
    return absl::InvalidArgumentError(absl::StrCat(
        "inflates to ", total, " bytes, not the ", declared, " it declares"));
  }
  return absl::OkStatus();
}

}  // namespace remit::workbook_internal
