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
//
// ParseCheckedUnaryHandler: a callback service's unary method handler
// that answers request bytes that are not a valid message with
// INVALID_ARGUMENT "request: the bytes received are not a valid
// remit.v1.RankOffersRequest message". gRPC's own callback handler answers
// them UNIMPLEMENTED with an empty message, as if the method did not exist.
// It is gRPC's handler (the messages from a MessageAllocator, the method
// called inline), wrapped: when the request could not be parsed, the
// method is not called.
//
// Thread-safety: as gRPC's handler; any number of calls at once.
//
// Example (in the service's constructor; `index` is the method's place in
// the service, as the generated code numbers it):
//   MarkMethodCallback(index,
//       new ParseCheckedUnaryHandler<v1::RankOffersRequest,
//                                    v1::RankOffersResponse>(
//           [this](auto* context, auto* request, auto* response) {
//             return RankOffers(context, request, response);
//           },
//           &rank_));
#ifndef REMIT_SERVICE_ARENA_MESSAGES_H_
#define REMIT_SERVICE_ARENA_MESSAGES_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "google/protobuf/arena.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/impl/codegen/server_callback_handlers.h"
#include "grpcpp/impl/rpc_service_method.h"
#include "grpcpp/support/message_allocator.h"
#include "grpcpp/support/server_callback.h"

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

template <typename Request, typename Response>
class ParseCheckedUnaryHandler final : public grpc::internal::MethodHandler {
 public:
  using Method = std::function<grpc::ServerUnaryReactor*(
      grpc::CallbackServerContext*, const Request*, Response*)>;

  // `allocator` (may be null: gRPC's default messages) must outlive the
  // handler.
  ParseCheckedUnaryHandler(Method method,
                           grpc::MessageAllocator<Request, Response>* allocator)
      : method_(std::move(method)),
        inner_([this](grpc::CallbackServerContext* context,
                      const Request* request, Response* response) {
          return Call(context, request, response);
        }) {
    inner_.SetMessageAllocator(allocator);
  }

  // The message in the errors: "request: the bytes received are not a
  // valid remit.v1.RankOffersRequest message".
  static std::string Unparsable() {
    return "request: the bytes received are not a valid " +
           std::string(Request::descriptor()->full_name()) + " message";
  }

  void* Deserialize(grpc_call* call, grpc_byte_buffer* request,
                    grpc::Status* status, void** handler_data) override {
    return inner_.Deserialize(call, request, status, handler_data);
  }

  void RunHandler(const HandlerParameter& param) override {
    if (param.status.ok()) {
      inner_.RunHandler(param);
      return;
    }
    // gRPC's handler fails the call as UNIMPLEMENTED whenever the status
    // it is given is not OK; given OK, it calls Call() inline, on this
    // thread, which then answers instead of the method.
    const HandlerParameter unparsed(param.call, param.server_context,
                                    param.request, grpc::Status::OK,
                                    param.internal_data, param.call_requester);
    unparsed_ = true;
    inner_.RunHandler(unparsed);
    unparsed_ = false;
  }

 private:
  grpc::ServerUnaryReactor* Call(grpc::CallbackServerContext* context,
                                 const Request* request, Response* response) {
    if (!unparsed_) return method_(context, request, response);
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(
        grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, Unparsable()));
    return reactor;
  }

  // Whether this thread is in RunHandler for a request that could not be
  // parsed.
  static thread_local bool unparsed_;

  const Method method_;
  grpc::internal::CallbackUnaryHandler<Request, Response> inner_;
};

template <typename Request, typename Response>
thread_local bool ParseCheckedUnaryHandler<Request, Response>::unparsed_ =
    false;

// The index gRPC's generated code gives the method `method` of the service
// `service` ("remit.v1.RemitRank"): its place in the proto service; -1
// when there is no such method.
inline int MethodIndex(const google::protobuf::FileDescriptor* file,
                       const std::string& service, const std::string& method) {
  const google::protobuf::ServiceDescriptor* s =
      file->pool()->FindServiceByName(service);
  if (s == nullptr) return -1;
  const google::protobuf::MethodDescriptor* m = s->FindMethodByName(method);
  return m == nullptr ? -1 : m->index();
}

}  // namespace remit::service

#endif  // REMIT_SERVICE_ARENA_MESSAGES_H_
