#include "service/page_token.h"

#include "gtest/gtest.h"

namespace remit::service {
namespace {

TEST(PageTokensTest, RoundTrip) {
  PageTokens tokens(PageTokens::RandomKey());
  for (int64_t offset : {0, 1, 50, 1000000}) {
    const std::string token = tokens.Issue("request-a", offset);
    EXPECT_EQ(*tokens.Read(token, "request-a"), offset);
  }
}

TEST(PageTokensTest, RejectsForgedAndForeignTokens) {
  PageTokens tokens(std::string(32, 'k'));
  const std::string token = tokens.Issue("request-a", 50);
  // Another request (or dataset).
  EXPECT_EQ(tokens.Read(token, "request-b").status().code(),
            absl::StatusCode::kInvalidArgument);
  // Another server's key.
  PageTokens other(std::string(32, 'o'));
  EXPECT_FALSE(other.Read(token, "request-a").ok());
  // Tampered: every single-character change is refused.
  for (size_t i = 0; i < token.size(); ++i) {
    std::string forged = token;
    forged[i] = forged[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(tokens.Read(forged, "request-a").ok()) << i;
  }
  for (const char* junk :
       {"", "x", "!!!!", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
    absl::StatusOr<int64_t> read = tokens.Read(junk, "request-a");
    ASSERT_FALSE(read.ok()) << junk;
    EXPECT_EQ(read.status().message(),
              "page_token: not a token this server issued for this request "
              "and dataset; start again without one");
  }
}

}  // namespace
}  // namespace remit::service
