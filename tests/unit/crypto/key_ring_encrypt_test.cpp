#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "crypto/base64.hpp"
#include "key_ring_fixture.hpp"

namespace dsrflow::crypto {
namespace {

using EncryptTest = KeyRingTest;

TEST_F(EncryptTest, RoundTripsWithSelfDescribingToken) {
  const KeyRing ring = initAndLoad();
  auto token = ring.encrypt("alice@example.com", "identity:req-1");
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->rfind("v1:enc-1:", 0), 0U);
  EXPECT_EQ(token->find("alice"), std::string::npos);
  auto plain = ring.decrypt(*token, "identity:req-1");
  ASSERT_TRUE(plain.ok()) << plain.error().message;
  EXPECT_EQ(*plain, "alice@example.com");
  EXPECT_EQ(*KeyRing::tokenKeyId(*token), "enc-1");
}

TEST_F(EncryptTest, RoundTripsEmptyAndBinaryValues) {
  const KeyRing ring = initAndLoad();
  EXPECT_EQ(*ring.decrypt(*ring.encrypt("", "a"), "a"), "");
  const std::string binary("\0\x01\xff\n:v1:", 8);
  EXPECT_EQ(*ring.decrypt(*ring.encrypt(binary, ""), ""), binary);
}

TEST_F(EncryptTest, TwoEncryptionsOfOneValueDiffer) {
  const KeyRing ring = initAndLoad();
  EXPECT_NE(*ring.encrypt("same", "aad"), *ring.encrypt("same", "aad"));
}

TEST_F(EncryptTest, AadMismatchFails) {
  const KeyRing ring = initAndLoad();
  const std::string token = *ring.encrypt("alice@example.com", "identity:req-1");
  auto moved = ring.decrypt(token, "identity:req-2");
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().code, ErrorCode::kPermissionDenied);
  EXPECT_FALSE(ring.decrypt(token, "").ok());
}

// Flips one bit at `offset` in the decoded payload and re-encodes the token.
std::string tamper(const std::string& token, std::size_t offset) {
  const auto cut = token.rfind(':') + 1;
  Bytes payload = base64Decode(token.substr(cut)).value();
  payload.at(offset) ^= 0x01;
  return token.substr(0, cut) + base64Encode(payload);
}

TEST_F(EncryptTest, TamperedNonceCiphertextOrTagFails) {
  const KeyRing ring = initAndLoad();
  const std::string token = *ring.encrypt("some personal data", "row:7");
  const std::size_t size = base64Decode(token.substr(token.rfind(':') + 1))->size();
  for (const std::size_t offset :
       {std::size_t{0}, std::size_t{11}, std::size_t{12}, std::size_t{20}, size - 16, size - 1}) {
    auto r = ring.decrypt(tamper(token, offset), "row:7");
    ASSERT_FALSE(r.ok()) << "offset " << offset;
    EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied) << "offset " << offset;
  }
}

TEST_F(EncryptTest, MalformedTokensFailWithErrors) {
  const KeyRing ring = initAndLoad();
  const std::string token = *ring.encrypt("ten bytes!", "a");
  const std::string payload = token.substr(token.rfind(':') + 1);
  struct Case {
    std::string token;
    ErrorCode code;
  };
  const std::vector<Case> cases{
      {"", ErrorCode::kInvalidArgument},
      {"garbage", ErrorCode::kInvalidArgument},
      {"v2:enc-1:" + payload, ErrorCode::kInvalidArgument},
      {"v1:enc-1", ErrorCode::kInvalidArgument},
      {"v1:bogus:" + payload, ErrorCode::kInvalidArgument},
      {"v1:enc-1:" + payload.substr(1), ErrorCode::kInvalidArgument},  // bad base64
      {"v1:enc-1:AAAA", ErrorCode::kInvalidArgument},                  // too short
      {"v1:enc-1:" + payload.substr(0, payload.size() - 4), ErrorCode::kPermissionDenied},
      {"v1:enc-9:" + payload, ErrorCode::kNotFound},
      {"v1:hash-1:" + payload, ErrorCode::kInvalidArgument},  // not an encryption key
  };
  for (const auto& c : cases) {
    auto r = ring.decrypt(c.token, "a");
    ASSERT_FALSE(r.ok()) << c.token;
    EXPECT_EQ(r.error().code, c.code) << c.token << ": " << r.error().message;
    EXPECT_FALSE(r.error().message.empty());
  }
}

TEST_F(EncryptTest, ChangingTheKeyIdInATokenFails) {
  init();
  const std::string token = *load().encrypt("x", "a");
  rotate();
  const KeyRing ring = load();
  // Same payload, other key named: must not decrypt (and the header is authenticated).
  EXPECT_FALSE(ring.decrypt("v1:enc-2:" + token.substr(9), "a").ok());
  EXPECT_EQ(*ring.decrypt(token, "a"), "x");
}

TEST_F(EncryptTest, OldTokensStillDecryptAfterRotationAndNewOnesUseTheNewKey) {
  init();
  const std::string before = *load().encrypt("before", "aad");
  clock_.advance(std::chrono::hours(24));
  const auto ids = rotateKeyRing(dir_, clock_, std::vector{KeyKind::kEncryption}).value();
  EXPECT_EQ(ids, std::vector<std::string>{"enc-2"});

  const KeyRing ring = load();
  EXPECT_EQ(ring.activeKey(KeyKind::kEncryption).id, "enc-2");
  const std::string after = *ring.encrypt("after", "aad");
  EXPECT_EQ(after.rfind("v1:enc-2:", 0), 0U);
  EXPECT_EQ(*ring.decrypt(before, "aad"), "before");
  EXPECT_EQ(*ring.decrypt(after, "aad"), "after");
}

TEST_F(EncryptTest, IsSafeToUseFromManyThreads) {
  const KeyRing ring = initAndLoad();
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const std::string value = "value-" + std::to_string(t) + "-" + std::to_string(i);
        auto token = ring.encrypt(value, "aad");
        if (!token || ring.decrypt(*token, "aad").value() != value) ++failures;
        if (!ring.lookupHash(value) || !ring.sign(value)) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace dsrflow::crypto
