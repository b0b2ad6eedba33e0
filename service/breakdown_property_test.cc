// The breakdown of every offer adds up, over all the sample data: for each
// dataset in testdata/, each corridor, each survey period, each amount
// (the corridor's USD 200 equivalent, 2.5 times it, and a sweep from small
// to large) and both modes, every offer's fee + funding surcharge +
// recipient fee in the send currency + FX margin cost is its total cost,
// exactly, in minor units of the send currency (an opaque offer has no FX
// margin cost). The same for each summary's cheapest offer.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/money/money.h"
#include "engine/protoconv/money_proto.h"
#include "engine/snapshot/snapshot.h"
#include "engine/testing/test_util.h"
#include "engine/time/clock.h"
#include "gtest/gtest.h"
#include "service/page_token.h"
#include "service/remit_rank_handler.h"

namespace remit::service {
namespace {

using ::remit::testing::Day;
using ::remit::testing::Must;

int64_t Minor(const v1::Money& money) {
  return Must(MoneyFromProto(money)).minor_units();
}

// Counts the offers checked; a failure names the offer.
void ExpectAddsUp(const v1::Offer& o, const std::string& where, int* checked) {
  ASSERT_TRUE(o.has_total_cost()) << where;
  ASSERT_TRUE(o.has_recipient_fee_in_send_currency()) << where;
  const std::string currency = o.total_cost().currency_code();
  for (const v1::Money* part : {&o.fee(), &o.funding_surcharge(),
                                &o.recipient_fee_in_send_currency()}) {
    EXPECT_EQ(part->currency_code(), currency) << where;
  }
  int64_t parts = Minor(o.fee()) + Minor(o.funding_surcharge()) +
                  Minor(o.recipient_fee_in_send_currency());
  if (o.transparent()) {
    ASSERT_TRUE(o.has_fx_margin_cost()) << where;
    EXPECT_EQ(o.fx_margin_cost().currency_code(), currency) << where;
    parts += Minor(o.fx_margin_cost());
  } else {
    EXPECT_FALSE(o.has_fx_margin_cost()) << where;
  }
  EXPECT_EQ(parts, Minor(o.total_cost()))
      << where << ": " << o.provider_id() << " " << o.quote_id();
  ++*checked;
}

struct Data {
  const char* path;
  absl::Time as_of;
};

TEST(BreakdownPropertyTest, ShownPartsAddUpToTheTotalForEverySampleOffer) {
  const Data datasets[] = {
      {"testdata/sample_corridors.textproto", Day(2026, 11, 15)},
      {"testdata/survey_periods.textproto", Day(2026, 11, 15)},
      {"testdata/rpw_sample.csv", Day(2026, 11, 15)},
      {"testdata/rpw/rpw_test_workbook.xlsx", Day(2026, 11, 15)},
  };
  int checked = 0;
  int receive_checked = 0;
  int corridors = 0;
  for (const Data& data : datasets) {
    FakeClock clock(data.as_of);
    SnapshotStore store;
    store.Publish(Must(Snapshot::Load({data.path}, {}, clock)));
    PageTokens tokens(PageTokens::RandomKey());
    RemitRankHandler handler(&store, &clock, &tokens);

    v1::ListCorridorsRequest list;
    list.set_page_size(1000);
    v1::ListCorridorsResponse listed;
    ASSERT_TRUE(handler.ListCorridors(list, &listed).ok()) << data.path;
    ASSERT_FALSE(listed.corridors().empty()) << data.path;
    for (const v1::CorridorInfo& info : listed.corridors()) {
      ++corridors;
      const v1::Corridor& corridor = info.corridor();
      // Every survey period of the corridor, or its quotes as they are.
      std::vector<std::string> periods = {""};
      v1::GetCorridorHistoryRequest history_request;
      *history_request.mutable_corridor() = corridor;
      v1::CorridorHistory history;
      if (handler.GetCorridorHistory(history_request, &history).ok()) {
        for (const v1::HistoryPoint& p : history.points()) {
          if (!p.gap()) periods.push_back(p.period());
        }
      }
      for (const std::string& period : periods) {
        v1::GetCorridorSummaryRequest summary_request;
        *summary_request.mutable_corridor() = corridor;
        summary_request.set_period(period);
        v1::CorridorSummary base;
        std::vector<int64_t> amounts;
        const int exponent =
            Must(CurrencyCode::FromString(corridor.send_currency())).exponent();
        int64_t unit = 1;
        for (int i = 0; i < exponent; ++i) unit *= 10;
        if (handler.GetCorridorSummary(summary_request, &base).ok()) {
          amounts.push_back(Minor(base.amount()));
          amounts.push_back(Minor(base.amount()) / 2 * 5);
        }
        for (int64_t whole : {7, 50, 133, 200, 499, 1001, 4321, 250000}) {
          amounts.push_back(whole * unit + 37 % unit);
        }
        for (int64_t amount : amounts) {
          v1::RankOffersRequest request;
          *request.mutable_corridor() = corridor;
          *request.mutable_send_amount() = MoneyToProto(Money::FromMinorUnits(
              amount,
              Must(CurrencyCode::FromString(corridor.send_currency()))));
          request.set_include_opaque(true);
          request.set_page_size(1000);
          request.set_period(period);
          request.mutable_max_quote_age()->set_seconds(int64_t{100} * 366 *
                                                       86400);
          v1::RankOffersResponse response;
          const std::string where =
              absl::StrCat(data.path, " ", corridor.ShortDebugString(), " ",
                           period, " ", amount);
          ASSERT_TRUE(handler.RankOffers(request, &response).ok()) << where;
          for (const v1::Offer& o : response.offers()) {
            ExpectAddsUp(o, where, &checked);
          }
          if (response.summary().has_cheapest()) {
            ExpectAddsUp(response.summary().cheapest(), where, &checked);
          }
          // Receive mode: what the first offer delivers, asked for.
          for (const v1::Offer& o : response.offers()) {
            if (!o.has_receive_amount() || o.receive_amount().currency_code() !=
                                               corridor.receive_currency()) {
              continue;
            }
            v1::RankOffersRequest receive = request;
            *receive.mutable_receive_amount() = o.receive_amount();
            v1::RankOffersResponse received;
            ASSERT_TRUE(handler.RankOffers(receive, &received).ok()) << where;
            for (const v1::Offer& r : received.offers()) {
              ExpectAddsUp(r, where + " receive", &receive_checked);
            }
            break;
          }
        }
      }
    }
  }
  // Not vacuous: the sample data has many offers.
  EXPECT_GT(corridors, 10);
  EXPECT_GT(checked, 1000);
  EXPECT_GT(receive_checked, 100);
}

}  // namespace
}  // namespace remit::service
