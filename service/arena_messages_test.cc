#include "service/arena_messages.h"

#include <string>

#include "gtest/gtest.h"
#include "proto/remit/v1/remit_service.pb.h"

namespace remit::service {
namespace {

using Messages = ArenaMessages<v1::RankOffersRequest, v1::RankOffersResponse>;

TEST(ArenaMessagesTest, RequestAndResponseShareOneArenaPerCall) {
  Messages allocator;
  auto* first = allocator.AllocateMessages();
  auto* second = allocator.AllocateMessages();
  ASSERT_NE(first->request()->GetArena(), nullptr);
  EXPECT_EQ(first->request()->GetArena(), first->response()->GetArena());
  EXPECT_NE(first->response()->GetArena(), second->response()->GetArena());
  first->Release();
  second->Release();
}

// An answer larger than the inline block spills into blocks the arena
// allocates itself, and all of it stays readable until Release().
TEST(ArenaMessagesTest, AnswersLargerThanTheInlineBlock) {
  Messages allocator;
  auto* messages = allocator.AllocateMessages();
  v1::RankOffersResponse* response = messages->response();
  const std::string name(200, 'n');
  const int offers = static_cast<int>(Messages::kInlineBytes / 100);
  for (int i = 0; i < offers; ++i) {
    v1::Offer* offer = response->add_offers();
    offer->set_provider_name(name);
    offer->set_rank(i + 1);
    offer->mutable_fee()->set_currency_code("USD");
  }
  ASSERT_EQ(response->offers_size(), offers);
  EXPECT_EQ(response->offers(offers - 1).rank(), offers);
  EXPECT_EQ(response->offers(offers - 1).provider_name(), name);
  EXPECT_GT(response->ByteSizeLong(), Messages::kInlineBytes);
  messages->Release();
}

}  // namespace
}  // namespace remit::service
