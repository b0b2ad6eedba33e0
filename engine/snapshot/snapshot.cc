#include "engine/snapshot/snapshot.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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

// A message's deterministic serialization, whole (small messages only).
std::string Serialize(const google::protobuf::Message& dataset) {
  std::string bytes;
  google::protobuf::io::StringOutputStream stream(&bytes);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  dataset.SerializeToCodedStream(&coded);
  coded.Trim();
  return bytes;
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

namespace {

// Appends values to a canonical byte string: each length-prefixed or of
// fixed width, so that no two contents encode alike.
class Canonical {
 public:
  void Int(int64_t value) {
    for (int i = 0; i < 8; ++i) {
      bytes_.push_back(
          static_cast<char>((static_cast<uint64_t>(value) >> (8 * i)) & 0xff));
    }
  }
  void Text(absl::string_view text) {
    Int(static_cast<int64_t>(text.size()));
    bytes_.append(text.data(), text.size());
  }
  void Time(absl::Time time) {
    // Whole seconds and the nanoseconds beyond: InfinitePast and the like
    // too.
    Int(absl::ToUnixSeconds(time));
    Int(absl::ToInt64Nanoseconds(
        time - absl::FromUnixSeconds(absl::ToUnixSeconds(time))));
  }
  template <typename T, typename F>
  void Optional(const std::optional<T>& value, F write) {
    Int(value.has_value());
    if (value.has_value()) write(*value);
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

void Encode(const Quote& q, Canonical* out) {
  out->Text(q.id);
  out->Text(q.provider_id);
  out->Text(q.corridor.ToString());
  out->Int(static_cast<int>(q.payment_instrument));
  out->Int(static_cast<int>(q.access_point));
  out->Int(static_cast<int>(q.receive_method));
  out->Int(static_cast<int>(q.speed));
  out->Int(static_cast<int>(q.coverage));
  out->Int(q.transparent);
  out->Int(q.promotional);
  out->Int(q.data_notes);
  out->Time(q.quoted_at);
  out->Optional(q.judged_at, [&](absl::Time t) { out->Time(t); });
  out->Text(q.source);
  out->Optional(q.period, [&](Period p) { out->Text(p.ToString()); });
  out->Int(q.min_send_minor);
  out->Int(q.max_send_minor);
  out->Int(static_cast<int64_t>(q.fees.bands.size()));
  for (const FeeBand& b : q.fees.bands) {
    out->Int(b.from_minor);
    out->Int(b.fixed_minor);
    out->Int(b.percent.scaled());
    out->Optional(b.min_fee_minor, [&](int64_t v) { out->Int(v); });
    out->Optional(b.max_fee_minor, [&](int64_t v) { out->Int(v); });
  }
  out->Int(static_cast<int>(q.fees.charging));
  out->Int(q.fees.funding_surcharge.scaled());
  out->Int(q.fees.recipient_fixed_fee_minor);
  out->Int(q.fees.recipient_percent_fee.scaled());
  out->Int(static_cast<int64_t>(q.survey_points.size()));
  for (const SurveyPoint& p : q.survey_points) {
    out->Int(p.send_minor);
    out->Int(p.fee_minor);
    out->Int(p.fee_remainder11);
    out->Int(p.rate.scaled());
    out->Optional(p.published_margin, [&](Percent v) { out->Int(v.scaled()); });
    out->Optional(p.published_total, [&](Percent v) { out->Int(v.scaled()); });
  }
  out->Optional(q.rate, [&](Rate v) { out->Int(v.scaled()); });
  out->Optional(q.margin_over_mid, [&](Percent v) { out->Int(v.scaled()); });
  out->Optional(q.mid_rate, [&](Rate v) { out->Int(v.scaled()); });
  out->Optional(q.rate_currency, [&](CurrencyCode c) { out->Text(c.code()); });
  out->Int(q.rate_outlier_confirmed);
}

std::string Sha256Hex(absl::string_view tag, absl::string_view bytes) {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  EVP_DigestInit_ex(context, EVP_sha256(), nullptr);
  EVP_DigestUpdate(context, tag.data(), tag.size());
  EVP_DigestUpdate(context, bytes.data(), bytes.size());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(context, digest, &size);
  EVP_MD_CTX_free(context);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), size));
}

}  // namespace

std::string BookVersion(const QuoteBook& book,
                        const v1::DatasetMetadata& metadata) {
  Canonical out;
  std::vector<const Provider*> providers;
  for (const Provider& p : book.providers()) providers.push_back(&p);
  std::sort(providers.begin(), providers.end(),
            [](const Provider* a, const Provider* b) { return a->id < b->id; });
  out.Int(static_cast<int64_t>(providers.size()));
  for (const Provider* p : providers) {
    out.Text(p->id);
    out.Text(p->name);
    out.Int(static_cast<int>(p->type));
  }
  std::vector<const Quote*> quotes;
  for (const Quote& q : book.quotes()) quotes.push_back(&q);
  std::sort(quotes.begin(), quotes.end(),
            [](const Quote* a, const Quote* b) { return a->id < b->id; });
  out.Int(static_cast<int64_t>(quotes.size()));
  for (const Quote* q : quotes) Encode(*q, &out);
  // Reference rates in the book's own order (by pair, then time).
  out.Int(static_cast<int64_t>(book.references().size()));
  for (const ReferenceRate& r : book.references().all()) {
    out.Text(r.base.code());
    out.Text(r.quote.code());
    out.Int(r.rate.scaled());
    out.Time(r.as_of);
    out.Text(r.source);
  }
  out.Text(Serialize(metadata));
  return Sha256Hex("remitrank in-code book", out.bytes());
}

std::shared_ptr<const Snapshot> Snapshot::FromBook(QuoteBook book,
                                                   v1::DatasetMetadata metadata,
                                                   const Clock& clock) {
  SnapshotInfo info;
  info.version = BookVersion(book, metadata);
  info.loaded_at = clock.Now();
  info.sources.push_back(metadata.name().empty() ? "in-code" : metadata.name());
  info.metadata.push_back(std::move(metadata));
  info.provider_count = book.providers().size();
  info.quote_count = book.quotes().size();
  info.corridor_count = book.corridors().size();
  info.reference_rate_count = book.references().size();
  return std::shared_ptr<const Snapshot>(
      new Snapshot(std::move(book), CountryAttributes(), std::move(info)),
      FreeSnapshot);
}

absl::StatusOr<std::shared_ptr<const Snapshot>> Snapshot::Build(
    const std::vector<ParsedDataset>& files, const DatasetOptions& options,
    const Clock& clock, std::vector<DatasetError>* errors) {
  // Copies share the parsed datasets: `files` keeps them alive.
  return Build(std::vector<ParsedDataset>(files), options, clock, errors);
}

absl::StatusOr<std::shared_ptr<const Snapshot>> Snapshot::Build(
    std::vector<ParsedDataset>&& files, const DatasetOptions& options,
    const Clock& clock, std::vector<DatasetError>* errors) {
  std::vector<DatasetError> local;
  if (errors == nullptr) errors = &local;
  // What the snapshot says of the files, taken before they are let go of.
  SnapshotInfo info;
  info.version = DatasetVersion(files);
  for (const ParsedDataset& file : files) {
    info.sources.push_back(file.name());
    info.metadata.push_back(file.dataset().metadata());
    if (file.report() != nullptr) {
      info.import_reports.push_back({file.name(), *file.report()});
    }
  }
  CountryAttributes countries;
  absl::StatusOr<QuoteBook> book =
      BuildQuoteBook(std::move(files), options, errors, &countries);
  if (!book.ok()) return book.status();
  info.loaded_at = clock.Now();
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
  return Build(std::move(files), options, clock, errors);
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
