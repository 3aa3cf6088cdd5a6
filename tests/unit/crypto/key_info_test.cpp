#include "crypto/key_info.hpp"

#include <gtest/gtest.h>

namespace dsrflow::crypto {
namespace {

using namespace std::chrono;

TEST(KeyId, FormatsAndParses) {
  EXPECT_EQ(formatKeyId(KeyKind::kEncryption, 3), "enc-3");
  EXPECT_EQ(formatKeyId(KeyKind::kLookupHash, 1), "hash-1");
  EXPECT_EQ(formatKeyId(KeyKind::kSigning, 12), "sig-12");
  const auto parts = parseKeyId("hash-42");
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->kind, KeyKind::kLookupHash);
  EXPECT_EQ(parts->version, 42U);
}

TEST(KeyId, RejectsMalformedIds) {
  for (const char* bad : {"", "enc", "enc-", "enc-0", "enc-01", "enc-1x", "enc--1", "key-1",
                          "encryption-1", "enc-99999999999", "ENC-1", "enc-+1"}) {
    EXPECT_FALSE(parseKeyId(bad).has_value()) << bad;
  }
}

TEST(KeyTimestamp, RoundTripsWithMilliseconds) {
  const TimePoint t = TimePoint{sys_days{2024y / May / 1d}} + 10h + 2min + 3s + 45ms;
  EXPECT_EQ(formatKeyTimestamp(t), "2024-05-01T10:02:03.045Z");
  EXPECT_EQ(parseKeyTimestamp("2024-05-01T10:02:03.045Z"), t);
  EXPECT_EQ(parseKeyTimestamp("2024-05-01T10:02:03Z"), t - 45ms);
}

TEST(KeyTimestamp, RejectsMalformedText) {
  for (const char* bad :
       {"", "2024-05-01", "2024-05-01T10:02:03", "2024-05-01T10:02:03.04Z", "2024-13-01T10:02:03Z",
        "2024-02-30T10:02:03Z", "2024-05-01T24:00:00Z", "2024-05-01 10:02:03Z",
        "2024-05-01T10:02:03Zjunk", "+024-05-01T10:02:03Z"}) {
    EXPECT_FALSE(parseKeyTimestamp(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace dsrflow::crypto
