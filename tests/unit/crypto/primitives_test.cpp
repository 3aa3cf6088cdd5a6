#include <gtest/gtest.h>

#include "crypto/aes_gcm.hpp"
#include "crypto/digest.hpp"
#include "crypto/ed25519.hpp"
#include "crypto/hmac.hpp"

namespace dsrflow::crypto {
namespace {

Bytes fromHex(std::string_view hex) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

// The GCM specification's test case 16 (AES-256, 96-bit IV, with associated data).
TEST(AesGcm, OpensKnownAnswerVector) {
  const Bytes key = fromHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
  const Bytes aad = fromHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
  const Bytes sealed = fromHex(
      "cafebabefacedbaddecaf888"
      "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056"
      "828838c5f61e6393ba7a0abcc9f662"
      "76fc6ece0f4e1768cddf8853bb2d551b");
  auto plain = aesGcmOpen(key, sealed, asChars(aad));
  ASSERT_TRUE(plain.ok()) << plain.error().message;
  EXPECT_EQ(hexEncode(asBytes(*plain)),
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e"
            "2449a6b525b16aedf5aa0de657ba637b39");
}

TEST(AesGcm, SealsWithFreshNonceAndRoundTrips) {
  const Bytes key(kAesGcmKeySize, 7);
  auto a = aesGcmSeal(key, "hello", "aad");
  auto b = aesGcmSeal(key, "hello", "aad");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->size(), kAesGcmNonceSize + 5 + kAesGcmTagSize);
  EXPECT_NE(*a, *b);
  EXPECT_EQ(*aesGcmOpen(key, *a, "aad"), "hello");
}

TEST(AesGcm, RejectsWrongKeySizeAndShortInput) {
  EXPECT_EQ(aesGcmSeal(Bytes(16, 1), "x", "").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(aesGcmOpen(Bytes(32, 1), Bytes(27, 0), "").error().code, ErrorCode::kInvalidArgument);
}

// RFC 4231 test case 2.
TEST(Hmac, MatchesRfc4231Vector) {
  const std::string_view key = "Jefe";
  auto mac = hmacSha256Hex(asBytes(key), "what do ya want for nothing?");
  ASSERT_TRUE(mac.ok());
  EXPECT_EQ(*mac, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

// RFC 8032 section 7.1, test 1.
TEST(Ed25519, MatchesRfc8032Vector) {
  const Bytes seed = fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  auto pub = ed25519PublicKey(seed);
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(hexEncode(*pub), "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  auto sig = ed25519Sign(seed, "");
  ASSERT_TRUE(sig.ok());
  EXPECT_EQ(hexEncode(*sig),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39"
            "701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  EXPECT_TRUE(ed25519Verify(*pub, "", *sig).ok());
  EXPECT_EQ(ed25519Verify(*pub, "x", *sig).error().code, ErrorCode::kPermissionDenied);
}

TEST(Ed25519, PemRoundTrips) {
  const Bytes seed(kEd25519SeedSize, 3);
  auto pub = ed25519PublicKey(seed);
  ASSERT_TRUE(pub.ok());
  auto pem = ed25519PublicKeyPem(*pub);
  ASSERT_TRUE(pem.ok());
  EXPECT_EQ(pem->rfind("-----BEGIN PUBLIC KEY-----\n", 0), 0U);
  auto back = ed25519PublicKeyFromPem(*pem);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, *pub);
  EXPECT_FALSE(ed25519PublicKeyFromPem("not a pem").ok());
}

TEST(Ed25519, RejectsWrongSizes) {
  EXPECT_EQ(ed25519Sign(Bytes(31, 0), "m").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(ed25519Verify(Bytes(32, 0), "m", Bytes(63, 0)).error().code,
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace dsrflow::crypto
