#include "service/self_check.h"

#include <netdb.h>
#include <openssl/bio.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"

namespace remit::service {
namespace {

// The HTTP/2 client connection preface and an empty SETTINGS frame.
constexpr char kHttp2Preface[] =
    "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
    "\x00\x00\x00\x04\x00\x00\x00\x00\x00";
constexpr size_t kHttp2PrefaceBytes = sizeof(kHttp2Preface) - 1;

// Closes a file descriptor when it goes.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

absl::Status Unavailable(const std::string& address, absl::string_view what) {
  return absl::UnavailableError(absl::StrCat(address, ": ", what));
}

// Milliseconds from now to `deadline`, at least 0, for poll().
int MillisUntil(absl::Time deadline) {
  const int64_t ms = absl::ToInt64Milliseconds(deadline - absl::Now());
  return ms < 0 ? 0 : static_cast<int>(ms);
}

// Waits for `events` on `fd` until `deadline`; false on timeout.
bool WaitFor(int fd, short events, absl::Time deadline) {
  pollfd p{fd, events, 0};
  for (;;) {
    const int ready = poll(&p, 1, MillisUntil(deadline));
    if (ready > 0) return true;
    if (ready == 0) return false;
    if (errno != EINTR) return true;  // Let the next call report it.
  }
}

// A socket connecting to `address`, non-blocking; the connection may still
// be under way.
absl::Status StartConnect(const std::string& address, int* out) {
  if (absl::string_view path = address; absl::ConsumePrefix(&path, "unix:")) {
    sockaddr_un un{};
    un.sun_family = AF_UNIX;
    if (path.size() >= sizeof(un.sun_path)) {
      return Unavailable(address, "the socket path is too long");
    }
    std::memcpy(un.sun_path, path.data(), path.size());
    const int fd =
        socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return Unavailable(address, std::strerror(errno));
    *out = fd;
    if (connect(fd, reinterpret_cast<const sockaddr*>(&un), sizeof(un)) != 0 &&
        errno != EINPROGRESS && errno != EAGAIN) {
      return Unavailable(address, std::strerror(errno));
    }
    return absl::OkStatus();
  }
  const size_t colon = address.rfind(':');
  if (colon == std::string::npos) {
    return Unavailable(address, "not host:port");
  }
  std::string host = address.substr(0, colon);
  if (absl::StartsWith(host, "[") && absl::EndsWith(host, "]")) {
    host = host.substr(1, host.size() - 2);
  }
  const std::string port = address.substr(colon + 1);
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (const int error = getaddrinfo(host.c_str(), port.c_str(), &hints, &found);
      error != 0) {
    return Unavailable(address, gai_strerror(error));
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> free(found, &freeaddrinfo);
  const int fd =
      socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return Unavailable(address, std::strerror(errno));
  *out = fd;
  if (connect(fd, found->ai_addr, found->ai_addrlen) != 0 &&
      errno != EINPROGRESS) {
    return Unavailable(address, std::strerror(errno));
  }
  return absl::OkStatus();
}

// The bytes a TLS client sends first: a ClientHello offering h2.
absl::StatusOr<std::string> ClientHello() {
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> context(
      SSL_CTX_new(TLS_client_method()), &SSL_CTX_free);
  if (context == nullptr) return absl::InternalError("SSL_CTX_new failed");
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(context.get()),
                                                &SSL_free);
  if (ssl == nullptr) return absl::InternalError("SSL_new failed");
  BIO* in = BIO_new(BIO_s_mem());
  BIO* out = BIO_new(BIO_s_mem());
  SSL_set_bio(ssl.get(), in, out);  // The SSL owns both now.
  static constexpr unsigned char kAlpn[] = {2, 'h', '2'};
  SSL_set_alpn_protos(ssl.get(), kAlpn, sizeof(kAlpn));
  SSL_set_connect_state(ssl.get());
  SSL_do_handshake(ssl.get());  // Writes the ClientHello, wants an answer.
  char* data = nullptr;
  const long size = BIO_get_mem_data(out, &data);
  if (size <= 0) return absl::InternalError("no ClientHello was written");
  return std::string(data, static_cast<size_t>(size));
}

}  // namespace

absl::Status ProbeListener(const std::string& address, bool tls,
                           absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  std::string hello;
  if (tls) {
    absl::StatusOr<std::string> client_hello = ClientHello();
    if (!client_hello.ok()) return client_hello.status();
    hello = *std::move(client_hello);
  } else {
    hello.assign(kHttp2Preface, kHttp2PrefaceBytes);
  }
  int raw = -1;
  absl::Status started = StartConnect(address, &raw);
  const Fd fd(raw);
  if (!started.ok()) return started;
  if (!WaitFor(fd.get(), POLLOUT, deadline)) {
    return Unavailable(address, absl::StrCat("no connection within ",
                                             absl::FormatDuration(timeout)));
  }
  int error = 0;
  socklen_t length = sizeof(error);
  if (getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &error, &length) != 0) {
    error = errno;
  }
  if (error != 0) return Unavailable(address, std::strerror(error));
  // A few dozen bytes: the socket's buffer takes them at once.
  if (send(fd.get(), hello.data(), hello.size(), MSG_NOSIGNAL) < 0) {
    return Unavailable(address, std::strerror(errno));
  }
  if (!WaitFor(fd.get(), POLLIN, deadline)) {
    return Unavailable(address, absl::StrCat("connected, but no answer within ",
                                             absl::FormatDuration(timeout)));
  }
  // Data, the end of the stream or a reset: the server read the connection.
  return absl::OkStatus();
}

std::string ProbeAddress(absl::string_view listen, int port) {
  if (absl::StartsWith(listen, "unix:")) return std::string(listen);
  const size_t colon = listen.rfind(':');
  absl::string_view host =
      colon == absl::string_view::npos ? "" : listen.substr(0, colon);
  if (host.empty() || host == "0.0.0.0" || host == "*") host = "127.0.0.1";
  if (host == "[::]" || host == "::") host = "[::1]";
  return absl::StrCat(host, ":", port);
}

ListenerSelfCheck::ListenerSelfCheck(SelfCheckOptions options, Probe probe,
                                     OnDead on_dead)
    : options_(options),
      probe_(std::move(probe)),
      on_dead_(std::move(on_dead)) {}

ListenerSelfCheck::~ListenerSelfCheck() { Stop(); }

void ListenerSelfCheck::Start() {
  if (options_.interval <= absl::ZeroDuration() || thread_.joinable()) return;
  thread_ = std::thread([this] {
    while (!stop_.WaitForNotificationWithTimeout(options_.interval)) {
      if (!CheckOnce()) return;
    }
  });
}

void ListenerSelfCheck::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (thread_.joinable()) thread_.join();
}

bool ListenerSelfCheck::CheckOnce() {
  if (dead_) return false;
  const absl::Status probed = probe_();
  if (probed.ok()) {
    failed_in_a_row_ = 0;
    return true;
  }
  if (++failed_in_a_row_ < options_.failures) return true;
  dead_ = true;
  on_dead_(absl::UnavailableError(absl::StrCat(
      "the listener accepts no new connection: ", failed_in_a_row_,
      " probes in a row failed (the last: ", probed.message(), ")")));
  return false;
}

}  // namespace remit::service
