#include "service/http/http_server.h"

#include <array>
#include <atomic>
#include <chrono>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "boost/asio/basic_socket_acceptor.hpp"
#include "boost/asio/basic_stream_socket.hpp"
#include "boost/asio/basic_waitable_timer.hpp"
#include "boost/asio/dispatch.hpp"
#include "boost/asio/executor_work_guard.hpp"
#include "boost/asio/io_context.hpp"
#include "boost/asio/ip/tcp.hpp"
#include "boost/asio/post.hpp"
#include "boost/asio/ssl/context.hpp"
#include "boost/asio/ssl/stream.hpp"
#include "boost/asio/write.hpp"
#include "boost/beast/core/flat_buffer.hpp"
#include "boost/beast/core/stream_traits.hpp"
#include "boost/beast/http.hpp"
#include "boost/beast/http/status.hpp"
#include "service/http/status_json.h"

namespace remit::service::http {
namespace {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using error_code = boost::system::error_code;
// Each connection lives on one io_context run by one thread: its handlers
// never run at once, so no strand, and the executor is not type-erased.
using Executor = asio::io_context::executor_type;
using Socket = asio::basic_stream_socket<tcp, Executor>;
using Acceptor = asio::basic_socket_acceptor<tcp, Executor>;
using Clock = std::chrono::steady_clock;
using Timer =
    asio::basic_waitable_timer<Clock, asio::wait_traits<Clock>, Executor>;

// No deadline.
constexpr Clock::time_point kNever = Clock::time_point::max();

// `timeout` from now; kNever for one beyond a century (an infinite flag).
Clock::time_point DeadlineAfter(absl::Duration timeout) {
  if (timeout > absl::Hours(24 * 365 * 100)) return kNever;
  return Clock::now() + std::chrono::duration_cast<Clock::duration>(
                            absl::ToChronoNanoseconds(timeout));
}

std::vector<std::unique_ptr<asio::io_context>> MakeContexts(int threads) {
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  for (int i = 0; i < std::max(1, threads); ++i) {
    contexts.push_back(std::make_unique<asio::io_context>(1));
  }
  return contexts;
}

// Bytes read and thrown away after an error answer, so that closing does
// not reset the connection before the client has read the answer.
constexpr size_t kLingerBytes = 256 * 1024;

}  // namespace

// What the server keeps of a connection, whatever its transport.
class SessionBase {
 public:
  virtual ~SessionBase() = default;
  virtual void Start() = 0;
  virtual void Drain() = 0;
};

template <typename Stream>
class Session;

class HttpServer::Impl {
 public:
  Impl(const HttpServerOptions& options, HttpHandler handler)
      : options_(options),
        handler_(std::move(handler)),
        contexts_(MakeContexts(options.threads)),
        acceptor_(contexts_[0]->get_executor()) {
    for (const auto& context : contexts_) {
      work_.push_back(asio::make_work_guard(*context));
    }
  }

  // With a certificate: the TLS context. INVALID_ARGUMENT for PEMs that
  // do not load.
  absl::Status SetUpTls();
  absl::Status Listen();
  void Run();
  void StopAccepting();
  void Shutdown(absl::Duration grace);

  int port() const { return port_; }
  int connections() const {
    absl::MutexLock lock(&mu_);
    return static_cast<int>(sessions_.size());
  }
  bool draining() const { return draining_.load(); }
  const HttpServerOptions& options() const { return options_; }
  HttpResponse Handle(const HttpRequest& request) const {
    return handler_(request);
  }
  void Unregister(SessionBase* session) {
    absl::MutexLock lock(&mu_);
    sessions_.erase(session);
  }

 private:
  bool NoSessions() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return sessions_.empty();
  }
  void Accept();
  void OnAccept(error_code ec, Socket socket);

  const HttpServerOptions options_;
  const HttpHandler handler_;
  // Before contexts_: sessions destroyed with their io_context unregister
  // here.
  mutable absl::Mutex mu_;
  absl::flat_hash_map<SessionBase*, std::weak_ptr<SessionBase>> sessions_
      ABSL_GUARDED_BY(mu_);
  std::atomic<bool> draining_{false};
  std::atomic<bool> shut_down_{false};
  // One per thread; connections are spread over them in turn.
  std::vector<std::unique_ptr<asio::io_context>> contexts_;
  std::vector<asio::executor_work_guard<Executor>> work_;
  std::unique_ptr<ssl::context> tls_;
  Acceptor acceptor_;
  // The acceptor's: the socket the next connection is accepted into, and
  // the context it goes to.
  std::optional<Socket> next_socket_;
  size_t next_context_ = 0;
  std::vector<std::thread> threads_;
  int port_ = 0;
};

// One connection: read a request, answer it, and again while kept alive.
// Everything runs on the socket's io_context (one thread). Stream is Socket
// or ssl::stream<Socket> (TLS: a handshake first).
template <typename Stream>
class Session : public SessionBase,
                public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, Socket>;

  Session(Socket socket, HttpServer::Impl* server, ssl::context* tls)
      : stream_(MakeStream(std::move(socket), tls)),
        socket_(beast::get_lowest_layer(stream_)),
        timer_(socket_.get_executor()),
        server_(server) {}
  ~Session() override { server_->Unregister(this); }

  void Start() override {
    asio::dispatch(socket_.get_executor(), [self = this->shared_from_this()] {
      if constexpr (kTls) {
        self->state_ = State::kReading;
        self->Arm(self->server_->options().read_timeout);
        self->stream_.async_handshake(ssl::stream_base::server,
                                      [self](error_code ec) {
                                        self->Disarm();
                                        if (ec) return self->Close();
                                        self->WaitForRequest();
                                      });
      } else {
        self->WaitForRequest();
      }
    });
  }

  // Shutdown: an idle connection is closed, and so is one lingering after
  // an error; a request being read or handled is answered first.
  void Drain() override {
    asio::dispatch(socket_.get_executor(), [self = this->shared_from_this()] {
      if (self->state_ == State::kIdle || self->state_ == State::kClosing) {
        error_code ec;
        self->socket_.cancel(ec);
      }
    });
  }

 private:
  enum class State { kIdle, kReading, kBusy, kClosing };

  static Stream MakeStream(Socket socket, ssl::context* tls) {
    if constexpr (kTls) {
      return Stream(std::move(socket), *tls);
    } else {
      return Stream(std::move(socket));
    }
  }

  // The timer is lazy: Arm() only moves the deadline, and the timer, when
  // it fires before the deadline, waits again until it. A request on a
  // kept-alive connection therefore costs a clock reading, not a timer
  // set and cancelled per step.
  void Arm(absl::Duration timeout) {
    timed_out_ = false;
    deadline_ = DeadlineAfter(timeout);
    if (deadline_ == kNever) return;
    if (timer_set_ && timer_.expiry() <= deadline_) return;
    SetTimer();
  }
  void Disarm() { deadline_ = kNever; }

  void SetTimer() {
    timer_set_ = true;
    // Cancels a wait in progress: its handler sees an old generation.
    timer_.expires_at(deadline_);
    timer_.async_wait([self = this->shared_from_this(),
                       generation = ++timer_generation_](error_code ec) {
      self->OnTimer(ec, generation);
    });
  }
  void OnTimer(error_code ec, uint64_t generation) {
    if (generation != timer_generation_) return;
    timer_set_ = false;
    if (ec || deadline_ == kNever) return;
    if (Clock::now() < deadline_) return SetTimer();
    deadline_ = kNever;
    timed_out_ = true;
    error_code ignored;
    socket_.cancel(ignored);
  }

  void WaitForRequest() {
    if (server_->draining()) return Close();
    parser_.emplace();
    parser_->header_limit(
        static_cast<std::uint32_t>(server_->options().max_header_bytes));
    parser_->body_limit(server_->options().max_body_bytes);
    if (buffer_.size() > 0) return ReadRequest();
    state_ = State::kIdle;
    Arm(server_->options().idle_timeout);
    stream_.async_read_some(
        buffer_.prepare(4096),
        [self = this->shared_from_this()](error_code ec, size_t n) {
          self->Disarm();
          if (ec) return self->Close();
          self->buffer_.commit(n);
          self->ReadRequest();
        });
  }

  void ReadRequest() {
    state_ = State::kReading;
    Arm(server_->options().read_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = this->shared_from_this()](error_code ec, size_t) {
                        self->Disarm();
                        self->OnRead(ec);
                      });
  }

  void OnRead(error_code ec) {
    const HttpServerOptions& options = server_->options();
    if (ec) {
      if (timed_out_) {
        return Fail(408, absl::DeadlineExceededError(absl::StrCat(
                             "the request was not received within ",
                             absl::FormatDuration(options.read_timeout))));
      }
      if (ec == bhttp::error::header_limit) {
        return Fail(431, absl::InvalidArgumentError(absl::StrCat(
                             "the request line and headers exceed ",
                             options.max_header_bytes, " bytes")));
      }
      if (ec == bhttp::error::body_limit) {
        return Fail(413, absl::InvalidArgumentError(
                             absl::StrCat("the request body exceeds ",
                                          options.max_body_bytes, " bytes")));
      }
      if (ec.category() ==
          bhttp::make_error_code(bhttp::error::header_limit).category()) {
        if (ec == bhttp::error::end_of_stream ||
            ec == bhttp::error::partial_message) {
          return Close();
        }
        return Fail(400, absl::InvalidArgumentError(absl::StrCat(
                             "malformed HTTP request: ", ec.message())));
      }
      return Close();
    }
    state_ = State::kBusy;
    bhttp::request<bhttp::string_body> message = parser_->release();
    if (message.target().size() > options.max_target_bytes) {
      return Fail(414, absl::InvalidArgumentError(
                           absl::StrCat("the request target exceeds ",
                                        options.max_target_bytes, " bytes")));
    }
    HttpRequest request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message) {
      request.headers.emplace_back(
          absl::AsciiStrToLower(std::string(field.name_string())),
          std::string(field.value()));
    }
    request.body = std::move(message.body());
    keep_alive_ = message.keep_alive();
    head_ = message.method() == bhttp::verb::head;
    Write(server_->Handle(request));
  }

  // Answers with an error and closes the connection.
  void Fail(int status, const absl::Status& why) {
    failed_ = true;
    keep_alive_ = false;
    head_ = false;
    HttpResponse response = ErrorResponse(why, status);
    response.SetHeader("Access-Control-Allow-Origin", "*");
    Write(std::move(response));
  }

  // The status line and headers are written here, the body after them in
  // the same write: what Beast's serializer wrote, without its machinery.
  void Write(HttpResponse out) {
    state_ = State::kBusy;
    if (server_->draining()) keep_alive_ = false;
    const bool has_body = out.status != 204 && out.status != 304;
    header_.clear();
    absl::StrAppend(&header_, "HTTP/1.1 ", out.status, " ",
                    ReasonPhrase(out.status), "\r\n");
    for (const auto& [name, value] : out.headers) {
      absl::StrAppend(&header_, name, ": ", value, "\r\n");
    }
    header_.append("Server: remitrank\r\n");
    if (has_body) {
      absl::StrAppend(&header_, "Content-Length: ", out.body.size(), "\r\n");
    }
    if (!keep_alive_) header_.append("Connection: close\r\n");
    header_.append("\r\n");
    body_.clear();
    if (has_body && !head_) body_ = std::move(out.body);
    Arm(server_->options().read_timeout);
    const std::array<asio::const_buffer, 2> buffers = {asio::buffer(header_),
                                                       asio::buffer(body_)};
    asio::async_write(stream_, buffers,
                      [self = this->shared_from_this()](error_code ec, size_t) {
                        self->Disarm();
                        if (ec) return self->Close();
                        if (self->failed_) return self->Linger();
                        if (!self->keep_alive_ || self->server_->draining()) {
                          return self->Close();
                        }
                        self->WaitForRequest();
                      });
  }

  static absl::string_view ReasonPhrase(int status) {
    const boost::beast::string_view reason = bhttp::obsolete_reason(
        bhttp::int_to_status(static_cast<unsigned>(status)));
    return absl::string_view(reason.data(), reason.size());
  }

  // Half-closes, reads what the client still sends (up to kLingerBytes,
  // for at most read_timeout), then closes.
  void Linger() {
    state_ = State::kClosing;
    error_code ec;
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    Arm(server_->options().read_timeout);
    LingerRead();
  }
  void LingerRead() {
    buffer_.consume(buffer_.size());
    socket_.async_read_some(
        buffer_.prepare(4096),
        [self = this->shared_from_this()](error_code ec, size_t n) {
          self->lingered_ += n;
          if (ec || self->lingered_ > kLingerBytes) {
            self->Disarm();
            return self->Close();
          }
          self->LingerRead();
        });
  }

  void Close() {
    state_ = State::kClosing;
    deadline_ = kNever;
    timer_.cancel();
    error_code ec;
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
  }

  Stream stream_;
  // The TCP socket under stream_.
  Socket& socket_;
  Timer timer_;
  HttpServer::Impl* server_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  // The answer being written: its status line and headers, its body.
  std::string header_;
  std::string body_;
  // When the operation in progress times out (kNever: it does not).
  Clock::time_point deadline_ = kNever;
  // Whether a wait on timer_ is in progress.
  bool timer_set_ = false;
  State state_ = State::kIdle;
  bool keep_alive_ = true;
  bool head_ = false;
  bool timed_out_ = false;
  // Answered with an error before the whole request was read.
  bool failed_ = false;
  uint64_t timer_generation_ = 0;
  size_t lingered_ = 0;
};

absl::Status HttpServer::Impl::SetUpTls() {
  if (options_.tls_cert_pem.empty() && options_.tls_key_pem.empty()) {
    return absl::OkStatus();
  }
  if (options_.tls_cert_pem.empty() || options_.tls_key_pem.empty()) {
    return absl::InvalidArgumentError(
        "HTTP TLS needs both a certificate and its key");
  }
  tls_ = std::make_unique<ssl::context>(ssl::context::tls_server);
  error_code ec;
  tls_->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                        ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                        ssl::context::no_tlsv1_1 | ssl::context::single_dh_use,
                    ec);
  auto buffer = [](const std::string& pem) {
    return asio::buffer(pem.data(), pem.size());
  };
  if (!ec) tls_->use_certificate_chain(buffer(options_.tls_cert_pem), ec);
  if (ec) {
    return absl::InvalidArgumentError(
        absl::StrCat("HTTP TLS certificate: ", ec.message()));
  }
  tls_->use_private_key(buffer(options_.tls_key_pem), ssl::context::pem, ec);
  if (ec) {
    return absl::InvalidArgumentError(
        absl::StrCat("HTTP TLS key: ", ec.message()));
  }
  if (!options_.tls_client_ca_pem.empty()) {
    tls_->add_certificate_authority(buffer(options_.tls_client_ca_pem), ec);
    if (!ec) {
      tls_->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert,
                            ec);
    }
    if (ec) {
      return absl::InvalidArgumentError(
          absl::StrCat("HTTP TLS client CA: ", ec.message()));
    }
  }
  return absl::OkStatus();
}

absl::Status HttpServer::Impl::Listen() {
  const std::string& listen = options_.listen;
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("--http_listen=", listen, ": expected HOST:PORT"));
  }
  std::string host = listen.substr(0, colon);
  const std::string port = listen.substr(colon + 1);
  int port_number = 0;
  if (!absl::SimpleAtoi(port, &port_number) || port_number < 0 ||
      port_number > 65535) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--http_listen=", listen, ": '", port, "' is not a port number"));
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  error_code ec;
  tcp::resolver resolver(*contexts_[0]);
  tcp::resolver::results_type endpoints =
      resolver.resolve(host, port, tcp::resolver::passive, ec);
  if (ec || endpoints.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("--http_listen=", listen,
                                                   ": cannot resolve '", host,
                                                   "': ", ec.message()));
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen for HTTP on ", listen, ": ", ec.message()));
  }
  port_ = acceptor_.local_endpoint(ec).port();
  return absl::OkStatus();
}

void HttpServer::Impl::Run() {
  Accept();
  for (const auto& context : contexts_) {
    threads_.emplace_back([context = context.get()] { context->run(); });
  }
}

void HttpServer::Impl::Accept() {
  next_socket_.emplace(*contexts_[next_context_]);
  next_context_ = (next_context_ + 1) % contexts_.size();
  acceptor_.async_accept(*next_socket_, [this](error_code ec) {
    Socket socket = std::move(*next_socket_);
    next_socket_.reset();
    OnAccept(ec, std::move(socket));
  });
}

void HttpServer::Impl::OnAccept(error_code ec, Socket socket) {
  if (draining_.load() || ec == asio::error::operation_aborted) return;
  if (!ec) {
    std::shared_ptr<SessionBase> session;
    {
      absl::MutexLock lock(&mu_);
      if (static_cast<int>(sessions_.size()) < options_.max_connections) {
        if (tls_ != nullptr) {
          session = std::make_shared<Session<ssl::stream<Socket>>>(
              std::move(socket), this, tls_.get());
        } else {
          session = std::make_shared<Session<Socket>>(std::move(socket), this,
                                                      nullptr);
        }
        sessions_[session.get()] = session;
      }
    }
    if (session != nullptr) {
      session->Start();
    } else {
      // Over the cap: a short answer, then the connection goes.
      auto refused = std::make_shared<Socket>(std::move(socket));
      const std::string body = StatusJson(absl::UnavailableError(
          absl::StrCat("too many connections (at most ",
                       options_.max_connections, "); try again later")));
      auto text = std::make_shared<std::string>(
          absl::StrCat("HTTP/1.1 503 Service Unavailable\r\n"
                       "Content-Type: application/json\r\n"
                       "Access-Control-Allow-Origin: *\r\n"
                       "Retry-After: 1\r\n"
                       "Connection: close\r\n"
                       "Content-Length: ",
                       body.size(), "\r\n\r\n", body));
      asio::async_write(
          *refused, asio::buffer(*text), [refused, text](error_code, size_t) {
            error_code ignored;
            refused->shutdown(tcp::socket::shutdown_send, ignored);
            refused->close(ignored);
          });
    }
  }
  Accept();
}

void HttpServer::Impl::StopAccepting() {
  if (!draining_.exchange(true)) {
    absl::Notification closed;
    asio::post(acceptor_.get_executor(), [this, &closed] {
      error_code ignored;
      acceptor_.close(ignored);
      closed.Notify();
    });
    closed.WaitForNotification();
  }
  std::vector<std::shared_ptr<SessionBase>> sessions;
  {
    absl::MutexLock lock(&mu_);
    for (const auto& [raw, weak] : sessions_) {
      if (std::shared_ptr<SessionBase> s = weak.lock()) sessions.push_back(s);
    }
  }
  for (const std::shared_ptr<SessionBase>& s : sessions) s->Drain();
}

void HttpServer::Impl::Shutdown(absl::Duration grace) {
  if (shut_down_.exchange(true)) return;
  StopAccepting();
  {
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(this, &Impl::NoSessions), grace);
  }
  for (auto& guard : work_) guard.reset();
  for (const auto& context : contexts_) context->stop();
  for (std::thread& t : threads_) t.join();
  threads_.clear();
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() { impl_->Shutdown(absl::ZeroDuration()); }

absl::StatusOr<std::unique_ptr<HttpServer>> HttpServer::Start(
    const HttpServerOptions& options, HttpHandler handler) {
  auto impl = std::make_unique<Impl>(options, std::move(handler));
  absl::Status status = impl->SetUpTls();
  if (status.ok()) status = impl->Listen();
  if (!status.ok()) return status;
  impl->Run();
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

int HttpServer::port() const { return impl_->port(); }
int HttpServer::connections() const { return impl_->connections(); }
void HttpServer::StopAccepting() { impl_->StopAccepting(); }
void HttpServer::Shutdown(absl::Duration grace) { impl_->Shutdown(grace); }

}  // namespace remit::service::http
