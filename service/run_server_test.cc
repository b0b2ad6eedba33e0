#include "service/run_server.h"

#include <sys/resource.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace remit::service {
namespace {

// A fresh path in the test's scratch directory.
std::string TempPath(const std::string& name) {
  const char* dir = std::getenv("TEST_TMPDIR");
  return std::string(dir != nullptr ? dir : "/tmp") + "/" + name;
}

std::string WriteTemp(const std::string& name, const std::string& content) {
  const std::string path = TempPath(name);
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

std::string Contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(ReadFlagFileTest, ReadsTheWholeFile) {
  const std::string path = WriteTemp("whole.pem", "line 1\nline 2\n");
  absl::StatusOr<std::string> content = ReadFlagFile("tls_cert", path);
  ASSERT_TRUE(content.ok()) << content.status();
  EXPECT_EQ(*content, "line 1\nline 2\n");
}

TEST(ReadFlagFileTest, MissingFileNamesTheFlagAndPath) {
  const std::string path = TempPath("no-such.pem");
  absl::StatusOr<std::string> content = ReadFlagFile("tls_key", path);
  EXPECT_EQ(content.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(std::string(content.status().message()),
            "--tls_key=" + path + ": No such file or directory");
}

TEST(ServerOptionsWithFilesTest, FillsPemsAndTrimmedToken) {
  RunOptions options;
  options.server.listen = "127.0.0.1:0";
  options.server.data_paths = {"data.textproto"};
  options.tls_cert_path = WriteTemp("cert.pem", "CERT");
  options.tls_key_path = WriteTemp("key.pem", "KEY");
  options.tls_client_ca_path = WriteTemp("ca.pem", "CA");
  options.admin_token_path =
      WriteTemp("token", "  0123456789abcdef0123456789abcdef\n");
  absl::StatusOr<ServerOptions> server = ServerOptionsWithFiles(options);
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_EQ(server->listen, "127.0.0.1:0");
  EXPECT_EQ(server->data_paths, options.server.data_paths);
  EXPECT_EQ(server->tls_cert_pem, "CERT");
  EXPECT_EQ(server->tls_key_pem, "KEY");
  EXPECT_EQ(server->tls_client_ca_pem, "CA");
  EXPECT_EQ(server->admin_token, "0123456789abcdef0123456789abcdef");
}

TEST(ServerOptionsWithFilesTest, NoFilesLeaveTheOptionsAlone) {
  RunOptions options;
  options.server.reflection = false;
  absl::StatusOr<ServerOptions> server = ServerOptionsWithFiles(options);
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_FALSE(server->reflection);
  EXPECT_TRUE(server->tls_cert_pem.empty());
  EXPECT_TRUE(server->admin_token.empty());
}

TEST(ServerOptionsWithFilesTest, MissingFileNamesItsFlag) {
  struct Case {
    const char* flag;
    std::string RunOptions::*path;
  } cases[] = {
      {"tls_cert", &RunOptions::tls_cert_path},
      {"tls_key", &RunOptions::tls_key_path},
      {"tls_client_ca", &RunOptions::tls_client_ca_path},
      {"admin_token_file", &RunOptions::admin_token_path},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.flag);
    RunOptions options;
    options.*c.path = TempPath("missing");
    absl::StatusOr<ServerOptions> server = ServerOptionsWithFiles(options);
    EXPECT_EQ(server.status().code(), absl::StatusCode::kNotFound);
    EXPECT_EQ(std::string(server.status().message()),
              std::string("--") + c.flag + "=" + TempPath("missing") +
                  ": No such file or directory");
  }
}

TEST(ServerOptionsWithFilesTest, BlankTokenFileIsRefused) {
  RunOptions options;
  options.admin_token_path = WriteTemp("blank-token", " \n\t\n");
  absl::StatusOr<ServerOptions> server = ServerOptionsWithFiles(options);
  EXPECT_EQ(server.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      std::string(server.status().message()),
      "--admin_token_file=" + options.admin_token_path + ": the file is empty");
}

TEST(ServerOptionsWithFilesTest, ShortTokenIsRefused) {
  RunOptions options;
  options.admin_token_path = WriteTemp("short-token", "s3cret\n");
  absl::StatusOr<ServerOptions> server = ServerOptionsWithFiles(options);
  EXPECT_EQ(server.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(server.status().message()),
            "--admin_token_file=" + options.admin_token_path +
                ": the admin token has 6 characters; it needs at least 32 "
                "(e.g. openssl rand -hex 32)");
}

TEST(RaiseOpenFileLimitTest, TheSoftLimitBecomesTheHardOne) {
  rlimit limit{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &limit), 0);
  if (limit.rlim_max < 64) GTEST_SKIP() << "hard limit " << limit.rlim_max;
  const rlim_t hard = limit.rlim_max;
  limit.rlim_cur = 64;  // Lowering the soft limit needs no privilege.
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &limit), 0);
  const std::string hard_text =
      hard == RLIM_INFINITY ? "unlimited" : std::to_string(hard);
  EXPECT_EQ(RaiseOpenFileLimit(),
            "open files: soft 64 -> " + hard_text + " (hard)");
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &limit), 0);
  EXPECT_EQ(limit.rlim_cur, hard);
  EXPECT_EQ(limit.rlim_max, hard);
  // Again: nothing to raise.
  EXPECT_EQ(RaiseOpenFileLimit(), "open files: soft " + hard_text + " = hard");
}

TEST(WritePortFileTest, WritesThePortAndALineEnd) {
  const std::string path = TempPath("port");
  ASSERT_TRUE(WritePortFile(path, 50051).ok());
  EXPECT_EQ(Contents(path), "50051\n");
  // Again: replaced, not appended to; no temporary file left behind.
  ASSERT_TRUE(WritePortFile(path, 8).ok());
  EXPECT_EQ(Contents(path), "8\n");
  EXPECT_FALSE(std::ifstream(path + ".tmp").good());
}

TEST(WritePortFileTest, UnwritablePathNamesTheFlag) {
  const std::string path = TempPath("no-such-dir/port");
  absl::Status status = WritePortFile(path, 1);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(std::string(status.message()),
            "--port_file=" + path + ": cannot write");
}

TEST(WritePortFileTest, TheHttpPortFileNamesItsOwnFlag) {
  const std::string path = TempPath("no-such-dir/http_port");
  absl::Status status = WritePortFile(path, 1, "http_port_file");
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(std::string(status.message()),
            "--http_port_file=" + path + ": cannot write");
}

TEST(ClockForTest, EmptyIsTheSystemClock) {
  absl::StatusOr<std::unique_ptr<Clock>> clock = ClockFor("");
  ASSERT_TRUE(clock.ok()) << clock.status();
  EXPECT_NE(dynamic_cast<SystemClock*>(clock->get()), nullptr);
}

TEST(ClockForTest, PinsTheGivenTime) {
  absl::StatusOr<std::unique_ptr<Clock>> clock =
      ClockFor("2026-11-15T12:30:00Z");
  ASSERT_TRUE(clock.ok()) << clock.status();
  EXPECT_EQ((*clock)->Now(), absl::FromUnixSeconds(1794745800));
  EXPECT_EQ((*clock)->Now(), (*clock)->Now());
}

TEST(ClockForTest, BadTimeNamesTheFlagAndValue) {
  absl::StatusOr<std::unique_ptr<Clock>> clock = ClockFor("2026-11-15");
  EXPECT_EQ(clock.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(clock.status().message())
                .rfind("--clock_time=2026-11-15: ", 0),
            0u)
      << clock.status();
}

TEST(CheckDurationsTest, TheDefaultsAndZeroAreFine) {
  RunOptions options;
  EXPECT_TRUE(CheckDurations(options).ok());
  options.drain_delay = absl::ZeroDuration();
  options.server.max_connection_age = absl::ZeroDuration();
  options.server.max_connection_age_grace = absl::InfiniteDuration();
  EXPECT_TRUE(CheckDurations(options).ok());
}

TEST(CheckDurationsTest, ANegativeOneNamesItsFlag) {
  struct Case {
    const char* message;
    void (*set)(RunOptions*);
  } cases[] = {
      {"--shutdown_grace=-1s: must not be negative",
       [](RunOptions* o) { o->shutdown_grace = absl::Seconds(-1); }},
      {"--drain_delay=-5s: must not be negative",
       [](RunOptions* o) { o->drain_delay = absl::Seconds(-5); }},
      {"--watch_debounce=-100ms: must not be negative",
       [](RunOptions* o) { o->watch_debounce = absl::Milliseconds(-100); }},
      {"--max_connection_age=-1m: must not be negative",
       [](RunOptions* o) { o->server.max_connection_age = absl::Minutes(-1); }},
      {"--max_connection_age_grace=-30s: must not be negative",
       [](RunOptions* o) {
         o->server.max_connection_age_grace = absl::Seconds(-30);
       }},
  };
  for (const Case& c : cases) {
    RunOptions options;
    c.set(&options);
    absl::Status status = CheckDurations(options);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(std::string(status.message()), c.message);
  }
}

TEST(RunServerTest, MissingTlsFileStopsBeforeServing) {
  RunOptions options;
  options.server.listen = "127.0.0.1:0";
  options.server.data_paths = {"unused.textproto"};
  options.tls_cert_path = TempPath("absent-cert.pem");
  options.port_file = TempPath("unused-port");
  absl::Status status = RunServer(options);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(
      std::string(status.message()),
      "--tls_cert=" + options.tls_cert_path + ": No such file or directory");
  EXPECT_FALSE(std::ifstream(options.port_file).good());
}

}  // namespace
}  // namespace remit::service
