#include "service/http/gzip.h"

#include <string>

#include "gtest/gtest.h"

namespace remit::service::http {
namespace {

TEST(GzipTest, RoundTripsAndShrinksRepetitiveJson) {
  std::string json;
  for (int i = 0; i < 200; ++i) json += R"({"providerId":"alpha","rank":1},)";
  const std::string compressed = Gzip(json);
  ASSERT_GE(compressed.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(compressed[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>(compressed[1]), 0x8b);
  EXPECT_LT(compressed.size(), json.size() / 4);
  absl::StatusOr<std::string> back = Gunzip(compressed);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, json);
  EXPECT_EQ(*Gunzip(Gzip("")), "");
}

TEST(GzipTest, TruncatedIsDataLoss) {
  const std::string compressed = Gzip(std::string(1000, 'x'));
  EXPECT_EQ(Gunzip(compressed.substr(0, compressed.size() - 3)).status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(Gunzip("not gzip").status().code(), absl::StatusCode::kDataLoss);
}

TEST(AcceptsGzipTest, ReadsAcceptEncoding) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip("deflate, br"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000"));
}

}  // namespace
}  // namespace remit::service::http
