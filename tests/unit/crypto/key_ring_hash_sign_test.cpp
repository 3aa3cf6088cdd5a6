#include <gtest/gtest.h>

#include "crypto/base64.hpp"
#include "crypto/ed25519.hpp"
#include "key_ring_fixture.hpp"

namespace dsrflow::crypto {
namespace {

using HashTest = KeyRingTest;
using SignTest = KeyRingTest;

TEST_F(HashTest, IsDeterministicPerKeyAndRecordsTheKeyId) {
  const KeyRing ring = initAndLoad();
  auto a = ring.lookupHash("email:alice@example.com");
  auto b = ring.lookupHash("email:alice@example.com");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->keyId, "hash-1");
  EXPECT_EQ(a->hex.size(), 64U);
  EXPECT_EQ(a->hex.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(*a, *b);
  EXPECT_NE(a->hex, ring.lookupHash("email:bob@example.com")->hex);
}

TEST_F(HashTest, DiffersBetweenKeysAndRingsAndLookupHashesCoversOldKeys) {
  const KeyRing first = initAndLoad();
  const KeyedHash old = *first.lookupHash("email:alice@example.com");
  rotate(std::vector{KeyKind::kLookupHash});
  clock_.advance(std::chrono::minutes(1));
  rotate(std::vector{KeyKind::kLookupHash});
  const KeyRing ring = load();

  const KeyedHash current = *ring.lookupHash("email:alice@example.com");
  EXPECT_EQ(current.keyId, "hash-3");
  EXPECT_NE(current.hex, old.hex);

  auto all = ring.lookupHashes("email:alice@example.com");
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3U);
  EXPECT_EQ((*all)[0], current);  // active first
  EXPECT_EQ((*all)[1].keyId, "hash-2");
  EXPECT_EQ((*all)[2], old);  // data hashed before the rotations still matches
  EXPECT_NE((*all)[1].hex, (*all)[2].hex);

  testing::TempDir other{"dsrflow-crypto-other"};
  ASSERT_TRUE(initKeyRing(other.path() / "keys", clock_).ok());
  const KeyRing otherRing = KeyRing::load(other.path() / "keys").value();
  EXPECT_NE(otherRing.lookupHash("email:alice@example.com")->hex, old.hex);
}

TEST_F(SignTest, SignsAndVerifies) {
  const KeyRing ring = initAndLoad();
  auto sig = ring.sign("erasure certificate for req-1");
  ASSERT_TRUE(sig.ok());
  EXPECT_EQ(sig->keyId, "sig-1");
  EXPECT_TRUE(ring.verify("erasure certificate for req-1", *sig).ok());
  // Ed25519 is deterministic.
  EXPECT_EQ(*ring.sign("erasure certificate for req-1"), *sig);
}

TEST_F(SignTest, VerificationFailsForChangedMessageWrongKeyOrBadValue) {
  initAndLoad();
  rotate(std::vector{KeyKind::kSigning});
  const KeyRing ring = load();
  const Signature sig = *ring.sign("message");
  EXPECT_EQ(sig.keyId, "sig-2");

  auto changed = ring.verify("message!", sig);
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.error().code, ErrorCode::kPermissionDenied);

  auto wrongKey = ring.verify("message", Signature{"sig-1", sig.value});
  ASSERT_FALSE(wrongKey.ok());
  EXPECT_EQ(wrongKey.error().code, ErrorCode::kPermissionDenied);

  EXPECT_EQ(ring.verify("message", Signature{"sig-7", sig.value}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(ring.verify("message", Signature{"enc-1", sig.value}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(ring.verify("message", Signature{"sig-2", "not base64"}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(ring.verify("message", Signature{"sig-2", "AAAA"}).error().code,
            ErrorCode::kInvalidArgument);
}

TEST_F(SignTest, RetiredKeysStillVerify) {
  const Signature old = *initAndLoad().sign("message");
  rotate();
  EXPECT_TRUE(load().verify("message", old).ok());
}

TEST_F(SignTest, TokenRoundTrips) {
  const Signature sig = *initAndLoad().sign("m");
  EXPECT_EQ(sig.token().rfind("v1:sig-1:", 0), 0U);
  auto parsed = Signature::parse(sig.token());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, sig);
  EXPECT_FALSE(Signature::parse("sig-1:abc").ok());
  EXPECT_FALSE(Signature::parse("v1:nope:abc").ok());
}

TEST_F(SignTest, PublicKeyExportVerifiesOutsideTheRing) {
  initAndLoad();
  rotate(std::vector{KeyKind::kSigning});
  const KeyRing ring = load();
  auto exported = ring.publicKey();
  ASSERT_TRUE(exported.ok());
  EXPECT_EQ(exported->keyId, "sig-2");
  EXPECT_EQ(exported->status, KeyStatus::kActive);
  EXPECT_EQ(exported->pem.rfind("-----BEGIN PUBLIC KEY-----", 0), 0U);

  const Signature sig = *ring.sign("webhook body");
  const Bytes fromPem = ed25519PublicKeyFromPem(exported->pem).value();
  EXPECT_EQ(base64Encode(fromPem), exported->rawBase64);
  EXPECT_TRUE(ed25519Verify(fromPem, "webhook body", base64Decode(sig.value).value()).ok());

  auto all = ring.publicKeys();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2U);
  EXPECT_EQ((*all)[0].keyId, "sig-2");
  EXPECT_EQ((*all)[1].keyId, "sig-1");
  EXPECT_EQ((*all)[1].status, KeyStatus::kRetired);
  EXPECT_EQ(ring.publicKey("sig-1")->rawBase64, (*all)[1].rawBase64);
  EXPECT_EQ(ring.publicKey("enc-1").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(ring.publicKey("sig-3").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace dsrflow::crypto
