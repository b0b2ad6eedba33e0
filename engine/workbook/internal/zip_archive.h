// ZipArchive: a zip archive read from memory with libzip, its entries
// inflated in bounded chunks.
//
// Thread-safety: a ZipArchive is not safe for concurrent use (libzip's
// archive handle keeps state); open one per reader. Distinct ZipArchive
// objects over the same bytes may be used from different threads.
//
// Example:
//   absl::StatusOr<ZipArchive> zip = ZipArchive::Open(bytes);
//   if (!zip.ok()) return zip.status();
//   absl::Status s = zip->Read("xl/workbook.xml", kMaxBytes,
//                              [&](absl::string_view chunk) {
//                                return parser.Feed(chunk);
//                              });
#ifndef REMIT_ENGINE_WORKBOOK_INTERNAL_ZIP_ARCHIVE_H_
#define REMIT_ENGINE_WORKBOOK_INTERNAL_ZIP_ARCHIVE_H_

#include <cstddef>
#include <cstdint>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

struct zip;  // libzip's zip_t.

namespace remit::workbook_internal {

class ZipArchive {
 public:
  // The size of the chunks Read hands out, at most.
  static constexpr size_t kChunkBytes = 64 * 1024;

  // Opens the archive in `bytes`, which must outlive the ZipArchive.
  // INVALID_ARGUMENT "not a zip archive (<libzip's reason>)" otherwise.
  static absl::StatusOr<ZipArchive> Open(absl::string_view bytes);

  ZipArchive(ZipArchive&& other) noexcept;
  ZipArchive& operator=(ZipArchive&& other) noexcept;
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;
  ~ZipArchive();

  // Whether an entry named `name` exists (names compare without regard to
  // ASCII case, as OPC part names do).
  bool Has(absl::string_view name) const;

  // Inflates the entry `name`, handing its bytes to `on_chunk` in order, in
  // chunks of at most kChunkBytes. Stops at the first non-OK status from
  // `on_chunk` and returns it. NOT_FOUND "no such part" when there is no
  // such entry; INVALID_ARGUMENT when its declared size exceeds
  // `max_bytes`, when it inflates to more (or fewer) bytes than declared,
  // or when libzip cannot read it (corrupt data, CRC, encryption). The
  // messages do not repeat the entry's name: the caller gives the context.
  absl::Status Read(
      absl::string_view name, uint64_t max_bytes,
      absl::FunctionRef<absl::Status(absl::string_view chunk)> on_chunk) const;

 private:
  explicit ZipArchive(struct zip* zip) : zip_(zip) {}

  struct zip* zip_;
};

}  // namespace remit::workbook_internal

#endif  // REMIT_ENGINE_WORKBOOK_INTERNAL_ZIP_ARCHIVE_H_
