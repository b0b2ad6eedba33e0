// ArenaMessages: a gRPC message allocator for callback services that puts
// each call's request and response on one protobuf Arena. Every
// sub-message and string of an answer is then a bump allocation, and the
// whole answer is freed at once when the call ends, instead of one heap
// allocation and one destructor per field. The arena's first block lives in
// the holder itself, so a typical call makes one heap allocation for its
// messages.
//
// Thread-safety: AllocateMessages() is thread-safe (it shares no state);
// each holder belongs to one call.
//
// Example:
//   class MyService : public v1::RemitRank::CallbackService {
//     ArenaMessages<v1::RankOffersRequest, v1::RankOffersResponse> rank_;
//     MyService() { SetMessageAllocatorFor_RankOffers(&rank_); }
//   };
#ifndef REMIT_SERVICE_ARENA_MESSAGES_H_
#define REMIT_SERVICE_ARENA_MESSAGES_H_

#include <cstddef>

#include "google/protobuf/arena.h"
#include "grpcpp/support/message_allocator.h"

namespace remit::service {

template <typename Request, typename Response>
class ArenaMessages final : public grpc::MessageAllocator<Request, Response> {
 public:
  // Bytes of the arena's first block, held inline: a top-10 RankOffers
  // answer (about 12 KiB of messages and strings) fits.
  static constexpr size_t kInlineBytes = 16 * 1024;

  grpc::MessageHolder<Request, Response>* AllocateMessages() override {
    return new Holder();
  }

 private:
  class Holder final : public grpc::MessageHolder<Request, Response> {
   public:
    Holder() : arena_(Options(inline_block_)) {
      this->set_request(
          google::protobuf::Arena::CreateMessage<Request>(&arena_));
      this->set_response(
          google::protobuf::Arena::CreateMessage<Response>(&arena_));
    }
    Holder(const Holder&) = delete;
    Holder& operator=(const Holder&) = delete;

    // Called by gRPC when the call is over; the arena frees every message.
    void Release() override { delete this; }

   private:
    static google::protobuf::ArenaOptions Options(char* block) {
      google::protobuf::ArenaOptions options;
      options.initial_block = block;
      options.initial_block_size = kInlineBytes;
      return options;
    }

    // Declared before the arena, which writes into it from construction to
    // destruction.
    alignas(std::max_align_t) char inline_block_[kInlineBytes];
    google::protobuf::Arena arena_;
  };
};

}  // namespace remit::service

#endif  // REMIT_SERVICE_ARENA_MESSAGES_H_
