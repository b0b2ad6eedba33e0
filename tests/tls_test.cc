// TLS and mutual TLS between clients and remitrank_server. The test makes
// its own certificate authorities and certificates with the openssl tool.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
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

TEST_F(TlsTest, HalfATlsConfigurationIsRefused) {
  auto server =
      ServerProcess::Start({kSample, "--tls_cert=" + server_cert_.cert});
  ASSERT_FALSE(server.ok());
  EXPECT_NE(server.status().message().find(
                "TLS needs both a certificate and its key"),
            absl::string_view::npos);
}

}  // namespace
}  // namespace remit::testing
