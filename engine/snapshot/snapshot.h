// Snapshots of the loaded data, and the store that serves them.
//
// A Snapshot is an immutable QuoteBook with what describes it: a version
// (the SHA-256 of the canonical serialization of its datasets, so the same
// content gives the same version whatever the file format, and any change
// gives a new one), the time it was loaded, its sources and counts. Every
// ranking answer names the version it was computed from.
//
// A SnapshotStore publishes snapshots atomically. Readers take a
// shared_ptr and never wait for a load: a load builds a whole new snapshot
// first, and only then swaps it in. An old snapshot lives until its last
// reader lets go; large ones are then freed on a background thread, off the
// request path.
//
// Embedders that make their quotes in code (QuoteBuilder, QuoteBook)
// publish them the same way: Snapshot::FromBook gives a book a version
// derived from its content (BookVersion), so a SnapshotStore swaps in a
// bank's new prices as atomically as a reloaded file.
//
// A DatasetReloader loads the same paths again on demand (the server's
// admin RPC and SIGHUP): all or nothing; on any error the current snapshot
// stays and the errors are returned.
//
// Thread-safety: Snapshot is immutable. SnapshotStore and DatasetReloader
// are thread-safe.
//
// Example:
//   SnapshotStore store;
//   DatasetReloader reloader({"testdata/sample_corridors.textproto"}, {},
//                            &clock, &store);
//   absl::StatusOr<std::shared_ptr<const Snapshot>> s = reloader.Reload();
//   std::shared_ptr<const Snapshot> current = store.Get();
//
//   // Quotes made in code:
//   store.Publish(Snapshot::FromBook(*std::move(book), metadata, clock));
#ifndef REMIT_ENGINE_SNAPSHOT_SNAPSHOT_H_
#define REMIT_ENGINE_SNAPSHOT_SNAPSHOT_H_

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/book/quote_book.h"
#include "engine/data/dataset.h"
#include "engine/time/clock.h"
#include "proto/remit/v1/dataset.pb.h"

namespace remit {

struct SnapshotInfo {
  std::string version;  // 64 hex digits.
  absl::Time loaded_at;
  std::vector<std::string> sources;           // File names, in load order.
  std::vector<v1::DatasetMetadata> metadata;  // One per source.
  size_t provider_count = 0;
  size_t quote_count = 0;
  size_t corridor_count = 0;
  size_t reference_rate_count = 0;
  // Files imported from a foreign format (RPW) and what the import did
  // with their rows, in load order.
  struct SourceReport {
    std::string source;
    ImportReport report;
  };
  std::vector<SourceReport> import_reports;
};

class Snapshot {
 public:
  // Validates and builds. INVALID_ARGUMENT listing every error (also
  // appended to `errors` when given).
  static absl::StatusOr<std::shared_ptr<const Snapshot>> Build(
      const std::vector<ParsedDataset>& files, const DatasetOptions& options,
      const Clock& clock, std::vector<DatasetError>* errors = nullptr);
  // The same, taking the files: they are let go of as soon as their quotes
  // are validated, before the book indexes them (BuildQuoteBook), so that
  // a large file's parsed dataset and the finished book are not held whole
  // at once (unless the caller keeps copies of the files).
  static absl::StatusOr<std::shared_ptr<const Snapshot>> Build(
      std::vector<ParsedDataset>&& files, const DatasetOptions& options,
      const Clock& clock, std::vector<DatasetError>* errors = nullptr);

  // Reads the files, then Build(). Errors as ReadDatasetFile and Build.
  static absl::StatusOr<std::shared_ptr<const Snapshot>> Load(
      const std::vector<std::string>& paths, const DatasetOptions& options,
      const Clock& clock, std::vector<DatasetError>* errors = nullptr);

  // A snapshot of a book made in code. Its version is BookVersion(book,
  // metadata); its one source is metadata.name() (or "in-code" without
  // one); it describes no countries and has no import report. Cannot
  // fail: the book was checked when created.
  ABSL_MUST_USE_RESULT static std::shared_ptr<const Snapshot> FromBook(
      QuoteBook book, v1::DatasetMetadata metadata, const Clock& clock);

  const QuoteBook& book() const ABSL_ATTRIBUTE_LIFETIME_BOUND { return book_; }
  // The countries the datasets describe (region, income group, G8/G20);
  // empty when they describe none.
  const CountryAttributes& countries() const ABSL_ATTRIBUTE_LIFETIME_BOUND {
    return countries_;
  }
  const SnapshotInfo& info() const ABSL_ATTRIBUTE_LIFETIME_BOUND {
    return info_;
  }
  const std::string& version() const ABSL_ATTRIBUTE_LIFETIME_BOUND {
    return info_.version;
  }

 private:
  Snapshot(QuoteBook book, CountryAttributes countries, SnapshotInfo info)
      : book_(std::move(book)),
        countries_(std::move(countries)),
        info_(std::move(info)) {}

  QuoteBook book_;
  CountryAttributes countries_;
  SnapshotInfo info_;
};

// The version of a set of datasets: SHA-256 over their deterministic binary
// serializations, in order.
std::string DatasetVersion(const std::vector<ParsedDataset>& files);

// The version of a book made in code: SHA-256 over a canonical encoding of
// its providers and quotes (each in id order), its reference rates and
// `metadata`, every value as the engine holds it. The same content gives
// the same version, whatever the order the quotes were given in; any
// change to a price, date or attribute gives a new one. 64 hex digits.
std::string BookVersion(const QuoteBook& book,
                        const v1::DatasetMetadata& metadata);

class SnapshotStore {
 public:
  SnapshotStore() = default;
  SnapshotStore(const SnapshotStore&) = delete;
  SnapshotStore& operator=(const SnapshotStore&) = delete;

  // The current snapshot; null before the first Publish.
  std::shared_ptr<const Snapshot> Get() const;
  void Publish(std::shared_ptr<const Snapshot> snapshot);

 private:
  // std::mutex rather than absl::Mutex: the system Abseil is not built
  // with ThreadSanitizer, which then cannot see absl::Mutex's ordering.
  // Held only to copy or swap the pointer, never during a load.
  mutable std::mutex mutex_;
  std::shared_ptr<const Snapshot> current_;  // Guarded by mutex_.
};

class DatasetReloader {
 public:
  // `clock` and `store` must outlive the reloader.
  DatasetReloader(std::vector<std::string> paths, DatasetOptions options,
                  const Clock* clock, SnapshotStore* store);

  // Loads the paths anew and publishes the result. On failure the store
  // keeps what it had; the status lists the errors (INVALID_ARGUMENT for
  // data, NOT_FOUND and the like for files). One reload at a time.
  absl::StatusOr<std::shared_ptr<const Snapshot>> Reload(
      std::vector<DatasetError>* errors = nullptr);

  const std::vector<std::string>& paths() const { return paths_; }

 private:
  const std::vector<std::string> paths_;
  const DatasetOptions options_;
  const Clock* clock_;
  SnapshotStore* store_;
  std::mutex reload_mutex_;  // One reload at a time.
};

}  // namespace remit

#endif  // REMIT_ENGINE_SNAPSHOT_SNAPSHOT_H_
