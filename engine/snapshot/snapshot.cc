#include "engine/snapshot/snapshot.h"

#include <openssl/evp.h>

#include <cstdlib>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "engine/formats/formats.h"
#include "engine/snapshot/internal/background_executor.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace remit {
namespace {

// Snapshots with at least this many quotes are freed on a background
// thread when their last reader lets go.
constexpr size_t kFreeInBackgroundFrom = 10'000;
// Large snapshots waiting to be freed, at most; beyond, the last reader
// frees its own.
constexpr size_t kMaxWaitingToBeFreed = 2;

// The one thread that frees large snapshots. Never destroyed (a snapshot
// may be let go of during static destruction); its thread is joined at
// exit, after what it holds is freed.
snapshot_internal::BackgroundExecutor& Freer() {
  static snapshot_internal::BackgroundExecutor* const freer = [] {
    auto* executor =
        new snapshot_internal::BackgroundExecutor(kMaxWaitingToBeFreed);
    std::atexit([] { Freer().Shutdown(); });
    return executor;
  }();
  return *freer;
}

void FreeSnapshot(const Snapshot* snapshot) {
  if (snapshot->info().quote_count >= kFreeInBackgroundFrom) {
    Freer().Run([snapshot] { delete snapshot; });
  } else {
    delete snapshot;
  }
}

// Hands what it is written to a SHA-256 context as it comes, in the
// stream's buffer-sized pieces.
class DigestStream final : public google::protobuf::io::CopyingOutputStream {
 public:
  explicit DigestStream(EVP_MD_CTX* context) : context_(context) {}
  bool Write(const void* buffer, int size) override {
    return EVP_DigestUpdate(context_, buffer, static_cast<size_t>(size)) == 1;
  }

 private:
  EVP_MD_CTX* context_;
};

// Hashes the dataset's deterministic serialization, length-prefixed
// ("LENGTH:" then the bytes), without holding the serialization whole.
void DigestDataset(const v1::Dataset& dataset, EVP_MD_CTX* context) {
  const std::string length = absl::StrCat(dataset.ByteSizeLong(), ":");
  EVP_DigestUpdate(context, length.data(), length.size());
  DigestStream digest(context);
  google::protobuf::io::CopyingOutputStreamAdaptor stream(&digest, 64 << 10);
  {
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    dataset.SerializeWithCachedSizes(&coded);
  }
  stream.Flush();
}

}  // namespace

std::string DatasetVersion(const std::vector<ParsedDataset>& files) {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  EVP_DigestInit_ex(context, EVP_sha256(), nullptr);
  const std::string tag = "remit.v1.Dataset";
  EVP_DigestUpdate(context, tag.data(), tag.size());
  for (const ParsedDataset& file : files) {
    // Length-prefixed, so that file boundaries count.
    DigestDataset(file.dataset(), context);
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(context, digest, &size);
  EVP_MD_CTX_free(context);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), size));
}

absl::StatusOr<std::shared_ptr<const Snapshot>> Snapshot::Build(
    const std::vector<ParsedDataset>& files, const DatasetOptions& options,
    const Clock& clock, std::vector<DatasetError>* errors) {
  std::vector<DatasetError> local;
  if (errors == nullptr) errors = &local;
  CountryAttributes countries;
  absl::StatusOr<QuoteBook> book =
      BuildQuoteBook(files, options, errors, &countries);
  if (!book.ok()) return book.status();
  SnapshotInfo info;
  info.version = DatasetVersion(files);
  info.loaded_at = clock.Now();
  for (const ParsedDataset& file : files) {
    info.sources.push_back(file.name());
    info.metadata.push_back(file.dataset().metadata());
    if (file.report() != nullptr) {
      info.import_reports.push_back({file.name(), *file.report()});
    }
  }
  info.provider_count = book->providers().size();
  info.quote_count = book->quotes().size();
  info.corridor_count = book->corridors().size();
  info.reference_rate_count = book->references().size();
  return std::shared_ptr<const Snapshot>(
      new Snapshot(*std::move(book), std::move(countries), std::move(info)),
      FreeSnapshot);
}

absl::StatusOr<std::shared_ptr<const Snapshot>> Snapshot::Load(
    const std::vector<std::string>& paths, const DatasetOptions& options,
    const Clock& clock, std::vector<DatasetError>* errors) {
  std::vector<DatasetError> local;
  if (errors == nullptr) errors = &local;
  if (paths.empty()) {
    return absl::InvalidArgumentError("no dataset files given");
  }
  std::vector<ParsedDataset> files;
  absl::Status first_failure;
  for (const std::string& path : paths) {
    absl::StatusOr<ParsedDataset> file = ReadDatasetFile(path, options, errors);
    if (file.ok()) {
      files.push_back(*std::move(file));
    } else if (first_failure.ok()) {
      first_failure = file.status();
    }
  }
  if (!first_failure.ok()) {
    // A file that cannot be read keeps its own code (NOT_FOUND, ...).
    if (first_failure.code() != absl::StatusCode::kInvalidArgument) {
      return first_failure;
    }
    return absl::InvalidArgumentError(DescribeErrors(*errors));
  }
  return Build(files, options, clock, errors);
}

std::shared_ptr<const Snapshot> SnapshotStore::Get() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return current_;
}

void SnapshotStore::Publish(std::shared_ptr<const Snapshot> snapshot) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    current_.swap(snapshot);
  }
  // `snapshot` now holds the previous one; released here, outside the lock.
}

DatasetReloader::DatasetReloader(std::vector<std::string> paths,
                                 DatasetOptions options, const Clock* clock,
                                 SnapshotStore* store)
    : paths_(std::move(paths)),
      options_(std::move(options)),
      clock_(clock),
      store_(store) {}

absl::StatusOr<std::shared_ptr<const Snapshot>> DatasetReloader::Reload(
    std::vector<DatasetError>* errors) {
  std::lock_guard<std::mutex> lock(reload_mutex_);
  absl::StatusOr<std::shared_ptr<const Snapshot>> snapshot =
      Snapshot::Load(paths_, options_, *clock_, errors);
  if (snapshot.ok()) store_->Publish(*snapshot);
  return snapshot;
}

}  // namespace remit
