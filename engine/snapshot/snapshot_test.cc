#include "engine/snapshot/snapshot.h"

#include <openssl/evp.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "engine/formats/formats.h"
#include "engine/ranking/ranking.h"
#include "engine/testing/test_util.h"
#include "gtest/gtest.h"

namespace remit {
namespace {

using testing::C;
using testing::Day;
using testing::kSampleCorridors;
using testing::M;
using testing::Must;
using testing::ReadFile;

// A writable copy of the sample in the test's temporary directory.
class SnapshotTest : public ::testing::Test {
 protected:
  SnapshotTest()
      : clock_(Day(2026, 11, 15)),
        path_(std::string(std::getenv("TEST_TMPDIR")) + "/data.textproto"),
        original_(ReadFile(kSampleCorridors)) {
    Write(original_);
  }
  void Write(const std::string& content) {
    std::ofstream(path_, std::ios::trunc) << content;
  }

  FakeClock clock_;
  std::string path_;
  std::string original_;
};

TEST_F(SnapshotTest, InfoDescribesTheLoad) {
  std::shared_ptr<const Snapshot> s = Must(Snapshot::Load({path_}, {}, clock_));
  EXPECT_EQ(s->info().quote_count, 36u);
  EXPECT_EQ(s->info().provider_count, 17u);
  EXPECT_EQ(s->info().corridor_count, 8u);
  EXPECT_EQ(s->info().reference_rate_count, 7u);
  EXPECT_EQ(s->info().loaded_at, Day(2026, 11, 15));
  EXPECT_EQ(s->info().sources, std::vector<std::string>{path_});
  EXPECT_EQ(s->info().metadata.at(0).name(), "remitrank sample corridors");
  EXPECT_EQ(s->version().size(), 64u);
}

TEST_F(SnapshotTest, SameContentSameVersionAnyChangeANewOne) {
  const std::string v1 = Must(Snapshot::Load({path_}, {}, clock_))->version();
  clock_.Advance(absl::Hours(1));
  EXPECT_EQ(Must(Snapshot::Load({path_}, {}, clock_))->version(), v1);
  Write(
      absl::StrReplaceAll(original_, {{"rate: \"18.02\"", "rate: \"18.03\""}}));
  EXPECT_NE(Must(Snapshot::Load({path_}, {}, clock_))->version(), v1);
}

TEST_F(SnapshotTest, ABadReloadKeepsTheGoodSnapshot) {
  SnapshotStore store;
  DatasetReloader reloader({path_}, {}, &clock_, &store);
  EXPECT_EQ(store.Get(), nullptr);
  std::shared_ptr<const Snapshot> good = Must(reloader.Reload());
  EXPECT_EQ(store.Get(), good);

  Write(absl::StrReplaceAll(original_,
                            {{"fixed_fee: \"4.99\"", "fixed_fee: \"-4.99\""}}));
  std::vector<DatasetError> errors;
  absl::StatusOr<std::shared_ptr<const Snapshot>> bad =
      reloader.Reload(&errors);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("'-4.99' must not be negative"),
            absl::string_view::npos);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].file, path_);
  EXPECT_GT(errors[0].line, 0);
  EXPECT_EQ(store.Get(), good);  // Nothing lost.

  std::remove(path_.c_str());
  EXPECT_EQ(reloader.Reload().status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store.Get(), good);

  Write(original_);
  std::shared_ptr<const Snapshot> again = Must(reloader.Reload());
  EXPECT_EQ(store.Get(), again);
  EXPECT_EQ(again->version(), good->version());
}

// Readers rank continuously while another thread swaps two datasets in and
// out. Every answer must come whole from one snapshot: its ranking must be
// the one that snapshot's version gives. (Run under tsan too.)
TEST_F(SnapshotTest, ReadersDuringSwaps) {
  // Northwind at 9.99 instead of 1.99 falls behind Globe.
  const std::string dearer = absl::StrReplaceAll(
      original_, {{"fixed_fee: \"1.99\"", "fixed_fee: \"9.99\""}});
  std::vector<DatasetError> errors;
  auto a = Must(Snapshot::Load({path_}, {}, clock_));
  Write(dearer);
  auto b = Must(Snapshot::Load({path_}, {}, clock_));
  ASSERT_NE(a->version(), b->version());
  RankRequest request(C("US", "MX"), M("200 USD"));
  auto first_id = [&](const Snapshot& s) {
    return Must(Rank(s.book(), request, clock_)).offers[1].quote->quote->id;
  };
  const std::string second_in_a = first_id(*a);
  const std::string second_in_b = first_id(*b);
  ASSERT_NE(second_in_a, second_in_b);

  SnapshotStore store;
  store.Publish(a);
  std::atomic<bool> stop{false};
  std::atomic<int> answers{0}, inconsistent{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      RankScratch scratch;
      while (!stop.load()) {
        std::shared_ptr<const Snapshot> s = store.Get();
        RankResult r = Must(Rank(s->book(), request, clock_, &scratch));
        const std::string& expected =
            s->version() == a->version() ? second_in_a : second_in_b;
        if (r.offers[1].quote->quote->id != expected) ++inconsistent;
        ++answers;
      }
    });
  }
  for (int i = 0; i < 200; ++i) store.Publish(i % 2 ? a : b);
  while (answers.load() < 300) std::this_thread::yield();
  stop = true;
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(inconsistent.load(), 0);
}

// SHA-256 of "remit.v1.Dataset", then each dataset's deterministic
// serialization made whole and prefixed "LENGTH:": what the version is
// defined as, however it is computed.
std::string VersionOfWholeSerializations(
    const std::vector<ParsedDataset>& files) {
  std::string input = "remit.v1.Dataset";
  for (const ParsedDataset& file : files) {
    std::string bytes;
    {
      google::protobuf::io::StringOutputStream stream(&bytes);
      google::protobuf::io::CodedOutputStream coded(&stream);
      coded.SetSerializationDeterministic(true);
      file.dataset().SerializeToCodedStream(&coded);
    }
    absl::StrAppend(&input, bytes.size(), ":", bytes);
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(input.data(), input.size(), digest, &size, EVP_sha256(), nullptr);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), size));
}

TEST(DatasetVersionTest, HashedInPiecesAsTheWholeSerialization) {
  std::vector<ParsedDataset> files;
  std::vector<DatasetError> errors;
  for (const char* path :
       {kSampleCorridors, "testdata/rpw/rpw_test_workbook.xlsx"}) {
    absl::StatusOr<ParsedDataset> file = ReadDatasetFile(path, {}, &errors);
    ASSERT_TRUE(file.ok()) << file.status();
    files.push_back(*std::move(file));
  }
  // And one that serializes to many 64 KiB pieces.
  v1::Dataset big = files[0].dataset();
  const int quotes = big.quotes_size();
  for (int copy = 1; copy < 300; ++copy) {
    for (int i = 0; i < quotes; ++i) {
      v1::Quote* quote = big.add_quotes();
      *quote = big.quotes(i);
      quote->set_id(absl::StrCat(quote->id(), "-", copy));
    }
  }
  files.emplace_back("big.binpb", std::move(big));
  ASSERT_GT(files.back().dataset().ByteSizeLong(), size_t{1} << 20);
  EXPECT_EQ(DatasetVersion(files), VersionOfWholeSerializations(files));
  files.pop_back();
  EXPECT_EQ(DatasetVersion(files), VersionOfWholeSerializations(files));
}

}  // namespace
}  // namespace remit

namespace remit {
namespace {

QuoteBook InCodeBook(std::vector<Quote> quotes) {
  return Must(QuoteBook::Create(
      {{"p", "P", ProviderType::kBank}, {"q", "Q", ProviderType::kOther}},
      std::move(quotes), ReferenceRates()));
}

TEST(SnapshotFromBookTest, VersionFollowsTheContentNotTheOrder) {
  const Quote a =
      testing::SimpleQuote("a", "p", C("US", "MX"), 399, "17.9", "18.2");
  const Quote b =
      testing::SimpleQuote("b", "q", C("US", "MX"), 500, "18", "18.2");
  v1::DatasetMetadata metadata;
  metadata.set_name("bank prices");
  const std::string version = BookVersion(InCodeBook({a, b}), metadata);
  EXPECT_EQ(version.size(), 64u);
  EXPECT_EQ(BookVersion(InCodeBook({b, a}), metadata), version);

  Quote dearer = a;
  dearer.fees.bands[0].fixed_minor = 400;
  EXPECT_NE(BookVersion(InCodeBook({dearer, b}), metadata), version);
  Quote later = a;
  later.quoted_at += absl::Seconds(1);
  EXPECT_NE(BookVersion(InCodeBook({later, b}), metadata), version);
  Quote faster = a;
  faster.speed = Speed::kSameDay;
  EXPECT_NE(BookVersion(InCodeBook({faster, b}), metadata), version);
  v1::DatasetMetadata renamed = metadata;
  renamed.set_name("bank prices, evening");
  EXPECT_NE(BookVersion(InCodeBook({a, b}), renamed), version);
}

TEST(SnapshotFromBookTest, ServedBySnapshotStore) {
  const FakeClock clock(Day(2025, 9, 2));
  v1::DatasetMetadata metadata;
  metadata.set_name("bank prices");
  SnapshotStore store;
  store.Publish(Snapshot::FromBook(
      InCodeBook(
          {testing::SimpleQuote("a", "p", C("US", "MX"), 399, "17.9", "18.2")}),
      metadata, clock));
  std::shared_ptr<const Snapshot> first = store.Get();
  EXPECT_EQ(first->info().sources, std::vector<std::string>{"bank prices"});
  EXPECT_EQ(first->info().quote_count, 1u);
  EXPECT_EQ(first->info().loaded_at, Day(2025, 9, 2));

  // New prices: a new version, swapped in; the old snapshot still ranks.
  store.Publish(Snapshot::FromBook(
      InCodeBook(
          {testing::SimpleQuote("a", "p", C("US", "MX"), 299, "17.9", "18.2")}),
      metadata, clock));
  EXPECT_NE(store.Get()->version(), first->version());
  RankResult old = Must(
      Rank(first->book(), RankRequest(C("US", "MX"), M("100 USD")), clock));
  first.reset();
  ASSERT_EQ(old.offers.size(), 1u);
  EXPECT_EQ(old.offers[0].cost.fee, M("3.99 USD"));
}

}  // namespace
}  // namespace remit
