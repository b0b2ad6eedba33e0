#include "service/remit_admin_handler.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "engine/testing/test_util.h"
#include "engine/time/clock.h"
#include "gtest/gtest.h"

namespace remit::service {
namespace {

using ::remit::testing::Day;
using ::remit::testing::kSampleCorridors;
using ::remit::testing::Must;

class RemitAdminHandlerTest : public ::testing::Test {
 protected:
  RemitAdminHandlerTest() : clock_(Day(2026, 11, 15)) {}

  // A handler whose reload publishes the sample data, or fails with
  // `errors` when there are any.
  RemitAdminHandler Handler(std::vector<DatasetError> errors = {}) {
    return RemitAdminHandler(
        [this, errors](std::vector<DatasetError>* out)
            -> absl::StatusOr<std::shared_ptr<const Snapshot>> {
          ++reloads_;
          if (!errors.empty()) {
            *out = errors;
            return absl::InvalidArgumentError("the data has errors");
          }
          std::shared_ptr<const Snapshot> snapshot =
              Must(Snapshot::Load({kSampleCorridors}, {}, clock_));
          store_.Publish(snapshot);
          return snapshot;
        },
        &store_);
  }

  FakeClock clock_;
  SnapshotStore store_;
  int reloads_ = 0;
};

TEST_F(RemitAdminHandlerTest, ReloadPublishesAndNamesTheVersion) {
  v1::ReloadDatasetResponse response;
  ASSERT_TRUE(Handler().ReloadDataset({}, &response).ok());
  EXPECT_EQ(reloads_, 1);
  EXPECT_TRUE(response.reloaded());
  EXPECT_EQ(response.errors_size(), 0);
  ASSERT_NE(store_.Get(), nullptr);
  EXPECT_EQ(response.dataset_version(), store_.Get()->version());
}

TEST_F(RemitAdminHandlerTest, RefusedReloadIsAnAnswerWithEveryError) {
  v1::ReloadDatasetResponse first;
  ASSERT_TRUE(Handler().ReloadDataset({}, &first).ok());

  DatasetError error;
  error.file = "quotes.textproto";
  error.line = 17;
  error.field = "quotes[2].fees.bands[0].fixed_fee";
  error.message = "'-3.00' must not be negative";
  v1::ReloadDatasetResponse response;
  absl::Status status = Handler({error, error}).ReloadDataset({}, &response);
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_FALSE(response.reloaded());
  ASSERT_EQ(response.errors_size(), 2);
  EXPECT_EQ(response.errors(0), error.ToString());
  // The data loaded before keeps serving, and is named.
  EXPECT_EQ(response.dataset_version(), first.dataset_version());
}

TEST_F(RemitAdminHandlerTest, RefusedReloadWithoutDetailsGivesTheStatus) {
  RemitAdminHandler handler(
      [](std::vector<DatasetError>*)
          -> absl::StatusOr<std::shared_ptr<const Snapshot>> {
        return absl::NotFoundError("data.textproto: No such file");
      },
      &store_);
  v1::ReloadDatasetResponse response;
  ASSERT_TRUE(handler.ReloadDataset({}, &response).ok());
  EXPECT_FALSE(response.reloaded());
  ASSERT_EQ(response.errors_size(), 1);
  EXPECT_EQ(response.errors(0), "data.textproto: No such file");
  EXPECT_TRUE(response.dataset_version().empty());  // Nothing is loaded.
}

TEST_F(RemitAdminHandlerTest, InfoDescribesTheLoadedData) {
  RemitAdminHandler handler = Handler();
  v1::ReloadDatasetResponse reloaded;
  ASSERT_TRUE(handler.ReloadDataset({}, &reloaded).ok());
  v1::DatasetInfo info;
  ASSERT_TRUE(handler.GetDatasetInfo({}, &info).ok());
  const SnapshotInfo& want = store_.Get()->info();
  EXPECT_EQ(info.dataset_version(), want.version);
  EXPECT_EQ(info.quote_count(), static_cast<int32_t>(want.quote_count));
  EXPECT_EQ(info.corridor_count(), 8);
  ASSERT_EQ(info.sources_size(), 1);
}

TEST_F(RemitAdminHandlerTest, InfoWithoutDataIsFailedPrecondition) {
  v1::DatasetInfo info;
  absl::Status status = Handler().GetDatasetInfo({}, &info);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "no dataset is loaded");
  EXPECT_EQ(reloads_, 0);
}

}  // namespace
}  // namespace remit::service
