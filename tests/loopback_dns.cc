#include "tests/loopback_dns.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace remit::testing {
namespace {

constexpr uint16_t kTypeA = 1;
constexpr uint16_t kClassIn = 1;
constexpr int kNoError = 0;
constexpr int kNxDomain = 3;

uint16_t Read16(const std::string& s, size_t at) {
  return static_cast<uint16_t>(static_cast<uint8_t>(s[at]) << 8 |
                               static_cast<uint8_t>(s[at + 1]));
}

void Append16(std::string* s, uint16_t v) {
  s->push_back(static_cast<char>(v >> 8));
  s->push_back(static_cast<char>(v & 0xff));
}

}  // namespace

absl::StatusOr<std::unique_ptr<LoopbackDns>> LoopbackDns::Start(
    std::string name) {
  const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return absl::InternalError("socket: " + std::string(strerror(errno)));
  sockaddr_in address = {};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    const std::string why = strerror(errno);
    close(fd);
    return absl::InternalError("bind 127.0.0.1:0 (UDP): " + why);
  }
  const int stop = eventfd(0, EFD_CLOEXEC);
  if (stop < 0) {
    close(fd);
    return absl::InternalError("eventfd: " + std::string(strerror(errno)));
  }
  std::unique_ptr<LoopbackDns> dns(new LoopbackDns(
      absl::AsciiStrToLower(name), fd, stop, ntohs(address.sin_port)));
  dns->thread_ = std::thread([d = dns.get()] { d->Serve(); });
  return dns;
}

LoopbackDns::~LoopbackDns() {
  const uint64_t one = 1;
  (void)!write(stop_, &one, sizeof(one));
  thread_.join();
  close(socket_);
  close(stop_);
}

absl::Status LoopbackDns::SetAddresses(
    const std::vector<std::string>& addresses) {
  std::vector<std::string> packed;
  for (const std::string& a : addresses) {
    in_addr ip;
    if (inet_pton(AF_INET, a.c_str(), &ip) != 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("'", a, "' is not an IPv4 address"));
    }
    packed.emplace_back(reinterpret_cast<const char*>(&ip), 4);
  }
  absl::MutexLock lock(&mu_);
  addresses_ = std::move(packed);
  return absl::OkStatus();
}

int LoopbackDns::a_queries() const {
  absl::MutexLock lock(&mu_);
  return a_queries_;
}

void LoopbackDns::Serve() {
  for (;;) {
    pollfd fds[] = {{socket_, POLLIN, 0}, {stop_, POLLIN, 0}};
    if (poll(fds, 2, -1) < 0 && errno != EINTR) return;
    if (fds[1].revents != 0) return;
    if (fds[0].revents == 0) continue;
    char buffer[512];
    sockaddr_storage from;
    socklen_t from_length = sizeof(from);
    const ssize_t n =
        recvfrom(socket_, buffer, sizeof(buffer), 0,
                 reinterpret_cast<sockaddr*>(&from), &from_length);
    if (n <= 0) continue;
    const std::string answer = Answer(std::string(buffer, n));
    if (answer.empty()) continue;
    (void)sendto(socket_, answer.data(), answer.size(), 0,
                 reinterpret_cast<sockaddr*>(&from), from_length);
  }
}

std::string LoopbackDns::Answer(const std::string& query) {
  // Header (12 bytes), then one question: labels, type, class.
  if (query.size() < 12 || (query[2] & 0x80) != 0 || Read16(query, 4) != 1) {
    return "";
  }
  std::string name;
  size_t at = 12;
  while (at < query.size() && query[at] != 0) {
    const size_t label = static_cast<uint8_t>(query[at]);
    if (label > 63 || at + 1 + label > query.size()) return "";
    if (!name.empty()) name.push_back('.');
    name.append(query, at + 1, label);
    at += 1 + label;
  }
  if (at + 5 > query.size()) return "";
  const uint16_t type = Read16(query, at + 1);
  const uint16_t klass = Read16(query, at + 3);
  const size_t question_end = at + 5;

  std::vector<std::string> answers;
  int rcode = kNoError;
  if (absl::AsciiStrToLower(name) != name_) {
    rcode = kNxDomain;
  } else if (type == kTypeA && klass == kClassIn) {
    absl::MutexLock lock(&mu_);
    answers = addresses_;
    ++a_queries_;
  }
  std::string reply = query.substr(0, 2);  // The query's id.
  // A response, authoritative, recursion desired as asked and available.
  reply.push_back(static_cast<char>(0x84 | (query[2] & 0x01)));
  reply.push_back(static_cast<char>(0x80 | rcode));
  Append16(&reply, 1);
  Append16(&reply, static_cast<uint16_t>(answers.size()));
  Append16(&reply, 0);
  Append16(&reply, 0);
  reply.append(query, 12, question_end - 12);
  for (const std::string& ip : answers) {
    Append16(&reply, 0xc00c);  // The name: a pointer to the question's.
    Append16(&reply, kTypeA);
    Append16(&reply, kClassIn);
    Append16(&reply, 0);  // TTL: 0 s, in two halves.
    Append16(&reply, 0);
    Append16(&reply, 4);
    reply.append(ip);
  }
  return reply;
}

}  // namespace remit::testing
