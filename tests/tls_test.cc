// TLS and mutual TLS between clients and remitrank_server. The test makes
// its own certificate authorities and certificates with the openssl tool.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "proto/remit/v1/remit_service.grpc.pb.h"
#include "service/testing/bad_requests.h"
#include "tests/server_process.h"

extern char** environ;

namespace remit::testing {
namespace {

constexpr char kSample[] = "--data=testdata/sample_corridors.textproto";
constexpr char kClock[] = "--clock_time=2026-11-15T00:00:00Z";

// Runs openssl with `args`; true when it exits 0.
bool OpenSsl(std::vector<std::string> args) {
  args.insert(args.begin(), "openssl");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null",
                                   O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null",
                                   O_WRONLY, 0);
  pid_t pid;
  const int spawned =
      posix_spawnp(&pid, "openssl", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return false;
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// A certificate authority, and certificates it signs.
struct Authority {
  std::string key, cert;
};

Authority MakeAuthority(const std::string& name) {
  Authority ca{TempPath(name + ".key"), TempPath(name + ".pem")};
  EXPECT_TRUE(OpenSsl({"req", "-x509", "-newkey", "ec", "-pkeyopt",
                       "ec_paramgen_curve:P-256", "-nodes", "-keyout", ca.key,
                       "-out", ca.cert, "-subj", "/CN=" + name, "-days", "2"}));
  return ca;
}

// Signs a new key's certificate with `ca`; `extension` like
// "subjectAltName=IP:127.0.0.1".
Authority Issue(const Authority& ca, const std::string& name,
                const std::string& extension) {
  Authority out{TempPath(name + ".key"), TempPath(name + ".pem")};
  const std::string csr = TempPath(name + ".csr");
  const std::string ext = TempPath(name + ".ext");
  WriteFile(ext, extension + "\n");
  EXPECT_TRUE(OpenSsl({"req", "-newkey", "ec", "-pkeyopt",
                       "ec_paramgen_curve:P-256", "-nodes", "-keyout", out.key,
                       "-out", csr, "-subj", "/CN=" + name}));
  EXPECT_TRUE(OpenSsl({"x509", "-req", "-in", csr, "-CA", ca.cert, "-CAkey",
                       ca.key, "-CAcreateserial", "-out", out.cert, "-days",
                       "2", "-extfile", ext}));
  return out;
}

class TlsTest : public ::testing::Test {
 protected:
  TlsTest()
      : ca_(MakeAuthority("test-ca")),
        other_ca_(MakeAuthority("other-ca")),
        server_cert_(
            Issue(ca_, "server", "subjectAltName=IP:127.0.0.1,DNS:localhost")),
        client_cert_(Issue(ca_, "client", "extendedKeyUsage=clientAuth")) {}

  // A RankOffers call over TLS trusting `root`, presenting `client` if set.
  grpc::Status Call(const ServerProcess& server, const Authority& root,
                    const Authority* client) {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = ReadFile(root.cert);
    if (client != nullptr) {
      ssl.pem_private_key = ReadFile(client->key);
      ssl.pem_cert_chain = ReadFile(client->cert);
    }
    auto stub = v1::RemitRank::NewStub(
        grpc::CreateChannel(server.address(), grpc::SslCredentials(ssl)));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(10));
    v1::RankOffersResponse response;
    return stub->RankOffers(&context, service::testing::UsMx200(), &response);
  }

  Authority ca_, other_ca_, server_cert_, client_cert_;
};

TEST_F(TlsTest, ServerTls) {
  auto server =
      ServerProcess::Start({kSample, kClock, "--tls_cert=" + server_cert_.cert,
                            "--tls_key=" + server_cert_.key});
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_TRUE(Call(**server, ca_, nullptr).ok());
  // A client that trusts another CA refuses the server.
  EXPECT_EQ(Call(**server, other_ca_, nullptr).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  // A plaintext client cannot talk to it.
  auto plain = v1::RemitRank::NewStub(grpc::CreateChannel(
      (*server)->address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  v1::RankOffersResponse response;
  EXPECT_FALSE(
      plain->RankOffers(&context, service::testing::UsMx200(), &response).ok());
}

TEST_F(TlsTest, MutualTls) {
  auto server = ServerProcess::Start(
      {kSample, kClock, "--tls_cert=" + server_cert_.cert,
       "--tls_key=" + server_cert_.key, "--tls_client_ca=" + ca_.cert});
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_TRUE(Call(**server, ca_, &client_cert_).ok());
  // No client certificate: refused.
  EXPECT_EQ(Call(**server, ca_, nullptr).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  // A client certificate from another CA: refused.
  Authority stranger =
      Issue(other_ca_, "stranger", "extendedKeyUsage=clientAuth");
  EXPECT_EQ(Call(**server, ca_, &stranger).error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

// The tool over TLS, at each form of target: the certificate names
// 127.0.0.1 and localhost, the names the targets connect to.
TEST_F(TlsTest, ToolTrustsTheServerAtEveryTargetForm) {
  auto server =
      ServerProcess::Start({kSample, kClock, "--tls_cert=" + server_cert_.cert,
                            "--tls_key=" + server_cert_.key});
  ASSERT_TRUE(server.ok()) << server.status();
  const std::string port = absl::StrCat((*server)->port());
  for (const std::string& target :
       {(*server)->address(), absl::StrCat("dns:///localhost:", port),
        absl::StrCat("ipv4:127.0.0.1:", port)}) {
    CommandResult r =
        RunCommand("cli/remitrank", {"corridors", "--server=" + target,
                                     "--tls_ca=" + ca_.cert, "--format=csv"});
    EXPECT_EQ(r.exit_code, 0) << target << ": " << r.err;
    EXPECT_TRUE(absl::StrContains(r.out, "USA")) << target << ": " << r.out;
    r = RunCommand("cli/remitrank", {"corridors", "--server=" + target,
                                     "--tls_ca=" + other_ca_.cert});
    EXPECT_EQ(r.exit_code, 1) << target << ": " << r.err;
  }
  // A list of addresses is no name: the certificate's is given.
  const std::string list =
      absl::StrCat("--server=ipv4:127.0.0.1:1,127.0.0.1:", port);
  CommandResult r =
      RunCommand("cli/remitrank", {"corridors", list, "--tls_ca=" + ca_.cert});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(r.err, "not in peer certificate")) << r.err;
  r = RunCommand("cli/remitrank",
                 {"corridors", list, "--tls_ca=" + ca_.cert,
                  "--tls_server_name=localhost", "--format=csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, "USA")) << r.out;
  r = RunCommand("cli/remitrank", {"corridors", list, "--tls_ca=" + ca_.cert,
                                   "--tls_server_name=elsewhere.example"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
}

TEST_F(TlsTest, HalfATlsConfigurationIsRefused) {
  auto server =
      ServerProcess::Start({kSample, "--tls_cert=" + server_cert_.cert});
  ASSERT_FALSE(server.ok());
  EXPECT_NE(server.status().message().find(
                "TLS needs both a certificate and its key"),
            absl::string_view::npos);
}

// A GET over HTTPS to 127.0.0.1:`port`, trusting `root` and presenting
// `client` if set: the HTTP status and body; status 0 when the TLS
// handshake or the exchange fails.
std::pair<int, std::string> HttpsGet(int port, const Authority& root,
                                     const Authority* client,
                                     const std::string& target) {
  SSL_CTX* context = SSL_CTX_new(TLS_client_method());
  SSL_CTX_load_verify_locations(context, root.cert.c_str(), nullptr);
  SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nullptr);
  if (client != nullptr) {
    SSL_CTX_use_certificate_file(context, client->cert.c_str(),
                                 SSL_FILETYPE_PEM);
    SSL_CTX_use_PrivateKey_file(context, client->key.c_str(), SSL_FILETYPE_PEM);
  }
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string reply;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) ==
      0) {
    SSL* ssl = SSL_new(context);
    SSL_set_fd(ssl, fd);
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), "127.0.0.1");
    if (SSL_connect(ssl) == 1) {
      const std::string request = "GET " + target +
                                  " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  "Connection: close\r\n\r\n";
      SSL_write(ssl, request.data(), static_cast<int>(request.size()));
      char buffer[8192];
      for (int n; (n = SSL_read(ssl, buffer, sizeof(buffer))) > 0;) {
        reply.append(buffer, static_cast<size_t>(n));
      }
    }
    SSL_free(ssl);
  }
  close(fd);
  SSL_CTX_free(context);
  ERR_clear_error();
  int status = 0;
  const size_t end = reply.find("\r\n\r\n");
  if (reply.size() < 12 || end == std::string::npos ||
      !absl::SimpleAtoi(reply.substr(9, 3), &status)) {
    return {0, ""};
  }
  return {status, reply.substr(end + 4)};
}

int HttpPort(const std::string& port_file) {
  int port = 0;
  EXPECT_TRUE(
      absl::SimpleAtoi(absl::StripAsciiWhitespace(ReadFile(port_file)), &port));
  return port;
}

// --http_listen with the TLS flags: HTTPS with the gRPC side's certificate.
TEST_F(TlsTest, HttpsWithTheSameCertificate) {
  const std::string port_file = TempPath("https_port");
  auto server = ServerProcess::Start(
      {kSample, kClock, "--tls_cert=" + server_cert_.cert,
       "--tls_key=" + server_cert_.key, "--http_listen=127.0.0.1:0",
       "--http_port_file=" + port_file});
  ASSERT_TRUE(server.ok()) << server.status();
  const int port = HttpPort(port_file);
  EXPECT_EQ(HttpsGet(port, ca_, nullptr, "/healthz"),
            std::make_pair(200, std::string(R"({"status":"SERVING"})")));
  auto [status, body] =
      HttpsGet(port, ca_, nullptr,
               "/v1/corridors/US/MX/offers?sendAmount.currencyCode=USD&"
               "sendAmount.units=200");
  EXPECT_EQ(status, 200);
  EXPECT_TRUE(absl::StrContains(body, R"("offers":[{"rank":1,)")) << body;
  // A client that trusts another CA refuses the server.
  EXPECT_EQ(HttpsGet(port, other_ca_, nullptr, "/healthz").first, 0);
  EXPECT_TRUE(Call(**server, ca_, nullptr).ok());  // gRPC still TLS.
}

TEST_F(TlsTest, HttpsMutualTls) {
  const std::string port_file = TempPath("mtls_port");
  auto server = ServerProcess::Start(
      {kSample, kClock, "--tls_cert=" + server_cert_.cert,
       "--tls_key=" + server_cert_.key, "--tls_client_ca=" + ca_.cert,
       "--http_listen=127.0.0.1:0", "--http_port_file=" + port_file});
  ASSERT_TRUE(server.ok()) << server.status();
  const int port = HttpPort(port_file);
  EXPECT_EQ(HttpsGet(port, ca_, &client_cert_, "/readyz").first, 200);
  // No client certificate: refused.
  EXPECT_EQ(HttpsGet(port, ca_, nullptr, "/readyz").first, 0);
}

}  // namespace
}  // namespace remit::testing
